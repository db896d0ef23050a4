"""`sparring report`: a run as one self-contained HTML file."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import click

from storage.database import Database
from storage.queries import resolve_run
from storage.report_data import ReportData, report_data
from tui.commands.options import db_option, existing_db
from tui.console import console


@click.command()
@click.argument("run_ref", metavar="RUN", default="latest")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write. Default: sparring-report-<run>.html here.")
@db_option
def report(run_ref: str, out: Path | None, db: Path | None) -> None:
    """Write one HTML file about a run: quality per persona x bot, latency over the run,
    ratings, judge and human agreement, the summary tables. Charts are inline SVG, so the
    file opens offline and can be attached to a ticket or a CI artifact.

    RUN is a run id, a unique prefix or `latest` (the default).
    """
    path = asyncio.run(_write(existing_db(db), run_ref, out))
    console.print(f"report written to {path}")


async def _write(db_path: Path, run_ref: str, out: Path | None) -> Path:
    async with Database(db_path) as db:
        data = await report_data(db, await resolve_run(db, run_ref))
    target = out or Path(f"sparring-report-{data.run_id[:8]}.html")
    await asyncio.to_thread(_render_to, data, target)
    return target


def _render_to(data: ReportData, target: Path) -> None:
    """Render off the event loop and replace `target` only once the page is complete."""
    from tui.report.page import render

    page = render(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(page)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; a report is meant to be shared
    os.replace(temporary, target)
