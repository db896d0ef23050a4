"""Plain-terminal display of a run: a live progress line and summary tables (rich)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simulator.live_stats import LiveStats
from storage.queries import PairStatistics, RunReport

NON_TERMINAL_WIDTH = 140
"""Width used when output goes to a pipe or file, so tables are not cut at 80 columns."""


def _console(stderr: bool = False) -> Console:
    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = NON_TERMINAL_WIDTH
    return console


console = _console()
err_console = _console(stderr=True)


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def progress_figures(stats: LiveStats) -> str:
    """turns/s, errors, quality with its 95% interval, latency p50/p95, LLM cost."""
    quality = _fmt(stats.mean_quality)
    if stats.quality.ci95 is not None:
        quality += f"±{stats.quality.ci95:.2f}"
    parts = [
        f"{stats.turns_per_second:6.1f} turns/s",
        f"{stats.turns} turns",
        f"errors {stats.error_rate:5.1%}",
        f"quality {quality}",
    ]
    latency = stats.latency_percentiles()
    if latency is not None:
        parts.append(f"p50/p95 {latency[0]:.0f}/{latency[1]:.0f} ms")
    if stats.llm_calls:
        tokens = stats.prompt_tokens + stats.completion_tokens
        unpriced = f" ({stats.unpriced_calls} unpriced)" if stats.unpriced_calls else ""
        parts.append(f"LLM {tokens:,} tok ${stats.cost_usd:.4f}{unpriced}")
    if stats.rejected:
        parts.append(f"held back {sum(stats.rejected.values())}")
    return "  ".join(parts)


def guard_summary(stats: LiveStats) -> str | None:
    """The persona guards' firings of a run, or None when none fired."""
    if not stats.rejected:
        return None
    counts = ", ".join(f"{guard} {count}" for guard, count in sorted(stats.rejected.items()))
    ended = (f"; {stats.guard_endings} conversation(s) ended with no usable message"
             if stats.guard_endings else "")
    return f"persona messages held back by the guards (not sent): {counts}{ended}"


class ProgressDisplay:
    """Redraws conversations done, turns/s, errors and mean quality a few times a second."""

    def __init__(self, stats: LiveStats, *, refresh_hz: float = 4.0) -> None:
        self._stats = stats
        self._interval = 1.0 / refresh_hz
        self._progress = Progress(
            TextColumn("[bold]conversations"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[figures]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=False,
        )
        self._task_id = self._progress.add_task("run", total=None, figures="")
        self._ticker: asyncio.Task[None] | None = None

    def _update(self) -> None:
        self._progress.update(
            self._task_id,
            total=self._stats.total_conversations or None,
            completed=self._stats.finished,
            figures=progress_figures(self._stats),
        )

    async def _tick(self) -> None:
        while True:
            self._update()
            await asyncio.sleep(self._interval)

    def start(self) -> None:
        self._progress.start()
        self._ticker = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            await asyncio.gather(self._ticker, return_exceptions=True)
        self._update()
        self._progress.stop()


def pair_table(title: str, rows: Sequence[PairStatistics], total: PairStatistics) -> Table:
    """The persona x bot summary shown after a run and by `sparring stats`."""
    table = Table(title=title, title_justify="left")
    for header in ("persona", "bot"):
        table.add_column(header)
    for header in ("convs", "turns", "errors", "quality", "engagement", "satisf.", "latency ms"):
        table.add_column(header, justify="right")

    def cells(row: PairStatistics) -> list[str]:
        return [
            str(row.conversations),
            str(row.turns),
            f"{row.error_rate:.1%}",
            _fmt(row.mean_quality),
            _fmt(row.mean_engagement),
            _fmt(row.mean_satisfaction, "{:.1f}"),
            _fmt(row.mean_latency_ms, "{:.0f}"),
        ]

    for row in rows:
        table.add_row(row.persona_id, row.bot_id, *cells(row))
    table.add_section()
    table.add_row("[bold]all", "", *cells(total))
    return table


def usage_table(report: RunReport) -> Table:
    table = Table(title="LLM usage", title_justify="left")
    table.add_column("purpose")
    table.add_column("model")
    for header in ("calls", "prompt tokens", "completion tokens", "cost USD"):
        table.add_column(header, justify="right")
    for row in report.usage:
        cost = _fmt(row.cost_usd, "{:.4f}")
        if row.unpriced_calls:
            cost += f" ({row.unpriced_calls} unpriced)"
        table.add_row(row.purpose, row.model, str(row.calls), f"{row.prompt_tokens:,}",
                      f"{row.completion_tokens:,}", cost)
    return table


def judge_table(report: RunReport) -> Table:
    errors = report.judge_errors
    caption = f"{errors} judgements failed (not scored)" if errors else None
    table = Table(title="LLM judge", title_justify="left", caption=caption,
                  caption_justify="left")
    table.add_column("metric")
    table.add_column("rubric")
    for header in ("scored", "mean", "min", "max"):
        table.add_column(header, justify="right")
    for row in report.judge:
        table.add_row(row.name, row.rubric, str(row.scored), f"{row.mean:.2f}",
                      f"{row.low:g}", f"{row.high:g}")
    return table


def print_report(title: str, report: RunReport) -> None:
    """The persona x bot table, then judge scores and LLM usage when there are any."""
    console.print(pair_table(title, report.pairs, report.total))
    if report.judge or report.judge_errors:
        console.print(judge_table(report))
    if report.usage:
        console.print(usage_table(report))
    ratings = report.ratings
    if ratings.rated or ratings.flagged:
        console.print(
            f"ratings: {ratings.rated} of {ratings.total} bot turns rated "
            f"(+{ratings.thumbs_up} -{ratings.thumbs_down}, mean stars "
            f"{_fmt(ratings.mean_stars, '{:.1f}')}), {ratings.flagged} flagged for review"
        )
