"""Retries with exponential backoff and full jitter, honouring Retry-After."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from simulator.connector import BotReply
from simulator.errors import BotError, BotHTTPError

_jitter = random.Random()


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently a connector retries a failed request."""

    retries: int = 3
    base_delay_s: float = 0.25
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0

    def delay(self, attempt: int, error: BotError) -> float:
        """Seconds to wait before retry number `attempt + 1`."""
        if isinstance(error, BotHTTPError) and error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after_s)
        return _jitter.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


async def with_retries(
    policy: RetryPolicy, attempt_once: Callable[[], Awaitable[BotReply]]
) -> BotReply:
    """Call `attempt_once` until it succeeds, fails for good, or retries run out."""
    for attempt in range(policy.retries + 1):
        try:
            reply = await attempt_once()
        except BotError as exc:
            if not exc.retryable or attempt == policy.retries:
                exc.attempts = attempt + 1
                raise
            await asyncio.sleep(policy.delay(attempt, exc))
        else:
            return replace(reply, attempts=attempt + 1) if attempt else reply
    raise AssertionError("unreachable")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds form; dates are ignored)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
