"""Bounded local work: how many of a run's conversations compute at the same moment.

A run's conversations share one event loop with the storage writer, the live figures and
the app. Their CPU-bound steps (scoring a turn, a scripted persona writing its next
message) each take one of a few slots. When a burst of replies arrives at once (a thousand
bots answering within the same millisecond), the conversations queue here, a few per loop
iteration, instead of all landing in the loop's ready queue, where timers, keypresses and
the writer's flushes would wait behind every one of them. The work is the same; only its
order changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar

SLOTS = 4
"""Steps computing at once: enough to keep one core busy, few enough that a loop
iteration stays a few milliseconds long."""

_slots: ContextVar[asyncio.Semaphore | None] = ContextVar("local_work_slots", default=None)


@contextmanager
def bounded_local_work(slots: int = SLOTS) -> Iterator[None]:
    """Tasks started within this block share `slots` slots for their local work."""
    token = _slots.set(asyncio.Semaphore(slots))
    try:
        yield
    finally:
        _slots.reset(token)


@asynccontextmanager
async def local_work() -> AsyncIterator[None]:
    """Hold one slot for the block (no wait outside a bounded run). Not re-entrant: the
    block must not ask for another."""
    slots = _slots.get()
    if slots is None:
        yield
        return
    async with slots:
        # The block itself never waits, so without this the slot would be free again before
        # any other conversation asked for it: yielding once while holding it is what makes
        # the others queue.
        await asyncio.sleep(0)
        yield
