"""Importing openai-chat, sharegpt and turns-csv files into a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from storage.exchange.export import ExportOptions, export
from storage.exchange.formats import LINEAGE_FIELDS, TURNS_COLUMNS
from storage.exchange.importer import ImportOptions, ImportRejected, import_file
from storage.exchange.readers import ImportFailed, detect_format
from storage.queries import run_report
from storage.ratings import RatingStore
from tests.test_storage.test_recording import python_bots, record, rows

DATA = Path(__file__).parents[1] / "data" / "import"
PERSONAS = builtin_personas()
SHARE_A = "6f1c2d3e-0000-4000-8000-000000000001"
SHARE_B = "6f1c2d3e-0000-4000-8000-000000000002"
CSV_A = "7e000000-0000-4000-8000-00000000000a"
CSV_B = "7e000000-0000-4000-8000-00000000000b"


async def run_import(db_path: Path, path: Path, **options: Any):
    options.setdefault("personas", PERSONAS)
    async with Database(db_path) as db:
        return await import_file(db, path, ImportOptions(**options))


def test_format_is_detected_by_extension_and_first_line(tmp_path: Path) -> None:
    assert detect_format(DATA / "chat.jsonl") == "openai-chat"
    assert detect_format(DATA / "sharegpt.jsonl") == "sharegpt"
    assert detect_format(DATA / "turns.csv") == "turns-csv"
    odd = tmp_path / "odd.jsonl"
    odd.write_text('{"text": "hi"}\n')
    with pytest.raises(ImportFailed, match=r"odd.jsonl:1: neither `messages`"):
        detect_format(odd)


async def test_openai_chat_imports_as_real_with_metrics(db_path: Path) -> None:
    report = await run_import(db_path, DATA / "chat.jsonl", bot_id="support")
    assert (report.conversations, report.turns, report.duplicates) == (3, 4, 0)
    assert report.system_prompts == 1
    assert report.summary() == ("imported 3 conversations (4 turns) from chat.jsonl; "
                                "0 duplicates skipped; 0 unanswered last messages kept; "
                                "0 empty messages skipped; 0 bad lines; 1 system prompt "
                                "dropped (system prompts are not stored)")
    assert await rows(db_path, "SELECT DISTINCT source, bot_id, run_id, persona_id, status "
                      "FROM conversations") == [("real", "support", None, None, "completed")]
    assert await rows(db_path, "SELECT turns FROM conversations ORDER BY turns") == [
        (1,), (1,), (2,)]
    assert await rows(db_path, "SELECT COUNT(*) FROM turns WHERE user_message LIKE "
                      "'%Elena%' OR bot_reply LIKE '%Elena%'") == [(0,)]
    names = {name for (name,) in await rows(db_path, "SELECT DISTINCT name FROM metrics")}
    # Persona-independent metrics only: no latency known, no persona, no engagement.
    assert {"relevance", "repetition", "reply_words", "user_sentiment", "turns",
            "conversation_quality", "mean_relevance"} <= names
    assert not names & {"latency_ms", "latency_score", "length_fit", "formality_fit",
                        "persona_engagement", "engagement_score"}


async def test_sharegpt_keeps_lineage_and_ratings(db_path: Path) -> None:
    report = await run_import(db_path, DATA / "sharegpt.jsonl")
    assert (report.conversations, report.turns) == (2, 3)
    found = await rows(db_path, "SELECT id, run_id, source, persona_id, persona_hash, bot_id, "
                       "topic, emotional_state, category, parent_id, seed, persona_engine, "
                       "started_at FROM conversations ORDER BY id")
    assert found == [
        (SHARE_A, None, "synthetic", "analytical_alex", "abc123def4567890", "elena", "python",
         "curious", "technical", None, 42, "scripted", "2025-01-02T03:04:05+00:00"),
        (SHARE_B, None, "real", "someone_unknown", None, "jake", "stress", None, None, SHARE_A,
         None, None, found[1][12]),
    ]
    assert await rows(db_path, "SELECT turn_idx, rater, kind, value, note FROM ratings "
                      "ORDER BY turn_idx, kind") == [
        (0, "maria", "stars", 5.0, None), (0, "maria", "thumb", 1.0, None),
        (1, "import", "flag", 1.0, None), (1, "import", "note", None, "too vague"),
        (1, "import", "thumb", -1.0, None)]
    # A known persona gets the persona-fit metrics; an unknown one does not.
    fits = await rows(db_path, "SELECT conversation_id, COUNT(*) FROM metrics WHERE name = "
                      "'length_fit' GROUP BY conversation_id")
    assert fits == [(SHARE_A, 2)]


async def test_source_flag_overrides_the_file(db_path: Path) -> None:
    await run_import(db_path, DATA / "sharegpt.jsonl", source="augmented")
    assert await rows(db_path, "SELECT DISTINCT source FROM conversations") == [("augmented",)]


async def test_turns_csv_groups_rows_and_keeps_latency_ratings(db_path: Path) -> None:
    report = await run_import(db_path, DATA / "turns.csv")
    assert (report.conversations, report.turns) == (2, 3)
    assert await rows(db_path, "SELECT conversation_id, idx, latency_ms, ttft_ms, user_emotion "
                      "FROM turns ORDER BY conversation_id, idx") == [
        (CSV_A, 0, 300.0, 120.0, "excited"), (CSV_A, 1, 1200.5, None, "curious"),
        (CSV_B, 0, None, None, None)]
    assert await rows(db_path, "SELECT id, source, persona_id, bot_id, seed FROM conversations "
                      "ORDER BY id") == [(CSV_A, "real", "casual_casey", "elena", None),
                                         (CSV_B, "real", None, "jake", 7)]
    assert await rows(db_path, "SELECT conversation_id, turn_idx, rater, kind, value, note "
                      "FROM ratings ORDER BY conversation_id, turn_idx, kind") == [
        (CSV_A, 0, "import", "thumb", 1.0, None), (CSV_A, 1, "import", "stars", 2.0, None),
        (CSV_A, 1, "import", "thumb", -1.0, None), (CSV_B, 0, "sam", "flag", 1.0, None),
        (CSV_B, 0, "sam", "note", None, "great, but check, multi\nline note"),
        (CSV_B, 0, "sam", "stars", 5.0, None), (CSV_B, 0, "sam", "thumb", 1.0, None)]
    latency = await rows(db_path, "SELECT conversation_id, turn_idx, value FROM metrics WHERE "
                         "name = 'latency_score' ORDER BY conversation_id, turn_idx")
    assert latency == [(CSV_A, 0, 1.0), (CSV_A, 1, pytest.approx(0.8443, abs=1e-4))]
    assert await rows(db_path, "SELECT conversation_id FROM metrics WHERE name = "
                      "'mean_latency_ms'") == [(CSV_A,)]


async def test_reimport_skips_duplicates(db_path: Path) -> None:
    await run_import(db_path, DATA / "sharegpt.jsonl")
    report = await run_import(db_path, DATA / "sharegpt.jsonl")
    assert (report.conversations, report.duplicates) == (0, 2)
    assert await rows(db_path, "SELECT COUNT(*) FROM conversations") == [(2,)]


async def test_bad_jsonl_imports_nothing_and_names_every_bad_line(db_path: Path) -> None:
    with pytest.raises(ImportRejected) as caught:
        await run_import(db_path, DATA / "broken_chat.jsonl", bot_id="b")
    lines = caught.value.report.rendered_problems()
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == ["2", "3", "4"]
    assert lines[0].endswith("broken_chat.jsonl:2: messages[1].role = 'bot'; expected user "
                             "or assistant")
    assert "not valid JSON" in lines[1]
    # Its one user message is blank, so skipped: the reply is left with nothing to answer.
    assert lines[2].endswith(":4: messages[1].role = 'assistant'; expected user (user and "
                             "assistant must alternate, starting with user; 1 empty skipped "
                             "before it)")
    assert await rows(db_path, "SELECT COUNT(*) FROM conversations") == [(0,)]


async def test_skip_bad_imports_the_good_lines(db_path: Path) -> None:
    report = await run_import(db_path, DATA / "broken_chat.jsonl", bot_id="b", skip_bad=True)
    assert (report.conversations, report.bad_lines, report.trailing_kept) == (3, 3, 1)
    assert report.summary().endswith("; 0 duplicates skipped; 1 unanswered last message kept; "
                                     "0 empty messages skipped; 3 bad lines skipped")
    assert await rows(db_path, "SELECT user_message, bot_reply FROM turns "
                      "ORDER BY user_message") == [
        ("first good line", "a good reply"), ("no reply to this", None),
        ("question", "answer"), ("second good line", "another good reply")]


def chat_line(*texts: str, system: str | None = None) -> str:
    """An openai-chat line of alternating user / assistant `texts`."""
    messages = [{"role": "system", "content": system}] if system is not None else []
    messages += [{"role": ("user", "assistant")[i % 2], "content": text}
                 for i, text in enumerate(texts)]
    return json.dumps({"messages": messages})


async def test_a_last_user_message_is_kept_unanswered(db_path: Path, tmp_path: Path) -> None:
    """The user left: the last turn has no reply and no error, so it is no bot failure, is
    not scored, and no training example ends on it."""
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join([chat_line("hi?", "hello", "bye then"),
                               chat_line("anyone there?")]) + "\n")
    report = await run_import(db_path, path, bot_id="b")
    assert (report.conversations, report.turns, report.trailing_kept) == (2, 3, 2)
    assert await rows(db_path, "SELECT c.turns, t.idx, t.user_message, t.bot_reply, t.error "
                      "FROM turns t JOIN conversations c ON c.id = t.conversation_id "
                      "ORDER BY c.turns DESC, t.idx") == [
        (2, 0, "hi?", "hello", None), (2, 1, "bye then", None, None),
        (1, 0, "anyone there?", None, None)]
    assert await rows(db_path, "SELECT recorded_turns, answered_turns, failed_turns, "
                      "quality IS NOT NULL FROM conversations ORDER BY recorded_turns") == [
        (1, 0, 0, 0), (2, 1, 0, 1)]
    assert await rows(db_path, "SELECT DISTINCT turn_idx FROM metrics ORDER BY 1") == [(-1,),
                                                                                       (0,)]
    # Only the answered conversation has scores; its unanswered turn is no error.
    assert await rows(db_path, "SELECT value FROM metrics WHERE name = 'error_rate'") == [
        (0.0,)]
    async with Database(db_path) as db:
        stats = await run_report(db, None)
    assert (stats.total.turns, stats.total.failed_turns, stats.total.error_rate) == (3, 0, 0.0)
    out = tmp_path / "out.jsonl"
    async with Database(db_path) as db:
        result = await export(db, "openai-chat", out, ExportOptions())
    lines = [json.loads(line) for file in result.files
             for line in file.path.read_text().splitlines()]
    assert [[m["role"] for m in line["messages"]] for line in lines] == [["user", "assistant"]]


async def test_drop_trailing_user_drops_the_last_message(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join([chat_line("hi?", "hello", "bye then"),
                               chat_line("anyone there?"), chat_line("a", "b")]) + "\n")
    report = await run_import(db_path, path, bot_id="b", drop_trailing_user=True)
    assert (report.conversations, report.turns) == (2, 2)
    assert (report.trailing_kept, report.trailing_dropped, report.nothing_left) == (0, 2, 1)
    assert "; 2 unanswered last messages dropped (1 conversation held nothing else); " in (
        report.summary())
    assert await rows(db_path, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NULL") == [(0,)]
    # Kept and dropped are different conversations (the id follows the content).
    again = await run_import(db_path, path, bot_id="b")
    assert (again.conversations, again.duplicates) == (2, 1)


async def test_empty_messages_are_skipped_and_counted(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    path.write_text("\n".join([
        chat_line("hi", "", "are you there?", "yes", " \n"),  # one reply skipped, then the end
        chat_line("", "hello", system="be nice"),  # no user message left
        chat_line("q", "a", system=""),  # an empty system message is skipped too
    ]) + "\n")
    with pytest.raises(ImportRejected) as caught:
        await run_import(db_path, path, bot_id="b")
    assert [(p.line, p.message) for p in caught.value.report.problems] == [
        (2, "messages[2].role = 'assistant'; expected user (user and assistant must "
            "alternate, starting with user; 1 empty skipped before it)")]
    report = await run_import(db_path, path, bot_id="b", skip_bad=True)
    assert (report.conversations, report.empty_messages, report.bad_lines) == (2, 3, 1)
    assert report.system_prompts == 0
    # The user's two messages either side of the skipped reply join into one.
    assert await rows(db_path, "SELECT user_message, bot_reply FROM turns ORDER BY 1") == [
        ("hi\nare you there?", "yes"), ("q", "a")]


async def test_all_empty_is_a_bad_line(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    path.write_text(chat_line("", " ") + "\n" + json.dumps({"messages": [
        {"role": "user", "content": None}]}) + "\n")
    with pytest.raises(ImportRejected) as caught:
        await run_import(db_path, path, bot_id="b")
    assert [(p.line, p.message) for p in caught.value.report.problems] == [
        (1, "messages has no user message (2 empty skipped); expected user / assistant pairs"),
        (2, "messages[0].content = None; expected a string")]


async def test_sharegpt_last_human_message_is_kept(db_path: Path, tmp_path: Path) -> None:
    turns = [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "yo"},
             {"from": "human", "value": "bye"}]
    path = tmp_path / "share.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {"id": "s1", "bot_id": "b", "conversations": turns, "ratings": {"0": {"thumb": 1}}},
        {"id": "s2", "bot_id": "b", "conversations": turns, "ratings": {"1": {"thumb": 1}}},
    ]) + "\n")
    report = await run_import(db_path, path, skip_bad=True)
    assert (report.conversations, report.trailing_kept) == (1, 1)
    assert [(p.line, p.message) for p in report.problems] == [
        (2, "ratings['1']: no bot turn '1'; expected 0 to 0")]
    assert await rows(db_path, "SELECT idx, bot_reply FROM turns ORDER BY idx") == [
        (0, "yo"), (1, None)]


async def test_bad_csv_rows_reject_their_conversations(db_path: Path) -> None:
    with pytest.raises(ImportRejected) as caught:
        await run_import(db_path, DATA / "broken_turns.csv")
    problems = caught.value.report.problems
    assert [(p.line, p.message) for p in problems] == [
        (2, "stars = 'five'; expected 1 to 5"),
        (5, "bot_reply is empty; expected a non-empty string"),
        (6, "turn_idx = 'zero'; expected an integer"),
        (8, "latency_ms = 'fast'; expected a number")]
    assert await rows(db_path, "SELECT COUNT(*) FROM conversations") == [(0,)]
    report = await run_import(db_path, DATA / "broken_turns.csv", skip_bad=True)
    assert report.conversations == 2  # b and e; a (rows 2 and 5), c and d are rejected
    assert await rows(db_path, "SELECT COUNT(*) FROM turns") == [(2,)]


async def test_missing_csv_column_is_one_problem_on_line_1(db_path: Path) -> None:
    with pytest.raises(ImportRejected) as caught:
        await run_import(db_path, DATA / "missing_column.csv")
    assert caught.value.report.rendered_problems() == [
        f"{DATA / 'missing_column.csv'}:1: column 'bot_reply' is missing; expected the "
        "turns-csv columns (conversation_id, turn_idx, user_message, bot_reply, ...)"]


async def test_cross_record_checks(db_path: Path, tmp_path: Path) -> None:
    line = {"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "yo"}]}
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in [
        {**line, "id": "c1", "bot_id": "b"},
        {**line, "id": "c1", "bot_id": "b"},
        {**line, "id": "c2"},
        {**line, "id": "c3", "bot_id": "b", "parent_id": "nowhere"},
        {**line, "id": "c4", "bot_id": "b", "parent_id": "c1", "source": "fake"},
        {**line, "id": "c5", "bot_id": "b", "parent_id": "c1"},
        {**line, "id": "c6", "bot_id": "b", "ratings": {"3": {"thumb": 1}}},
    ]) + "\n")
    report = await run_import(db_path, path, skip_bad=True)
    assert [(p.line, p.message.split(";")[0]) for p in report.problems] == [
        (2, "conversation_id = 'c1' is also on line 1"),
        (3, "bot_id is missing"),
        (4, "parent_id = 'nowhere' is neither in the database nor earlier in the file"),
        (5, "source = 'fake'"),
        (7, "ratings['3']: no bot turn '3'")]
    assert await rows(db_path, "SELECT id, parent_id FROM conversations ORDER BY id") == [
        ("c1", None), ("c5", "c1")]


async def test_many_conversations_are_written_in_batches(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    line = json.dumps({"messages": [{"role": "user", "content": "hi?"},
                                    {"role": "assistant", "content": "hello"}]})
    path.write_text((line + "\n") * 1201)
    report = await run_import(db_path, path, bot_id="b")
    assert report.conversations == 1201
    assert await rows(db_path, "SELECT COUNT(*) FROM turns") == [(1201,)]


# --- round trip -------------------------------------------------------------------------
# `storage/exchange/export.py` (written in parallel) did not exist when these were written:
# `reference_export` builds each format's lines itself, following storage/exchange/formats.py.


async def reference_export(db_path: Path, fmt: str) -> list[str]:
    """The database as `fmt` lines, per formats.py (a test-local stand-in for the exporter)."""
    conversations = await rows(db_path, f"SELECT id, {', '.join(LINEAGE_FIELDS[1:])} "
                               "FROM conversations ORDER BY started_at, id")
    turns = await rows(db_path, "SELECT conversation_id, idx, user_message, bot_reply, "
                       "user_emotion, user_intent, latency_ms, ttft_ms, prompt_tokens, "
                       "completion_tokens FROM turns WHERE bot_reply IS NOT NULL "
                       "ORDER BY conversation_id, idx")
    ratings: dict[tuple[str, int], dict[str, Any]] = {}
    for cid, idx, rater, kind, value, note in await rows(
            db_path, "SELECT conversation_id, turn_idx, rater, kind, value, note FROM ratings"):
        entry = ratings.setdefault((cid, idx), {"rater": rater})
        if kind == "flag":
            entry["flagged"] = True
        elif kind == "note":
            entry["note"] = note
        else:
            entry[kind] = int(value)
    metrics: dict[tuple[str, int], dict[str, float]] = {}
    for cid, idx, name, value in await rows(
            db_path, "SELECT conversation_id, turn_idx, name, value FROM metrics "
            "WHERE turn_idx >= 0 AND source IN ('heuristic', 'persona')"):
        metrics.setdefault((cid, idx), {})[f"m.{name}"] = value
    by_conversation: dict[str, list[tuple]] = {}
    for turn in turns:
        by_conversation.setdefault(turn[0], []).append(turn)
    lines: list[str] = []
    metric_columns = sorted({name for values in metrics.values() for name in values})
    out = io.StringIO()
    writer = csv.DictWriter(out, [*TURNS_COLUMNS, *metric_columns], lineterminator="\n")
    for conversation in conversations:
        cid, lineage = conversation[0], dict(zip(LINEAGE_FIELDS, conversation, strict=True))
        own = by_conversation.get(cid, [])
        if fmt == "openai-chat":
            messages = [{"role": role, "content": text} for t in own
                        for role, text in (("user", t[2]), ("assistant", t[3]))]
            lines.append(json.dumps({"messages": messages}))
        elif fmt == "sharegpt":
            messages = [{"from": role, "value": text} for t in own
                        for role, text in (("human", t[2]), ("gpt", t[3]))]
            record: dict[str, Any] = {"id": cid, "conversations": messages, **lineage,
                                      "weight": 1.0}
            rated = {str(n): ratings[(cid, t[1])] for n, t in enumerate(own)
                     if (cid, t[1]) in ratings}
            if rated:
                record["ratings"] = rated
            lines.append(json.dumps(record, sort_keys=True))
        else:
            for t in own:
                rating = ratings.get((cid, t[1]), {})
                writer.writerow({
                    **lineage, **dict(zip(TURNS_COLUMNS[:10], t, strict=True)),
                    "thumb": rating.get("thumb"), "stars": rating.get("stars"),
                    "flagged": int(rating.get("flagged", False)), "note": rating.get("note"),
                    "rater": rating.get("rater"), "weight": 1.0, "split": "train",
                    **metrics.get((cid, t[1]), {}),
                })
    if fmt == "turns-csv":
        rows_out = out.getvalue().splitlines()
        return [",".join(writer.fieldnames), *rows_out]
    return lines


async def recorded_run(db_path: Path) -> None:
    plan = RunPlan(("analytical_alex", "casual_casey"), ("echo",), conversations=2, seed=3)
    await record(db_path, plan, python_bots())
    async with Database(db_path) as db:
        store = RatingStore(db, rater="maria")
        for (cid,) in await rows(db_path, "SELECT id FROM conversations LIMIT 2"):
            await store.set(cid, 0, "thumb", 1)
            await store.set(cid, 1, "stars", 4)
            await store.set(cid, 2, "flag", 1)
            await store.set(cid, 2, "note", note="check this")


@pytest.mark.parametrize("fmt", ["openai-chat", "sharegpt", "turns-csv"])
async def test_round_trip_via_reference_export_is_lossless(tmp_path: Path, fmt: str) -> None:
    """Export (reference, built from formats.py) -> import -> export gives the same lines;
    run_id is the one field that is dropped on purpose (imports belong to no run)."""
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    await recorded_run(first)
    exported = await reference_export(first, fmt)
    suffix = ".csv" if fmt == "turns-csv" else ".jsonl"
    path = tmp_path / f"export{suffix}"
    path.write_text("\n".join(exported) + "\n", encoding="utf-8")
    report = await run_import(second, path, bot_id="echo" if fmt == "openai-chat" else None)
    assert report.conversations == 4 and not report.problems
    again = await reference_export(second, fmt)
    if fmt == "openai-chat":  # no ids and no lineage: the same lines, in any order
        assert sorted(again) == sorted(exported)
        return
    run_id = await _run_id(first)
    assert again == [line.replace(_run_id_text(run_id, fmt), _no_run(fmt)) for line in exported]


async def _run_id(db_path: Path) -> str:
    return (await rows(db_path, "SELECT id FROM runs"))[0][0]


def _run_id_text(run_id: str, fmt: str) -> str:
    return f'"run_id": "{run_id}"' if fmt == "sharegpt" else f",{run_id},"


def _no_run(fmt: str) -> str:
    return '"run_id": null' if fmt == "sharegpt" else ",,"
