"""`sparring augment` as a user runs it: real conversations in, linked variations out."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring

DATA = Path(__file__).parents[1] / "data" / "import"


def _imported(tmp_path: Path) -> tuple[Path, Path]:
    """A database holding the three real conversations of chat.jsonl, and a fast bots.yaml."""
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("import", str(DATA / "chat.jsonl"), "--bot", "elena", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return db, tmp_path / "bots.yaml"


def test_real_conversations_become_linked_variations_replayed_against_the_bot(
    tmp_path: Path,
) -> None:
    db, _ = _imported(tmp_path)
    again = tmp_path / "again.db"
    shutil.copy(db, again)
    done = sparring("augment", "-n", "2", "--seed", "5", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 conversations x 2 variations = 6 conversations" in done.stderr
    rows = query(db, "SELECT c.parent_id, p.source, c.persona_id, c.status, c.bot_id "
                 "FROM conversations c JOIN conversations p ON p.id = c.parent_id "
                 "WHERE c.source = 'augmented'")
    assert len(rows) == 6
    assert {row[1] for row in rows} == {"real"}
    assert len({row[0] for row in rows}) == 3
    assert {row[3] for row in rows} == {"completed"} and {row[4] for row in rows} == {"elena"}
    # Every turn has a real reply from the bot, with its latency and metrics.
    assert query(db, "SELECT COUNT(*), COUNT(t.bot_reply), COUNT(t.latency_ms) FROM turns t "
                 "JOIN conversations c ON c.id = t.conversation_id "
                 "WHERE c.source = 'augmented'")[0][0] == query(
        db, "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = t.conversation_id "
        "WHERE c.source = 'augmented' AND t.bot_reply IS NOT NULL AND t.latency_ms > 0")[0][0]
    assert query(db, "SELECT COUNT(*) FROM metrics m JOIN conversations c "
                 "ON c.id = m.conversation_id WHERE c.source = 'augmented' "
                 "AND m.name = 'conversation_quality'") == [(6,)]
    # Each variation opens with its parent's need, retold.
    pairs = query(db, "SELECT pt.user_message, vt.user_message FROM conversations c "
                  "JOIN turns pt ON pt.conversation_id = c.parent_id AND pt.idx = 0 "
                  "JOIN turns vt ON vt.conversation_id = c.id AND vt.idx = 0 "
                  "WHERE c.source = 'augmented'")
    assert all(parent.rstrip("?").lower().split()[-1] in variation.lower()
               for parent, variation in pairs)

    assert sparring("augment", "-n", "2", "--seed", "5", "--db", str(again),
                    cwd=tmp_path).returncode == 0
    messages = ("SELECT c.parent_id, c.persona_id, t.idx, t.user_message FROM conversations c "
                "JOIN turns t ON t.conversation_id = c.id WHERE c.source = 'augmented' "
                "ORDER BY 1, 2, 3")
    assert query(db, messages) == query(again, messages)


def test_rated_synthetic_conversations_are_chosen_and_flagged_ones_are_not(
    tmp_path: Path,
) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("run", "-p", "casual_casey", "-b", "jake", "-n", "3", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first, second, third = [row[0] for row in query(
        db, "SELECT id FROM conversations ORDER BY started_at, id")]
    ratings = [(first, "stars", 5), (second, "stars", 5), (second, "flag", 1),
               (third, "stars", 2)]
    for conversation, kind, value in ratings:
        query(db, "INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, "
              f"created_at) VALUES ('{uuid.uuid4()}', '{conversation}', 0, 'ann', '{kind}', "
              f"{value}, '2026-01-01T00:00:00+00:00')")
    done = sparring("augment", "-n", "1", "--run", "latest", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT parent_id FROM conversations WHERE source = 'augmented'") == [
        (first,)]


def test_nothing_to_augment_and_an_unknown_bot_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("augment", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2 and "no database yet" in done.stderr and not db.exists()
    assert sparring("run", "-b", "jake", "-n", "1", "--db", str(db), cwd=tmp_path).returncode == 0
    done = sparring("augment", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("nothing to augment in ")
    done = sparring("import", str(DATA / "chat.jsonl"), "--bot", "support", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = sparring("augment", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().endswith(
        "its bot 'support' is not in bots.yaml; pass --bot to replay it against one that is")
    assert len(done.stderr.strip().splitlines()) == 1
    done = sparring("augment", "--bot", "nobody", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2 and "--bot = 'nobody': not in bots.yaml" in done.stderr
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE source = 'augmented'") == [(0,)]
