"""Reading stored conversations back as transcripts (for re-judging, review and export)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from storage.database import Database


@dataclass(frozen=True, slots=True)
class StoredTurn:
    idx: int
    user_message: str
    bot_reply: str | None
    """None when the bot failed on this turn."""


@dataclass(frozen=True, slots=True)
class StoredConversation:
    id: str
    run_id: str | None
    persona_id: str | None
    bot_id: str
    topic: str | None
    turns: tuple[StoredTurn, ...]


_SQL = """
SELECT c.id, c.run_id, c.persona_id, c.bot_id, c.topic, t.idx, t.user_message, t.bot_reply
FROM conversations c JOIN turns t ON t.conversation_id = c.id
WHERE (:run IS NULL OR c.run_id = :run)
ORDER BY c.started_at, c.id, t.idx
"""


async def transcripts(db: Database, run_id: str | None = None) -> AsyncIterator[StoredConversation]:
    """Every conversation with at least one turn, in the order they started."""
    current: list[tuple] = []

    def build(rows: list[tuple]) -> StoredConversation:
        first = rows[0]
        turns = tuple(StoredTurn(row[5], row[6], row[7]) for row in rows)
        return StoredConversation(first[0], first[1], first[2], first[3], first[4], turns)

    async with db.conn.execute(_SQL, {"run": run_id}) as cursor:
        async for row in cursor:
            if current and current[0][0] != row[0]:
                yield build(current)
                current = []
            current.append(tuple(row))
    if current:
        yield build(current)
