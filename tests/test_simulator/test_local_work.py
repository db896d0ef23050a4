from __future__ import annotations

import asyncio
from collections import Counter

from simulator.local_work import bounded_local_work, local_work


async def _iterations_of_blocks(tasks: int, slots: int | None) -> Counter[int]:
    """How many `local_work` blocks ran in each event-loop iteration."""
    loop = asyncio.get_running_loop()
    iteration = [0]

    def tick() -> None:
        iteration[0] += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    ran: list[int] = []

    async def step() -> None:
        async with local_work():
            ran.append(iteration[0])

    if slots is None:
        await asyncio.gather(*(step() for _ in range(tasks)))
    else:
        with bounded_local_work(slots):
            work = [asyncio.create_task(step()) for _ in range(tasks)]
        await asyncio.gather(*work)
    return Counter(ran)


async def test_a_burst_runs_a_few_blocks_per_loop_iteration() -> None:
    per_iteration = await _iterations_of_blocks(40, slots=3)
    assert sum(per_iteration.values()) == 40
    assert max(per_iteration.values()) <= 3
    assert len(per_iteration) >= 40 // 3


async def test_outside_a_bounded_run_nothing_waits() -> None:
    per_iteration = await _iterations_of_blocks(40, slots=None)
    assert list(per_iteration.values()) == [40]
