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
import pydantic
from openai.types.chat import ChatCompletion

from bridge.config import OpenAIBot, read_secret
from bridge.openai_model import NO_KEY
from bridge.retry import RetryPolicy, parse_retry_after, reply_with_retries
from bridge.webhook import RAW_LIMIT, decode_body, truncated_reply
from simulator.connector import BotContext, BotReply
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable


@contextmanager
def map_openai_errors(bot_id: str, timeout_s: float) -> Iterator[None]:
    """Translate the openai SDK's exceptions into Sparring's BotError tree."""
    try:
        yield
    except (openai.APITimeoutError, TimeoutError) as exc:
        raise BotTimeout(f"bot {bot_id!r} did not answer within {timeout_s:g} s") from exc
    except openai.APIConnectionError as exc:
        raise BotUnreachable(f"bot {bot_id!r} is unreachable: {exc}") from exc
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
        with map_openai_errors(self.id, config.timeout_s):
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
        completion = self._completion(text)
        usage = completion.usage
        return BotReply(
            text=completion.choices[0].message.content or "",
            latency_ms=latency_ms,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
            raw=text[:RAW_LIMIT],
        )

    def _completion(self, text: str) -> ChatCompletion:
        """The body as a chat completion with at least one choice."""
        try:
            completion = ChatCompletion.model_validate(json.loads(text))
        except (ValueError, RecursionError) as exc:  # not JSON, or not a chat completion
            problem = "is not JSON" if not isinstance(exc, pydantic.ValidationError) else (
                "is not a chat completion")
            raise BotProtocolError(
                f"bot {self.id!r} answered with a body that {problem}: {text[:120]!r}"
            ) from exc
        if not completion.choices:
            raise BotProtocolError(f"bot {self.id!r} answered with no choices")
        return completion

    async def _streamed(self, request: dict[str, Any]) -> BotReply:
        started = time.perf_counter()
        ttft_ms: float | None = None
        parts: list[str] = []
        received = 0
        usage = None
        cap = self._config.max_reply_bytes
        with map_openai_errors(self.id, self._config.timeout_s):
            async with asyncio.timeout(self._config.timeout_s):
                stream = await self._client.chat.completions.create(
                    **request, stream=True, stream_options={"include_usage": True}
                )
                async with stream:
                    with _reading_reply(self.id):
                        async for chunk in stream:
                            if chunk.usage is not None:
                                usage = chunk.usage
                            for choice in chunk.choices:
                                if choice.delta.content:
                                    if ttft_ms is None:
                                        ttft_ms = (time.perf_counter() - started) * 1000
                                    parts.append(choice.delta.content)
                                    received += len(choice.delta.content.encode())
                            if received > cap:
                                break
        if received > cap:
            raise truncated_reply(self.id, cap)
        return BotReply(
            text="".join(parts),
            latency_ms=(time.perf_counter() - started) * 1000,
            ttft_ms=ttft_ms,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
        )


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
