"""A circuit breaker per bot: a bot failing most of its requests is paused, not hammered.

    closed ──(error_rate of the last `window` requests failed)──> open
    open ──(cooldown_s passed; the next request is a trial)──> half-open
    half-open ──(trial succeeds)──> closed      half-open ──(trial fails)──> open

A request is one `reply` call, its retries already spent, so a burst that the retries
absorb does not count. While open, `reply` raises `CircuitOpen` at once, which the
conversation records on its turn like any other bot failure.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Literal

from bridge.config import BreakerSettings
from simulator.connector import BotConnector, BotContext, BotReply
from simulator.errors import BotError

State = Literal["closed", "open", "half-open"]


class CircuitOpen(BotError):
    """The bot's circuit is open: the request was not sent."""

    attempts = 0
    latency_ms = 0.0


class CircuitBreaker:
    """Counts a bot's recent outcomes and decides whether the next request may go."""

    def __init__(
        self, settings: BreakerSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._outcomes: deque[bool] = deque(maxlen=settings.window)
        """True for a failed request, oldest first."""
        self._opened_at = 0.0
        self._why = ""
        self._trial_running = False
        self.state: State = "closed"

    def admit(self) -> str | None:
        """None when a request may go now, else why it may not."""
        if self.state == "closed":
            return None
        remaining = self._opened_at + self.settings.cooldown_s - self._clock()
        if remaining > 0:
            return f"circuit open: {self._why}; retrying in {_seconds(remaining)}"
        if self._trial_running:
            return f"circuit half-open: {self._why}; a trial request is under way"
        self.state = "half-open"
        self._trial_running = True
        return None

    def record(self, failed: bool) -> None:
        """The outcome of an admitted request."""
        if self.state != "closed":
            self._trial_running = False
            if failed:
                self._open("the trial request after the cooldown failed too")
            else:
                self.state = "closed"
                self._outcomes.clear()
            return
        self._outcomes.append(failed)
        failures = sum(self._outcomes)
        window = self.settings.window
        if len(self._outcomes) == window and failures >= self.settings.error_rate * window:
            self._open(f"{failures} of the last {window} requests failed")

    def abandon(self) -> None:
        """An admitted request ended without an outcome (cancelled): free the trial slot."""
        self._trial_running = False

    def _open(self, why: str) -> None:
        self.state = "open"
        self._opened_at = self._clock()
        self._why = why


def _seconds(value: float) -> str:
    return f"{math.ceil(value)} s" if value >= 1 else f"{value:.1f} s"


class BreakerBot:
    """A bot connector behind a circuit breaker (see the module docstring)."""

    def __init__(
        self,
        bot: BotConnector,
        settings: BreakerSettings,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.id = bot.id
        self._bot = bot
        self.breaker = CircuitBreaker(settings, clock)
        self._last_failure = ""
        """The reason of the latest failed request, named while the circuit is open."""

    async def open(self) -> None:
        await self._bot.open()

    async def reply(self, context: BotContext, message: str) -> BotReply:
        refused = self.breaker.admit()
        if refused is not None:
            raise CircuitOpen(f"bot {self.id!r}: {refused}; last failure: {self._last_failure}")
        try:
            reply = await self._bot.reply(context, message)
        except BotError as exc:
            self._last_failure = str(exc)
            self.breaker.record(failed=True)
            raise
        except BaseException:
            self.breaker.abandon()
            raise
        self.breaker.record(failed=False)
        return reply

    async def close(self) -> None:
        await self._bot.close()
