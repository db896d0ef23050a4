"""Operator ratings of bot turns: thumbs, stars, notes and review flags."""

from __future__ import annotations

import getpass
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from storage.database import Database, run_scoped

RatingKind = Literal["thumb", "stars", "note", "flag"]
RATER_ENV = "SPARRING_RATER"


def default_rater() -> str:
    """`$SPARRING_RATER`, else the login name: who a rating is attributed to."""
    try:
        return os.environ.get(RATER_ENV) or getpass.getuser()
    except OSError:  # no login name in some containers
        return "operator"


@dataclass(frozen=True, slots=True)
class TurnRatings:
    """The current ratings of one bot turn (by any rater; the latest of each kind)."""

    thumb: int | None = None
    """+1 or -1."""
    stars: int | None = None
    """1 to 5."""
    note: str | None = None
    flagged: bool = False

    @property
    def rated(self) -> bool:
        return self.thumb is not None or self.stars is not None


class RatingStore:
    """Reads and writes ratings; each write is its own transaction, saved at once."""

    def __init__(self, db: Database, rater: str | None = None) -> None:
        self._db = db
        self.rater = rater or default_rater()

    async def set(
        self,
        conversation_id: str,
        turn_idx: int,
        kind: RatingKind,
        value: float | None = None,
        note: str | None = None,
    ) -> None:
        """Rate a turn; replaces this rater's earlier rating of the same kind."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, note, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (conversation_id, turn_idx, rater, kind) DO UPDATE SET "
                "value = excluded.value, note = excluded.note, created_at = excluded.created_at",
                (str(uuid.uuid4()), conversation_id, turn_idx, self.rater, kind, value, note,
                 datetime.now(UTC).isoformat()),
            )

    async def clear(self, conversation_id: str, turn_idx: int, kind: RatingKind) -> None:
        """Remove this rater's rating of that kind (unflag, retract a thumb)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM ratings WHERE conversation_id = ? AND turn_idx = ? AND rater = ? "
                "AND kind = ?",
                (conversation_id, turn_idx, self.rater, kind),
            )

    async def for_conversation(self, conversation_id: str) -> dict[int, TurnRatings]:
        """Current ratings by turn index; the newest rating of each kind wins."""
        async with self._db.conn.execute(
            "SELECT turn_idx, kind, value, note FROM ratings WHERE conversation_id = ? "
            "ORDER BY created_at", (conversation_id,)
        ) as cursor:
            rows = await cursor.fetchall()
        fields: dict[int, dict[str, object]] = {}
        for turn_idx, kind, value, note in rows:
            turn = fields.setdefault(turn_idx, {})
            if kind == "thumb":
                turn["thumb"] = int(value)
            elif kind == "stars":
                turn["stars"] = int(value)
            elif kind == "note":
                turn["note"] = note
            else:
                turn["flagged"] = True
        return {idx: TurnRatings(**values) for idx, values in fields.items()}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class RatingProgress:
    """How far the operators got: bot turns rated (thumb or stars) out of all answered."""

    rated: int
    total: int
    flagged: int
    thumbs_up: int
    thumbs_down: int
    mean_stars: float | None

    @classmethod
    def from_sums(cls, sums: Sequence[int | float | None]) -> RatingProgress:
        """From the sums of PROGRESS_SUMS (over conversations, or over groups of them)."""
        total, rated, flagged, up, down, stars_sum, stars_n = (value or 0 for value in sums)
        return cls(int(rated), int(total), int(flagged), int(up), int(down),
                   stars_sum / stars_n if stars_n else None)


PROGRESS_SUMS = ("SUM(c.answered_turns), SUM(c.rated_turns), SUM(c.flagged_answered_turns), "
                 "SUM(c.thumbs_up), SUM(c.thumbs_down), SUM(c.stars_sum), SUM(c.stars_n)")
"""The rating columns of migration 0008 summed over conversations `c`."""


async def rating_progress(db: Database, run_id: str | None = None) -> RatingProgress:
    sql = f"SELECT {PROGRESS_SUMS} FROM conversations c WHERE (:run IS NULL OR c.run_id = :run)"
    async with db.conn.execute(run_scoped(sql, run_id), {"run": run_id}) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return RatingProgress.from_sums(row)
