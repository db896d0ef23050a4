"""`sparring import` as a user runs it: a real process and a real database file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_tui.test_cli import query, sparring

DATA = Path(__file__).parents[1] / "data" / "import"


def test_import_prints_the_summary_and_stats_see_it(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = sparring("import", str(DATA / "sharegpt.jsonl"), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("imported 2 conversations (3 turns) from sharegpt.jsonl; "
                                   "0 duplicates skipped; 0 unanswered last messages kept; "
                                   "0 empty messages skipped; 0 bad lines; 1 system prompt "
                                   "dropped (system prompts are not stored)")
    again = sparring("import", str(DATA / "sharegpt.jsonl"), "--db", str(db), cwd=tmp_path)
    assert again.stdout.startswith("imported 0 conversations (0 turns) from sharegpt.jsonl; "
                                   "2 duplicates skipped")
    stats = sparring("stats", "--db", str(db), cwd=tmp_path)
    assert stats.returncode == 0 and "elena" in stats.stdout


def test_openai_chat_needs_a_bot(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = sparring("import", str(DATA / "chat.jsonl"), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    assert "openai-chat lines carry no bot; pass --bot ID" in done.stderr
    done = sparring("import", str(DATA / "chat.jsonl"), "--bot", "support", "--persona",
                    "casual_casey", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT DISTINCT source, bot_id, persona_id, persona_hash IS NOT NULL "
                 "FROM conversations") == [("real", "support", "casual_casey", 1)]
    held = query(db, "SELECT COUNT(*) FROM conversations")[0][0]
    again = sparring("import", str(DATA / "chat.jsonl"), "--bot", "support", "--db", str(db),
                     cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"imported 0 conversations (0 turns) from chat.jsonl; {held} duplicates skipped" \
        in " ".join(again.stdout.split())
    assert query(db, "SELECT COUNT(*) FROM conversations")[0][0] == held


def test_bad_lines_exit_2_with_one_line_each_and_nothing_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    done = sparring("import", str(DATA / "broken_turns.csv"), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    name = str(DATA / "broken_turns.csv")
    assert lines == [
        f"{name}:2: stars = 'five'; expected 1 to 5",
        f"{name}:5: bot_reply is empty; expected a non-empty string",
        f"{name}:6: turn_idx = 'zero'; expected an integer",
        f"{name}:8: latency_ms = 'fast'; expected a number",
        f"error: {name}: nothing imported: 4 bad lines; fix them or pass --skip-bad to "
        "import the rest"]
    assert done.stdout == ""
    assert query(db, "SELECT COUNT(*) FROM conversations") == [(0,)]
    skipped = sparring("import", str(DATA / "broken_turns.csv"), "--skip-bad", "--db", str(db),
                       cwd=tmp_path)
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout.strip().endswith("; 0 duplicates skipped; 0 unanswered last messages "
                                           "kept; 0 empty messages skipped; 4 bad lines "
                                           "skipped")
    assert len(skipped.stderr.strip().splitlines()) == 4
    assert query(db, "SELECT COUNT(*) FROM conversations") == [(2,)]


def test_more_than_20_problems_are_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    bad = json.dumps({"messages": [{"role": "bot", "content": "x"}]})
    path.write_text((bad + "\n") * 25)
    done = sparring("import", str(path), "--bot", "b", "--format", "openai-chat", "--db",
                    str(tmp_path / "s.db"), cwd=tmp_path)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 22
    assert lines[0] == f"{path}:1: messages[0].role = 'bot'; expected user or assistant"
    assert lines[20] == "... and 5 more"


def test_a_real_log_imports_as_it_is(tmp_path: Path) -> None:
    """Chats ending on the user's message and holding an empty one import by default; the
    summary counts both; stats show no bot error; --drop-trailing-user drops the last ones."""
    path = tmp_path / "real.jsonl"
    chats = [["hi", "hey", "gotta go"], ["hello", "", "anyone?", "yes"], ["q", "a"]]
    path.write_text("".join(json.dumps({"messages": [
        {"role": ("user", "assistant")[i % 2], "content": text} for i, text in enumerate(chat)
    ]}) + "\n" for chat in chats))
    db = tmp_path / "s.db"
    done = sparring("import", str(path), "--bot", "friend", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("imported 3 conversations (4 turns) from real.jsonl; "
                                   "0 duplicates skipped; 1 unanswered last message kept; "
                                   "1 empty message skipped; 0 bad lines")
    assert query(db, "SELECT user_message FROM turns WHERE bot_reply IS NULL") == [
        ("gotta go",)]
    stats = sparring("stats", "--db", str(db), cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert "friend" in stats.stdout and "0.0%" in stats.stdout
    dropped = sparring("import", str(path), "--bot", "friend", "--drop-trailing-user", "--db",
                       str(tmp_path / "d.db"), cwd=tmp_path)
    assert dropped.returncode == 0, dropped.stderr
    assert "; 1 unanswered last message dropped; " in dropped.stdout
