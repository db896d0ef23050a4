"""Per-endpoint request and token rate limits (leaky buckets from `aiolimiter`)."""

from __future__ import annotations

from aiolimiter import AsyncLimiter


class RateLimiter:
    """Waits until a call fits both the requests/min and the tokens/min budgets.

    Tokens are counted up front from an estimate (prompt characters / 4 plus the
    completion allowance), which is how providers meter their own limits too.
    """

    def __init__(
        self, requests_per_minute: float | None = None, tokens_per_minute: float | None = None
    ) -> None:
        self._requests = AsyncLimiter(requests_per_minute, 60) if requests_per_minute else None
        self._tokens = AsyncLimiter(tokens_per_minute, 60) if tokens_per_minute else None

    async def acquire(self, estimated_tokens: int) -> None:
        if self._requests is not None:
            await self._requests.acquire()
        if self._tokens is not None:
            # A single call larger than the whole minute's budget waits for a full bucket.
            await self._tokens.acquire(min(float(estimated_tokens), self._tokens.max_rate))


def estimate_tokens(prompt_chars: int, max_tokens: int) -> int:
    return prompt_chars // 4 + max_tokens
