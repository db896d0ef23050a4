"""The judge cache in the database, so re-judging a run skips unchanged turns."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from simulator.judge.parse import Judgement
from storage.database import Database


class StoredJudgeCache:
    """A `JudgeCache` kept in the `judge_cache` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str) -> Judgement | None:
        async with self._db.conn.execute(
            "SELECT scores, reason FROM judge_cache WHERE key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else Judgement(json.loads(row[0]), row[1])

    async def put(self, key: str, judgement: Judgement) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT OR REPLACE INTO judge_cache (key, scores, reason, created_at) "
                "VALUES (?, ?, ?, ?)",
                (key, json.dumps(judgement.scores), judgement.reason,
                 datetime.now(UTC).isoformat()),
            )
