"""A loopback bot server that misbehaves on purpose, one fault per path.

    /ok                    {"reply": "fine"}
    /burst?n=2&status=503  the first n requests to this path fail with `status`, then ok
    /fail                  500 every time
    /hang                  never answers (until the server closes)
    /reset                 headers and part of the body, then the connection is cut
    /trickle               one byte every 50 ms for up to five minutes
    /invalid-json          200 with a body that is not JSON
    /huge?mb=10            200 with a JSON reply of that many megabytes
    /latin1                200 with Latin-1 bytes and no charset declared
    /429?retry_after=0     429 every time, with that Retry-After (left out: none)

Under `/{fault}/chat/completions` the same faults wear the OpenAI chat-completions shape,
for the `openai` kind (`base_url` = `{url}/{fault}`, or `{url}/{fault}/n=2&status=503` with
the query as a path segment, since the SDK appends its path to the base URL; the `http`
kind takes that form too). `http_bots` and `openai_bots` point a bot `faulty` at a fault.

`healthy = True` turns every path into /ok, for a bot that recovers.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from multidict import MultiDict

from bridge.config import BotsFile, HttpBot, OpenAIBot
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from tests.support import serve_on_loopback
from tui.session import execute_run

MB = 1024 * 1024

_COMPLETION_HEAD = (b'{"id": "c1", "object": "chat.completion", "created": 0, "model": "m", '
                    b'"choices": [{"index": 0, "finish_reason": "stop", '
                    b'"message": {"role": "assistant", "content": "')
_COMPLETION_TAIL = b'"}}]}'


def reply_body(text: str, openai: bool) -> bytes:
    """A reply saying `text`: `{"reply": ...}`, or a chat completion for the `openai` kind."""
    if openai:
        return _COMPLETION_HEAD + json.dumps(text)[1:-1].encode() + _COMPLETION_TAIL
    return json.dumps({"reply": text}).encode()


def _halves(openai: bool) -> tuple[bytes, bytes]:
    """The bytes before and after a reply's text."""
    return (_COMPLETION_HEAD, _COMPLETION_TAIL) if openai else (b'{"reply": "', b'"}')


class FaultyBotServer:
    """An aiohttp server on 127.0.0.1 serving the faults above; counts requests per path."""

    def __init__(self) -> None:
        self.url = ""
        self.requests: Counter[str] = Counter()
        self.healthy = False
        self._stop = asyncio.Event()
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{fault}", self._handle)
        app.router.add_route("*", "/{fault}/{query}", self._handle)
        app.router.add_route("*", "/{fault}/chat/completions", self._handle)
        app.router.add_route("*", "/{fault}/{query}/chat/completions", self._handle)
        self._runner, self.url = await serve_on_loopback(app, shutdown_timeout=1.0)

    async def close(self) -> None:
        self._stop.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        await request.read()
        fault = request.match_info["fault"]
        openai = request.path.endswith("/chat/completions")
        self.requests[fault] += 1
        fine = web.Response(body=reply_body("fine", openai), content_type="application/json")
        if self.healthy or fault == "ok":
            return fine
        query = MultiDict(parse_qsl(request.match_info.get("query", ""))) or request.query
        if fault == "burst":
            if self.requests[fault] <= int(query.get("n", "2")):
                status = int(query.get("status", "503"))
                return web.json_response({"error": "overloaded"}, status=status)
            return fine
        if fault == "fail":
            return web.json_response({"error": "broken"}, status=500)
        if fault == "hang":
            await self._stop.wait()
            return web.json_response({"reply": "too late"})
        if fault == "reset":
            return await self._reset(request, openai)
        if fault == "trickle":
            return await self._trickle(request, openai)
        if fault == "invalid-json":
            return web.Response(body=b"<html>Internal oops</html>", content_type="text/html")
        if fault == "huge":
            return await self._huge(request, int(float(query.get("mb", "10")) * MB), openai)
        if fault == "latin1":
            head, tail = _halves(openai)
            return web.Response(body=head + "café crème".encode("latin-1") + tail,
                                headers={"Content-Type": "application/json"})
        if fault == "429":
            headers = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
            return web.json_response({"error": "slow down"}, status=429, headers=headers)
        raise web.HTTPNotFound()

    async def _reset(self, request: web.Request, openai: bool) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = 10_000
        await response.prepare(request)
        await response.write(_halves(openai)[0] + b"the first part of a rep")
        await asyncio.sleep(0.05)
        assert request.transport is not None
        request.transport.abort()
        return response

    async def _trickle(self, request: web.Request, openai: bool) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        body = reply_body("s" * 6000, openai)
        try:
            for index in range(len(body)):  # 6,000 bytes x 50 ms: five minutes
                await response.write(body[index:index + 1])
                try:
                    await asyncio.wait_for(self._stop.wait(), 0.05)
                    break
                except TimeoutError:
                    pass
        except ConnectionError:  # the client gave up, as it should
            pass
        return response

    async def _huge(self, request: web.Request, size: int, openai: bool) -> web.StreamResponse:
        head, tail = _halves(openai)
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = len(head) + size + len(tail)
        await response.prepare(request)
        try:
            await response.write(head)
            chunk = b"x" * (256 * 1024)
            for start in range(0, size, len(chunk)):
                await response.write(chunk[: size - start])
            await response.write(tail)
        except ConnectionError:  # the client stopped reading at its cap
            pass
        return response


def http_bots(server: FaultyBotServer, fault: str, **settings: Any) -> BotsFile:
    """Bot `faulty` of the `http` kind at `fault` (a path, with its query)."""
    settings = {"timeout_s": 2.0, "retries": 1, **settings}
    bot = HttpBot(kind="http", url=f"{server.url}/{fault}", **settings)
    return BotsFile(source="test", bots={"faulty": bot})


def openai_bots(server: FaultyBotServer, fault: str, **settings: Any) -> BotsFile:
    """Bot `faulty` of the `openai` kind at `fault` (a path, its query as a segment)."""
    settings = {"timeout_s": 2.0, "retries": 1, **settings}
    bot = OpenAIBot(kind="openai", base_url=f"{server.url}/{fault}", model="m", **settings)
    return BotsFile(source="test", bots={"faulty": bot})


Turn = tuple[str, int, str | None, str | None]
"""(conversation status, turn index, reply, error)"""


async def run(
    db_path: Path, bots_file: BotsFile, conversations: int = 2, concurrency: int = 2
) -> list[Turn]:
    """Run the plan against bot `faulty` to the end; every turn recorded."""
    plan = RunPlan(("casual_casey",), ("faulty",), conversations=conversations, min_turns=2,
                   max_turns=2, concurrency=concurrency, seed=3)
    result = await asyncio.wait_for(
        execute_run(plan, builtin_personas(), bots_file, db_path, handle_signals=False), 20)
    assert result.status == "completed"
    async with Database(db_path) as db, db.conn.execute(
        "SELECT c.status, t.idx, t.bot_reply, t.error FROM turns t "
        "JOIN conversations c ON c.id = t.conversation_id ORDER BY c.id, t.idx"
    ) as cursor:
        turns = [tuple(row) for row in await cursor.fetchall()]
    assert len(turns) >= conversations
    return turns  # type: ignore[return-value]


def failures(turns: list[Turn]) -> list[str]:
    """The error of every turn, after checking each failed where its conversation stopped."""
    errors = []
    for status, idx, reply, error in turns:
        assert status == "failed" and idx == 0 and reply is None and error is not None
        assert "\n" not in error and len(error) < 400
        errors.append(error)
    return errors
