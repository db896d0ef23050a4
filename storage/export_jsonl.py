"""A basic export: stored conversations as OpenAI fine-tuning chat JSONL.

One line per conversation, ``{"messages": [{"role": "user", "content": ...},
{"role": "assistant", "content": ...}, ...]}``: the persona's messages as ``user``, the
bot's replies as ``assistant``, answered turns only, no empty content, no lineage. The
lines go to a temporary file beside the output, renamed over it at the end, so an error or
a cancel leaves nothing half-written. File writes run in a thread, a batch at a time, so an
export never stalls the event loop (the app stays live while it runs).
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal, TypedDict

from simulator.errors import StorageError
from storage.database import Database
from storage.transcripts import StoredConversation, transcripts

BATCH = 200
"""Conversations per write (and per progress report)."""


class ChatMessage(TypedDict):
    role: Literal["user", "assistant"]
    content: str


class ChatRecord(TypedDict):
    """One line of the file."""

    messages: list[ChatMessage]


def chat_record(conversation: StoredConversation) -> ChatRecord | None:
    """The conversation as alternating user / assistant messages; None if nothing is left.

    A turn is kept only when the bot answered and neither side is blank, so the roles
    always alternate and start with `user`.
    """
    messages: list[ChatMessage] = []
    for turn in conversation.turns:
        if turn.bot_reply is None or not turn.user_message.strip() or not turn.bot_reply.strip():
            continue
        messages.append({"role": "user", "content": turn.user_message})
        messages.append({"role": "assistant", "content": turn.bot_reply})
    return {"messages": messages} if messages else None


_RATINGS_SQL = """
SELECT r.conversation_id,
       MAX(r.kind = 'flag') AS flagged,
       MIN(CASE WHEN r.kind = 'stars' THEN r.value END) AS min_stars
FROM ratings r JOIN conversations c ON c.id = r.conversation_id
WHERE (:run IS NULL OR c.run_id = :run)
GROUP BY r.conversation_id
"""


async def _rating_filter(
    db: Database, run_id: str | None, min_stars: int | None, include_flagged: bool
) -> Callable[[str], bool]:
    """Whether a conversation id passes the flag and stars rules (ratings read once)."""
    flagged: set[str] = set()
    lowest: dict[str, float] = {}
    if min_stars is not None or not include_flagged:
        async with db.conn.execute(_RATINGS_SQL, {"run": run_id}) as cursor:
            async for conversation_id, is_flagged, stars in cursor:
                if is_flagged:
                    flagged.add(conversation_id)
                if stars is not None:
                    lowest[conversation_id] = stars

    def keep(conversation_id: str) -> bool:
        if not include_flagged and conversation_id in flagged:
            return False
        if min_stars is not None:
            stars = lowest.get(conversation_id)
            return stars is not None and stars >= min_stars
        return True

    return keep


async def conversations_in_scope(db: Database, run_id: str | None = None) -> int:
    """Conversations with at least one turn (an upper bound of what an export writes)."""
    async with db.conn.execute(
        "SELECT COUNT(*) FROM conversations c WHERE (:run IS NULL OR c.run_id = :run) "
        "AND EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id)", {"run": run_id},
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


def _open_temporary(out: Path) -> tuple[Path, IO[str]]:
    temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    return temporary, temporary.open("x", encoding="utf-8")


def _finish(handle: IO[str], temporary: Path, out: Path) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(temporary, out)


def _discard(handle: IO[str], temporary: Path) -> None:
    handle.close()
    temporary.unlink(missing_ok=True)


def _write_error(out: Path, exc: OSError) -> StorageError:
    reason = exc.strerror or str(exc)
    return StorageError(f"{out}: cannot write the export ({reason}); choose another path")


async def export_chat_jsonl(
    db: Database,
    out: Path,
    *,
    run_id: str | None = None,
    min_stars: int | None = None,
    include_flagged: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the selected conversations to `out` as chat JSONL; returns how many were written.

    `run_id` narrows to one run. Conversations with a flagged turn are left out unless
    `include_flagged`. With `min_stars`, only conversations with at least one star rating,
    every one of them (by any rater) `>= min_stars`, are kept. `progress` is called with the
    count written so far after each batch. An unwritable path raises `StorageError`; nothing
    is left behind, and an existing `out` is only replaced once the new file is complete.
    """
    keep = await _rating_filter(db, run_id, min_stars, include_flagged)
    try:
        temporary, handle = await asyncio.to_thread(_open_temporary, out)
    except OSError as exc:
        raise _write_error(out, exc) from exc
    written = 0
    try:
        batch: list[str] = []
        async for conversation in transcripts(db, run_id):
            if not keep(conversation.id):
                continue
            record = chat_record(conversation)
            if record is None:
                continue
            batch.append(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            if len(batch) >= BATCH:
                await asyncio.to_thread(handle.writelines, batch)
                batch = []
                if progress is not None:
                    progress(written)
        if batch:
            await asyncio.to_thread(handle.writelines, batch)
        if progress is not None:
            progress(written)
        await asyncio.to_thread(_finish, handle, temporary, out)
    except OSError as exc:
        _discard(handle, temporary)
        raise _write_error(out, exc) from exc
    except BaseException:
        _discard(handle, temporary)
        raise
    return written
