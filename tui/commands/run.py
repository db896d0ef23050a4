"""`sparring run`: a persona x bot batch from the command line."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from bridge.config import BotsFile
from simulator.errors import ConfigError
from simulator.knowledge import load_knowledge
from simulator.live_stats import LiveStats
from simulator.persona import Persona, select_personas
from simulator.plan import RunPlan
from simulator.runner import OPERATOR_STOP
from simulator.text import counted
from storage.database import Database
from storage.queries import failure_reasons, run_report
from storage.resume import ResumePoint
from tui.commands.options import (
    bots_option,
    db_option,
    engine_options,
    llm_options,
    model_settings,
    personas_option,
    resolve_bots,
    resolve_db,
    resolve_personas,
)
from tui.commands.plan import load_plan
from tui.console import ProgressDisplay, console, err_console, guard_summary, print_report
from tui.session import LLMSettings, RunResult, execute_run

EXIT_ALL_FAILED = 1
EXIT_BUDGET = 3
EXIT_INTERRUPTED = 130


@click.command()
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Run the batch a plan.yaml declares (`sparring plan example`).")
@click.option("--shard", default=None, metavar="I/N", callback=lambda _c, _p, v: parse_shard(v),
              help="Hold only slice I of N (0 <= I < N) of the plan's conversations, so N "
              "machines cover it exactly once; `sparring merge` joins their databases.")
@click.option("-p", "--persona", "persona_ids", multiple=True,
              help="Persona id (repeatable). Default: every known persona.")
@click.option("-b", "--bot", "bot_ids", multiple=True,
              help="Bot id from the bots file (repeatable). Default: every bot in it.")
@click.option("-n", "--conversations", default=5, show_default=True,
              help="Conversations per persona x bot pair.")
@click.option("--min-turns", default=3, show_default=True, help="Fewest user messages.")
@click.option("--max-turns", default=8, show_default=True, help="Most user messages.")
@click.option("-c", "--concurrency", default=16, show_default=True,
              help="Conversations in flight at once.")
@click.option("--seed", default=0, show_default=True,
              help="Run seed; the same seed and personas give the same user messages.")
@click.option("--goal", "goals", multiple=True, metavar="TEXT",
              help="A goal each conversation pursues, as a verb phrase ('get a refund'; "
              "repeatable: one drawn per conversation). Default: the persona's own goals.")
@click.option("--knowledge", "knowledge_dir", default=None, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of .md / .txt files: every conversation asks about one of its "
              "passages (a grounded, RAG-style question), recorded on each turn.")
@engine_options
@llm_options
@bots_option
@personas_option
@db_option
@click.pass_context
def run(
    ctx: click.Context,
    plan_path: Path | None,
    shard: tuple[int, int] | None,
    persona_ids: tuple[str, ...],
    bot_ids: tuple[str, ...],
    conversations: int,
    min_turns: int,
    max_turns: int,
    concurrency: int,
    seed: int,
    goals: tuple[str, ...],
    knowledge_dir: Path | None,
    bots_path: Path | None,
    persona_dirs: tuple[Path, ...],
    db: Path | None,
    **model_options: Any,
) -> None:
    """Run personas against bots and record every turn.

    \b
    Examples:
      sparring run                                   # demo bots x built-in personas
      sparring run -p analytical_alex -b elena -n 100 --min-turns 5 --max-turns 15
      sparring run --bots bots.yaml --personas my_personas/ --db qa.db
      sparring run --persona-engine llm --persona-model gpt-4o-mini \
                   --judge-model gpt-4o-mini --max-cost 2

    Exit status: 0 done, 1 every conversation failed, 2 bad input, 3 stopped by a budget,
    130 interrupted.
    """
    plan_fields, llm = model_settings(model_options)
    if plan_path is not None:
        _refuse_plan_options(ctx)
        loaded = load_plan(plan_path, bots_path, persona_dirs)
        plan, catalog, bots_file = replace(loaded.plan, shard=shard), loaded.personas, \
            loaded.bots_file
        _start(plan, catalog, bots_file, resolve_db(db), llm)
        return
    catalog = resolve_personas(persona_dirs)
    bots_file = resolve_bots(bots_path)
    chosen = select_personas(catalog, persona_ids or tuple(catalog))
    plan = RunPlan(
        persona_ids=tuple(p.id for p in chosen),
        bot_ids=bot_ids or tuple(bots_file.bots),
        conversations=conversations,
        min_turns=min_turns,
        max_turns=max_turns,
        concurrency=concurrency,
        seed=seed,
        shard=shard,
        knowledge_dir=checked_knowledge(knowledge_dir),
        goals=goals,
        **plan_fields,
    )
    _start(plan, catalog, bots_file, resolve_db(db), llm)


_PLAN_FIELDS = ("persona_ids", "bot_ids", "conversations", "min_turns", "max_turns",
                "concurrency", "seed", "goals", "knowledge_dir", "persona_engine",
                "persona_model",
                "judge_model", "rubrics", "max_cost")
"""Options a plan file sets itself; giving them with --plan is a mistake."""


def checked_knowledge(directory: Path | None) -> str | None:
    """The knowledge folder as an absolute path, once it reads (a one-line error if not)."""
    if directory is None:
        return None
    load_knowledge(directory)
    return str(directory.resolve())


def parse_shard(value: str | None) -> tuple[int, int] | None:
    """`I/N` as (I, N); a one-line error unless 0 <= I < N."""
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit() and int(index) < int(count)):
        raise ConfigError(f"--shard = {value!r}; expected I/N with 0 <= I < N, e.g. 0/4")
    return int(index), int(count)


def _refuse_plan_options(ctx: click.Context) -> None:
    for name in _PLAN_FIELDS:
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
            option = next(p for p in ctx.command.params if p.name == name)
            raise ConfigError(f"{option.opts[-1]} given with --plan; set it in the plan file")


def _start(
    plan: RunPlan, catalog: dict[str, Persona], bots_file: BotsFile, db_path: Path,
    llm: LLMSettings,
) -> None:
    share = ""
    if plan.shard is not None:
        share = f", shard {plan.shard[0]}/{plan.shard[1]}: {plan.total_conversations}"
    err_console.print(
        f"[bold]sparring[/] {len(plan.persona_ids)} personas x {len(plan.bot_ids)} bots x "
        f"{plan.conversations} = {plan.planned_conversations} conversations{share} "
        f"from {bots_file.source} -> {db_path}"
    )
    exit_for(asyncio.run(headless_run(plan, catalog, bots_file, db_path, llm)))


def exit_for(result: RunResult) -> None:
    """Exit 130 for Ctrl-C, 3 for the cost budget; return normally for a finished run."""
    if result.status == "interrupted":
        err_console.print(f"stopped: {result.stop_reason}")
        raise SystemExit(
            EXIT_INTERRUPTED if result.stop_reason == OPERATOR_STOP else EXIT_BUDGET
        )


async def headless_run(
    plan: RunPlan,
    catalog: dict[str, Persona],
    bots_file: BotsFile,
    db_path: Path,
    llm: LLMSettings | None = None,
    resume: ResumePoint | None = None,
) -> RunResult:
    """Execute `plan` with a progress line on stderr, then print the summary tables."""
    stats = LiveStats()
    display = ProgressDisplay(stats)
    display.start()
    try:
        result = await execute_run(plan, catalog, bots_file, db_path, llm=llm, stats=stats,
                                   resume=resume)
    finally:
        await display.stop()
    async with Database(db_path) as database:
        report = await run_report(database, result.run_id)
        failures = await failure_reasons(database, result.run_id)
    title = f"run {result.run_id[:8]} {result.status} (seed {plan.seed})"
    print_report(title, report)
    if (guards := guard_summary(stats)) is not None:
        console.print(guards)
    failed = report.total.failed_conversations
    if failed:
        err_console.print(f"{counted(failed, 'conversation')} failed; "
                          + "; ".join(str(cause) for cause in failures))
    console.print(f"details: sparring stats --run {result.run_id[:8]} --db {db_path}")
    if failed:
        console.print(f"redo the failed ones: sparring resume {result.run_id[:8]} --retry-failed "
                      "(with this run's --bots, --personas and --db)")
    if failed and failed == report.total.conversations:
        raise SystemExit(EXIT_ALL_FAILED)
    return result
