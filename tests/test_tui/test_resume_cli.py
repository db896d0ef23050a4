"""`sparring resume` after Ctrl-C and after kill -9 of a real `sparring run` process, and
`--retry-failed` after a run whose real HTTP bot was down for part of it."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path

from aiohttp import web

from storage.database import Database
from storage.ratings import RatingStore
from tests.support import serve_on_loopback
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


class FlakyBot:
    """A real HTTP bot on 127.0.0.1, down (503) for its first `down_for` requests, then
    answering from the message alone, so two runs with one seed say the same things."""

    def __init__(self, down_for: int) -> None:
        self.down_for = down_for
        self.requests = 0
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FlakyBot:
        app = web.Application()
        app.router.add_post("/chat", self._chat)
        self._runner, self.url = await serve_on_loopback(app)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    async def _chat(self, request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        self.requests += 1
        if self.requests <= self.down_for:
            return web.json_response({"error": "down for maintenance"}, status=503)
        return web.json_response({"reply": f"I hear you about {message[:40]}. Say more?"})

    def bots_yaml(self) -> str:
        return (f"bots:\n  flaky: {{kind: http, url: '{self.url}/chat', retries: 0, "
                "breaker: {enabled: false}}\n")


async def run_sparring(*args: str, cwd: Path) -> tuple[int, str]:
    """`sparring` in a child process while this loop keeps serving the bot; (status, stderr)."""
    process = await asyncio.create_subprocess_exec(
        *SPARRING, *args, cwd=cwd, stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE, env={**os.environ, "COLUMNS": "200"})
    _, stderr = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, stderr.decode()


FLAKY_RUN = ("run", "-p", "casual_casey", "-p", "analytical_alex", "-b", "flaky", "-n", "3",
             "-c", "2", "--seed", "21", "--bots", "bots.yaml")
MESSAGES = """SELECT c.persona_id, c.seed, c.topic, t.idx, t.user_message, t.bot_reply
                FROM conversations c JOIN turns t ON t.conversation_id = c.id ORDER BY 1, 2, 4"""


async def test_retry_failed_holds_the_failed_conversations_of_a_completed_run_again(
    tmp_path: Path,
) -> None:
    db = tmp_path / "flaky.db"
    async with FlakyBot(down_for=3) as bot:
        (tmp_path / "bots.yaml").write_text(bot.bots_yaml())
        status, stderr = await run_sparring(*FLAKY_RUN, "--db", str(db), cwd=tmp_path)
        assert status == 0, stderr
        assert "3 conversations failed" in stderr and "503" in stderr
        assert query(db, "SELECT status FROM runs") == [("completed",)]
        failed = query(db, "SELECT id FROM conversations WHERE status = 'failed' ORDER BY id")
        assert len(failed) == 3
        async with Database(db) as database:  # an operator flagged a failed turn
            await RatingStore(database, "alice").set(failed[0][0], 0, "flag")

        status, stderr = await run_sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
        assert status == 0, stderr
        assert "nothing to resume (3 conversations failed; --retry-failed" in stderr

        child = str(uuid.uuid4())  # an augmented conversation grown from a failed one
        with sqlite3.connect(db) as conn:
            conn.execute("INSERT INTO conversations (id, source, bot_id, parent_id, status, "
                         "started_at) VALUES (?, 'augmented', 'flaky', ?, 'completed', '2026')",
                         (child, failed[1][0]))
        status, stderr = await run_sparring("resume", "latest", "--retry-failed", "--db",
                                            str(db), cwd=tmp_path)
        assert status == 2
        assert f"conversation {failed[1][0]} is the parent of augmented" in stderr
        assert len(stderr.strip().splitlines()) == 1
        assert query(db, "SELECT id FROM conversations WHERE status = 'failed' ORDER BY id") \
            == failed
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM conversations WHERE id = ?", (child,))

        status, stderr = await run_sparring("resume", "latest", "--retry-failed", "--db",
                                            str(db), cwd=tmp_path)
        assert status == 0, stderr
        assert "3 of 6 conversations kept, 3 failed or unfinished redone (1 rating on them " \
               "dropped)" in stderr
        clean = tmp_path / "clean.db"
        status, stderr = await run_sparring(*FLAKY_RUN, "--db", str(clean), cwd=tmp_path)
        assert status == 0, stderr

    assert query(db, "SELECT status FROM runs") == [("completed",)]
    assert query(db, "SELECT status, COUNT(*), COUNT(DISTINCT id) FROM conversations "
                 "GROUP BY 1") == [("completed", 6, 6)]
    assert {row[0] for row in failed} <= {row[0] for row in query(
        db, "SELECT id FROM conversations")}  # the same ids, held again
    assert query(db, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NULL") == [(0,)]
    assert query(db, "SELECT COUNT(*) FROM ratings") == [(0,)]
    assert query(db, "SELECT SUM(failed_turns), SUM(turns) FROM conversations") == [
        (0, query(db, "SELECT COUNT(*) FROM turns")[0][0])]
    assert query(db, MESSAGES) == query(clean, MESSAGES)
    assert query(db, "PRAGMA foreign_key_check") == []
    out = tmp_path / "out.jsonl"
    exported = sparring("export", "--format", "openai-chat", "--out", str(out),
                        "--status", "completed", "--status", "failed", "--db", str(db),
                        cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text().splitlines()) == 6
    again = sparring("resume", "latest", "--retry-failed", "--db", str(db), cwd=tmp_path)
    assert again.returncode == 0 and "is completed; nothing to resume\n" in again.stderr
