"""Per-endpoint request and token rate limits (leaky buckets from `aiolimiter`)."""

from __future__ import annotations

from aiolimiter import AsyncLimiter

from simulator.connector import BotConnector, BotContext, BotReply
from simulator.errors import ConfigError


class RateLimiter:
    """Waits until a call fits both the requests/min and the tokens/min budgets.

    Tokens are counted up front from an estimate (prompt characters / 4 plus the
    completion allowance), which is how providers meter their own limits too.
    """

    def __init__(
        self, requests_per_minute: float | None = None, tokens_per_minute: float | None = None
    ) -> None:
        self._requests = _per_minute(requests_per_minute, "--llm-rpm")
        self._tokens = _per_minute(tokens_per_minute, "--llm-tpm")

    async def acquire(self, estimated_tokens: int) -> None:
        if self._requests is not None:
            await self._requests.acquire()
        if self._tokens is not None:
            # A single call larger than the whole minute's budget waits for a full bucket.
            await self._tokens.acquire(min(float(estimated_tokens), self._tokens.max_rate))


def _per_minute(rate: float | None, flag: str) -> AsyncLimiter | None:
    """A bucket letting `rate` units through per minute; below 1/min, one per 60/rate s."""
    if rate is None:
        return None
    if rate <= 0:
        raise ConfigError(f"{flag} = {rate:g}; expected a positive number (leave it out for "
                          "no limit)")
    return AsyncLimiter(rate, 60) if rate >= 1 else AsyncLimiter(1, 60 / rate)


def estimate_tokens(prompt_chars: int, max_tokens: int) -> int:
    return prompt_chars // 4 + max_tokens


class RateLimitedBot:
    """A bot connector sending at most `requests_per_minute` requests (a plan's per-bot
    rate limit); waiting for the bucket is not counted in the reply's latency."""

    def __init__(self, bot: BotConnector, requests_per_minute: float) -> None:
        self.id = bot.id
        self._bot = bot
        limiter = _per_minute(requests_per_minute, f"rate_limits.{bot.id}.rpm")
        assert limiter is not None
        self._limiter = limiter

    async def open(self) -> None:
        await self._bot.open()

    async def reply(self, context: BotContext, message: str) -> BotReply:
        await self._limiter.acquire()
        return await self._bot.reply(context, message)

    async def close(self) -> None:
        await self._bot.close()
