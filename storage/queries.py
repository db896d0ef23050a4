"""Read-side queries: runs, and per persona x bot statistics."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.errors import StorageError
from storage.database import Database, run_scoped
from storage.ratings import RatingProgress, rating_progress


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

_PAIR_SQL = """
WITH turn_counts AS (
    SELECT t.conversation_id,
           COUNT(*) AS turns,
           SUM(t.bot_reply IS NULL) AS failed_turns,
           SUM(t.latency_ms) AS latency_sum,
           COUNT(t.latency_ms) AS latency_n
    FROM turns t JOIN conversations c ON c.id = t.conversation_id
    WHERE (:run IS NULL OR c.run_id = :run)
    GROUP BY t.conversation_id
)
SELECT {group_cols},
       COUNT(*) AS conversations,
       COALESCE(SUM(c.status = 'failed'), 0) AS failed_conversations,
       COALESCE(SUM(tc.turns), 0) AS turns,
       COALESCE(SUM(tc.failed_turns), 0) AS failed_turns,
       AVG(CASE WHEN c.status != 'cancelled' THEN q.value END) AS mean_quality,
       AVG(CASE WHEN c.status != 'cancelled' THEN e.value END) AS mean_engagement,
       AVG(c.satisfaction) AS mean_satisfaction,
       SUM(tc.latency_sum) / NULLIF(SUM(tc.latency_n), 0) AS mean_latency_ms
FROM conversations c
LEFT JOIN turn_counts tc ON tc.conversation_id = c.id
LEFT JOIN metrics q ON q.conversation_id = c.id AND q.turn_idx = -1
     AND q.name = 'conversation_quality' AND q.source = 'heuristic'
LEFT JOIN metrics e ON e.conversation_id = c.id AND e.turn_idx = -1
     AND e.name = 'engagement_score' AND e.source = 'persona'
WHERE (:run IS NULL OR c.run_id = :run)
{group_by}
"""


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
    sql = _PAIR_SQL.format(
        group_cols="c.persona_id, c.bot_id",
        group_by="GROUP BY c.persona_id, c.bot_id ORDER BY c.persona_id, c.bot_id",
    )
    async with db.conn.execute(run_scoped(sql, run_id), {"run": run_id}) as cursor:
        return [PairStatistics(*row) for row in await cursor.fetchall()]


async def overall_statistics(db: Database, run_id: str | None = None) -> PairStatistics:
    """The same figures over every conversation of the run (or database)."""
    sql = _PAIR_SQL.format(group_cols="'*', '*'", group_by="")
    async with db.conn.execute(run_scoped(sql, run_id), {"run": run_id}) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return PairStatistics(*row)


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
SELECT m.name, json_extract(m.detail, '$.rubric'), COUNT(*), AVG(m.value), MIN(m.value),
       MAX(m.value)
FROM metrics m JOIN conversations c ON c.id = m.conversation_id
WHERE m.source = 'judge' AND (:run IS NULL OR c.run_id = :run)
GROUP BY m.name, json_extract(m.detail, '$.rubric') ORDER BY m.name
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
    return RunReport(
        pairs=await pair_statistics(db, run_id),
        total=await overall_statistics(db, run_id),
        usage=await usage_totals(db, run_id),
        judge=judge,
        judge_errors=judge_errors,
        ratings=await rating_progress(db, run_id),
    )


async def failure_reasons(db: Database, run_id: str, limit: int = 3) -> list[tuple[str, int]]:
    """The most common reasons the run's conversations failed, with their counts."""
    async with db.conn.execute(
        "SELECT COALESCE(error, 'no reason recorded'), COUNT(*) FROM conversations "
        "WHERE run_id = ? AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
        (run_id, limit),
    ) as cursor:
        return [(str(reason), int(count)) for reason, count in await cursor.fetchall()]
