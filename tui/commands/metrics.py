"""`sparring metrics`: every metric Sparring records, with its range and meaning."""

from __future__ import annotations

import click
from rich.table import Table

from simulator.metrics.catalog import CATALOG
from tui.console import console


@click.command()
def metrics() -> None:
    """List every metric: name, scope, range, source and meaning."""
    table = Table("name", "scope", "range", "source", "meaning")
    for spec in CATALOG:
        table.add_row(spec.name, spec.scope, spec.range_text, spec.source, spec.meaning)
    console.print(table)
