"""The `openai` kind: any OpenAI-compatible chat-completions endpoint, via the openai SDK."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from typing import Any

import openai

from bridge.config import OpenAIBot, read_secret
from bridge.openai_model import NO_KEY
from bridge.retry import RetryPolicy, parse_retry_after, reply_with_retries
from bridge.unreachable import connection_failed, unreachable
from bridge.webhook import RAW_LIMIT, decode_body, truncated_reply
from simulator.connector import BotContext, BotReply
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable

_STANDARD_FIELDS = ("id", "object", "created", "model", "usage")
"""Fields of a chat completion the turn does not need; a reply without them is noted."""


@contextmanager
def map_openai_errors(bot_id: str, timeout_s: float, url: str = "") -> Iterator[None]:
    """Translate the openai SDK's exceptions into Sparring's BotError tree."""
    try:
        yield
    except (openai.APITimeoutError, TimeoutError) as exc:
        # The SDK's transport reports a refused or dropped connection as a connect timeout.
        if connection_failed(exc):
            raise unreachable(bot_id, url, exc) from exc
        raise BotTimeout(f"bot {bot_id!r} did not answer within {timeout_s:g} s") from exc
    except openai.APIConnectionError as exc:
        raise unreachable(bot_id, url, exc) from exc
    except openai.APIStatusError as exc:
        raise BotHTTPError(
            f"bot {bot_id!r} answered HTTP {exc.status_code}: {exc.message[:200]!r}",
            status=exc.status_code,
            retry_after=parse_retry_after(exc.response.headers.get("retry-after")),
        ) from exc
    except openai.OpenAIError as exc:
        raise BotProtocolError(f"bot {bot_id!r}: {type(exc).__name__}: {exc}") from exc


class OpenAIChatConnector:
    """Sends the conversation so far as chat messages and reads the assistant's reply."""

    def __init__(self, bot_id: str, config: OpenAIBot) -> None:
        self.id = bot_id
        self._config = config
        api_key = read_secret(config.api_key_env, f"bots.{bot_id}.api_key_env") if (
            config.api_key_env
        ) else NO_KEY
        self._client = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=api_key,
            max_retries=0,
            timeout=config.timeout_s,
            http_client=openai.DefaultAioHttpClient(timeout=config.timeout_s),
        )
        self._policy = RetryPolicy(retries=config.retries)

    async def open(self) -> None:
        """The client connects lazily."""

    async def close(self) -> None:
        await self._client.close()

    def _messages(self, context: BotContext, message: str) -> list[dict[str, str]]:
        messages = []
        if self._config.system_prompt:
            messages.append({"role": "system", "content": self._config.system_prompt})
        messages += [{"role": m.role, "content": m.content} for m in context.history]
        messages.append({"role": "user", "content": message})
        return messages

    async def reply(self, context: BotContext, message: str) -> BotReply:
        request: dict[str, Any] = {
            "model": self._config.model,
            "messages": self._messages(context, message),
        }
        if self._config.temperature is not None:
            request["temperature"] = self._config.temperature
        if self._config.max_tokens is not None:
            request["max_tokens"] = self._config.max_tokens
        attempt = self._streamed if self._config.stream else self._complete
        return await reply_with_retries(self._policy, lambda: attempt(request))

    async def _complete(self, request: dict[str, Any]) -> BotReply:
        config = self._config
        started = time.perf_counter()
        chunks: list[bytes] = []
        received = 0
        # One deadline for the whole reply, and the body read up to the cap: a bot trickling
        # bytes or sending megabytes is cut off, as with the `http` kind.
        with map_openai_errors(self.id, config.timeout_s, config.base_url):
            async with asyncio.timeout(config.timeout_s), \
                    self._client.chat.completions.with_streaming_response.create(
                        **request) as response:
                with _reading_reply(self.id):
                    async for chunk in response.iter_bytes():
                        chunks.append(chunk)
                        received += len(chunk)
                        if received > config.max_reply_bytes:
                            break
                content_type = response.headers.get("content-type", "")
        if received > config.max_reply_bytes:
            raise truncated_reply(self.id, config.max_reply_bytes)
        latency_ms = (time.perf_counter() - started) * 1000
        text = decode_body(self.id, b"".join(chunks), _charset(content_type))
        payload = self._payload(text)
        usage = payload.get("usage")
        return BotReply(
            text=_reply_text(self.id, payload, text),
            latency_ms=latency_ms,
            prompt_tokens=_count(usage, "prompt_tokens"),
            completion_tokens=_count(usage, "completion_tokens"),
            raw=text[:RAW_LIMIT],
            notes=_missing(payload),
        )

    def _payload(self, text: str) -> dict[str, Any]:
        """The body as a JSON object."""
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError) as exc:  # not JSON, or too deep or long to read
            raise BotProtocolError(
                f"bot {self.id!r} answered with a body that is not JSON: {text[:120]!r}"
            ) from exc
        if not isinstance(payload, dict):
            raise BotProtocolError(
                f"bot {self.id!r} answered with a body that is not a chat completion "
                f"(not a JSON object): {text[:120]!r}"
            )
        return payload

    async def _streamed(self, request: dict[str, Any]) -> BotReply:
        started = time.perf_counter()
        ttft_ms: float | None = None
        parts: list[str] = []
        received = 0
        usage: dict[str, Any] | None = None
        cap = self._config.max_reply_bytes
        with map_openai_errors(self.id, self._config.timeout_s, self._config.base_url):
            async with asyncio.timeout(self._config.timeout_s):
                stream = await self._client.chat.completions.create(
                    **request, stream=True, stream_options={"include_usage": True}
                )
                async with stream:
                    with _reading_reply(self.id):
                        async for chunk in stream:
                            # The SDK builds chunks without validating them: a server may
                            # leave out any field, so each is read only if it is there.
                            fields = chunk.model_dump(warnings=False)
                            if isinstance(fields.get("usage"), dict):
                                usage = fields["usage"]
                            for content in _delta_texts(fields.get("choices")):
                                if ttft_ms is None:
                                    ttft_ms = (time.perf_counter() - started) * 1000
                                parts.append(content)
                                received += len(content.encode())
                            if received > cap:
                                break
        if received > cap:
            raise truncated_reply(self.id, cap)
        return BotReply(
            text="".join(parts),
            latency_ms=(time.perf_counter() - started) * 1000,
            ttft_ms=ttft_ms,
            prompt_tokens=_count(usage, "prompt_tokens"),
            completion_tokens=_count(usage, "completion_tokens"),
            notes=() if usage is not None else ("the stream reported no usage",),
        )


def _delta_texts(choices: Any) -> Iterator[str]:
    """The text pieces of a stream chunk's choices."""
    for choice in choices if isinstance(choices, list) else ():
        delta = choice.get("delta") if isinstance(choice, dict) else None
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            yield content


def _reply_text(bot_id: str, payload: dict[str, Any], text: str) -> str:
    """`choices[0].message.content`, the one thing a turn needs (null, as beside a tool
    call: empty)."""
    choices = payload.get("choices")
    if isinstance(choices, list) and not choices:
        raise BotProtocolError(f"bot {bot_id!r} answered with no choices")
    first = choices[0] if isinstance(choices, list) else None
    message = first.get("message") if isinstance(first, dict) else None
    if isinstance(message, dict) and "content" in message and message["content"] is None:
        return ""
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        raise BotProtocolError(
            f"bot {bot_id!r} answered with a body that is not a chat completion (no "
            f"choices[0].message.content text): {text[:120]!r}"
        )
    return content


def _count(usage: Any, name: str) -> int | None:
    """A token count from a usage object, when it holds a whole number."""
    value = usage.get(name) if isinstance(usage, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _missing(payload: dict[str, Any]) -> tuple[str, ...]:
    """A note naming the standard fields the reply left out (the SDK accepts it as well)."""
    absent = [name for name in _STANDARD_FIELDS if name not in payload]
    return (f"reply lacks {', '.join(absent)}",) if absent else ()


def _charset(content_type: str) -> str | None:
    """The charset a Content-Type header declares, if any."""
    message = Message()
    message["content-type"] = content_type
    return message.get_content_charset()


@contextmanager
def _reading_reply(bot_id: str) -> Iterator[None]:
    """Failures while the reply's body arrives, which the SDK leaves to its caller: bytes
    it cannot decode, and its transport's errors (a connection cut mid-body)."""
    try:
        yield
    except ValueError as exc:
        raise BotProtocolError(f"bot {bot_id!r}: unreadable reply: {exc}") from exc
    except openai.OpenAIError:
        raise
    except Exception as exc:  # the SDK's transport (httpx2) errors share no public base
        raise BotUnreachable(
            f"bot {bot_id!r}: connection reset while reading the reply: {type(exc).__name__}"
        ) from exc
