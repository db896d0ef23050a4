"""One turn's reply on Discord: the target's messages after ours, until it is complete.

What "complete" means (quiet window adapted to the edit cadence, streaming markers, typing)
is `settle.Settling`'s; this module gathers the messages and waits, never later than
`timeout_s` after the persona's message was sent. Several messages make one reply, joined
in order; an edit within the turn replaces that message's text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from bridge.discord.settle import Completion, Markers, Settling


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
    completion: Completion
    """How the reply was judged complete: edits, gaps, quiet window, settle time."""

    @property
    def text(self) -> str:
        return "\n".join(part.text for part in self.parts if part.text)

    @property
    def unfinished(self) -> str | None:
        """The streaming marker the reply still showed at the deadline, if any."""
        return self.completion.marker


class ReplyCollector:
    """Fed by the tester bot's event handlers; `wait` returns the reply or None (timeout)."""

    def __init__(self, *, quiet_s: float, typing_s: float, timeout_s: float,
                 quiet_factor: float = 2.0, markers: Markers | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._settling = Settling(quiet_s=quiet_s, typing_s=typing_s, quiet_factor=quiet_factor)
        self._markers = markers if markers is not None else Markers()
        self._clock = clock
        self._started = clock()
        self._deadline = self._started + timeout_s
        self._after: int | None = None
        self._parts: dict[int, Part] = {}
        self._first_at: float | None = None
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
            self._settling.forget(part_id)
        if stale and not self._parts:
            self._first_at, self._events = None, 0
            self._settling.reset()
        self._changed.set()

    def message(self, message_id: int, text: str, record: dict[str, object]) -> None:
        """A message by the target, new or edited (its latest form replaces the earlier)."""
        if self._after is not None and message_id <= self._after:
            return
        known = self._parts.get(message_id)
        if known is not None and known.text == text and known.record == record:
            return
        now = self._clock()
        self._parts[message_id] = Part(message_id, text, record)
        self._first_at = now if self._first_at is None else self._first_at
        self._events += 1
        self._settling.changed(now, message_id, edit=known is not None,
                               marker=self._markers.found(record))
        self._changed.set()

    def typing(self) -> None:
        """The target started typing: hold the turn open while the indicator lasts."""
        self._settling.typing(self._clock())
        self._changed.set()

    async def wait(self) -> CollectedReply | None:
        """The reply once complete (or as it stood at the deadline); None if nothing came."""
        while True:
            now = self._clock()
            wake = min(self._settling.due(), self._deadline) if self._parts else self._deadline
            if now >= wake:
                return self._result(now, deadline=now >= self._deadline) if self._parts else None
            self._changed.clear()
            try:
                async with asyncio.timeout(wake - now):
                    await self._changed.wait()
            except TimeoutError:
                pass

    def _result(self, now: float, *, deadline: bool) -> CollectedReply:
        parts = tuple(self._parts[key] for key in sorted(self._parts))
        last = self._settling.last_at if self._settling.last_at is not None else now
        first = self._first_at if self._first_at is not None else last
        completion = self._settling.completion(now, len(parts), deadline=deadline)
        return CollectedReply(parts, first - self._started, last - self._started,
                              self._events, completion)
