"""The basic chat JSONL export, on a real recorded run."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from bridge.config import demo_bots_file
from simulator.errors import StorageError
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from storage.export_jsonl import chat_record, conversations_in_scope, export_chat_jsonl
from storage.ratings import RatingStore
from storage.transcripts import StoredConversation, StoredTurn
from tui.session import execute_run

PLAN = RunPlan(persona_ids=("casual_casey",), bot_ids=("jake",), conversations=3,
               min_turns=2, max_turns=3, concurrency=3)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("recorded") / "template.db"
    result = asyncio.run(execute_run(PLAN, builtin_personas(), demo_bots_file(), path,
                                     handle_signals=False))
    return path, result.run_id


@pytest.fixture
def db_path(recorded: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the recorded run for one test."""
    copy = tmp_path / "sparring.db"
    shutil.copy(recorded[0], copy)
    return copy


def leftovers(folder: Path) -> list[str]:
    """Files in `folder` other than the database (temporary files, a half-written export)."""
    return [p.name for p in folder.iterdir() if not p.name.startswith("sparring.db")]


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def conversation_ids(db: Database) -> list[str]:
    async with db.conn.execute("SELECT id FROM conversations ORDER BY started_at, id") as cursor:
        return [row[0] for row in await cursor.fetchall()]


async def test_every_conversation_is_one_line_of_alternating_messages(
    db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "chat.jsonl"
    reported: list[int] = []
    async with Database(db_path) as db:
        written = await export_chat_jsonl(db, out, progress=reported.append)
        assert await conversations_in_scope(db) == 3
        async with db.conn.execute(
            "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL"
        ) as cursor:
            answered = (await cursor.fetchone())[0]
    records = lines(out)
    assert written == len(records) == 3
    assert reported[-1] == 3
    assert sum(len(record["messages"]) for record in records) == 2 * answered
    for record in records:
        assert list(record) == ["messages"]
        roles = [message["role"] for message in record["messages"]]
        assert roles == ["user", "assistant"] * (len(roles) // 2)
        assert len(roles) >= 4  # min_turns = 2
        assert all(message["content"].strip() for message in record["messages"])
    assert leftovers(tmp_path) == [out.name]


async def test_a_run_id_narrows_and_an_unknown_one_writes_an_empty_file(
    db_path: Path, recorded: tuple[Path, str], tmp_path: Path
) -> None:
    async with Database(db_path) as db:
        assert await export_chat_jsonl(db, tmp_path / "run.jsonl", run_id=recorded[1]) == 3
        assert await export_chat_jsonl(db, tmp_path / "none.jsonl", run_id="no-such-run") == 0
    assert (tmp_path / "none.jsonl").read_text() == ""


async def test_flagged_conversations_are_left_out_unless_asked_for(
    db_path: Path, tmp_path: Path
) -> None:
    async with Database(db_path) as db:
        flagged = (await conversation_ids(db))[1]
        await RatingStore(db, rater="ana").set(flagged, 1, "flag")
        assert await export_chat_jsonl(db, tmp_path / "default.jsonl") == 2
        assert await export_chat_jsonl(db, tmp_path / "all.jsonl", include_flagged=True) == 3
    assert len(lines(tmp_path / "default.jsonl")) == 2
    assert len(lines(tmp_path / "all.jsonl")) == 3


async def test_min_stars_keeps_conversations_whose_every_star_rating_reaches_it(
    db_path: Path, tmp_path: Path
) -> None:
    async with Database(db_path) as db:
        first, second, _unrated = await conversation_ids(db)
        ana, ben = RatingStore(db, rater="ana"), RatingStore(db, rater="ben")
        await ana.set(first, 0, "stars", 5)
        await ana.set(first, 1, "stars", 4)
        await ana.set(second, 0, "stars", 5)
        await ben.set(second, 0, "stars", 2)  # a second rater disagrees
        await ana.set(second, 1, "thumb", 1)
        out = tmp_path / "good.jsonl"
        assert await export_chat_jsonl(db, out, min_stars=4) == 1
        async with db.conn.execute(
            "SELECT user_message FROM turns WHERE conversation_id = ? ORDER BY idx", (first,)
        ) as cursor:
            first_messages = [row[0] for row in await cursor.fetchall()]
        assert await export_chat_jsonl(db, tmp_path / "two.jsonl", min_stars=2) == 2
        assert await export_chat_jsonl(db, tmp_path / "none.jsonl", min_stars=5) == 0
        await ana.set(first, 2, "flag")
        assert await export_chat_jsonl(db, tmp_path / "flag.jsonl", min_stars=4) == 0
    (record,) = lines(out)
    users = [m["content"] for m in record["messages"] if m["role"] == "user"]
    assert users == first_messages[: len(users)]


async def test_a_missing_folder_raises_and_leaves_nothing(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "chat.jsonl"
    async with Database(db_path) as db:
        with pytest.raises(StorageError, match=r"missing/chat\.jsonl: cannot write the export"):
            await export_chat_jsonl(db, out)
    assert not out.parent.exists()
    assert leftovers(tmp_path) == []


async def test_an_error_midway_keeps_the_old_file_and_no_temporary(
    db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "chat.jsonl"
    out.write_text("old\n")

    def fail(count: int) -> None:
        raise RuntimeError("boom")

    async with Database(db_path) as db:
        with pytest.raises(RuntimeError):
            await export_chat_jsonl(db, out, progress=fail)
    assert out.read_text() == "old\n"
    assert leftovers(tmp_path) == [out.name]


def test_unanswered_turns_and_blank_messages_are_left_out() -> None:
    conversation = StoredConversation("c", None, "p", "b", None, (
        StoredTurn(0, "hello", "hi there"),
        StoredTurn(1, "still there?", None),
        StoredTurn(2, "  ", "an answer to nothing"),
        StoredTurn(3, "last one", ""),
        StoredTurn(4, "bye", "bye!"),
    ))
    assert chat_record(conversation) == {"messages": [
        {"role": "user", "content": "hello"}, {"role": "assistant", "content": "hi there"},
        {"role": "user", "content": "bye"}, {"role": "assistant", "content": "bye!"},
    ]}
    nothing = StoredConversation("d", None, "p", "b", None, (StoredTurn(0, "hi", None),))
    assert chat_record(nothing) is None
