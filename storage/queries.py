"""Read-side queries: runs, and per persona x bot statistics."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator.errors import StorageError
from simulator.failure_causes import FailureCause, group_causes
from storage.database import Database, run_scoped
from storage.ratings import PROGRESS_SUMS, RatingProgress


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: str
    status: str
    started_at: str
    finished_at: str | None
    persona_engine: str
    seed: int
    conversations: int


@dataclass(frozen=True, slots=True)
class PairStatistics:
    """Figures of one persona x bot pair (or of everything, with both ids `*`)."""

    persona_id: str
    bot_id: str
    conversations: int
    failed_conversations: int
    turns: int
    failed_turns: int
    mean_quality: float | None
    mean_engagement: float | None
    mean_satisfaction: float | None
    mean_latency_ms: float | None

    @property
    def error_rate(self) -> float:
        return self.failed_turns / self.turns if self.turns else 0.0


_RUNS_SQL = """
SELECT r.id, r.status, r.started_at, r.finished_at, r.persona_engine, r.seed,
       (SELECT COUNT(*) FROM conversations c WHERE c.run_id = r.id) AS conversations
FROM runs r ORDER BY r.started_at DESC LIMIT ?
"""

_FIGURES_SQL = f"""
SELECT c.persona_id, c.bot_id, COUNT(*), COALESCE(SUM(c.status = 'failed'), 0),
       COALESCE(SUM(c.recorded_turns), 0), COALESCE(SUM(c.failed_turns), 0),
       SUM(CASE WHEN c.status != 'cancelled' THEN c.quality END),
       COUNT(CASE WHEN c.status != 'cancelled' THEN c.quality END),
       SUM(CASE WHEN c.status != 'cancelled' THEN c.engagement END),
       COUNT(CASE WHEN c.status != 'cancelled' THEN c.engagement END),
       SUM(c.satisfaction), COUNT(c.satisfaction), SUM(c.latency_sum), SUM(c.latency_n),
       {PROGRESS_SUMS}
FROM conversations c
WHERE (:run IS NULL OR c.run_id = :run)
GROUP BY c.persona_id, c.bot_id ORDER BY c.persona_id, c.bot_id
"""
"""Per persona x bot, the sums behind PairStatistics (12 columns) and RatingProgress: one read
of a run's conversations (or of the conversations_pair_figures index) gives the pairs,
their total and the rating progress."""
_PAIR_COLUMNS = 12


def _mean(total: float | None, count: int | None) -> float | None:
    return total / count if count else None


def _statistics(persona_id: str, bot_id: str, sums: Sequence[Any]) -> PairStatistics:
    (conversations, failed, turns, failed_turns, quality, quality_n, engagement, engagement_n,
     satisfaction, satisfaction_n, latency, latency_n) = sums
    return PairStatistics(
        persona_id, bot_id, conversations or 0, failed or 0, turns or 0, failed_turns or 0,
        _mean(quality, quality_n), _mean(engagement, engagement_n),
        _mean(satisfaction, satisfaction_n), _mean(latency, latency_n),
    )


def _column_sums(rows: Sequence[Sequence[Any]], width: int) -> list[Any]:
    """Each of `width` columns summed over `rows` as SQL's SUM: None when all are None."""
    sums: list[Any] = [None] * width
    for row in rows:
        sums = [b if a is None else a if b is None else a + b
                for a, b in zip(sums, row, strict=True)]
    return sums


async def _figures(
    db: Database, run_id: str | None
) -> tuple[list[PairStatistics], PairStatistics, RatingProgress]:
    """The pairs, their total and the rating progress, from one grouped read."""
    async with db.conn.execute(run_scoped(_FIGURES_SQL, run_id), {"run": run_id}) as cursor:
        rows = [tuple(row) for row in await cursor.fetchall()]
    pairs = [_statistics(row[0], row[1], row[2:2 + _PAIR_COLUMNS]) for row in rows]
    sums = _column_sums([row[2:] for row in rows], _PAIR_COLUMNS + 7)
    total = _statistics("*", "*", sums[:_PAIR_COLUMNS])
    return pairs, total, RatingProgress.from_sums(sums[_PAIR_COLUMNS:])


async def list_runs(db: Database, limit: int = 20) -> list[RunSummary]:
    async with db.conn.execute(_RUNS_SQL, (limit,)) as cursor:
        return [RunSummary(*row) for row in await cursor.fetchall()]


async def resolve_run(db: Database, ref: str) -> str:
    """A full run id from `latest`, a full id, or a unique prefix."""
    if ref == "latest":
        runs = await list_runs(db, 1)
        if not runs:
            raise StorageError(f"{db.path}: has no runs yet; start one with `sparring run`")
        return runs[0].id
    async with db.conn.execute(
        "SELECT id FROM runs WHERE id LIKE ? || '%' LIMIT 2", (ref,)
    ) as cursor:
        rows = await cursor.fetchall()
    if len(rows) != 1:
        problem = "matches no run" if not rows else "matches several runs; give more characters"
        raise StorageError(f"--run {ref!r} {problem} in {db.path}")
    return str(rows[0][0])


async def pair_statistics(db: Database, run_id: str | None = None) -> list[PairStatistics]:
    """One row per persona x bot, for one run or for the whole database."""
    return (await _figures(db, run_id))[0]


async def overall_statistics(db: Database, run_id: str | None = None) -> PairStatistics:
    """The same figures over every conversation of the run (or database)."""
    return (await _figures(db, run_id))[1]


@dataclass(frozen=True, slots=True)
class UsageTotals:
    """LLM calls of one purpose and model; `cost_usd` is None when none of them was priced."""

    purpose: str
    model: str
    calls: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None
    unpriced_calls: int


@dataclass(frozen=True, slots=True)
class JudgeFigures:
    """One judge metric (`rubric.criterion`) over the selected conversations."""

    name: str
    rubric: str
    scored: int
    mean: float
    low: float
    high: float


_USAGE_SQL = """
SELECT purpose, model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(cost_usd),
       SUM(cost_usd IS NULL)
FROM llm_usage WHERE (:run IS NULL OR run_id = :run)
GROUP BY purpose, model ORDER BY purpose, model
"""

_JUDGE_SQL = """
SELECT j.name, NULLIF(j.rubric, ''), SUM(j.scored), SUM(j.total) / SUM(j.scored), MIN(j.low),
       MAX(j.high)
FROM judge_summaries j WHERE (:run IS NULL OR j.run_id = :run)
GROUP BY j.name, j.rubric ORDER BY j.name
"""

_JUDGE_ERRORS_SQL = """
SELECT COUNT(*) FROM judge_errors j JOIN conversations c ON c.id = j.conversation_id
WHERE (:run IS NULL OR c.run_id = :run)
"""


async def usage_totals(db: Database, run_id: str | None = None) -> list[UsageTotals]:
    """Tokens and cost of LLM calls per purpose and model."""
    async with db.conn.execute(run_scoped(_USAGE_SQL, run_id), {"run": run_id}) as cursor:
        return [UsageTotals(*row) for row in await cursor.fetchall()]


async def judge_figures(db: Database, run_id: str | None = None) -> tuple[list[JudgeFigures], int]:
    """Judge metrics with their rubric version, and how many judgements failed."""
    async with db.conn.execute(run_scoped(_JUDGE_SQL, run_id), {"run": run_id}) as cursor:
        figures = [JudgeFigures(*row) for row in await cursor.fetchall()]
    async with db.conn.execute(run_scoped(_JUDGE_ERRORS_SQL, run_id), {"run": run_id}) as cursor:
        row = await cursor.fetchone()
    return figures, int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class RunReport:
    """Everything `sparring stats` shows for one run (or the whole database)."""

    pairs: list[PairStatistics]
    total: PairStatistics
    usage: list[UsageTotals]
    judge: list[JudgeFigures]
    judge_errors: int
    ratings: RatingProgress


async def run_report(db: Database, run_id: str | None = None) -> RunReport:
    judge, judge_errors = await judge_figures(db, run_id)
    pairs, total, ratings = await _figures(db, run_id)
    return RunReport(
        pairs=pairs,
        total=total,
        usage=await usage_totals(db, run_id),
        judge=judge,
        judge_errors=judge_errors,
        ratings=ratings,
    )


async def failure_reasons(
    db: Database, run_id: str | None, limit: int = 3
) -> list[FailureCause]:
    """The most common causes of failed conversations (one run's, or all), with counts."""
    sql = ("SELECT COALESCE(error, 'no reason recorded'), COUNT(*) FROM conversations "
           "WHERE (:run IS NULL OR run_id = :run) AND status = 'failed' GROUP BY 1")
    async with db.conn.execute(run_scoped(sql, run_id), {"run": run_id}) as cursor:
        reasons = [(str(reason), int(count)) for reason, count in await cursor.fetchall()]
    return group_causes(reasons, limit)
