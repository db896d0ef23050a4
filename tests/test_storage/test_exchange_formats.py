"""Each export format on a real recorded run: shape, columns, one row per message or turn."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from storage.database import Database
from storage.exchange.export import ExportOptions, export
from storage.exchange.formats import LINEAGE_FIELDS, MESSAGES_CSV_COLUMNS, TURNS_COLUMNS
from storage.exchange.openai_chat import chat_line, line_problem
from storage.exchange.records import ConversationRecord, ExportFilter, TurnRecord
from storage.exchange.sink import ExportContext, dialogue
from tests.test_storage.exchange_support import (
    csv_rows,
    execute,
    jsonl,
    query,
    run_export,
)


def completed(db: Path) -> int:
    return query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'")[0][0]


def answered_turns(db: Path) -> int:
    return query(db, "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = "
                 "t.conversation_id WHERE c.status = 'completed' AND t.bot_reply IS NOT NULL")[0][0]


async def test_openai_chat_lines_are_valid_and_carry_the_system_prompt(
        recorded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "chat.jsonl"
    summary = await run_export(recorded_db, "openai-chat", out,
                               ExportOptions(system_prompt="You are Jake."))
    lines = jsonl(out)
    assert len(lines) == summary.rows == completed(recorded_db) > 0
    for line in lines:
        assert set(line) == {"messages"}
        messages = line["messages"]
        assert messages[0] == {"role": "system", "content": "You are Jake."}
        roles = [m["role"] for m in messages[1:]]
        assert roles == ["user", "assistant"] * (len(roles) // 2) and roles
        assert all(m["content"].strip() for m in messages)
        assert line_problem(line) is None
    plain = tmp_path / "plain.jsonl"
    await run_export(recorded_db, "openai-chat", plain)
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


async def test_a_blank_reply_is_skipped_and_counted(recorded_db: Path, tmp_path: Path) -> None:
    query_first = query(recorded_db, "SELECT conversation_id, idx FROM turns LIMIT 1")[0]
    execute(recorded_db, "UPDATE turns SET bot_reply = '  ' WHERE conversation_id = ? AND idx = ?",
            query_first)
    summary = await run_export(recorded_db, "openai-chat", tmp_path / "c.jsonl")
    assert summary.skipped == {"invalid chat line: empty content": 1}
    assert summary.rows == completed(recorded_db) - 1


async def test_sharegpt_lines_carry_lineage_weight_and_ratings(recorded_db: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "share.jsonl"
    await run_export(recorded_db, "sharegpt", out)
    lines = jsonl(out)
    assert len(lines) == completed(recorded_db)
    for line in lines:
        assert set(LINEAGE_FIELDS) <= set(line)
        assert line["weight"] == 10.0 and line["source"] == "synthetic"
        assert line["persona_hash"] and line["run_id"]
        assert [m["from"] for m in line["conversations"][:2]] == ["human", "gpt"]
        assert line["id"] == line["conversation_id"]


async def test_messages_csv_has_one_row_per_user_message(recorded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "messages.csv"
    await run_export(recorded_db, "messages-csv", out)
    columns, rows = csv_rows(out)
    assert columns == list(MESSAGES_CSV_COLUMNS)
    turns = query(recorded_db, "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = "
                  "t.conversation_id WHERE c.status = 'completed'")[0][0]
    assert len(rows) == turns
    assert all(r["category"] == "" and r["confidence"] == "" and r["weight"] == "10.0"
               for r in rows)


async def test_turns_csv_has_the_columns_and_one_row_per_answered_turn(
        recorded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "turns.csv"
    await run_export(recorded_db, "turns-csv", out)
    columns, rows = csv_rows(out)
    assert columns[: len(TURNS_COLUMNS)] == list(TURNS_COLUMNS)
    assert {"m.length_fit", "m.relevance"} <= set(columns[len(TURNS_COLUMNS):])
    assert len(rows) == answered_turns(recorded_db)
    assert all(float(r["m.relevance"]) >= 0 for r in rows)


async def test_turns_parquet_is_readable_with_the_metric_columns(recorded_db: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "turns.parquet"
    summary = await run_export(recorded_db, "turns-parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == summary.rows == answered_turns(recorded_db)
    assert table.column_names[: len(TURNS_COLUMNS)] == list(TURNS_COLUMNS)
    assert "m.length_fit" in table.column_names
    assert set(table.column("weight").to_pylist()) == {10.0}


async def test_turn_metric_columns_take_the_last_source_and_leave_missing_values_empty(
        recorded_db: Path, tmp_path: Path) -> None:
    """Each turn's metrics are pivoted into its row: sources sharing an `m.` column, the
    last alphabetically wins (human over heuristic); the judge has its own column."""
    (cid,) = query(recorded_db, "SELECT id FROM conversations WHERE status = 'completed' "
                   "ORDER BY started_at, id LIMIT 1")[0]
    execute(recorded_db, "INSERT INTO metrics VALUES (?, 0, 'relevance', 'human', 0.125, NULL)",
            (cid,))
    execute(recorded_db, "INSERT INTO metrics VALUES (?, 1, 'relevance', 'judge', 0.5, NULL)",
            (cid,))
    execute(recorded_db, "DELETE FROM metrics WHERE conversation_id = ? AND turn_idx = 1 "
            "AND source != 'judge'", (cid,))
    out = tmp_path / "turns.parquet"
    await run_export(recorded_db, "turns-parquet", out)
    rows = [r for r in pq.read_table(out).to_pylist() if r["conversation_id"] == cid]
    assert rows[0]["m.relevance"] == 0.125 and rows[0]["judge.relevance"] is None
    assert rows[1]["judge.relevance"] == 0.5
    assert rows[1]["m.relevance"] is None and rows[1]["m.length_fit"] is None
    assert rows[2]["m.relevance"] is not None and rows[2]["judge.relevance"] is None


async def test_a_failure_midway_leaves_the_old_file_and_no_temporary(
        recorded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "chat.jsonl"
    out.parent.mkdir()
    out.write_text("old\n")

    def boom(done: int, total: int) -> None:
        raise RuntimeError("disk on fire")

    async with Database(recorded_db) as db:
        with pytest.raises(RuntimeError):
            await export(db, "sharegpt", out, ExportOptions(split=(0.5, 0.5)), boom)
    assert [p.name for p in out.parent.iterdir()] == ["chat.jsonl"]
    assert out.read_text() == "old\n"


_ODD_TEXT = 'quotes " and \\ backslash, é, 日本, 😀, tab\t, line\nbreak, \u2028, \x01'


@pytest.mark.parametrize("system_prompt", [None, "", "Be kind.", "   ", _ODD_TEXT])
@pytest.mark.parametrize("exchanges", [
    [],
    [("hello", "hi there")],
    [(_ODD_TEXT, _ODD_TEXT), ("and then?", "more")],
    [("hello", "   ")],
    [(" \n", "a reply")],
    [("hello", "")],
    [("first", "answered"), ("second", None), ("third", "after a failure")],
    [("only a failure", None)],
])
def test_chat_lines_are_the_checked_json_of_their_messages(
    system_prompt: str | None, exchanges: list[tuple[str, str | None]]
) -> None:
    """chat_line builds its text directly: the same as the dict, checked by line_problem and
    written by json.dumps, would be, and the same reason when it is not valid."""
    record = ConversationRecord(
        {field: None for field in LINEAGE_FIELDS}, None,
        tuple(TurnRecord(i, user, reply) for i, (user, reply) in enumerate(exchanges)))
    context = ExportContext(ExportFilter(), {}, system_prompt=system_prompt)
    messages: list[dict[str, str]] = []
    if system_prompt:
        messages.append({"role": "system", "content": system_prompt})
    for turn in dialogue(record, ExportContext(ExportFilter(), {})):
        messages += ({"role": "user", "content": turn.user_message},
                     {"role": "assistant", "content": turn.bot_reply or ""})
    problem = line_problem({"messages": messages})
    expected = None if problem else json.dumps({"messages": messages}, ensure_ascii=False)
    assert chat_line(record, context) == (expected, problem)
