"""Storage: turns written per second through the recorder, bytes per turn, and the dashboard
and `stats` queries on a database of 1M turns (issue 8, benchmark 3).

(Named database.py, not storage.py: `python benchmarks/storage.py` would put benchmarks/ first
on sys.path and shadow the `storage` package.)

1. Writes: records a real scripted run (harness.py's loopback bot, 0 ms), keeps its events,
   then replays them --copies times under fresh conversation ids into `storage.recorder.Recorder`
   on a fresh database, timed from the first `emit` to `close()` (every row committed).
   Bytes per turn is the database's size (after a WAL checkpoint) over its turns.
2. Queries: on export.py's cached 1M-turn database (built once in --work, ~1.5 min), each of
   what the dashboard, the conversations screen, the review queue and `sparring stats` read,
   best of --repeat; target < 100 ms each.

    python benchmarks/database.py [--copies 50] [--turns 1000000] [--work DIR] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from export import BUILD_VERSION, build
from harness import SCRIPTED_PERSONAS, Servers, bots_file

from simulator.events import (
    ConversationFinished,
    ConversationStarted,
    Event,
    JudgeScored,
    LLMCallRecorded,
    RunFinished,
    RunStarted,
    TurnRecorded,
)
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.browse import ConversationFilter, list_conversations, load_transcript, next_unrated
from storage.database import Database
from storage.queries import list_runs, resolve_run, run_report
from storage.ratings import rating_progress
from storage.recorder import Recorder
from tui.session import execute_run

PER_CONVERSATION = (ConversationStarted, TurnRecorded, ConversationFinished, JudgeScored,
                    LLMCallRecorded)


class Collector:
    """An event sink keeping every event."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        self.events.append(event)


async def recorded_events(work: Path, conversations: int) -> list[Event]:
    """The events of a real scripted run of `conversations` x 5 turns."""
    collector = Collector()
    plan = RunPlan(SCRIPTED_PERSONAS, ("loop",), conversations=conversations // 4, min_turns=5,
                   max_turns=5, concurrency=50, seed=5)
    with Servers(0.0) as (bot_url, _):
        await execute_run(plan, builtin_personas(), bots_file(bot_url),
                          work / "source.db", extra_sinks=(collector,), handle_signals=False)
    return collector.events


def replay(events: list[Event], copies: int) -> list[Event]:
    """The run's events, its conversations repeated `copies` times under fresh ids."""
    head = [e for e in events if isinstance(e, RunStarted)]
    tail = [e for e in events if isinstance(e, RunFinished)]
    body = [e for e in events if isinstance(e, PER_CONVERSATION)]
    out: list[Event] = list(head)
    for _ in range(copies):
        ids: dict[str, str] = {}
        for event in body:
            cid = event.conversation_id
            if cid is not None:
                cid = ids.setdefault(cid, str(uuid.uuid4()))
            out.append(dataclasses.replace(event, conversation_id=cid))
    return out + tail


async def write(events: list[Event], path: Path) -> tuple[float, float]:
    """Seconds and process CPU seconds to emit `events` into a Recorder and close it."""
    async with Database(path) as db:
        recorder = Recorder(db)
        started, cpu = time.perf_counter(), time.process_time()
        for index, event in enumerate(events):
            recorder.emit(event)
            if index % 500 == 0:
                await asyncio.sleep(0)  # as a run does: the flush loop gets its turn
        await recorder.close()
        return time.perf_counter() - started, time.process_time() - cpu


def db_bytes(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


async def best_ms(query: Callable[[], Awaitable[object]], repeat: int) -> float:
    """The fastest of `repeat` runs (one only when it takes over a second)."""
    times: list[float] = []
    while len(times) < repeat and not (times and times[0] > 1000):
        started = time.perf_counter()
        await query()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


async def queries(path: Path, repeat: int) -> None:
    """Time each query the app and `stats` make, printing as it goes."""
    async with Database(path) as db:
        runs = await list_runs(db, 200)
        run_id = runs[0].id
        transcript_id = (await list_conversations(db, ConversationFilter(run_id=run_id),
                                                  limit=1))[0].id
        cases: list[tuple[str, Callable[[], Awaitable[object]]]] = [
            ("dashboard: list_runs(200)", lambda: list_runs(db, 200)),
            ("dashboard: run_report(run)", lambda: run_report(db, run_id)),
            ("dashboard: rating_progress(run)", lambda: rating_progress(db, run_id)),
            ("stats --run latest: resolve + run_report",
             lambda: _stats(db, "latest")),
            ("stats (every run): run_report(None)", lambda: run_report(db, None)),
            ("conversations screen: list (run, 500)",
             lambda: list_conversations(db, ConversationFilter(run_id=run_id), limit=500)),
            ("conversations screen: list (all, 500)",
             lambda: list_conversations(db, ConversationFilter(), limit=500)),
            ("conversations screen: unrated only",
             lambda: list_conversations(db, ConversationFilter(unrated=True), limit=500)),
            ("review queue: next_unrated()", lambda: next_unrated(db)),
            ("transcript: load_transcript", lambda: load_transcript(db, transcript_id)),
        ]
        for name, query in cases:
            ms = await best_ms(query, repeat)
            print(f"  {name:<44} {ms:8.1f} ms{'' if ms < 100 else '   MISSED'}", flush=True)


async def _stats(db: Database, ref: str) -> object:
    return await run_report(db, await resolve_run(db, ref))


async def main(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="sparring-storage-"))
    events = await recorded_events(work, 200)
    stream = replay(events, args.copies)
    turns = sum(isinstance(e, TurnRecorded) for e in stream)
    rows = sum(isinstance(e, TurnRecorded) for e in events)
    await write(replay(events, 2), work / "warm.db")
    path = work / "written.db"
    seconds, cpu = await write(stream, path)
    size = db_bytes(path)
    print(f"writes: {turns:,} turns ({args.copies} x a {rows:,}-turn scripted run, with their "
          f"metrics and conversations) through Recorder in {seconds:.2f} s = "
          f"{turns / seconds:,.0f} turns/s ({cpu / turns * 1e6:,.0f} us CPU/turn, both threads); "
          f"{size / turns:,.0f} database bytes per turn", flush=True)

    args.work.mkdir(parents=True, exist_ok=True)
    big = args.work / f"export-{args.turns}-v{BUILD_VERSION}.db"
    await asyncio.to_thread(build, big, args.turns)  # export.py's builder runs its own loop
    print(f"queries on {big} ({args.turns:,} turns, {big.stat().st_size / 2**30:.2f} GiB), "
          f"best of {args.repeat}, target < 100 ms:", flush=True)
    await queries(big, args.repeat)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "sparring-export-bench")
    parser.add_argument("--repeat", type=int, default=5)
    asyncio.run(main(parser.parse_args()))
