"""`sparring plan validate` and `sparring plan example`; loading a plan for `run --plan`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import click

from bridge.config import BotsFile, load_bots_file
from simulator.errors import ConfigError
from simulator.knowledge import load_knowledge
from simulator.persona import Persona
from simulator.plan import RunPlan
from simulator.plan_file import PlanFile, PlanInvalid
from tui.commands.options import bots_option, personas_option, resolve_bots, resolve_personas
from tui.console import console


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A plan file read and checked against the personas and bots it names."""

    path: Path
    plan: RunPlan
    personas: dict[str, Persona]
    bots_file: BotsFile


def load_plan(path: Path, bots_path: Path | None, persona_dirs: tuple[Path, ...]) -> LoadedPlan:
    """Read `path` and everything it refers to; PlanInvalid listing every problem.

    The plan's `bots_file` and `personas_dir` are relative to the plan file; `--bots`
    given on the command line wins over `bots_file`, `--personas` add to `personas_dir`.
    """
    problems: list[str] = []
    try:
        spec = PlanFile.read(path)
    except PlanInvalid as exc:
        if exc.parsed is None:
            raise
        spec, problems = exc.parsed, list(exc.problems)
    bots_file: BotsFile | None = None
    try:
        if bots_path is None and spec.bots_file is not None:
            bots_file = load_bots_file(path.parent / spec.bots_file)
        else:
            bots_file = resolve_bots(bots_path)
    except ConfigError as exc:
        problems.append(str(exc))
    dirs = persona_dirs
    if spec.personas_dir is not None:
        dirs = (path.parent / spec.personas_dir, *persona_dirs)
    catalog: dict[str, Persona] = {}
    try:
        catalog = resolve_personas(dirs)
    except ConfigError as exc:
        problems.append(str(exc))
    bot_ids = tuple(bots_file.bots) if bots_file else ()
    problems += spec.problems(path, catalog, bot_ids)
    knowledge = None
    if spec.knowledge is not None:
        knowledge = path.parent / spec.knowledge
        try:
            load_knowledge(knowledge)
        except ConfigError as exc:
            problems.append(f"{path}: knowledge = {str(spec.knowledge)!r}; {exc}")
    if problems:
        raise PlanInvalid(problems)
    assert bots_file is not None
    plan = spec.run_plan(catalog, bot_ids)
    if knowledge is not None:
        plan = replace(plan, knowledge_dir=str(knowledge.resolve()))
    return LoadedPlan(path, plan, catalog, bots_file)


@click.group(name="plan")
def plan_group() -> None:
    """Batch plans in YAML: check one, or start from the example."""


@plan_group.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@bots_option
@personas_option
def validate(path: Path, bots_path: Path | None, persona_dirs: tuple[Path, ...]) -> None:
    """Check a plan file: every problem on its own line with file, field and value.

    Exit status: 0 valid, 2 problems found.
    """
    try:
        loaded = load_plan(path, bots_path, persona_dirs)
    except PlanInvalid as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        raise SystemExit(2) from None
    plan = loaded.plan
    console.print(
        f"{path}: valid: {len(plan.persona_ids)} personas x {len(plan.bot_ids)} bots x "
        f"{plan.conversations} = {plan.total_conversations} conversations, "
        f"{plan.min_turns}-{plan.max_turns} turns, seed {plan.seed}, "
        f"persona engine {plan.persona_engine}"
        + (f", judge {plan.judge_model}" if plan.judge_model else "")
    )


@plan_group.command()
def example() -> None:
    """Print an example plan with every field explained (`> plan.yaml` to start one)."""
    click.echo(resources.files("simulator").joinpath("plan_example.yaml").read_text(), nl=False)
