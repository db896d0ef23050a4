"""`sparring gaps`: which persona x topic x emotional state x bot cells need data; `--fill`
runs the conversations that close them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from simulator.coverage import Cell, Gap, expected_cells, fill_targets, find_gaps
from simulator.errors import ConfigError
from simulator.persona import select_personas
from simulator.plan import RunPlan
from storage.coverage import cell_samples
from storage.database import Database
from storage.queries import resolve_run
from tui.commands.options import (
    bots_option,
    db_option,
    engine_options,
    existing_db,
    llm_options,
    model_settings,
    personas_option,
    resolve_bots,
    resolve_db,
    resolve_personas,
)
from tui.commands.run import exit_for, headless_run
from tui.console import console, err_console

SOURCES = ("synthetic", "real", "augmented", "human")


@click.command()
@click.option("--target", default=3, show_default=True, type=click.IntRange(min=1),
              help="Completed conversations each cell should have.")
@click.option("--max-ci", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="W", help="Also a gap: a cell whose mean quality's 95% interval is "
              "wider than +/-W (it gets enough conversations to narrow it).")
@click.option("-p", "--persona", "persona_ids", multiple=True,
              help="Persona to cover (repeatable). Default: every known persona.")
@click.option("-b", "--bot", "bot_ids", multiple=True,
              help="Bot to cover (repeatable). Default: every bot in the bots file.")
@click.option("--category", "categories", multiple=True, metavar="NAME",
              help="Count per category too (a plan's domains; repeatable): each cell is "
              "also split by these categories, and --fill labels its conversations so.")
@click.option("--run", "run_ref", default=None, metavar="RUN",
              help="Count only this run's conversations. Default: the whole database.")
@click.option("--source", "sources", multiple=True, type=click.Choice(SOURCES),
              help="Count only conversations of this source (repeatable). Default: all.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0),
              help="Rows of the gap table to show (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print every cell as JSON instead.")
@click.option("--fill", is_flag=True, help="Run the conversations that close the gaps.")
@click.option("--max-conversations", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --fill: at most N conversations, spread over the widest gaps.")
@click.option("--min-turns", default=3, show_default=True, help="With --fill: fewest messages.")
@click.option("--max-turns", default=8, show_default=True, help="With --fill: most messages.")
@click.option("-c", "--concurrency", default=16, show_default=True,
              help="With --fill: conversations in flight at once.")
@click.option("--seed", default=0, show_default=True, help="With --fill: the run seed.")
@engine_options
@llm_options
@bots_option
@personas_option
@db_option
def gaps(
    target: int,
    max_ci: float | None,
    persona_ids: tuple[str, ...],
    bot_ids: tuple[str, ...],
    categories: tuple[str, ...],
    run_ref: str | None,
    sources: tuple[str, ...],
    limit: int,
    as_json: bool,
    fill: bool,
    max_conversations: int | None,
    min_turns: int,
    max_turns: int,
    concurrency: int,
    seed: int,
    bots_path: Path | None,
    persona_dirs: tuple[Path, ...],
    db: Path | None,
    **model_options: Any,
) -> None:
    """Show where the dataset is thin, and fill it with --fill.

    The cells are every persona x each of its topics x each of its emotional states x
    bot (x each --category). A cell is a gap while it has fewer than --target completed
    conversations, or (with --max-ci) while its mean conversation_quality is less certain
    than +/-W. Gaps come first by conversations missing, then by the width of their
    interval.

    \b
    Examples:
      sparring gaps                                # the 20 widest gaps
      sparring gaps --target 5 --max-ci 0.1 -b elena
      sparring gaps --fill --max-conversations 200 # run them, then show what is left

    Exit status: 0 done, 2 bad input, 3 stopped by --max-cost.
    """
    catalog = resolve_personas(persona_dirs)
    personas = select_personas(catalog, persona_ids or tuple(catalog))
    bots_file = resolve_bots(bots_path)
    unknown = [bot for bot in bot_ids if bot not in bots_file.bots]
    if unknown:
        raise ConfigError(f"--bot = {unknown[0]!r}: not in {bots_file.source} "
                          f"(known: {', '.join(bots_file.bots)})")
    bots = bot_ids or tuple(bots_file.bots)
    db_path = resolve_db(db) if fill else existing_db(db)
    cells = expected_cells(personas, bots, categories)
    before = asyncio.run(_gaps(db_path, cells, target, max_ci, run_ref, sources))
    if as_json and not fill:
        click.echo(json.dumps([_as_dict(gap) for gap in before], indent=1))
        return
    _show(before, limit, "coverage")
    if not fill:
        return
    targets = fill_targets(before, max_conversations)
    if not targets:
        err_console.print("nothing to fill: every cell is covered")
        return
    plan_fields, llm = model_settings(model_options)
    plan = RunPlan.of_targets(
        targets,
        conversations=target,
        min_turns=min_turns,
        max_turns=max_turns,
        concurrency=concurrency,
        seed=seed,
        **plan_fields,
    )
    err_console.print(f"[bold]sparring gaps --fill[/] {plan.total_conversations} conversations "
                      f"over {len(targets)} cells from {bots_file.source} -> {db_path}")
    result = asyncio.run(headless_run(plan, catalog, bots_file, db_path, llm))
    after = asyncio.run(_gaps(db_path, cells, target, max_ci, run_ref, sources))
    _show(after, limit, "coverage after filling")
    exit_for(result)


async def _gaps(
    db_path: Path,
    cells: list[Cell],
    target: int,
    max_ci: float | None,
    run_ref: str | None,
    sources: tuple[str, ...],
) -> list[Gap]:
    by_category = any(cell.category is not None for cell in cells)
    async with Database(db_path) as db:
        run_id = await resolve_run(db, run_ref) if run_ref else None
        samples = await cell_samples(db, run_id=run_id, sources=sources,
                                     by_category=by_category)
    return find_gaps(cells, samples, target, max_ci)


def _show(all_gaps: list[Gap], limit: int, title: str) -> None:
    open_gaps = [gap for gap in all_gaps if gap.missing]
    missing = sum(gap.missing for gap in open_gaps)
    console.print(f"[bold]{title}[/]: {len(all_gaps)} cells, {len(open_gaps)} gaps, "
                  f"{missing} conversations missing")
    shown = open_gaps if limit == 0 else open_gaps[:limit]
    if not shown:
        return
    table = Table(box=None, header_style="bold")
    by_category = shown[0].cell.category is not None
    for name in ("persona", "topic", "emotional state", "bot",
                 *(("category",) if by_category else ())):
        table.add_column(name)
    for name in ("convs", "target", "missing", "quality"):
        table.add_column(name, justify="right")
    for gap in shown:
        cell, sample = gap.cell, gap.sample
        quality = "-" if sample.mean is None else f"{sample.mean:.2f}"
        if sample.ci is not None:
            quality += f" ±{sample.ci:.2f}"
        table.add_row(cell.persona_id, cell.topic, cell.emotional_state, cell.bot_id,
                      *((cell.category or "",) if by_category else ()),
                      str(sample.conversations), str(gap.target), str(gap.missing), quality)
    console.print(table)
    if len(shown) < len(open_gaps):
        console.print(f"... and {len(open_gaps) - len(shown)} more (--limit 0 shows all)")


def _as_dict(gap: Gap) -> dict[str, object]:
    cell, sample = gap.cell, gap.sample
    return {"persona_id": cell.persona_id, "topic": cell.topic,
            "emotional_state": cell.emotional_state, "bot_id": cell.bot_id,
            "category": cell.category,
            "conversations": sample.conversations, "target": gap.target,
            "missing": gap.missing, "mean_quality": sample.mean, "ci95": sample.ci}
