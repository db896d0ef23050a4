"""`sparring stats` and `sparring runs`: figures answered from the database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click
from rich.table import Table

from storage.database import Database
from storage.queries import failure_reasons, list_runs, resolve_run, run_report
from tui.commands.options import db_option, existing_db
from tui.console import console, err_console, print_report


@click.command()
@click.option("--run", "run_ref", default=None,
              help="Run id, unique prefix, or `latest`. Default: every run in the database.")
@db_option
def stats(run_ref: str | None, db: Path | None) -> None:
    """Quality, engagement, errors per persona x bot; judge scores; LLM tokens and cost."""
    path = existing_db(db)

    async def query() -> None:
        async with Database(path) as database:
            run_id = await resolve_run(database, run_ref) if run_ref else None
            report = await run_report(database, run_id)
            failures = await failure_reasons(database, run_id, limit=5)
        title = f"run {run_id}" if run_id else f"all runs in {path}"
        print_report(title, report)
        if failures:
            table = Table("cause", "conversations", "held back by the open circuit",
                          title="why conversations failed (most common causes)")
            for cause in failures:
                table.add_row(cause.cause, str(cause.count), str(cause.held_back or ""))
            console.print(table)

    asyncio.run(query())


@click.command()
@click.option("--limit", default=20, show_default=True, help="How many runs to list.")
@db_option
def runs(limit: int, db: Path | None) -> None:
    """List the newest runs in the database."""
    path = existing_db(db)
    err_console.print(f"database: {path}")

    async def query() -> None:
        async with Database(path) as database:
            found = await list_runs(database, limit)
        table = Table("run", "status", "started", "engine", "seed", "conversations")
        for run in found:
            table.add_row(run.id, run.status, run.started_at[:19], run.persona_engine,
                          str(run.seed), str(run.conversations))
        console.print(table)

    asyncio.run(query())
