"""A `LanguageModel` over any OpenAI-compatible endpoint, via the openai SDK."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
import openai
from openai.types.chat import ChatCompletion

from bridge.rate_limit import RateLimiter, estimate_tokens
from bridge.retry import RetryPolicy, parse_retry_after, with_retries
from simulator.errors import ModelError
from simulator.llm import Completion, CompletionRequest

NO_KEY = "sparring-no-key"
"""Sent when no API key is set: local servers ignore it, the SDK insists on one."""


@contextmanager
def map_model_errors(model: str, timeout_s: float) -> Iterator[None]:
    """Translate the openai SDK's exceptions into ModelError."""
    try:
        yield
    except openai.APITimeoutError as exc:
        if _refused(exc):
            raise ModelError(f"model {model!r} is unreachable: connection refused",
                             retryable=True) from exc
        raise ModelError(f"model {model!r} did not answer within {timeout_s:g} s",
                         retryable=True) from exc
    except openai.APIConnectionError as exc:
        raise ModelError(f"model {model!r} is unreachable: {exc}", retryable=True) from exc
    except openai.APIStatusError as exc:
        status = exc.status_code
        raise ModelError(
            f"model {model!r} answered HTTP {status}: {exc.message[:200]!r}",
            retryable=status == 429 or status >= 500,
            status=status,
            retry_after=parse_retry_after(exc.response.headers.get("retry-after")),
        ) from exc
    except openai.OpenAIError as exc:
        raise ModelError(f"model {model!r}: {type(exc).__name__}: {exc}") from exc
    except TimeoutError as exc:  # the whole-answer deadline: still arriving after timeout_s
        raise ModelError(f"model {model!r} did not answer within {timeout_s:g} s",
                         retryable=True) from exc
    except ValueError as exc:  # bytes that are not UTF-8, or a body that is not JSON
        raise ModelError(f"model {model!r}: unreadable answer: {exc}") from exc


def _refused(exc: BaseException) -> bool:
    """True when the SDK reports a refused connection as a timeout (its aiohttp transport
    does), so the user hears "unreachable" rather than waiting for a timeout that never was.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError | aiohttp.ClientConnectorError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class OpenAIModel:
    """Chat completions with Sparring's own retries (429 and 5xx, Retry-After) and limits."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.model = model
        self._timeout_s = timeout_s
        self._client = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key or NO_KEY,
            max_retries=0,
            timeout=timeout_s,
            http_client=openai.DefaultAioHttpClient(timeout=timeout_s),
        )
        self._retry = retry or RetryPolicy(retries=5, base_delay_s=0.5, max_delay_s=20.0)
        self._limiter = limiter or RateLimiter()

    async def close(self) -> None:
        await self._client.close()

    async def complete(self, request: CompletionRequest) -> Completion:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_tokens,
        }
        if request.temperature is not None:
            body["temperature"] = request.temperature
        if request.seed is not None:
            body["seed"] = request.seed
        prompt_chars = sum(len(m.content) for m in request.messages)
        tokens = estimate_tokens(prompt_chars, request.max_tokens)

        async def attempt(_: int) -> Completion:
            await self._limiter.acquire(tokens)
            return await self._call(body)

        return await with_retries(self._retry, attempt)

    async def _call(self, body: dict[str, Any]) -> Completion:
        started = time.perf_counter()
        # One deadline for the whole answer: the SDK's own timeout does not stop a server
        # that trickles its bytes.
        with map_model_errors(self.model, self._timeout_s):
            async with asyncio.timeout(self._timeout_s):
                # The plain POST skips `chat.completions.create`'s recursive TypedDict
                # transform of the messages (a no-op for plain text, yet ~60% of a call's CPU
                # on long transcripts: benchmarks/harness.py); the body goes out as built.
                response: object = await self._client.post(
                    "/chat/completions", body=body, cast_to=ChatCompletion,
                    options={"security": {"bearer_auth": True}},
                )
        if not isinstance(response, ChatCompletion):  # the SDK hands back a non-JSON body
            raise ModelError(f"model {self.model!r} answered with a body that is not JSON: "
                             f"{str(response)[:120]!r}")
        if not response.choices:
            raise ModelError(f"model {self.model!r} answered with no choices", retryable=True)
        usage = response.usage
        return Completion(
            text=response.choices[0].message.content or "",
            model=response.model or self.model,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            latency_ms=(time.perf_counter() - started) * 1000,
        )
