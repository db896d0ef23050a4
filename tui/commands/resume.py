"""`sparring resume`: finish an interrupted run, or hold its failed conversations again."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import click

from simulator.plan import plan_from_dict
from simulator.text import counted
from storage.database import Database
from storage.queries import resolve_run
from storage.resume import ResumePoint, check_resumable, clear_partial, resume_point
from tui.commands.options import (
    bots_option,
    db_option,
    existing_db,
    llm_options,
    personas_option,
    resolve_bots,
    resolve_endpoint,
    resolve_personas,
)
from tui.commands.run import exit_for, headless_run
from tui.console import err_console
from tui.session import LLMSettings


@click.command()
@click.argument("run_ref", metavar="RUN")
@click.option("--max-cost", type=float, default=None, metavar="USD",
              help="A new LLM budget for the whole run (its spending so far included), to "
              "finish a run its budget stopped.")
@click.option("--max-total-turns", type=click.IntRange(min=1), default=None, metavar="N",
              help="A new turn budget for the whole run, to finish a run it stopped.")
@click.option("--retry-failed", is_flag=True,
              help="Also hold again the conversations that ended failed (a bot that was "
              "down), completed runs included.")
@llm_options
@bots_option
@personas_option
@db_option
def resume(
    run_ref: str,
    max_cost: float | None,
    max_total_turns: int | None,
    retry_failed: bool,
    llm_base_url: str | None,
    llm_api_key_env: str,
    llm_timeout: float,
    llm_rpm: float | None,
    llm_tpm: float | None,
    prices_path: Path | None,
    bots_path: Path | None,
    persona_dirs: tuple[Path, ...],
    db: Path | None,
) -> None:
    """Finish an interrupted run (Ctrl-C, --max-cost, a crash or kill -9), or redo its failures.

    RUN is a run id, a unique prefix or `latest`. Conversations that ended (completed or
    failed) are kept; those that did not are deleted and held again from the start with
    the same seed, so the run ends with exactly the conversations its plan names, none
    twice. Give the same --bots and --personas as the run had (and the LLM options, if it
    used models); a persona whose definition changed since is refused.

    With --retry-failed, conversations that ended failed (the bot was down, say) are
    deleted too, ratings and all, and held again under the same ids with the same persona,
    bot and seed, so they send the same opening messages; the run's status and figures then
    count the new attempts only. This works on completed runs too.

    A run stopped by its budget needs a higher one (--max-cost, --max-total-turns) to go
    on; without it, resume refuses before touching anything.

    Exit status: 0 done (or nothing to resume), 1 every conversation failed, 2 bad input,
    3 stopped by a budget, 130 interrupted again.
    """
    catalog = resolve_personas(persona_dirs)
    bots_file = resolve_bots(bots_path)
    db_path = existing_db(db)
    point = asyncio.run(_point(db_path, run_ref, retry_failed))
    if point.nothing_to_do:
        hint = "" if retry_failed or not point.failed else (
            f" ({counted(point.failed, 'conversation')} failed; --retry-failed holds them "
            "again)")
        err_console.print(f"run {point.run_id[:8]} is completed; nothing to resume{hint}")
        return
    plan = plan_from_dict(point.plan)
    if max_cost is not None:
        plan = replace(plan, max_cost_usd=max_cost)
    if max_total_turns is not None:
        plan = replace(plan, max_total_turns=max_total_turns)
    check_resumable(plan, catalog, point)
    llm = LLMSettings(
        resolve_endpoint(llm_base_url, llm_api_key_env, llm_timeout, llm_rpm, llm_tpm),
        prices_path,
    )
    cleared = asyncio.run(_clear(db_path, point.run_id, retry_failed))
    redone = (f"{cleared} failed or unfinished redone" if retry_failed
              else f"{cleared} unfinished redone")
    dropped = (f" ({counted(point.discarded_ratings, 'rating')} on them dropped)"
               if point.discarded_ratings else "")
    err_console.print(
        f"[bold]sparring resume[/] run {point.run_id[:8]}: {len(point.done)} of "
        f"{plan.total_conversations} conversations kept, {redone}{dropped}, "
        f"{plan.total_conversations - len(point.done) - cleared} not yet started"
    )
    exit_for(asyncio.run(headless_run(plan, catalog, bots_file, db_path, llm, resume=point)))


async def _point(db_path: Path, run_ref: str, retry_failed: bool) -> ResumePoint:
    async with Database(db_path) as db:
        return await resume_point(db, await resolve_run(db, run_ref),
                                  retry_failed=retry_failed)


async def _clear(db_path: Path, run_id: str, retry_failed: bool) -> int:
    async with Database(db_path) as db:
        return await clear_partial(db, run_id, retry_failed=retry_failed)
