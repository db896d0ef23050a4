"""Real human chats (chitchat-dataset, converted to openai-chat at test time) import as they
are: about half end on the first speaker's message, a few hold empty messages."""

from __future__ import annotations

import json
from pathlib import Path

from storage.database import Database
from storage.exchange.export import ExportOptions, export
from storage.exchange.importer import ImportOptions, import_file
from storage.queries import run_report
from tests.chitchat_logs import chitchat_chats, require_chitchat, write_jsonl
from tests.test_storage.test_recording import rows

SAMPLE = 300
"""The first chats, and then every later one holding an empty message (six)."""


def sample_file(tmp_path: Path) -> Path:
    chats = chitchat_chats(require_chitchat())
    empty = [chat for chat in chats[SAMPLE:]
             if any(not message["content"].strip() for message in chat)]
    path = tmp_path / "chitchat.jsonl"
    write_jsonl(path, chats[:SAMPLE] + empty)
    return path


async def test_real_chats_import_with_their_unanswered_last_messages(
        db_path: Path, tmp_path: Path) -> None:
    path = sample_file(tmp_path)
    async with Database(db_path) as db:
        report = await import_file(db, path, ImportOptions(bot_id="chitchat"))
        stats = await run_report(db, None)
        exported = await export(db, "openai-chat", tmp_path / "out.jsonl", ExportOptions())
    # Counted from the raw dataset: 306 chats, 8,429 first-speaker messages (after empty
    # ones are skipped and the neighbours they separated joined), 159 chats ending on one.
    assert (report.conversations, report.turns, report.trailing_kept) == (306, 8429, 159)
    assert (report.empty_messages, report.bad_lines, report.duplicates) == (8, 0, 0)
    assert await rows(db_path, "SELECT COUNT(*), SUM(error IS NULL) FROM turns "
                      "WHERE bot_reply IS NULL") == [(159, 159)]
    assert (stats.total.turns, stats.total.failed_turns) == (8429, 0)
    lines = [json.loads(line) for line in exported.files[0].path.read_text().splitlines()]
    assert len(lines) == 306
    assert {line["messages"][-1]["role"] for line in lines} == {"assistant"}
    assert sum(len(line["messages"]) for line in lines) == 2 * (8429 - 159)


async def test_real_chats_without_their_last_messages(db_path: Path, tmp_path: Path) -> None:
    path = sample_file(tmp_path)
    async with Database(db_path) as db:
        report = await import_file(db, path, ImportOptions(bot_id="chitchat",
                                                           drop_trailing_user=True))
    assert (report.conversations, report.turns, report.trailing_dropped) == (306, 8270, 159)
    assert await rows(db_path, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NULL") == [(0,)]
