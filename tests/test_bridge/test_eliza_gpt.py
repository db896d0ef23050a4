"""The `openai` kind against Eliza-GPT, a real third-party OpenAI-compatible server.

Eliza-GPT leaves `object` and `usage` out of its completions (the openai SDK accepts
them), and streams without usage: conversations must complete, with what the reply lacked
noted on each turn rather than failing it.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bridge.config import BotsFile, OpenAIBot
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from tests.optional import require_module
from tui.session import execute_run

START_WAIT_S = 20.0
"""How long Eliza-GPT may take to listen before the test gives up."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _listening(port: int, server: asyncio.subprocess.Process) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_WAIT_S
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError as exc:
            if server.returncode is not None or loop.time() > deadline:
                raise RuntimeError(f"Eliza-GPT did not listen on port {port} within "
                                   f"{START_WAIT_S:g} s (exit status {server.returncode})"
                                   ) from exc
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


@pytest.fixture
async def eliza() -> AsyncIterator[str]:
    """Eliza-GPT's own CLI serving on a free loopback port, without its simulated delay."""
    require_module("eliza_gpt", "pip install -e '.[dev]'")
    port = _free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "from eliza_gpt.cli import main; main()", "--host", "127.0.0.1",
        "--port", str(port), "--avg-response-time", "0",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    try:
        await _listening(port, server)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        if server.returncode is None:
            server.kill()
        await server.wait()


@pytest.mark.parametrize(("stream", "note"), [
    (False, "reply lacks object, usage"), (True, "the stream reported no usage")])
async def test_conversations_with_eliza_gpt_complete_and_note_what_it_left_out(
    db_path: Path, eliza: str, stream: bool, note: str
) -> None:
    bot = OpenAIBot(kind="openai", base_url=eliza, model="eliza", stream=stream, timeout_s=10)
    plan = RunPlan(("casual_casey", "analytical_alex"), ("eliza",), conversations=2,
                   min_turns=3, max_turns=3, concurrency=4, seed=5)
    bots = BotsFile(source="test", bots={"eliza": bot})
    result = await asyncio.wait_for(
        execute_run(plan, builtin_personas(), bots, db_path, handle_signals=False), 60)
    assert result.status == "completed"
    async with Database(db_path) as db:
        async with db.conn.execute("SELECT status, error FROM conversations") as cursor:
            assert [tuple(row) for row in await cursor.fetchall()] == [("completed", None)] * 4
        async with db.conn.execute(
            "SELECT bot_reply, error, notes, attempts, latency_ms, prompt_tokens, ttft_ms, raw "
            "FROM turns"
        ) as cursor:
            turns = await cursor.fetchall()
    assert len(turns) == 12
    for reply, error, notes, attempts, latency_ms, tokens, ttft_ms, raw in turns:
        assert reply and error is None and notes == note
        assert attempts == 1 and latency_ms is not None and tokens is None
        if stream:
            assert ttft_ms is not None
        else:  # the body as Eliza-GPT sent it, its reply inside
            assert '"choices"' in raw and '"usage"' not in raw
