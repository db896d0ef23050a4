"""`sparring resume` after Ctrl-C and after kill -9 of a real `sparring run` process."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.test_tui.test_cli import SPARRING, query, sparring

BOTS = ("demo_server: {latency_ms: 40}\nbots:\n  elena: {kind: demo, bot: elena}\n"
        "  jake: {kind: demo, bot: jake}\n")
RUN = ("run", "-p", "casual_casey", "-p", "analytical_alex", "-n", "6", "-c", "4",
       "--seed", "11")
PLANNED = 2 * 2 * 6
LINEAGE = """SELECT c.persona_id, c.bot_id, c.seed, c.topic, c.emotional_state, t.user_message
               FROM conversations c JOIN turns t ON t.conversation_id = c.id AND t.idx = 0
              ORDER BY 1, 2, 3"""


def _interrupt(tmp_path: Path, db: Path, how: signal.Signals) -> int:
    """Start the run, wait for a few completed conversations, send `how`; the exit code."""
    process = subprocess.Popen([*SPARRING, *RUN, "--db", str(db)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        try:
            done = query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'")
        except sqlite3.OperationalError:  # the schema is still being created
            continue
        if done[0][0] >= 3:
            break
    process.send_signal(how)
    process.communicate(timeout=30)
    return process.returncode


def _reference(tmp_path: Path) -> list[tuple]:
    db = tmp_path / "reference.db"
    done = sparring(*RUN, "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return query(db, LINEAGE)


def _resumed_to_the_plan(tmp_path: Path, db: Path) -> None:
    done = sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sparring resume" in done.stderr and "kept" in done.stderr
    assert query(db, "SELECT status FROM runs") == [("completed",)]
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM conversations") == [
        (PLANNED, PLANNED)]
    assert query(db, "SELECT DISTINCT status FROM conversations") == [("completed",)]
    assert query(db, LINEAGE) == _reference(tmp_path)
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    orphans = query(db, "SELECT COUNT(*) FROM turns t LEFT JOIN conversations c "
                    "ON c.id = t.conversation_id WHERE c.id IS NULL")
    assert orphans == [(0,)]
    again = sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0 and "is completed; nothing to resume" in again.stderr


def test_resume_after_kill_9_finishes_exactly_the_planned_conversations(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(BOTS)
    db = tmp_path / "killed.db"
    assert _interrupt(tmp_path, db, signal.SIGKILL) == -signal.SIGKILL
    assert query(db, "SELECT status FROM runs") == [("running",)]
    held = query(db, "SELECT COUNT(*) FROM conversations")[0][0]
    assert 3 <= held < PLANNED
    _resumed_to_the_plan(tmp_path, db)


def test_resume_after_ctrl_c_redoes_the_cancelled_conversations(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(BOTS)
    db = tmp_path / "stopped.db"
    assert _interrupt(tmp_path, db, signal.SIGINT) == 130
    assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'cancelled'")[0][0] > 0
    _resumed_to_the_plan(tmp_path, db)


def test_a_changed_persona_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(BOTS)
    db = tmp_path / "s.db"
    assert _interrupt(tmp_path, db, signal.SIGKILL) == -signal.SIGKILL
    personas = tmp_path / "personas"
    personas.mkdir()
    (personas / "casey.yaml").write_text(
        "id: casual_casey\nname: Casey\npersonality: Changed.\n"
        "preferences: {response_length: brief, communication_style: casual, formality: casual}\n"
        "conversation_topics: [music]\nemotional_baseline: relaxed\n")
    done = sparring("resume", "latest", "--personas", str(personas), "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 2
    assert "persona 'casual_casey' changed since run" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert query(db, "SELECT status FROM runs") == [("running",)]


def test_a_run_stopped_by_its_budget_resumes_only_with_a_higher_one(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(BOTS)
    (tmp_path / "plan.yaml").write_text("personas: [casual_casey]\nbots: [elena]\n"
                                        "conversations: 8\nconcurrency: 2\n"
                                        "budgets: {max_turns: 6}\n")
    db = tmp_path / "budget.db"
    done = sparring("run", "--plan", "plan.yaml", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    before = query(db, "SELECT id, status FROM conversations ORDER BY id")
    refused = sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
    assert refused.returncode == 2
    assert "has used its turn budget" in refused.stderr
    assert "pass --max-total-turns with a higher one" in refused.stderr
    assert query(db, "SELECT id, status FROM conversations ORDER BY id") == before
    done = sparring("resume", "latest", "--max-total-turns", "1000", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT status, COUNT(*) FROM conversations GROUP BY 1") == [
        ("completed", 8)]
