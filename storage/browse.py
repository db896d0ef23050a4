"""Browsing stored conversations: filtered lists, finding one by id prefix, transcripts with
metrics, the review queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.errors import StorageError
from storage.database import Database, run_scoped
from storage.ratings import RatingStore, TurnRatings


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    """Which conversations to list; every field narrows, None means any."""

    run_id: str | None = None
    persona_id: str | None = None
    bot_id: str | None = None
    status: str | None = None
    source: str | None = None
    min_quality: float | None = None
    max_quality: float | None = None
    unrated: bool = False
    """Only conversations with at least one answered bot turn nobody rated yet."""
    flagged: bool = False
    """Only conversations with a turn flagged for review."""


@dataclass(frozen=True, slots=True)
class ConversationRow:
    id: str
    run_id: str | None
    source: str
    persona_id: str | None
    bot_id: str
    topic: str | None
    status: str
    turns: int
    quality: float | None
    satisfaction: int | None
    unrated_turns: int
    flagged_turns: int
    started_at: str


_LIST_SQL = """
SELECT c.id, c.run_id, c.source, c.persona_id, c.bot_id, c.topic, c.status, c.turns,
       c.quality, c.satisfaction, c.answered_turns - c.rated_turns AS unrated_turns,
       c.flagged_turns, c.started_at
FROM conversations c
WHERE (:run IS NULL OR c.run_id = :run)
  AND (:persona IS NULL OR c.persona_id = :persona)
  AND (:bot IS NULL OR c.bot_id = :bot)
  AND (:status IS NULL OR c.status = :status)
  AND (:source IS NULL OR c.source = :source)
  AND (:min_q IS NULL OR c.quality >= :min_q)
  AND (:max_q IS NULL OR c.quality <= :max_q)
"""


async def list_conversations(
    db: Database, where: ConversationFilter, *, limit: int = 500
) -> list[ConversationRow]:
    """Newest first; `unrated` and `flagged` filter on the counted columns."""
    sql = run_scoped(_LIST_SQL, where.run_id)
    if where.unrated:
        sql += " AND c.answered_turns > c.rated_turns"
    if where.flagged:
        sql += " AND c.flagged_turns > 0"  # as written, so the conversations_flagged index fits
    sql += " ORDER BY c.started_at DESC LIMIT :limit"
    params: dict[str, Any] = {
        "run": where.run_id, "persona": where.persona_id, "bot": where.bot_id,
        "status": where.status, "source": where.source, "min_q": where.min_quality,
        "max_q": where.max_quality, "limit": limit,
    }
    async with db.conn.execute(sql, params) as cursor:
        return [ConversationRow(*row) for row in await cursor.fetchall()]


@dataclass(frozen=True, slots=True)
class TranscriptTurn:
    """One exchange with everything recorded about it."""

    idx: int
    user_message: str
    user_emotion: str | None
    user_intent: str | None
    bot_reply: str | None
    error: str | None
    latency_ms: float | None
    metrics: dict[str, float] = field(default_factory=dict)
    """Heuristic and persona metrics by name; judge metrics as `judge:<name>`."""
    ratings: TurnRatings = field(default_factory=TurnRatings)


@dataclass(frozen=True, slots=True)
class Transcript:
    conversation: ConversationRow
    turns: list[TranscriptTurn]
    conversation_metrics: dict[str, float]
    verdict: str | None


async def load_transcript(db: Database, conversation_id: str) -> Transcript | None:
    """A conversation with its turns, metrics and current ratings, or None if unknown."""
    sql = f"SELECT * FROM ({_LIST_SQL} AND c.id = :id)"
    params = {"run": None, "persona": None, "bot": None, "status": None, "source": None,
              "min_q": None, "max_q": None, "id": conversation_id}
    async with db.conn.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    conversation = ConversationRow(*row)
    metrics: dict[int, dict[str, float]] = {}
    async with db.conn.execute(
        "SELECT turn_idx, name, source, value FROM metrics WHERE conversation_id = ?",
        (conversation_id,),
    ) as cursor:
        async for turn_idx, name, source, value in cursor:
            key = f"judge:{name}" if source == "judge" else name
            metrics.setdefault(turn_idx, {})[key] = value
    ratings = await RatingStore(db).for_conversation(conversation_id)
    async with db.conn.execute(
        "SELECT idx, user_message, user_emotion, user_intent, bot_reply, error, latency_ms "
        "FROM turns WHERE conversation_id = ? ORDER BY idx", (conversation_id,),
    ) as cursor:
        turns = [
            TranscriptTurn(*row, metrics=metrics.get(row[0], {}),
                           ratings=ratings.get(row[0], TurnRatings()))
            for row in await cursor.fetchall()
        ]
    async with db.conn.execute(
        "SELECT verdict FROM conversations WHERE id = ?", (conversation_id,)
    ) as cursor:
        verdict_row = await cursor.fetchone()
    return Transcript(conversation, turns, metrics.get(-1, {}),
                      verdict_row[0] if verdict_row else None)


_NEXT_UNRATED_SQL = """
WITH queued AS (
    SELECT c.id, c.started_at FROM conversations c
    WHERE c.answered_turns > c.rated_turns AND c.status != 'running'
      AND (:run IS NULL OR c.run_id = :run)
      AND {after_conversation}
    ORDER BY c.started_at, c.id LIMIT 2
)
SELECT t.conversation_id, t.idx FROM queued c JOIN turns t ON t.conversation_id = c.id
WHERE t.bot_reply IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = t.conversation_id
                  AND r.turn_idx = t.idx AND r.kind IN ('thumb', 'stars'))
  AND {after_turn}
ORDER BY c.started_at, c.id, t.idx LIMIT 1
"""
"""The first two queued conversations from `after` on (the conversations_unrated index): the
one just reviewed may have no unrated turn past it, the next one has one. Without `after`,
both `after` conditions are `1`, so the plan reads the index from its start."""


async def next_unrated(
    db: Database, run_id: str | None = None, after: tuple[str, int] | None = None
) -> tuple[str, int] | None:
    """The next answered bot turn without a thumb or stars, oldest conversation first.

    `after` is the (conversation id, turn index) just reviewed; the queue continues past it.
    """
    after_started = None
    if after is not None:
        async with db.conn.execute(
            "SELECT started_at FROM conversations WHERE id = ?", (after[0],)
        ) as cursor:
            found = await cursor.fetchone()
        after_started = found[0] if found else None
    sql = run_scoped(_NEXT_UNRATED_SQL, run_id).format(
        after_conversation="1" if after_started is None
        else "(c.started_at, c.id) >= (:after_started, :after_id)",
        after_turn="1" if after_started is None
        else "(c.started_at, c.id, t.idx) > (:after_started, :after_id, :after_idx)",
    )
    params = {"run": run_id, "after_started": after_started,
              "after_id": after[0] if after else None, "after_idx": after[1] if after else None}
    async with db.conn.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    return None if row is None else (row[0], row[1])


async def resolve_conversation(db: Database, ref: str) -> str:
    """A full conversation id from itself or a unique prefix (as git takes a commit's)."""
    prefix = ref.strip().lower()
    if not prefix:
        raise StorageError("conversation id is empty; give an id or a unique prefix of one")
    # A range on the primary key rather than LIKE: `%` and `_` in `ref` stay literal.
    async with db.conn.execute(
        "SELECT id FROM conversations WHERE id >= ? AND id < ? ORDER BY id LIMIT 4",
        (prefix, prefix + "\uffff"),
    ) as cursor:
        found = [str(row[0]) for row in await cursor.fetchall()]
    if not found:
        raise StorageError(f"conversation {ref!r} matches no conversation in {db.path}; "
                           "list them with `sparring conversations`")
    if len(found) > 1:
        shown = ", ".join(cid[:12] for cid in found[:3]) + (", ..." if len(found) > 3 else "")
        raise StorageError(f"conversation {ref!r} matches several conversations in {db.path} "
                           f"({shown}); give more characters")
    return found[0]
