"""Test support: a scriptable bot server on 127.0.0.1 and a deterministic fake engine."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from simulator.engine import ConversationSetting, UserMessage, Verdict
from simulator.persona import Persona


async def serve_on_loopback(app: web.Application, **runner: Any) -> tuple[web.AppRunner, str]:
    """Serve `app` on 127.0.0.1 at a free port: its runner (to clean up) and its URL."""
    app_runner = web.AppRunner(app, access_log=None, **runner)
    await app_runner.setup()
    await web.TCPSite(app_runner, "127.0.0.1", 0).start()
    return app_runner, f"http://127.0.0.1:{app_runner.addresses[0][1]}"


@dataclass
class Scripted:
    """One canned HTTP answer."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    raw: bytes | None = None


class ScriptedBotServer:
    """A real HTTP server whose answers the test scripts; unscripted requests echo."""

    def __init__(self) -> None:
        self.answers: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self.url = ""
        self._runner: web.AppRunner | None = None

    def script(self, *answers: Scripted) -> None:
        self.answers.extend(answers)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.requests.append(
            {"path": request.path, "headers": dict(request.headers),
             "json": json.loads(body) if body else None}
        )
        answer = self.answers.popleft() if self.answers else None
        if answer is None:
            payload = json.loads(body) if body else {}
            return web.json_response({"reply": f"echo: {payload.get('message', '')}"})
        if answer.delay_s:
            await asyncio.sleep(answer.delay_s)
        if answer.raw is not None:
            return web.Response(status=answer.status, body=answer.raw, headers=answer.headers)
        return web.json_response(answer.body, status=answer.status, headers=answer.headers)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner, self.url = await serve_on_loopback(app)

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


class CountingEngine:
    """A deterministic fake persona engine: asks numbered questions for `turns` turns."""

    name = "counting"

    def __init__(self, turns: int = 3) -> None:
        self.turns = turns

    def session(self, persona: Persona, setting: ConversationSetting) -> CountingSession:
        return CountingSession(persona, setting, self.turns)


class CountingSession:
    def __init__(self, persona: Persona, setting: ConversationSetting, turns: int) -> None:
        self.persona = persona
        self.setting = setting
        self.turns = turns
        self.sent = 0

    def _message(self) -> UserMessage:
        self.sent += 1
        return UserMessage(f"{self.setting.topic} question {self.sent}", "curious", 0.8)

    async def opening(self) -> UserMessage:
        return self._message()

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        return self._message() if self.sent < self.turns else None

    async def verdict(self) -> Verdict:
        return Verdict(4, "fine")
