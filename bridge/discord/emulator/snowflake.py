"""Snowflake ids as Discord makes them: milliseconds since 2015 shifted left 22 bits."""

from __future__ import annotations

import time
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000
FIXED_BASE_MS = 1_577_836_800_000
"""2020-01-01: seeded objects (guild, channel, bots) get stable ids counted from here."""


def snowflake_time(snowflake: int) -> datetime:
    """When a snowflake was made."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)


def iso(moment: datetime) -> str:
    """Discord's ISO 8601 timestamps."""
    return moment.isoformat(timespec="microseconds")


class Snowflakes:
    """Strictly increasing ids: stable ones for seeded objects, time-based ones at run time."""

    def __init__(self) -> None:
        self._fixed = 0
        self._last = 0

    def fixed(self) -> int:
        """The next stable id, the same on every start of an identically seeded world."""
        self._fixed += 1
        return ((FIXED_BASE_MS - DISCORD_EPOCH_MS) << 22) + self._fixed

    def next(self) -> int:
        """A fresh id from the clock, greater than every id handed out before."""
        now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(now, self._last + 1)
        return self._last
