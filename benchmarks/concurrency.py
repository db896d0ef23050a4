"""1,000 conversations at once against a bot answering in 500 ms: throughput, memory, loop lag.

Starts loopback bots in a child process (harness.py's: one answering in 0 ms, one after
--latency-ms), then in this process:

1. the ceiling: the full stack (scripted personas, metrics, SQLite) against the 0 ms bot
   at 50 in flight, as in harness.py, in turns/s;
2. the run: --conversations conversations of --turns turns, all in flight at once, against
   the slow bot. Ideal throughput is min(concurrency / latency, ceiling); the target is
   >= 90% of it, counted while every conversation is in flight (the first and last
   reply rounds are ramps). A ticker task sleeping --tick-ms measures how late the loop
   wakes it (target: p99 < 50 ms) and samples RSS; memory per active conversation is
   (peak RSS - RSS before the run) / conversations in flight (target <= 50 KB), and with
   --tracemalloc also the Python heap's peak growth (slower, measured in a second run).

    python benchmarks/concurrency.py [--conversations 1000] [--turns 6] [--latency-ms 500]
                                     [--tracemalloc]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

from harness import SCRIPTED_PERSONAS, Servers, bots_file, sparring_run, timed

from simulator.live_stats import LiveStats
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tui.session import execute_run


def rss_bytes() -> int:
    """This process's resident set size, from /proc (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096


@dataclass
class Ticker:
    """Sleeps `interval_s` in a loop and records how late each wake-up is, and the RSS."""

    interval_s: float
    stats: LiveStats
    lags_ms: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    """This process's CPU time over each tick's wall time (1.0: the loop was computing)."""
    peak_rss: int = 0
    peak_active: int = 0
    steady: list[tuple[float, int]] = field(default_factory=list)
    """(time, turns) samples while every planned conversation is in flight."""

    async def run(self, concurrency: int) -> None:
        while True:
            before, cpu = time.perf_counter(), time.process_time()
            await asyncio.sleep(self.interval_s)
            now = time.perf_counter()
            self.lags_ms.append((now - before - self.interval_s) * 1000)
            self.busy.append((time.process_time() - cpu) / (now - before))
            active = self.stats.started - self.stats.finished
            if active >= self.peak_active:
                self.peak_active = active
                self.peak_rss = max(self.peak_rss, rss_bytes())
            if active >= concurrency and self.stats.finished == 0:
                self.steady.append((now, self.stats.turns))


async def loaded_run(plan: RunPlan, bots_url: str, work: Path, tick_s: float) -> Ticker:
    """The slow run with the ticker beside it."""
    stats = LiveStats()
    ticker = Ticker(tick_s, stats)
    task = asyncio.create_task(ticker.run(plan.concurrency))
    try:
        result = await execute_run(plan, builtin_personas(), bots_file(bots_url, 60.0),
                                   work / "loaded.db", stats=stats, handle_signals=False)
    finally:
        task.cancel()
    if result.status != "completed" or stats.failed_turns:
        raise SystemExit(f"the run ended {result.status} with {stats.failed_turns} failed turns")
    return ticker


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


gc_ms = [0.0, 0.0]
"""Garbage collection pauses during the run: total, longest (ms)."""
_gc_started = 0.0


def pauses(phase: str, info: dict[str, int]) -> None:
    global _gc_started
    if phase == "start":
        _gc_started = time.perf_counter()
    else:
        took = (time.perf_counter() - _gc_started) * 1000
        gc_ms[0] += took
        gc_ms[1] = max(gc_ms[1], took)


async def main(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="sparring-concurrency-"))
    per_pair = max(1, args.conversations // len(SCRIPTED_PERSONAS))
    in_flight = per_pair * len(SCRIPTED_PERSONAS)
    plan = RunPlan(SCRIPTED_PERSONAS, ("loop",), conversations=per_pair, min_turns=args.turns,
                   max_turns=args.turns, concurrency=in_flight, seed=3)
    with Servers(0.0) as (fast_url, _), Servers(args.latency_ms / 1000) as (slow_url, _):
        ceiling_plan = RunPlan(SCRIPTED_PERSONAS, ("loop",), conversations=100, min_turns=5,
                               max_turns=5, concurrency=50, seed=1)
        await sparring_run(ceiling_plan, bots_file(fast_url), work)  # warm-up
        ceiling = (await timed(lambda: sparring_run(ceiling_plan, bots_file(fast_url), work)))
        gc.collect()
        gc.callbacks.append(pauses)
        baseline = rss_bytes()
        cpu, wall = time.process_time(), time.perf_counter()
        ticker = await loaded_run(plan, slow_url, work, args.tick_ms / 1000)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        gc.callbacks.remove(pauses)
        heap_peak = None
        if args.tracemalloc:
            gc.collect()
            tracemalloc.start()
            start = tracemalloc.get_traced_memory()[0]
            await loaded_run(plan, slow_url, work, args.tick_ms / 1000)
            heap_peak = tracemalloc.get_traced_memory()[1] - start
            tracemalloc.stop()

    turns = in_flight * args.turns
    ideal_raw = in_flight / (args.latency_ms / 1000)
    ideal = min(ideal_raw, ceiling.rate)
    whole = turns / wall
    (t0, n0), (t1, n1) = ticker.steady[0], ticker.steady[-1]
    steady = (n1 - n0) / (t1 - t0) if t1 > t0 else float("nan")
    print(f"ceiling (0 ms bot, 50 in flight): {ceiling.rate:,.0f} turns/s, "
          f"{ceiling.cpu_ms:.3f} ms CPU/turn")
    print(f"{in_flight} conversations x {args.turns} turns in flight at once, bot answering "
          f"in {args.latency_ms:g} ms: ideal min({ideal_raw:,.0f}, {ceiling.rate:,.0f}) = "
          f"{ideal:,.0f} turns/s")
    print(f"  throughput while all are in flight: {steady:,.0f} turns/s = "
          f"{steady / ideal:.0%} of ideal (target >= 90%)")
    print(f"  whole run: {turns:,} turns in {wall:.2f} s = {whole:,.0f} turns/s "
          f"(floor {args.turns * args.latency_ms / 1000:.1f} s), {cpu / turns * 1000:.3f} ms "
          f"CPU/turn, CPU busy {cpu / wall:.0%} of one core")
    per_conversation = (ticker.peak_rss - baseline) / max(1, ticker.peak_active)
    print(f"  memory: RSS {baseline / 2**20:.0f} MiB before, {ticker.peak_rss / 2**20:.0f} MiB "
          f"at peak with {ticker.peak_active} active = {per_conversation / 1024:.1f} KB per "
          "active conversation (target <= 50 KB)")
    if heap_peak is not None:
        print(f"  memory (tracemalloc): Python heap peak growth {heap_peak / 2**20:.1f} MiB = "
              f"{heap_peak / in_flight / 1024:.1f} KB per conversation")
    lags = ticker.lags_ms
    print(f"  event-loop lag ({len(lags)} ticks of {args.tick_ms:g} ms): p50 "
          f"{statistics.median(lags):.1f} ms, p99 {percentile(lags, 0.99):.1f} ms, max "
          f"{max(lags):.1f} ms (target p99 < 50 ms)")
    late = [busy for lag, busy in zip(lags, ticker.busy, strict=True) if lag > 50]
    if late:
        print(f"  during the {len(late)} ticks late by > 50 ms this process computed "
              f"{statistics.mean(late):.0%} of the time (the rest: waiting for a CPU); "
              f"garbage collection paused it {gc_ms[0]:.0f} ms in all, {gc_ms[1]:.0f} ms at most")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--latency-ms", type=float, default=500.0)
    parser.add_argument("--tick-ms", type=float, default=10.0)
    parser.add_argument("--tracemalloc", action="store_true")
    asyncio.run(main(parser.parse_args()))
