"""`sparring compare`: is run B better, worse, or not detectably different from run A?"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import click
from rich.table import Table

from simulator.compare import (
    ConversationFigures,
    MetricComparison,
    compare_pairs,
    compare_runs,
)
from simulator.errors import ConfigError
from storage.comparison import conversation_figures
from storage.database import Database
from storage.queries import resolve_run
from tui.commands.options import db_option, existing_db
from tui.console import console

EXIT_WORSE = 1
PRIMARY = "conversation_quality"


def _threshold(value: str) -> tuple[str, float]:
    metric, _, delta = value.rpartition(":")
    try:
        return metric, float(delta)
    except ValueError:
        raise ConfigError(f"--fail-if-worse = {value!r}; expected METRIC:DELTA, e.g. "
                          "conversation_quality:0.05") from None


@click.command()
@click.argument("run_a", metavar="RUN_A")
@click.argument("run_b", metavar="RUN_B")
@click.option("--metric", "metrics", multiple=True, metavar="NAME",
              help="Compare only these metrics (repeatable). Default: every metric both "
              "runs have that has a good direction.")
@click.option("--by-pair", "pair_metric", default=PRIMARY, show_default=True, metavar="NAME",
              help="The metric compared per persona x bot.")
@click.option("--fail-if-worse", "thresholds", multiple=True, metavar="METRIC:DELTA",
              help="Exit 1 when B is detectably worse than A on METRIC by DELTA or more "
              "(in the metric's units; repeatable). For CI pipelines.")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
@click.option("--seed", default=0, show_default=True, help="Seed of the bootstrap.")
@click.option("--resamples", default=2000, show_default=True,
              type=click.IntRange(min=100), help="Bootstrap resamples.")
@click.option("--db-b", "db_b", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database holding RUN_B, when not the same as RUN_A's.")
@db_option
def compare(
    run_a: str, run_b: str, metrics: tuple[str, ...], pair_metric: str,
    thresholds: tuple[str, ...], as_json: bool, seed: int, resamples: int,
    db_b: Path | None, db: Path | None,
) -> None:
    """Compare run B against run A per metric and per persona x bot.

    Each metric's difference of means (B - A, conversations as the unit) gets a 95%
    bootstrap interval; the verdict is better or worse when the interval excludes zero,
    else "no detectable change". RUN_A and RUN_B are ids, prefixes or `latest`.

    \b
    Examples:
      sparring compare 3f2a9c1e 8d0b7e44
      sparring compare baseline latest --fail-if-worse conversation_quality:0.05
      sparring compare 3f2a9c1e 8d0b7e44 --db-b candidate.db --json

    Exit status: 0 done, 1 worse beyond a --fail-if-worse threshold, 2 bad input.
    """
    limits = [_threshold(value) for value in thresholds]
    path_a = existing_db(db)
    path_b = existing_db(db_b) if db_b else path_a
    (id_a, a), (id_b, b) = asyncio.run(_load(path_a, run_a)), asyncio.run(_load(path_b, run_b))
    compared = compare_runs(a, b, metrics or None, seed, resamples)
    by_name = {c.metric: c for c in compared}
    missing = [m for m, _ in limits if m not in by_name]
    if missing:
        raise ConfigError(f"--fail-if-worse names {missing[0]!r}, which the runs do not both "
                          f"have (they have: {', '.join(sorted(by_name))})")
    pairs = compare_pairs(a, b, pair_metric, seed, resamples)
    failed = [(m, d) for m, d in limits
              if by_name[m].verdict == "worse" and by_name[m].worsening >= d]
    if as_json:
        click.echo(json.dumps({
            "run_a": id_a, "run_b": id_b,
            "metrics": [_as_dict(c) for c in compared],
            "pairs": [{"persona_id": p, "bot_id": bot, **_as_dict(c)}
                      for (p, bot), c in pairs.items()],
            "failed": [{"metric": m, "delta": d} for m, d in failed],
        }, indent=1))
    else:
        _print(id_a, id_b, compared, pairs, pair_metric)
        for metric, delta in failed:
            console.print(f"[bold red]worse[/]: {metric} fell by "
                          f"{by_name[metric].worsening:.4g} (threshold {delta:g})")
    if failed:
        raise SystemExit(EXIT_WORSE)


async def _load(path: Path, ref: str) -> tuple[str, list[ConversationFigures]]:
    async with Database(path) as db:
        run_id = await resolve_run(db, ref)
        return run_id, await conversation_figures(db, run_id)


def _as_dict(c: MetricComparison) -> dict[str, object]:
    return {"metric": c.metric, "better": c.better, "n_a": c.n_a, "n_b": c.n_b,
            "mean_a": c.mean_a, "mean_b": c.mean_b, "delta": c.delta,
            "ci95": list(c.ci) if c.ci else None, "verdict": c.verdict}


_STYLE = {"better": "green", "worse": "red"}


def _row(c: MetricComparison) -> list[str]:
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.4g}"

    ci = "-" if c.ci is None else f"[{c.ci[0]:+.3g}, {c.ci[1]:+.3g}]"
    style = _STYLE.get(c.verdict)
    verdict = f"[{style}]{c.verdict}[/]" if style else c.verdict
    delta = "-" if c.delta is None else f"{c.delta:+.4g}"
    return [fmt(c.mean_a), fmt(c.mean_b), delta, ci, verdict]


def _print(id_a: str, id_b: str, compared: list[MetricComparison],
           pairs: dict[tuple[str, str], MetricComparison], pair_metric: str) -> None:
    table = Table(title=f"run B {id_b[:8]} against run A {id_a[:8]}", header_style="bold")
    for name in ("metric", "better", "A", "B", "B - A", "95% interval", "verdict"):
        table.add_column(name, justify="left" if name in ("metric", "verdict") else "right")
    for c in compared:
        table.add_row(c.metric, c.better, *_row(c))
    console.print(table)
    table = Table(title=f"{pair_metric} per persona x bot", header_style="bold")
    for name in ("persona", "bot", "A", "B", "B - A", "95% interval", "verdict"):
        table.add_column(name, justify="left" if name in ("persona", "bot", "verdict")
                         else "right")
    for (persona, bot), c in pairs.items():
        table.add_row(persona, bot, *_row(c))
    console.print(table)
