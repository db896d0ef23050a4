"""Reading stored conversations back: streamed transcripts (for re-judging and export) and one
conversation in full, lineage and raters included (`sparring show`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from storage.browse import Transcript, load_transcript
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


@dataclass(frozen=True, slots=True)
class Lineage:
    """Where a conversation came from and how it ended, as recorded."""

    source: str
    parent_id: str | None
    persona_hash: str | None
    persona_engine: str | None
    emotional_state: str | None
    category: str | None
    goal: str | None
    seed: int | None
    error: str | None
    """Why it failed or was cut short; None when it completed."""
    finished_at: str | None


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: str
    status: str
    seed: int


@dataclass(frozen=True, slots=True)
class TurnUsage:
    """A turn's delivery figures beyond its latency."""

    ttft_ms: float | None
    prompt_tokens: int | None
    completion_tokens: int | None
    attempts: int | None


@dataclass(frozen=True, slots=True)
class RatingEntry:
    """One stored rating, with who gave it (the transcript shows only the newest per kind)."""

    turn_idx: int
    rater: str
    kind: str
    value: float | None
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class ConversationDetail:
    transcript: Transcript
    lineage: Lineage
    run: RunInfo | None
    """None for a conversation outside any run (imported real data)."""
    usage: dict[int, TurnUsage]
    ratings: list[RatingEntry]
    """Oldest first."""


async def conversation_detail(db: Database, conversation_id: str) -> ConversationDetail | None:
    """Everything stored about one conversation, or None if it is unknown."""
    transcript = await load_transcript(db, conversation_id)
    if transcript is None:
        return None
    async with db.conn.execute(
        "SELECT c.source, c.parent_id, c.persona_hash, c.persona_engine, c.emotional_state, "
        "c.category, c.goal, c.seed, c.error, c.finished_at, r.id, r.status, r.seed "
        "FROM conversations c LEFT JOIN runs r ON r.id = c.run_id WHERE c.id = ?",
        (conversation_id,),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    async with db.conn.execute(
        "SELECT idx, ttft_ms, prompt_tokens, completion_tokens, attempts FROM turns "
        "WHERE conversation_id = ?", (conversation_id,),
    ) as cursor:
        usage = {idx: TurnUsage(*rest) for idx, *rest in await cursor.fetchall()}
    async with db.conn.execute(
        "SELECT turn_idx, rater, kind, value, note, created_at FROM ratings "
        "WHERE conversation_id = ? ORDER BY turn_idx, created_at, kind", (conversation_id,),
    ) as cursor:
        ratings = [RatingEntry(*entry) for entry in await cursor.fetchall()]
    run = RunInfo(row[10], row[11], row[12]) if row[10] is not None else None
    return ConversationDetail(transcript, Lineage(*row[:10]), run, usage, ratings)
