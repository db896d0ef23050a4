"""kill -9 of a real `sparring run` at pseudo-random moments, 20 trials: the database opens
cleanly, every turn seen committed before the kill survives, and `sparring resume` ends
with exactly the planned conversations, none twice."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.test_tui.test_cli import SPARRING, query, sparring

BOTS = ("demo_server: {latency_ms: 40}\nbots:\n  elena: {kind: demo, bot: elena}\n"
        "  jake: {kind: demo, bot: jake}\n")
RUN = ("run", "-p", "casual_casey", "-p", "analytical_alex", "-n", "3", "-c", "2",
       "--seed", "5", "--min-turns", "2", "--max-turns", "4")
PLANNED = 2 * 2 * 3
TRIALS = 20
TURNS = "SELECT conversation_id, idx, user_message FROM turns"
SETTINGS = "SELECT persona_id, bot_id, seed FROM conversations ORDER BY 1, 2, 3"


def _seen(db: Path) -> set[tuple[str, int, str]]:
    """The turns committed so far, as another process reads them (empty before the schema)."""
    try:
        return set(query(db, TURNS))
    except sqlite3.OperationalError:  # no file or no schema yet
        return set()


def _recorded(db: Path) -> bool:
    """Whether the run made it into the database (the schema may be missing or partial)."""
    try:
        return bool(query(db, "SELECT COUNT(*) FROM runs")[0][0])
    except sqlite3.OperationalError:
        return False


def _kill_after(tmp_path: Path, db: Path, seconds: float) -> set[tuple[str, int, str]]:
    """Start the run, kill -9 it `seconds` later (or once it ended); the turns seen
    committed before the kill."""
    process = subprocess.Popen([*SPARRING, *RUN, "--db", str(db)], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[tuple[str, int, str]] = set()
    deadline = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        seen |= _seen(db)
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    return seen


def test_kill_9_at_random_moments_loses_nothing_and_resume_duplicates_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "bots.yaml").write_text(BOTS)
    reference = tmp_path / "reference.db"
    assert sparring(*RUN, "--db", str(reference), cwd=tmp_path).returncode == 0
    planned = query(reference, SETTINGS)
    assert len(planned) == PLANNED
    draw = random.Random(20261123)
    for trial in range(TRIALS):
        db = tmp_path / f"trial-{trial}.db"
        # Start-up takes ~1 s, the run ~1 s more: early kills land before the schema.
        seen = _kill_after(tmp_path, db, draw.uniform(0.9, 2.0))
        context = f"trial {trial}: {len(seen)} turns seen"
        if not db.exists():
            assert not seen, context
            continue
        assert query(db, "PRAGMA integrity_check") == [("ok",)], context
        if not _recorded(db):  # killed before the run was recorded: nothing to keep
            assert not seen, context
            continue
        assert seen <= set(query(db, TURNS)), context
        done = sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
        if "is completed; nothing to resume" not in done.stderr:
            assert done.returncode == 0, (context, done.stderr)
        assert query(db, "PRAGMA integrity_check") == [("ok",)], context
        assert query(db, "SELECT status FROM runs") == [("completed",)], context
        assert query(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM conversations") == [
            (PLANNED, PLANNED)], context
        assert query(db, SETTINGS) == planned, context
        pairs = query(db, "SELECT COUNT(*), COUNT(DISTINCT conversation_id || ':' || idx) "
                      "FROM turns")
        assert pairs[0][0] == pairs[0][1], context
        # A redone conversation keeps its id and seed, so its user messages come back too.
        assert seen <= set(query(db, TURNS)), context
