"""`sparring tui` and `sparring demo`: the control room, on a database or on a live demo."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

from bridge.config import demo_bots_file
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tui.commands.options import (
    bots_option,
    db_option,
    personas_option,
    resolve_bots,
    resolve_db,
    resolve_personas,
)
from tui.console import err_console

DEMO_PLAN = RunPlan(
    persona_ids=tuple(builtin_personas()),
    bot_ids=tuple(demo_bots_file().bots),
    conversations=5,
    min_turns=3,
    max_turns=8,
    concurrency=8,
    seed=0,
)
"""The demo batch: every built-in persona x every demo bot, five conversations each."""


def interactive() -> bool:
    """A terminal to draw on, or a Textual driver that stands in for one (`sparring serve`)."""
    return (sys.stdin.isatty() and sys.stdout.isatty()) or "TEXTUAL_DRIVER" in os.environ


@click.command()
@bots_option
@personas_option
@db_option
def tui(bots_path: Path | None, persona_dirs: tuple[Path, ...], db: Path | None) -> None:
    """Open the control room on the database (also what bare `sparring` does).

    Watch runs live, read transcripts with their metrics, rate bot turns, start, pause and
    cancel runs. Press ? inside for the keys.
    """
    from tui.app import SparringApp

    if not interactive():
        raise click.ClickException("the app needs a terminal; use `sparring run` for batches")
    SparringApp(resolve_db(db), personas=resolve_personas(persona_dirs),
                bots_file=resolve_bots(bots_path)).run()


@click.command()
@db_option
def demo(db: Path | None) -> None:
    """Open the app with the demo bots answering and a demo batch streaming in.

    Without a terminal (in CI, piped), runs the same batch headless and prints its summary.
    """
    path = resolve_db(db)
    bots_file = demo_bots_file()
    personas = builtin_personas()
    if interactive():
        from tui.app import SparringApp

        SparringApp(path, personas=personas, bots_file=bots_file, start_plan=DEMO_PLAN).run()
        return
    from tui.commands.run import exit_for, headless_run

    err_console.print("no terminal: running the demo batch headless")
    exit_for(asyncio.run(headless_run(DEMO_PLAN, personas, bots_file, path)))
