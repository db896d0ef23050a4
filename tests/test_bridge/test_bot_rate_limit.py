"""A plan's per-bot rate limit: requests beyond the minute's budget wait."""

from __future__ import annotations

import asyncio

import pytest

from bridge.rate_limit import RateLimitedBot
from simulator.connector import BotContext, BotReply
from simulator.errors import ConfigError


class Echo:
    id = "echo"

    def __init__(self) -> None:
        self.calls = 0

    async def open(self) -> None: ...

    async def reply(self, context: BotContext, message: str) -> BotReply:
        self.calls += 1
        return BotReply(message, 1.0)

    async def close(self) -> None: ...


async def test_the_third_request_of_a_two_per_minute_bot_waits() -> None:
    echo = Echo()
    bot = RateLimitedBot(echo, requests_per_minute=2)
    context = BotContext("c1", "casual_casey", ())
    assert (await bot.reply(context, "one")).text == "one"
    await bot.reply(context, "two")
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(bot.reply(context, "three"), 0.3)
    assert echo.calls == 2 and bot.id == "echo"


def test_a_non_positive_limit_names_the_field() -> None:
    with pytest.raises(ConfigError, match=r"rate_limits.echo.rpm = 0"):
        RateLimitedBot(Echo(), requests_per_minute=0)
