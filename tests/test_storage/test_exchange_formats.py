"""Each export format on a real recorded run: shape, columns, one row per message or turn."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storage.database import Database
from storage.exchange.export import ExportOptions, export
from storage.exchange.formats import LINEAGE_FIELDS, MESSAGES_CSV_COLUMNS, TURNS_COLUMNS
from storage.exchange.openai_chat import line_problem
from tests.test_storage.exchange_support import (
    csv_rows,
    execute,
    jsonl,
    query,
    recorded_copy,
    run_export,
)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("recorded")


@pytest.fixture
def db_path(tmp_path: Path, cache: Path) -> Path:
    return recorded_copy(tmp_path, cache)


def completed(db: Path) -> int:
    return query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'")[0][0]


def answered_turns(db: Path) -> int:
    return query(db, "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = "
                 "t.conversation_id WHERE c.status = 'completed' AND t.bot_reply IS NOT NULL")[0][0]


async def test_openai_chat_lines_are_valid_and_carry_the_system_prompt(
        db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "chat.jsonl"
    summary = await run_export(db_path, "openai-chat", out,
                               ExportOptions(system_prompt="You are Jake."))
    lines = jsonl(out)
    assert len(lines) == summary.rows == completed(db_path) > 0
    for line in lines:
        assert set(line) == {"messages"}
        messages = line["messages"]
        assert messages[0] == {"role": "system", "content": "You are Jake."}
        roles = [m["role"] for m in messages[1:]]
        assert roles == ["user", "assistant"] * (len(roles) // 2) and roles
        assert all(m["content"].strip() for m in messages)
        assert line_problem(line) is None
    plain = tmp_path / "plain.jsonl"
    await run_export(db_path, "openai-chat", plain)
    assert all(line["messages"][0]["role"] == "user" for line in jsonl(plain))


@pytest.mark.parametrize(("line", "problem"), [
    ({"messages": [], "id": 1}, "not exactly"),
    ({"messages": []}, "no messages"),
    ({"messages": [{"role": "system", "content": "s"}]}, "no user message"),
    ({"messages": [{"role": "user", "content": " "},
                   {"role": "assistant", "content": "a"}]}, "empty content"),
    ({"messages": [{"role": "assistant", "content": "a"}]}, "alternate"),
    ({"messages": [{"role": "user", "content": "u"}, {"role": "user", "content": "v"}]},
     "alternate"),
    ({"messages": [{"role": "user", "content": "u"}]}, "end with an assistant"),
    ({"messages": [{"role": "user", "content": "u", "name": "x"}]}, "exactly {role"),
])
def test_the_chat_validator_rejects_each_kind_of_bad_line(line: dict, problem: str) -> None:
    found = line_problem(line)
    assert found is not None and problem in found


async def test_a_blank_reply_is_skipped_and_counted(db_path: Path, tmp_path: Path) -> None:
    query_first = query(db_path, "SELECT conversation_id, idx FROM turns LIMIT 1")[0]
    execute(db_path, "UPDATE turns SET bot_reply = '  ' WHERE conversation_id = ? AND idx = ?",
            query_first)
    summary = await run_export(db_path, "openai-chat", tmp_path / "c.jsonl")
    assert summary.skipped == {"invalid chat line: empty content": 1}
    assert summary.rows == completed(db_path) - 1


async def test_sharegpt_lines_carry_lineage_weight_and_ratings(db_path: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "share.jsonl"
    await run_export(db_path, "sharegpt", out)
    lines = jsonl(out)
    assert len(lines) == completed(db_path)
    for line in lines:
        assert set(LINEAGE_FIELDS) <= set(line)
        assert line["weight"] == 10.0 and line["source"] == "synthetic"
        assert line["persona_hash"] and line["run_id"]
        assert [m["from"] for m in line["conversations"][:2]] == ["human", "gpt"]
        assert line["id"] == line["conversation_id"]


async def test_messages_csv_has_one_row_per_user_message(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "messages.csv"
    await run_export(db_path, "messages-csv", out)
    columns, rows = csv_rows(out)
    assert columns == list(MESSAGES_CSV_COLUMNS)
    turns = query(db_path, "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = "
                  "t.conversation_id WHERE c.status = 'completed'")[0][0]
    assert len(rows) == turns
    assert all(r["category"] == "" and r["confidence"] == "" and r["weight"] == "10.0"
               for r in rows)


async def test_turns_csv_has_the_columns_and_one_row_per_answered_turn(
        db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "turns.csv"
    await run_export(db_path, "turns-csv", out)
    columns, rows = csv_rows(out)
    assert columns[: len(TURNS_COLUMNS)] == list(TURNS_COLUMNS)
    assert {"m.length_fit", "m.relevance"} <= set(columns[len(TURNS_COLUMNS):])
    assert len(rows) == answered_turns(db_path)
    assert all(float(r["m.relevance"]) >= 0 for r in rows)


async def test_turns_parquet_is_readable_with_the_metric_columns(db_path: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "turns.parquet"
    summary = await run_export(db_path, "turns-parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == summary.rows == answered_turns(db_path)
    assert table.column_names[: len(TURNS_COLUMNS)] == list(TURNS_COLUMNS)
    assert "m.length_fit" in table.column_names
    assert set(table.column("weight").to_pylist()) == {10.0}


async def test_a_failure_midway_leaves_the_old_file_and_no_temporary(
        db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "chat.jsonl"
    out.parent.mkdir()
    out.write_text("old\n")

    def boom(done: int, total: int) -> None:
        raise RuntimeError("disk on fire")

    async with Database(db_path) as db:
        with pytest.raises(RuntimeError):
            await export(db, "sharegpt", out, ExportOptions(split=(0.5, 0.5)), boom)
    assert [p.name for p in out.parent.iterdir()] == ["chat.jsonl"]
    assert out.read_text() == "old\n"
