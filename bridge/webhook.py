"""The `http` kind: any JSON webhook, reached with aiohttp."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp

from bridge.config import HttpBot, expand_env
from bridge.reply_path import extract_reply
from bridge.retry import RetryPolicy, parse_retry_after, reply_with_retries
from bridge.unreachable import unreachable
from simulator.connector import BotContext, BotReply
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable

RAW_LIMIT = 2000
"""Characters of the raw payload kept with each turn."""


@dataclass(slots=True)
class _Progress:
    """How far one request got, so a failure can say where it stopped."""

    answered: bool = False
    """The status line and headers arrived."""
    received: int = 0
    """Body bytes read so far."""


@contextmanager
def map_aiohttp_errors(
    bot_id: str, timeout_s: float, progress: _Progress | None = None, url: str = ""
) -> Iterator[None]:
    """Translate aiohttp's exceptions into Sparring's BotError tree."""
    progress = progress or _Progress()
    try:
        yield
    except TimeoutError as exc:
        if progress.answered:
            raise BotTimeout(
                f"bot {bot_id!r} timed out after {timeout_s:g} s with its reply still "
                f"arriving ({progress.received:,} bytes so far)"
            ) from exc
        raise BotTimeout(f"bot {bot_id!r} did not answer within {timeout_s:g} s") from exc
    except (aiohttp.ClientPayloadError, aiohttp.ClientConnectionError) as exc:
        if progress.answered:
            raise BotUnreachable(
                f"bot {bot_id!r}: connection reset while reading the reply "
                f"({progress.received:,} bytes received)"
            ) from exc
        if isinstance(exc, aiohttp.ClientPayloadError):
            raise BotProtocolError(f"bot {bot_id!r}: {type(exc).__name__}: {exc}") from exc
        raise unreachable(bot_id, url, exc) from exc
    except (aiohttp.ClientResponseError, aiohttp.InvalidURL) as exc:
        # Their text holds the URL, and a URL may hold a secret (`?key=${TOKEN}`): name only
        # the error (TooManyRedirects, InvalidUrlRedirectClientError, ...) and the status.
        status = getattr(exc, "status", 0)
        detail = f" (HTTP {status})" if status else ""
        raise BotProtocolError(f"bot {bot_id!r}: {type(exc).__name__}{detail}") from exc
    except aiohttp.ClientError as exc:
        raise BotProtocolError(f"bot {bot_id!r}: {type(exc).__name__}: {exc}") from exc


async def read_capped(
    response: aiohttp.ClientResponse, cap: int, progress: _Progress
) -> tuple[bytes, bool]:
    """At most `cap` bytes of the body, and whether there was more (the rest is not read)."""
    chunks: list[bytes] = []
    async for chunk in response.content.iter_chunked(64 * 1024):
        chunks.append(chunk)
        progress.received += len(chunk)
        if progress.received > cap:
            return b"".join(chunks)[:cap], True
    return b"".join(chunks), False


def decode_body(bot_id: str, body: bytes, charset: str | None) -> str:
    """The body as text in its declared charset (UTF-8 when none is declared)."""
    encoding = charset or "utf-8"
    try:
        return body.decode(encoding)
    except LookupError as exc:
        raise BotProtocolError(
            f"bot {bot_id!r}: reply declares charset {charset!r}, which is not a known "
            "encoding; send UTF-8 or a standard charset"
        ) from exc
    except UnicodeDecodeError as exc:
        bad = body[exc.start : exc.start + 1].hex()
        raise BotProtocolError(
            f"bot {bot_id!r}: reply is not {encoding}: byte 0x{bad} at offset {exc.start:,} "
            f"cannot be decoded (start: {body[:60].decode(encoding, 'replace')!r}); send "
            "UTF-8 or declare the charset in Content-Type"
        ) from exc


def truncated_reply(bot_id: str, cap: int) -> BotProtocolError:
    """The failure of a reply longer than the bot's `max_reply_bytes`."""
    return BotProtocolError(
        f"bot {bot_id!r}: reply truncated at {cap:,} bytes (bots.{bot_id}.max_reply_bytes); "
        "the bot sent more. Raise the cap if replies this long are expected"
    )


def render_body(template: Any, context: BotContext, message: str) -> Any:
    """Fill a JSON body template for one message."""
    if isinstance(template, dict):
        return {key: render_body(value, context, message) for key, value in template.items()}
    if isinstance(template, list):
        return [render_body(value, context, message) for value in template]
    if not isinstance(template, str):
        return template
    if template == "{history}":
        return [{"role": m.role, "content": m.content} for m in context.history]
    if "{" not in template:
        return template
    return (
        template.replace("{message}", message)
        .replace("{conversation_id}", context.conversation_id)
        .replace("{persona_id}", context.persona_id)
    )


class WebhookConnector:
    """Posts each user message to a URL and reads the reply at `reply_path`."""

    def __init__(self, bot_id: str, config: HttpBot, session: aiohttp.ClientSession) -> None:
        where = f"bots.{bot_id}"
        self.id = bot_id
        self._config = config
        self._session = session
        self._url = expand_env(config.url, f"{where}.url")
        self._headers = {
            name: expand_env(value, f"{where}.headers.{name}")
            for name, value in config.headers.items()
        }
        self._timeout = aiohttp.ClientTimeout(total=config.timeout_s)
        self._policy = RetryPolicy(retries=config.retries)

    async def open(self) -> None:
        """Nothing to open: the shared session is owned by the connector pool."""

    async def close(self) -> None:
        """Nothing to close: the shared session is owned by the connector pool."""

    async def reply(self, context: BotContext, message: str) -> BotReply:
        body = render_body(self._config.body, context, message)
        return await reply_with_retries(self._policy, lambda: self._attempt(body))

    async def _attempt(self, body: Any) -> BotReply:
        config = self._config
        kwargs: dict[str, Any] = {"params": body} if config.method == "GET" else {"json": body}
        progress = _Progress()
        started = time.perf_counter()
        # One deadline for the whole reply: a bot trickling bytes cannot outlast timeout_s.
        with map_aiohttp_errors(self.id, config.timeout_s, progress, self._url):
            async with asyncio.timeout(config.timeout_s), self._session.request(
                config.method, self._url, headers=self._headers, timeout=self._timeout, **kwargs
            ) as response:
                progress.answered = True
                raw, truncated = await read_capped(response, config.max_reply_bytes, progress)
        latency_ms = (time.perf_counter() - started) * 1000
        if response.status >= 400:
            text = raw.decode("utf-8", errors="replace")
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            reason = f" {response.reason}" if response.reason else ""
            waited = f" (Retry-After {retry_after:g} s)" if retry_after is not None else ""
            raise BotHTTPError(
                f"bot {self.id!r} answered HTTP {response.status}{reason}{waited}: "
                f"{text[:200]!r}",
                status=response.status,
                retry_after=retry_after,
            )
        if truncated:
            raise truncated_reply(self.id, config.max_reply_bytes)
        text = decode_body(self.id, raw, response.charset)
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError) as exc:  # not JSON, or too deep or long to read
            raise BotProtocolError(
                f"bot {self.id!r} answered HTTP {response.status} with a body that is not JSON: "
                f"{text[:120]!r}"
            ) from exc
        try:
            reply_text = extract_reply(payload, config.reply_path)
        except BotProtocolError as exc:
            raise BotProtocolError(f"bot {self.id!r}: {exc}") from exc
        return BotReply(text=reply_text, latency_ms=latency_ms, raw=text[:RAW_LIMIT])
