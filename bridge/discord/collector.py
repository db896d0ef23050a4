"""One turn's reply on Discord: the target's messages after ours, until it has gone quiet.

The turn ends `quiet_s` after the target's latest message or edit, but not while it is
typing (a typing indicator lasts `typing_s`, or until its next message), and never later
than `timeout_s` after the persona's message was sent. Several messages make one reply,
joined in order; an edit within the turn replaces that message's text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Part:
    """One message of the reply, in its latest form."""

    id: int
    text: str
    record: dict[str, object]


@dataclass(frozen=True, slots=True)
class CollectedReply:
    parts: tuple[Part, ...]
    first_s: float
    """Seconds from sending to the target's first message."""
    last_s: float
    """Seconds from sending to the target's last message or edit."""
    events: int
    """Messages and edits that made the reply (more than one: it came in pieces)."""

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts if part.text)


class ReplyCollector:
    """Fed by the tester bot's event handlers; `wait` returns the reply or None (timeout)."""

    def __init__(self, *, quiet_s: float, typing_s: float, timeout_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._quiet_s = quiet_s
        self._typing_s = typing_s
        self._clock = clock
        self._started = clock()
        self._deadline = self._started + timeout_s
        self._after: int | None = None
        self._parts: dict[int, Part] = {}
        self._first_at: float | None = None
        self._last_at = 0.0
        self._typing_until = 0.0
        self._events = 0
        self._changed = asyncio.Event()

    @property
    def after(self) -> int | None:
        """The id of the persona's message, once sent; the reply is what came after it."""
        return self._after

    def sent(self, message_id: int) -> None:
        """Our message is out: anything older than it is not part of this reply."""
        self._after = message_id
        stale = [part_id for part_id in self._parts if part_id <= message_id]
        for part_id in stale:
            del self._parts[part_id]
        if stale and not self._parts:
            self._first_at, self._events = None, 0
        self._changed.set()

    def message(self, message_id: int, text: str, record: dict[str, object]) -> None:
        """A message by the target, new or edited (its latest form replaces the earlier)."""
        if self._after is not None and message_id <= self._after:
            return
        known = self._parts.get(message_id)
        if known is not None and known.text == text:
            return
        now = self._clock()
        self._parts[message_id] = Part(message_id, text, record)
        self._first_at = now if self._first_at is None else self._first_at
        self._last_at = now
        self._typing_until = 0.0
        self._events += 1
        self._changed.set()

    def typing(self) -> None:
        """The target started typing: hold the turn open while the indicator lasts."""
        self._typing_until = self._clock() + self._typing_s
        self._changed.set()

    async def wait(self) -> CollectedReply | None:
        """The reply once the target went quiet; None if nothing came before the timeout."""
        while True:
            now = self._clock()
            if self._parts:
                quiet_at = max(self._last_at + self._quiet_s, self._typing_until)
                wake = min(quiet_at, self._deadline)
            else:
                wake = self._deadline
            if now >= wake:
                return self._result() if self._parts else None
            self._changed.clear()
            try:
                async with asyncio.timeout(wake - now):
                    await self._changed.wait()
            except TimeoutError:
                pass

    def _result(self) -> CollectedReply:
        parts = tuple(self._parts[key] for key in sorted(self._parts))
        first = self._first_at if self._first_at is not None else self._last_at
        return CollectedReply(parts, first - self._started, self._last_at - self._started,
                              self._events)
