"""Finding conversations worth augmenting: real ones, and those people rated highly."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.augment import Parent
from simulator.errors import StorageError
from storage.database import Database

HIGH_STARS = 4
"""Seed 003: a conversation is human-validated when every star rating is at least this."""


@dataclass(frozen=True, slots=True)
class ParentQuery:
    """Which conversations to vary. Explicit ids win over every other criterion.

    Otherwise: completed, not themselves augmented, not flagged, and real, or rated highly
    (every star rating >= `min_stars` and at least one, or every thumb up and at least one),
    or, with `min_score`, of at least that `conversation_quality`.
    """

    conversation_ids: tuple[str, ...] = ()
    """Full ids or unique prefixes."""
    run_id: str | None = None
    min_stars: int = HIGH_STARS
    min_score: float | None = None
    limit: int | None = None


_RATING = "(SELECT {agg}(r.value) FROM ratings r WHERE r.conversation_id = c.id " \
          "AND r.kind = '{kind}')"
_QUALITY = ("(SELECT m.value FROM metrics m WHERE m.conversation_id = c.id AND m.turn_idx = -1 "
            "AND m.name = 'conversation_quality' AND m.source = 'heuristic')")
_COLUMNS = "SELECT c.id, c.bot_id, c.persona_id, c.topic, c.emotional_state FROM conversations c"


async def find_parents(db: Database, query: ParentQuery) -> list[Parent]:
    """The conversations `query` selects, oldest first, with their user messages."""
    if query.conversation_ids:
        rows = [await _by_prefix(db, ref) for ref in query.conversation_ids]
    else:
        rows = await _selected(db, query)
    parents = []
    for row in rows:
        cursor = await db.conn.execute(
            "SELECT user_message FROM turns WHERE conversation_id = ? ORDER BY idx", (row[0],)
        )
        messages = tuple(message for (message,) in await cursor.fetchall() if message.strip())
        parents.append(Parent(row[0], row[1], row[2], row[3], row[4], messages))
    return parents


async def _by_prefix(db: Database, ref: str) -> tuple[str, ...]:
    cursor = await db.conn.execute(f"{_COLUMNS} WHERE c.id LIKE ? || '%' LIMIT 2", (ref,))
    rows = await cursor.fetchall()
    if len(rows) != 1:
        problem = "matches no conversation" if not rows else "matches several; give more characters"
        raise StorageError(f"--conversation {ref!r} {problem} in {db.path}")
    return tuple(rows[0])


async def _selected(db: Database, query: ParentQuery) -> list[tuple[str, ...]]:
    highly_rated = (
        f"({_RATING.format(agg='MIN', kind='stars')} >= :min_stars"
        f" OR {_RATING.format(agg='MIN', kind='thumb')} > 0)"
    )
    chosen = ["c.source = 'real'", highly_rated]
    if query.min_score is not None:
        chosen.append(f"{_QUALITY} >= :min_score")
    clauses = [
        "c.status = 'completed'",
        "c.source != 'augmented'",
        "NOT EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id AND r.kind = 'flag')",
        f"({' OR '.join(chosen)})",
    ]
    if query.run_id is not None:
        clauses.append("c.run_id = :run_id")
    sql = f"{_COLUMNS} WHERE {' AND '.join(clauses)} ORDER BY c.started_at, c.id"
    if query.limit is not None:
        sql += f" LIMIT {int(query.limit)}"
    params = {"min_stars": query.min_stars, "min_score": query.min_score, "run_id": query.run_id}
    cursor = await db.conn.execute(sql, params)
    return [tuple(row) for row in await cursor.fetchall()]
