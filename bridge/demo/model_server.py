"""A local OpenAI-compatible *model* server: the stand-in model, or a test's own responder.

Routes, on 127.0.0.1 by default:

- `POST /v1/chat/completions`: the OpenAI response shape, `stream: true` as server-sent
  events (with a usage chunk when `stream_options.include_usage` is set); `model` is echoed.
- `GET /v1/models`: lists `standin`; `GET /health`: `{"status": "ok"}`.

Tests inject misbehaviour with `Fault`s, used up one per chat request in order:

    async with ModelServer(faults=[Fault.status(429, retry_after=0.05)]) as server:
        client = AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0)
        ...                       # first call: RateLimitError; then served normally
        server.fault(Fault.delay(2.0), Fault.text("not json"))

Token counts are estimates (a token per four characters), never zero for non-empty text.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import web

from bridge.demo import wire
from bridge.demo.standin import STANDIN_MODEL, request_messages, standin_answer

Responder = Callable[[dict[str, Any]], str]
"""Gives the answer text for a chat-completion request body."""

FaultKind = Literal["status", "delay", "text"]

log = logging.getLogger(__name__)

_ERROR_KINDS: dict[int, tuple[str, str]] = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", "permission_denied"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
    503: ("server_error", "service_unavailable"),
}


@dataclass(frozen=True, slots=True)
class Fault:
    """One injected misbehaviour, used up by the next chat request.

    Make them with `Fault.status`, `Fault.delay` and `Fault.text`.
    """

    kind: FaultKind
    http_status: int = 200
    """For `status`: the HTTP status answered, with an OpenAI-style error body."""
    retry_after: float | None = None
    """For `status`: the `Retry-After` header in seconds, if any."""
    message: str = ""
    """For `status`: the error message."""
    seconds: float = 0.0
    """For `delay`: how long to wait before answering normally."""
    answer: str = ""
    """For `text`: answered instead of the responder's text."""

    @classmethod
    def status(
        cls, http_status: int, *, retry_after: float | None = None, message: str | None = None
    ) -> Fault:
        """Answer with this HTTP error status (429 carries `Retry-After` when given)."""
        if not 400 <= http_status <= 599:
            raise ValueError(f"Fault.status({http_status}): expected an error status, 400-599")
        default = "Rate limit reached (injected fault)" if http_status == 429 else (
            f"HTTP {http_status} (injected fault)")
        return cls("status", http_status=http_status, retry_after=retry_after,
                   message=message or default)

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        """Wait `seconds` before answering normally (to trip client timeouts)."""
        if seconds < 0:
            raise ValueError(f"Fault.delay({seconds}): expected seconds >= 0")
        return cls("delay", seconds=seconds)

    @classmethod
    def text(cls, answer: str) -> Fault:
        """Answer `answer` once instead of the responder's text (malformed output...)."""
        return cls("text", answer=answer)


def estimate_tokens(text: str) -> int:
    """A token per four characters, rounded up: 0 only for empty text."""
    return -(-len(text) // 4)


def _truncate(text: str, max_tokens: int | None) -> tuple[str, str]:
    """`text` cut to `max_tokens` by the same estimate, and the finish reason."""
    if max_tokens is None or estimate_tokens(text) <= max_tokens:
        return text, "stop"
    return text[: max_tokens * 4], "length"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    kind, code = _ERROR_KINDS.get(status, ("server_error", "server_error"))
    return web.json_response(wire.openai_error(message, kind, code), status=status,
                             headers=headers)


def _fault_response(fault: Fault) -> web.Response:
    headers = None
    if fault.retry_after is not None:
        headers = {"Retry-After": f"{fault.retry_after:g}"}
    return _error(fault.http_status, fault.message, headers)


class ModelServer:
    """An OpenAI-compatible model on a local port; `async with ModelServer() as server:`.

    `port=0` picks a free port. `responder` gives the answer text (default: the stand-in
    model); `latency_ms` delays every chat answer; `faults` are used up in order, one per
    chat request, and more can be added while running with `fault(...)` or
    `faults.extend(...)`. `requests` holds every chat request body received, `calls` counts
    them. `start` and `close` are idempotent.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        responder: Responder | None = None,
        latency_ms: float = 0.0,
        faults: Iterable[Fault] | None = None,
    ) -> None:
        if latency_ms < 0:
            raise ValueError(f"latency_ms = {latency_ms}; expected a delay >= 0")
        self.host = host
        self.responder: Responder = responder or standin_answer
        self.latency_ms = latency_ms
        self.faults: deque[Fault] = deque(faults or ())
        self.requests: list[dict[str, Any]] = []
        self._calls = 0
        self._ids = itertools.count(1)
        self._requested_port = port
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        self._lock = asyncio.Lock()

    def fault(self, *faults: Fault) -> None:
        """Queue faults behind those already waiting."""
        self.faults.extend(faults)

    @property
    def calls(self) -> int:
        """Chat requests received, malformed and faulted ones included."""
        return self._calls

    async def _pause(self, seconds: float) -> None:
        """Sleep, cut short when the server closes."""
        if seconds > 0:
            try:
                await asyncio.wait_for(self._closing.wait(), seconds)
            except TimeoutError:
                pass

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        self._calls += 1
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return _error(400, f"the request body is not valid JSON: {exc}")
        if isinstance(body, dict):
            self.requests.append(body)
        try:
            call = wire.parse_completion(body)
        except wire.WireError as exc:
            return _error(400, exc.message)
        fault = self.faults.popleft() if self.faults else None
        await self._pause(self.latency_ms / 1000.0)
        if fault is not None and fault.kind == "status":
            return _fault_response(fault)
        if fault is not None and fault.kind == "delay":
            await self._pause(fault.seconds)
        if fault is not None and fault.kind == "text":
            answer = fault.answer
        else:
            try:
                answer = self.responder(body)
            except Exception as exc:
                log.exception("model server: the responder failed")
                return _error(500, f"the responder failed: {exc!r}")
        answer, finish = _truncate(answer, call.max_tokens)
        prompt = sum(estimate_tokens(text) for _, text in request_messages(body))
        completion = estimate_tokens(answer)
        used = {"prompt_tokens": prompt, "completion_tokens": completion,
                "total_tokens": prompt + completion}
        completion_id = f"chatcmpl-standin{next(self._ids):08d}"
        created = int(time.time())
        if not call.stream:
            return web.json_response(
                wire.completion_body(completion_id, created, call.model, answer, finish, used)
            )
        return await _stream(request, call, answer, finish, used, completion_id, created)

    async def _models(self, _request: web.Request) -> web.Response:
        return web.json_response(wire.model_list((STANDIN_MODEL,)))

    async def _health(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "model": STANDIN_MODEL})

    def build_app(self) -> web.Application:
        """The aiohttp application (routes in the module docstring)."""
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/health", self._health)
        return app

    async def start(self) -> None:
        """Start serving; does nothing if already started."""
        async with self._lock:
            if self._runner is not None:
                return
            self._closing = asyncio.Event()
            runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
            await runner.setup()
            try:
                await web.TCPSite(runner, self.host, self._requested_port).start()
            except BaseException:
                await runner.cleanup()
                raise
            self._runner = runner
            self._port = int(runner.addresses[0][1])

    async def close(self) -> None:
        """Stop serving, cutting pending delays short; does nothing if not started."""
        async with self._lock:
            runner, self._runner = self._runner, None
            self._port = None
            self._closing.set()
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
    def port(self) -> int:
        """The port actually listened on; RuntimeError before `start`."""
        if self._port is None:
            raise RuntimeError("ModelServer is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """The `base_url` for an OpenAI client, e.g. "http://127.0.0.1:54321/v1"."""
        return f"http://{self.host}:{self.port}/v1"


async def _stream(
    request: web.Request,
    call: wire.CompletionRequest,
    answer: str,
    finish: str,
    used: dict[str, int],
    completion_id: str,
    created: int,
) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
    )
    await response.prepare(request)

    async def send(body: dict[str, Any]) -> None:
        await response.write(b"data: " + json.dumps(body).encode() + b"\n\n")

    def chunk(delta: dict[str, str], finish_reason: str | None = None) -> dict[str, Any]:
        return wire.chunk_body(completion_id, created, call.model, delta, finish_reason)

    try:
        await send(chunk({"role": "assistant", "content": ""}))
        for piece in wire.deltas(answer):
            await send(chunk({"content": piece}))
        await send(chunk({}, finish))
        if call.include_usage:
            await send(wire.usage_chunk_body(completion_id, created, call.model, used))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
    except ConnectionResetError:
        pass  # the client went away mid-stream
    return response
