"""The demo bots over HTTP: an OpenAI-compatible API and a plain JSON webhook, on 127.0.0.1."""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from bridge.demo import wire
from bridge.demo.voices import DEMO_BOTS, compose_reply

MAX_REMEMBERED_CONVERSATIONS = 1024
MAX_REMEMBERED_MESSAGES = 40


@dataclass(frozen=True, slots=True)
class DemoSettings:
    """How the demo server misbehaves: latency and simulated failures."""

    latency_ms: float = 0.0
    """Delay before every chat reply (before the first token, when streaming)."""
    latency_per_word_ms: float = 0.0
    """Further delay per word of the reply (spread over the chunks, when streaming)."""
    fail_rate: float = 0.0
    """Share of chat requests answered with 503, decided by `seed` and the request's number."""
    seed: int = 0

    def __post_init__(self) -> None:
        if self.latency_ms < 0 or self.latency_per_word_ms < 0:
            raise ValueError("latencies must not be negative")
        if not 0.0 <= self.fail_rate <= 1.0:
            raise ValueError("fail_rate must be between 0 and 1")


@dataclass(slots=True)
class _State:
    settings: DemoSettings
    requests: int = 0
    failures: int = 0
    conversations: OrderedDict[str, tuple[tuple[str, str], ...]] = field(
        default_factory=OrderedDict
    )

    def roll_failure(self) -> bool:
        """Count a chat request; True when it is one of the simulated failures.

        Request n fails when hash(seed, n) falls under fail_rate, so a run of N requests
        always has the same number of failures, whatever order they arrive in.
        """
        number = self.requests
        self.requests += 1
        rate = self.settings.fail_rate
        if rate <= 0.0:
            return False
        digest = hashlib.blake2b(f"{self.settings.seed}:{number}".encode(), digest_size=8)
        failed = rate >= 1.0 or int.from_bytes(digest.digest(), "big") / 2.0**64 < rate
        self.failures += failed
        return failed

    def delay_s(self, words: int) -> float:
        settings = self.settings
        return (settings.latency_ms + settings.latency_per_word_ms * words) / 1000.0

    def remember(self, conversation_id: str, history: tuple[tuple[str, str], ...]) -> None:
        self.conversations[conversation_id] = history[-MAX_REMEMBERED_MESSAGES:]
        self.conversations.move_to_end(conversation_id)
        while len(self.conversations) > MAX_REMEMBERED_CONVERSATIONS:
            self.conversations.popitem(last=False)


_STATE = web.AppKey("sparring_demo_state", _State)
_FAILURE = "the demo bot is unavailable (simulated failure)"


def _openai_error(status: int, message: str, kind: str, code: str) -> web.Response:
    return web.json_response(wire.openai_error(message, kind, code), status=status)


async def _json_body(request: web.Request) -> object:
    try:
        return await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise wire.WireError(f"the request body is not valid JSON: {exc}", "invalid_json") from exc


async def _chat_completions(request: web.Request) -> web.StreamResponse:
    state = request.app[_STATE]
    try:
        call = wire.parse_completion(await _json_body(request))
    except wire.WireError as exc:
        return _openai_error(400, exc.message, "invalid_request_error", exc.code)
    model = call.model.lower()
    if model not in DEMO_BOTS:
        return _openai_error(
            404, f"The model '{call.model}' does not exist", "invalid_request_error",
            "model_not_found",
        )
    if state.roll_failure():
        await asyncio.sleep(state.delay_s(0))
        return _openai_error(503, _FAILURE, "server_error", "service_unavailable")
    reply, finish = wire.truncate(compose_reply(model, call.message, call.history), call.max_tokens)
    used = wire.usage(call.prompt_words, reply)
    completion_id = f"chatcmpl-demo{state.requests:08d}"
    created = int(time.time())
    if not call.stream:
        await asyncio.sleep(state.delay_s(len(reply.split())))
        return web.json_response(
            wire.completion_body(completion_id, created, model, reply, finish, used)
        )
    return await _stream(request, state, call, model, reply, finish, used, completion_id)


async def _stream(
    request: web.Request,
    state: _State,
    call: wire.CompletionRequest,
    model: str,
    reply: str,
    finish: str,
    used: dict[str, int],
    completion_id: str,
) -> web.StreamResponse:
    created = int(time.time())
    await asyncio.sleep(state.delay_s(0))
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
    )
    await response.prepare(request)
    per_word = state.settings.latency_per_word_ms / 1000.0

    async def send(body: dict[str, Any]) -> None:
        await response.write(b"data: " + json.dumps(body).encode() + b"\n\n")

    try:
        await send(wire.chunk_body(completion_id, created, model, {"role": "assistant",
                                                                    "content": ""}))
        for piece in wire.deltas(reply):
            if per_word:
                await asyncio.sleep(per_word * len(piece.split()))
            await send(wire.chunk_body(completion_id, created, model, {"content": piece}))
        await send(wire.chunk_body(completion_id, created, model, {}, finish))
        if call.include_usage:
            await send(wire.usage_chunk_body(completion_id, created, model, used))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
    except ConnectionResetError:
        pass  # the client went away mid-stream
    return response


async def _models(_request: web.Request) -> web.Response:
    return web.json_response(wire.model_list(DEMO_BOTS))


async def _model(request: web.Request) -> web.Response:
    bot = request.match_info["model"].lower()
    if bot not in DEMO_BOTS:
        return _openai_error(
            404, f"The model '{bot}' does not exist", "invalid_request_error", "model_not_found"
        )
    return web.json_response(wire.model_card(bot))


async def _webhook(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    try:
        call = wire.parse_webhook(await _json_body(request))
    except wire.WireError as exc:
        return web.json_response({"error": exc.message}, status=400)
    bot = request.match_info["bot"].lower()
    if bot not in DEMO_BOTS:
        return web.json_response({"error": f"unknown bot '{bot}'"}, status=404)
    if state.roll_failure():
        await asyncio.sleep(state.delay_s(0))
        return web.json_response({"error": _FAILURE}, status=503)
    conversation_id = call.conversation_id or f"demo-{bot}-{state.requests:08d}"
    history = call.history
    if history is None:
        history = state.conversations.get(conversation_id, ())
    reply = compose_reply(bot, call.message, history)
    await asyncio.sleep(state.delay_s(len(reply.split())))
    state.remember(conversation_id, (*history, ("user", call.message), ("assistant", reply)))
    return web.json_response({"bot": bot, "reply": reply, "conversation_id": conversation_id})


async def _health(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "bots": list(DEMO_BOTS)})


def build_app(settings: DemoSettings | None = None) -> web.Application:
    """The demo bots' aiohttp application (see the package docstring for its routes)."""
    app = web.Application()
    app[_STATE] = _State(settings or DemoSettings())
    app.router.add_post("/v1/chat/completions", _chat_completions)
    app.router.add_get("/v1/models", _models)
    app.router.add_get("/v1/models/{model}", _model)
    app.router.add_post("/bots/{bot}/chat", _webhook)
    app.router.add_get("/health", _health)
    return app


class DemoBotServer:
    """The demo bots served on a local port; `async with DemoBotServer() as server: ...`.

    `port=0` picks a free port; read it back from `.port` once started. `start` and `close`
    are idempotent. `latency_ms`, `latency_per_word_ms` and `fail_rate` are `DemoSettings`.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        latency_ms: float = 0.0,
        latency_per_word_ms: float = 0.0,
        fail_rate: float = 0.0,
        seed: int = 0,
    ) -> None:
        self.host = host
        self.settings = DemoSettings(latency_ms, latency_per_word_ms, fail_rate, seed)
        self._requested_port = port
        self._port: int | None = None
        self._app: web.Application | None = None
        self._runner: web.AppRunner | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        """Start serving; does nothing if already started."""
        async with self._lock:
            if self._runner is not None:
                return
            app = build_app(self.settings)
            runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self._requested_port).start()
            except BaseException:
                await runner.cleanup()
                raise
            self._app, self._runner = app, runner
            self._port = int(runner.addresses[0][1])

    async def close(self) -> None:
        """Stop serving; does nothing if not started."""
        async with self._lock:
            runner, self._runner = self._runner, None
            self._port = None
            if runner is not None:
                await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def started(self) -> bool:
        return self._runner is not None

    @property
    def port(self) -> int:
        """The port actually listened on; RuntimeError before `start`."""
        if self._port is None:
            raise RuntimeError("DemoBotServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """E.g. "http://127.0.0.1:54321"."""
        return f"http://{self.host}:{self.port}"

    @property
    def openai_base_url(self) -> str:
        """The `base_url` to give an OpenAI client: base_url + "/v1"."""
        return f"{self.base_url}/v1"

    def chat_url(self, bot: str) -> str:
        """The webhook URL of one bot."""
        return f"{self.base_url}/bots/{bot}/chat"

    @property
    def request_count(self) -> int:
        """Chat requests received (both routes, failures included) since the last start."""
        return self._app[_STATE].requests if self._app is not None else 0

    @property
    def failure_count(self) -> int:
        """Chat requests answered with a simulated 503 since the last start."""
        return self._app[_STATE].failures if self._app is not None else 0
