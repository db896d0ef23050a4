"""The `openai` kind: any OpenAI-compatible chat-completions endpoint, via the openai SDK."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import openai

from bridge.config import OpenAIBot, read_secret
from bridge.openai_model import NO_KEY
from bridge.retry import RetryPolicy, parse_retry_after, reply_with_retries
from simulator.connector import BotContext, BotReply
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable


@contextmanager
def map_openai_errors(bot_id: str, timeout_s: float) -> Iterator[None]:
    """Translate the openai SDK's exceptions into Sparring's BotError tree."""
    try:
        yield
    except openai.APITimeoutError as exc:
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
        started = time.perf_counter()
        with map_openai_errors(self.id, self._config.timeout_s):
            completion = await self._client.chat.completions.create(**request)
        latency_ms = (time.perf_counter() - started) * 1000
        if not completion.choices:
            raise BotProtocolError(f"bot {self.id!r} answered with no choices")
        usage = completion.usage
        return BotReply(
            text=completion.choices[0].message.content or "",
            latency_ms=latency_ms,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
        )

    async def _streamed(self, request: dict[str, Any]) -> BotReply:
        started = time.perf_counter()
        ttft_ms: float | None = None
        parts: list[str] = []
        usage = None
        with map_openai_errors(self.id, self._config.timeout_s):
            stream = await self._client.chat.completions.create(
                **request, stream=True, stream_options={"include_usage": True}
            )
            async for chunk in stream:
                if chunk.usage is not None:
                    usage = chunk.usage
                for choice in chunk.choices:
                    if choice.delta.content:
                        if ttft_ms is None:
                            ttft_ms = (time.perf_counter() - started) * 1000
                        parts.append(choice.delta.content)
        return BotReply(
            text="".join(parts),
            latency_ms=(time.perf_counter() - started) * 1000,
            ttft_ms=ttft_ms,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
        )
