"""The `sparring` command end to end, as a user runs it: a real process, real sockets."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

SPARRING = [sys.executable, "-m", "tui"]


def sparring(*args: str, cwd: Path, env: dict[str, str] | None = None,
             timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SPARRING, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "200", **(env or {})})


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


FAST_DEMO = """\
demo_server: {latency_ms: 0}
bots:
  elena: {kind: demo, bot: elena}
  jake: {kind: demo, bot: jake}
"""


def test_default_run_covers_four_personas_by_four_demo_bots(tmp_path: Path) -> None:
    db = tmp_path / "quick.db"
    done = sparring("run", "-n", "5", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "80 conversations" in done.stderr
    assert "completed" in done.stdout
    stats = sparring("stats", "--db", str(db), cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    total_line = next(line for line in stats.stdout.splitlines() if line.startswith("│ all "))
    assert [cell.strip() for cell in total_line.split("│")][3] == "80"
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'") == [(80,)]
    assert query(db, "SELECT SUM(turns) FROM conversations") == query(
        db, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL")
    assert query(db, "SELECT COUNT(DISTINCT persona_id || bot_id) FROM conversations") == [(16,)]


def test_same_seed_gives_the_same_user_messages(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    transcripts = []
    for name in ("a.db", "b.db"):
        done = sparring("run", "-n", "2", "--seed", "42", "--db", name, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        transcripts.append(query(tmp_path / name, """
            SELECT c.persona_id, c.bot_id, c.seed, t.idx, t.user_message FROM turns t
            JOIN conversations c ON c.id = t.conversation_id ORDER BY 1, 2, 3, 4"""))
    assert transcripts[0] == transcripts[1]
    assert len(transcripts[0]) > 16
    other = sparring("run", "-n", "2", "--seed", "43", "--db", "c.db", cwd=tmp_path)
    assert other.returncode == 0
    assert query(tmp_path / "c.db", "SELECT user_message FROM turns ORDER BY 1") != sorted(
        (row[4],) for row in transcripts[0])


def test_bad_persona_file_gets_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "grumpy.yaml").write_text(
        "name: Grumpy\npersonality: cross\npreferences: {response_length: huge, "
        "communication_style: direct, formality: formal}\nconversation_topics: [tax]\n"
        "emotional_baseline: cross\n")
    db = tmp_path / "never.db"
    for args in (["run", "--personas", str(folder), "--db", str(db)],
                 ["personas", "validate", str(folder)]):
        done = sparring(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert done.stderr.strip().splitlines() == [
            f"error: {folder / 'grumpy.yaml'}: preferences.response_length = 'huge'; "
            "expected one of brief, moderate, detailed, varied"]
    assert not db.exists()


def test_personas_bots_and_metrics_commands(tmp_path: Path) -> None:
    listed = sparring("personas", "list", cwd=tmp_path)
    assert listed.returncode == 0
    for persona_id in ("analytical_alex", "casual_casey", "emotional_emma", "explorer_evan"):
        assert persona_id in listed.stdout
    shown = sparring("personas", "show", "explorer_evan", cwd=tmp_path)
    assert "topic_depth: exploratory" in shown.stdout and "definition hash" in shown.stdout
    assert "elena" in sparring("bots", "list", cwd=tmp_path).stdout
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    checked = sparring("bots", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(" ok ") == 2
    assert "conversation_quality" in sparring("metrics", cwd=tmp_path).stdout


def test_bots_check_reports_an_unreachable_bot(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(
        "bots:\n  gone: {kind: http, url: 'http://127.0.0.1:9/x', retries: 0}\n")
    checked = sparring("bots", "check", cwd=tmp_path)
    assert checked.returncode == 1
    assert "failed" in checked.stdout and "unreachable" in checked.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_mid_run_leaves_a_consistent_database(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(
        "demo_server: {latency_ms: 150}\nbots:\n  elena: {kind: demo, bot: elena}\n")
    db = tmp_path / "interrupted.db"
    process = subprocess.Popen([*SPARRING, "run", "-n", "50", "--db", str(db)], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            if db.exists() and query(db, "SELECT COUNT(*) FROM turns")[0][0] >= 10:
                break
        except sqlite3.OperationalError:  # the schema is still being created
            continue
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert query(db, "SELECT status FROM runs") == [("interrupted",)]
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'running'") == [(0,)]
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'cancelled'")[0][0] > 0
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    per_conversation = query(db, """SELECT c.turns, COUNT(t.idx) FROM conversations c
                                    LEFT JOIN turns t ON t.conversation_id = c.id GROUP BY c.id""")
    assert all(declared == stored for declared, stored in per_conversation)


def test_secrets_from_the_environment_never_reach_the_database_or_output(tmp_path: Path) -> None:
    secret = "sk-sparring-test-0123456789abcdef"
    (tmp_path / "bots.yaml").write_text(
        "demo_server: {latency_ms: 0}\n"
        "bots:\n  elena: {kind: demo, bot: elena}\n"
        "  broken:\n    kind: http\n    url: 'http://127.0.0.1:9/x?key=${SPARRING_SECRET}'\n"
        "    headers: {Authorization: 'Bearer ${SPARRING_SECRET}'}\n    retries: 0\n")
    db = tmp_path / "secret.db"
    env = {"SPARRING_SECRET": secret}
    outputs = [sparring("-v", "run", "-n", "2", "--db", str(db), cwd=tmp_path, env=env),
               sparring("bots", "list", cwd=tmp_path, env=env),
               sparring("bots", "check", cwd=tmp_path, env=env),
               sparring("stats", "--db", str(db), cwd=tmp_path, env=env)]
    assert outputs[0].returncode == 0, outputs[0].stderr
    assert query(db, "SELECT COUNT(*) FROM turns WHERE error LIKE '%unreachable%'")[0][0] == 8
    for done in outputs:
        assert secret not in done.stdout + done.stderr
    for path in tmp_path.glob("secret.db*"):
        assert secret.encode() not in path.read_bytes()
