"""End to end, as a new user runs it: `sparring discord emulate`, then `sparring run` on it.

The same batch over the HTTP demo bot must give the same transcripts and the same metric
kinds: the Discord path changes how replies travel, not what is measured.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bridge.discord.playground import TESTER_TOKEN, TOKEN_ENV

SPARRING = [sys.executable, "-m", "tui"]
BATCH = ["-b", "elena", "-p", "casual_casey", "-p", "analytical_alex", "-n", "2", "--seed", "3"]
HTTP_BOTS = "demo_server: {latency_ms: 0}\nbots:\n  elena: {kind: demo, bot: elena}\n"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


async def sparring(*args: str, cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *SPARRING, *args, cwd=cwd, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200", TOKEN_ENV: TESTER_TOKEN})
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, output.decode()


async def test_a_batch_over_the_emulator_matches_the_http_path(tmp_path: Path) -> None:
    bots = tmp_path / "discord-bots.yaml"
    emulate = await asyncio.create_subprocess_exec(
        *SPARRING, "discord", "emulate", "--port", "0", "--bots-file", str(bots),
        cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    try:
        assert emulate.stderr is not None
        async with asyncio.timeout(60):
            banner = ""
            while "Ctrl-C stops the emulator" not in banner:
                line = await emulate.stderr.readline()
                assert line, f"emulate ended early: {banner}"
                banner += line.decode()
        (tmp_path / "http-bots.yaml").write_text(HTTP_BOTS)
        (discord_status, discord_out), (http_status, http_out) = await asyncio.gather(
            sparring("run", "--bots", str(bots), *BATCH, "--db", "discord.db", cwd=tmp_path),
            sparring("run", "--bots", "http-bots.yaml", *BATCH, "--db", "http.db",
                     cwd=tmp_path))
    finally:
        emulate.send_signal(signal.SIGTERM)
        await asyncio.wait_for(emulate.wait(), 30)
    assert discord_status == 0, discord_out
    assert http_status == 0, http_out
    assert f"export {TOKEN_ENV}={TESTER_TOKEN}" in banner
    discord_db, http_db = tmp_path / "discord.db", tmp_path / "http.db"
    assert rows(discord_db, "SELECT status, COUNT(*) FROM conversations GROUP BY 1") == [
        ("completed", 4)]
    transcript = """SELECT c.persona_id, c.seed, t.idx, t.user_message, t.bot_reply
                    FROM turns t JOIN conversations c ON c.id = t.conversation_id
                    ORDER BY 1, 2, 3"""
    assert rows(discord_db, transcript) == rows(http_db, transcript)
    kinds = "SELECT DISTINCT name, source FROM metrics ORDER BY 1, 2"
    assert rows(discord_db, kinds) == rows(http_db, kinds)
    assert len(rows(discord_db, transcript)) >= 12
