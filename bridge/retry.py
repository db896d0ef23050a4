"""Retries with exponential backoff and full jitter, honouring Retry-After."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from simulator.connector import BotReply
from simulator.errors import RemoteError

T = TypeVar("T")

_jitter = random.Random()


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a connector retries a failed request."""

    retries: int = 3
    base_delay_s: float = 0.25
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0

    def delay(self, attempt: int, error: RemoteError) -> float:
        """Seconds to wait before retry number `attempt + 1`."""
        if error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after_s)
        return _jitter.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


async def with_retries(
    policy: RetryPolicy, attempt_once: Callable[[int], Awaitable[T]]
) -> T:
    """Call `attempt_once(attempt)` until it succeeds, fails for good, or retries run out.

    `attempt` counts from 1, so a result can say how many requests it took.
    """
    for attempt in range(1, policy.retries + 2):
        started = time.perf_counter()
        try:
            return await attempt_once(attempt)
        except RemoteError as exc:
            if not exc.retryable or attempt > policy.retries:
                exc.attempts = attempt
                exc.latency_ms = (time.perf_counter() - started) * 1000
                raise
            await asyncio.sleep(policy.delay(attempt - 1, exc))
    raise AssertionError("unreachable")


async def reply_with_retries(
    policy: RetryPolicy, attempt_once: Callable[[], Awaitable[BotReply]]
) -> BotReply:
    """`with_retries` for a bot request: the reply records how many attempts it took."""

    async def counted(attempt: int) -> BotReply:
        reply = await attempt_once()
        return replace(reply, attempts=attempt) if attempt > 1 else reply

    return await with_retries(policy, counted)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds form; dates are ignored)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
