"""A bot server that dies mid-run: both kinds say the same thing, with true attempt counts,
and every failed turn keeps its attempts and latency."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bridge.config import BotsFile, HttpBot, OpenAIBot
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from tests.faults_support import reply_body
from tui.session import execute_run


class DyingServer:
    """Answers `lives` requests, then stops listening: every later connection is refused.

    With `hang_up`, it instead cuts every connection once the request has arrived.
    """

    def __init__(self, lives: int, hang_up: bool = False) -> None:
        self.lives = lives
        self.hang_up = hang_up
        self.requests = 0
        self.url = ""
        self._runner = web.AppRunner(web.Application(), access_log=None)
        self._listener: asyncio.Server | None = None

    async def start(self) -> None:
        self._runner.app.router.add_route("*", "/{tail:.*}", self._handle)
        await self._runner.setup()
        loop = asyncio.get_running_loop()
        self._listener = await loop.create_server(self._runner.server, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._listener.sockets[0].getsockname()[1]}"

    async def _handle(self, request: web.Request) -> web.Response:
        await request.read()
        self.requests += 1
        if self.hang_up:
            assert request.transport is not None
            request.transport.abort()
        if self.requests == self.lives:
            assert self._listener is not None
            self._listener.close()  # the process is gone: nothing listens on the port
        openai = request.path.endswith("/chat/completions")
        return web.Response(body=reply_body("fine", openai), content_type="application/json",
                            headers={"Connection": "close"})

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        await self._runner.cleanup()


@pytest.fixture
async def dying() -> AsyncIterator[DyingServer]:
    server = DyingServer(lives=2)
    await server.start()
    yield server
    await server.close()


def _bot(kind: str, url: str) -> HttpBot | OpenAIBot:
    if kind == "http":
        return HttpBot(kind="http", url=f"{url}/chat?token=secret", retries=2, timeout_s=5)
    return OpenAIBot(kind="openai", base_url=f"{url}/v1", model="m", retries=2, timeout_s=5)


@pytest.mark.parametrize("kind", ["http", "openai"])
async def test_a_bot_killed_mid_run_is_unreachable_with_true_counts(
    db_path: Path, dying: DyingServer, kind: str
) -> None:
    plan = RunPlan(("casual_casey",), ("gone",), conversations=3, min_turns=2, max_turns=2,
                   concurrency=1, seed=3)
    bots = BotsFile(source="test", bots={"gone": _bot(kind, dying.url)})
    result = await asyncio.wait_for(
        execute_run(plan, builtin_personas(), bots, db_path, handle_signals=False), 30)
    assert result.status == "completed"
    async with Database(db_path) as db, db.conn.execute(
        "SELECT c.status, t.idx, t.bot_reply, t.error, t.attempts, t.latency_ms, c.error, "
        "c.latency_n FROM turns t JOIN conversations c ON c.id = t.conversation_id "
        "ORDER BY c.started_at, t.idx"
    ) as cursor:
        turns = [tuple(row) for row in await cursor.fetchall()]
    reason = f"bot 'gone' unreachable at {dying.url}: connection refused (after 3 attempts)"
    assert [row[:5] for row in turns] == [
        ("completed", 0, "fine", None, 1), ("completed", 1, "fine", None, 1),
        ("failed", 0, None, reason, 3), ("failed", 0, None, reason, 3)]
    assert all(latency is not None and latency >= 0 for *_, latency, _, _ in turns)
    assert [row[6] for row in turns[2:]] == [reason, reason]
    assert [row[7] for row in turns] == [2, 2, 0, 0]  # failed turns are no reply time
    assert dying.requests == 2


@pytest.mark.parametrize("kind", ["http", "openai"])
async def test_a_server_hanging_up_before_it_answers_reads_the_same_on_both_kinds(
    db_path: Path, kind: str
) -> None:
    server = DyingServer(lives=0, hang_up=True)
    await server.start()
    try:
        plan = RunPlan(("casual_casey",), ("gone",), conversations=1, min_turns=2,
                       max_turns=2, concurrency=1, seed=3)
        bots = BotsFile(source="test", bots={"gone": _bot(kind, server.url)})
        await asyncio.wait_for(
            execute_run(plan, builtin_personas(), bots, db_path, handle_signals=False), 30)
    finally:
        await server.close()
    async with Database(db_path) as db, db.conn.execute(
            "SELECT error, attempts FROM turns") as cursor:
        turns = [tuple(row) for row in await cursor.fetchall()]
    assert turns == [(f"bot 'gone' unreachable at {server.url}: the server closed the "
                      "connection before answering (after 3 attempts)", 3)]
    assert server.requests == 3
