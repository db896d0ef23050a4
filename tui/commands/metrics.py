"""`sparring metrics`: every metric Sparring records, with its range and meaning."""

from __future__ import annotations

import click
from rich.table import Table

from simulator.judge.rubric import builtin_rubrics, resolve_rubrics
from simulator.metrics.catalog import CATALOG
from tui.console import console


@click.command()
@click.option("--rubric", "rubrics", multiple=True, metavar="ID|FILE",
              help="Also list the judge metrics of this rubric file (repeatable).")
def metrics(rubrics: tuple[str, ...]) -> None:
    """List every metric: name, scope, range, source and meaning.

    Heuristic and persona metrics are recorded on every run; judge metrics (one per
    rubric criterion) when a judge model is set.
    """
    table = Table("name", "scope", "range", "source", "meaning")
    judged = [*builtin_rubrics().values(), *resolve_rubrics(rubrics)] if rubrics else list(
        builtin_rubrics().values()
    )
    seen: set[str] = set()
    specs = [*CATALOG, *(spec for rubric in judged for spec in rubric.metric_specs())]
    for spec in specs:
        if spec.name not in seen:
            seen.add(spec.name)
            table.add_row(spec.name, spec.scope, spec.range_text, spec.source, spec.meaning)
    console.print(table)
