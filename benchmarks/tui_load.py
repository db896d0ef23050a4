"""The control room under load: a 500-conversation live run in the app, headless.

Starts harness.py's loopback bot (answering after --latency-ms, in a child process) and
`tui.app.SparringApp` under `App.run_test()` with a plan of --conversations conversations
(--concurrency in flight) started at mount, then, while the run is live:

1. steadiness: --watch-s seconds on the dashboard; the intervals between its live refreshes
   (`DashboardScreen._tick`, a 4 Hz timer: 250 ms is perfect), the time each refresh takes,
   and the frames the screen composes;
2. keypress latency: --keys presses cycling c (conversations), d (dashboard), ? (help),
   escape (back), with a pause between them like a person's; each latency is from sending
   the key to the first frame composed for the screen it leads to and not held back by
   `App.delay_update` (`App._display`, which headless skips writing but not composing).
   Target: p95 < 100 ms.

    python benchmarks/tui_load.py [--conversations 500] [--concurrency 50] [--latency-ms 500]
                                  [--turns 10]
                                  [--watch-s 8] [--keys 80]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import SCRIPTED_PERSONAS, Servers, bots_file
from rich.console import RenderableType
from textual.screen import Screen

from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tui.app import SparringApp
from tui.screens.dashboard import DashboardScreen

KEYS = (("c", "ConversationsScreen"), ("d", "DashboardScreen"),
        ("question_mark", "HelpScreen"), ("escape", "DashboardScreen"))


class Timeline:
    """Frames composed (time, screen class) and dashboard refreshes (start, duration)."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, str]] = []
        self.ticks: list[tuple[float, float]] = []

    def watch(self, app: SparringApp) -> None:
        display = app._display

        def recording(screen: Screen[Any], renderable: RenderableType | None) -> None:
            # Frames composed while updates are held (`App.delay_update`: 50 ms after
            # every mode switch) are dropped by `_display`, never written to a terminal.
            if renderable is not None and not app._batch_count:
                self.frames.append((time.perf_counter(), type(screen).__name__))
            display(screen, renderable)

        app._display = recording  # type: ignore[method-assign]
        tick = DashboardScreen._tick

        def timed_tick(screen: DashboardScreen) -> None:
            started = time.perf_counter()
            tick(screen)
            self.ticks.append((started, time.perf_counter() - started))

        DashboardScreen._tick = timed_tick  # type: ignore[method-assign]

    def first_frame(self, after: float, screen: str) -> float | None:
        return next((t for t, name in self.frames if t >= after and name == screen), None)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (f"p50 {statistics.median(values):.1f}, p95 {percentile(values, 0.95):.1f}, "
            f"max {max(values):.1f} ms")


async def main(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="sparring-tui-load-"))
    per_pair = max(1, args.conversations // len(SCRIPTED_PERSONAS))
    plan = RunPlan(SCRIPTED_PERSONAS, ("loop",), conversations=per_pair, min_turns=args.turns,
                   max_turns=args.turns, concurrency=args.concurrency, seed=11)
    timeline = Timeline()
    with Servers(args.latency_ms / 1000) as (bot_url, _):
        app = SparringApp(work / "tui.db", personas=builtin_personas(),
                          bots_file=bots_file(bot_url, 60.0), start_plan=plan)
        timeline.watch(app)
        async with app.run_test(size=(120, 36)) as pilot:
            while app.live is None or app.live.stats.turns == 0:
                await pilot.pause(0.05)
            live = app.live
            watch_from, turns_from = time.perf_counter(), live.stats.turns
            await pilot.pause(args.watch_s)
            watch_to, turns_watched = time.perf_counter(), live.stats.turns - turns_from
            latencies: list[float] = []
            during_run = 0
            for index in range(args.keys):
                key, screen = KEYS[index % len(KEYS)]
                sent = time.perf_counter()
                await pilot.press(key)
                while (shown := timeline.first_frame(sent, screen)) is None:
                    await pilot.pause(0.005)
                latencies.append((shown - sent) * 1000)
                during_run += not live.finished
                await pilot.pause(args.gap_ms / 1000)
            state, turns = live.state, live.stats.turns
    ticks = [t for t, _ in timeline.ticks if watch_from <= t <= watch_to]
    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    durations = [d * 1000 for t, d in timeline.ticks if watch_from <= t <= watch_to]
    frames = [t for t, name in timeline.frames
              if watch_from <= t <= watch_to and name == "DashboardScreen"]
    print(f"live run: {plan.total_conversations} conversations x {args.turns} turns, "
          f"{args.concurrency} in flight, bot answering in {args.latency_ms:g} ms; "
          f"{turns:,} turns by the end of the measurement ({state})")
    print(f"steadiness over {watch_to - watch_from:.1f} s on the dashboard "
          f"({turns_watched / (watch_to - watch_from):,.0f} turns/s recorded meanwhile):")
    print(f"  refresh intervals (4 Hz timer, ideal 250 ms): {summary(intervals)}, "
          f"stdev {statistics.pstdev(intervals):.1f} ms, {len(intervals)} intervals")
    print(f"  refresh work per tick: {summary(durations)}; "
          f"{len(frames) / (watch_to - watch_from):.1f} frames/s composed")
    print(f"keypress to first frame of the new screen ({len(latencies)} keys, {during_run} "
          f"while the run was live): {summary(latencies)} (target p95 < 100 ms)")
    for key, screen in KEYS:
        mine = [lat for i, lat in enumerate(latencies) if KEYS[i % len(KEYS)][0] == key]
        if mine:
            print(f"  {key:<14} -> {screen:<20} {summary(mine)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=500)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--latency-ms", type=float, default=500.0)
    parser.add_argument("--watch-s", type=float, default=8.0)
    parser.add_argument("--keys", type=int, default=80)
    parser.add_argument("--gap-ms", type=float, default=150.0)
    asyncio.run(main(parser.parse_args()))
