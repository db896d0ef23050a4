"""Everything `sparring report` draws for one run, read in one go."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from simulator.errors import StorageError
from storage.database import Database
from storage.queries import RunReport, run_report

AGREEMENT_METRIC = "reply_quality.overall"
"""The judge score set against human stars in the agreement chart."""

_QUALITY = """
SELECT c.persona_id, c.bot_id, q.value FROM conversations c
  JOIN metrics q ON q.conversation_id = c.id AND q.turn_idx = -1
   AND q.name = 'conversation_quality' AND q.source = 'heuristic'
 WHERE c.run_id = ? ORDER BY c.persona_id, c.bot_id
"""
_LATENCY = """
SELECT t.sent_at, t.latency_ms, c.bot_id FROM turns t JOIN conversations c
    ON c.id = t.conversation_id
 WHERE c.run_id = ? AND t.bot_reply IS NOT NULL AND t.latency_ms IS NOT NULL
 ORDER BY t.sent_at
"""
_RATINGS = """
SELECT r.kind, r.value, COUNT(*) FROM ratings r JOIN conversations c ON c.id = r.conversation_id
 WHERE c.run_id = ? AND r.kind IN ('thumb', 'stars', 'flag') GROUP BY r.kind, r.value
"""
_AGREEMENT = """
SELECT m.value, AVG(r.value) FROM metrics m
  JOIN conversations c ON c.id = m.conversation_id
  JOIN ratings r ON r.conversation_id = m.conversation_id AND r.turn_idx = m.turn_idx
   AND r.kind = 'stars'
 WHERE c.run_id = ? AND m.source = 'judge' AND m.name = ? AND m.turn_idx >= 0
 GROUP BY m.conversation_id, m.turn_idx
"""


@dataclass(frozen=True, slots=True)
class ReportData:
    """One run: its row and plan, the summary tables, and the series behind each chart."""

    run_id: str
    status: str
    started_at: str
    finished_at: str | None
    stop_reason: str | None
    plan: dict[str, Any]
    summary: RunReport
    quality: list[tuple[str, str, float]]
    """(persona, bot, conversation_quality) per conversation."""
    latency: list[tuple[str, float, str]]
    """(sent_at, latency_ms, bot) per answered turn, in time order."""
    ratings: dict[str, dict[float, int]]
    """kind -> value -> count of current ratings."""
    agreement: list[tuple[float, float]]
    """(judge reply_quality.overall, human stars) per turn that has both."""


async def report_data(db: Database, run_id: str) -> ReportData:
    async with db.conn.execute(
        "SELECT status, started_at, finished_at, stop_reason, plan FROM runs WHERE id = ?",
        (run_id,),
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise StorageError(f"{db.path}: no run {run_id}")
    status, started_at, finished_at, stop_reason, plan = row
    ratings: dict[str, dict[float, int]] = {}
    for kind, value, count in await _rows(db, _RATINGS, run_id):
        ratings.setdefault(kind, {})[value] = count
    return ReportData(
        run_id=run_id,
        status=status,
        started_at=started_at,
        finished_at=finished_at,
        stop_reason=stop_reason,
        plan=json.loads(plan),
        summary=await run_report(db, run_id),
        quality=[(p or "-", b, q) for p, b, q in await _rows(db, _QUALITY, run_id)],
        latency=[tuple(r) for r in await _rows(db, _LATENCY, run_id)],  # type: ignore[misc]
        ratings=ratings,
        agreement=[tuple(r) for r in await _rows(db, _AGREEMENT, run_id,  # type: ignore[misc]
                                                  AGREEMENT_METRIC)],
    )


async def _rows(db: Database, sql: str, *params: object) -> list[Any]:
    async with db.conn.execute(sql, params) as cursor:
        return list(await cursor.fetchall())
