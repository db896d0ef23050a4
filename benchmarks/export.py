"""How fast does `sparring export` stream 1M turns, and is its memory flat in the turn count?

Builds, once, databases of N/10 and N recorded turns (10 turns per conversation) with the
real schema (the project's migrations) and rows shaped as the recorder writes them: lineage,
replies of realistic length with their raw payload, the heuristic metrics of every turn and
conversation, judge scores on a third of them, a few ratings. They are cached in --work, so
reruns only measure. Each export then runs the real exporter (`storage.exchange.export`) in a
fresh process, so its peak RSS (the high-water mark) is the export's own. turns/s is wall time;
turns/CPU-s (the process's CPU time, every thread) is steadier on a shared machine. The
target (issue 8) is >= 100k turns/s and the same peak memory at N/10 and N turns.

    python benchmarks/export.py [--turns 1000000] [--work DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from storage.database import Database
from storage.exchange.export import ExportOptions, export
from storage.exchange.formats import Format

TURNS_PER_CONVERSATION = 10
CONVERSATIONS_PER_RUN = 10_000
CHUNK = 1_000
"""Conversations generated and inserted per executemany round."""
FORMATS: tuple[Format, ...] = ("openai-chat", "turns-parquet")
BUILD_VERSION = 2
"""Part of the cached file name: bump when the generated data changes."""

PERSONAS = ("analytical_alex", "casual_casey", "emotional_emma", "explorer_evan")
BOTS = ("jake", "marcus", "elena", "support")
TOPICS = ("movies", "python", "stress", "travel", "cooking", "fitness", "money", "career")
EMOTIONS = ("neutral", "curious", "frustrated", "playful", "anxious", "sociable")
INTENTS = ("opening", "follow_up", "clarify", "challenge", "thanks")
WORDS = ("model data latency budget rollout cache training signal users review metric plan "
         "question answer context memory focus schedule habit recipe ticket flight trade "
         "variance estimate error pattern weekend story advice option detail risk").split()
TURN_METRICS = {
    "bot_sentiment": "heuristic", "formality_fit": "heuristic", "latency_ms": "heuristic",
    "latency_score": "heuristic", "length_fit": "heuristic", "persona_engagement": "persona",
    "question_addressed": "heuristic", "relevance": "heuristic", "repetition": "heuristic",
    "reply_chars": "heuristic", "reply_quality.overall": "judge", "reply_words": "heuristic",
    "user_sentiment": "heuristic",
}
"""A turn's metrics as `score_turn` and the reply_quality judge record them (name: source),
in primary-key order; question_addressed only when the user asked, the judge on a third."""
CONVERSATION_METRICS = {
    "conversation_quality": "heuristic", "engagement_score": "persona", "error_rate": "heuristic",
    "mean_latency_ms": "heuristic", "mean_relevance": "heuristic",
    "persona_satisfaction": "persona", "sentiment_shift": "heuristic", "turns": "heuristic",
}
JUDGE_DETAIL = json.dumps({"rubric": "reply_quality@1", "model": "judge",
                           "reason": "Addresses the question with specifics."})


# --- building the database ----------------------------------------------------------------

def _sentences(rng: random.Random, count: int) -> list[str]:
    sentences = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(7, 16))
        sentences.append(" ".join(words).capitalize() + rng.choice((".", ".", "!", "?")))
    return sentences


class _Generator:
    """Rows of one database, generated a chunk of conversations at a time."""

    def __init__(self, conversations: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.sentences = _sentences(self.rng, 600)
        self.questions = [s.removesuffix(".").removesuffix("!") + "?" for s in self.sentences]
        self.start = datetime(2025, 1, 6, tzinfo=UTC)
        runs = max(1, conversations // CONVERSATIONS_PER_RUN)
        self.run_ids = [str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
                        for _ in range(runs)]
        ids = [str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
               for _ in range(conversations)]
        # Started in generation order, inserted in id order (appends to every primary key);
        # the export reads by started_at, so it still visits the ids in random order.
        self.order = sorted(range(conversations), key=ids.__getitem__)
        self.ids = ids

    def runs(self) -> list[tuple[Any, ...]]:
        plan = json.dumps({"seed": 7, "conversations": CONVERSATIONS_PER_RUN})
        return [(run_id, "completed", self._at(i * CONVERSATIONS_PER_RUN), 7, "scripted", plan,
                 "0.1.0") for i, run_id in enumerate(self.run_ids)]

    def _at(self, position: int, offset_ms: float = 0.0) -> str:
        return (self.start + timedelta(seconds=position * 0.5, milliseconds=offset_ms)
                ).isoformat()

    def _reply(self) -> str:
        rng = self.rng
        return " ".join(rng.sample(self.sentences, rng.choice((2, 3, 4, 6, 8, 10, 14))))

    def chunk(self, first: int) -> dict[str, list[tuple[Any, ...]]]:
        """Rows of the conversations `order[first:first + CHUNK]`, by table."""
        rows: dict[str, list[tuple[Any, ...]]] = {
            "conversations": [], "turns": [], "metrics": [], "ratings": []}
        for position in self.order[first:first + CHUNK]:
            self._conversation(position, rows)
        return rows

    def _conversation(self, position: int, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        rng, cid = self.rng, self.ids[position]
        run = position // CONVERSATIONS_PER_RUN
        real = position % 10 == 9  # every tenth conversation was imported as real data
        persona, bot = PERSONAS[position % 4], BOTS[(position // 4) % 4]
        started = self._at(position)
        rows["conversations"].append((
            cid, None if real else self.run_ids[run % len(self.run_ids)],
            "real" if real else "synthetic", persona, f"{position % 4:016x}", bot,
            rng.choice(TOPICS), rng.choice(EMOTIONS), None, None,
            None if real else rng.getrandbits(63), None if real else "scripted", "completed",
            None, TURNS_PER_CONVERSATION, rng.randint(1, 5), "Fine overall.", started,
            self._at(position, 9000)))
        values = {"conversation_quality": rng.random(), "engagement_score": rng.random(),
                  "error_rate": 0.0, "mean_latency_ms": rng.uniform(50, 900),
                  "mean_relevance": rng.random(), "persona_satisfaction": rng.randint(1, 5),
                  "sentiment_shift": rng.uniform(-1, 1), "turns": TURNS_PER_CONVERSATION}
        rows["metrics"].extend((cid, -1, name, source, round(float(values[name]), 4), None)
                               for name, source in CONVERSATION_METRICS.items())
        judged = position % 3 == 0 and not real  # the judge ran on a third
        for idx in range(TURNS_PER_CONVERSATION):
            self._turn(cid, idx, started, judged, bot == "support", rows)

    def _turn(self, cid: str, idx: int, started: str, judged: bool, tokens: bool,
              rows: dict[str, list[tuple[Any, ...]]]) -> None:
        rng = self.rng
        user = rng.choice(self.questions if rng.random() < 0.85 else self.sentences)
        reply = self._reply()
        latency = rng.uniform(40, 1500)
        raw = json.dumps({"reply": reply, "conversation_id": cid})[:2000]
        rows["turns"].append((
            cid, idx, user, rng.choice(EMOTIONS), rng.choice(INTENTS), reply, None, started,
            latency, None, rng.randint(200, 2000) if tokens else None,
            len(reply) // 4 if tokens else None, 1, raw))
        values = {"bot_sentiment": rng.uniform(-1, 1), "formality_fit": rng.random(),
                  "latency_ms": latency, "latency_score": rng.random(),
                  "length_fit": rng.random(), "persona_engagement": rng.random(),
                  "question_addressed": rng.random(), "relevance": rng.random(),
                  "repetition": rng.random() / 5, "reply_chars": len(reply),
                  "reply_quality.overall": rng.random(), "reply_words": reply.count(" ") + 1,
                  "user_sentiment": rng.uniform(-1, 1)}
        for name, source in TURN_METRICS.items():
            if name == "question_addressed" and not user.endswith("?"):
                continue
            if source == "judge" and not judged:
                continue
            rows["metrics"].append((cid, idx, name, source, round(float(values[name]), 4),
                                    JUDGE_DETAIL if source == "judge" else None))
        roll = rng.random()
        if roll < 0.05:
            kind, value = ("thumb", rng.choice((1.0, -1.0))) if roll < 0.03 else \
                ("stars", float(rng.randint(1, 5)))
            rows["ratings"].append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), cid,
                                    idx, "maria", kind, value, None, started))


_INSERT = {
    "runs": "INSERT INTO runs (id, status, started_at, seed, persona_engine, plan, "
            "sparring_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "conversations": "INSERT INTO conversations (id, run_id, source, persona_id, persona_hash, "
                     "bot_id, topic, emotional_state, category, parent_id, seed, persona_engine, "
                     "status, error, turns, satisfaction, verdict, started_at, finished_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "turns": "INSERT INTO turns (conversation_id, idx, user_message, user_emotion, user_intent, "
             "bot_reply, error, sent_at, latency_ms, ttft_ms, prompt_tokens, completion_tokens, "
             "attempts, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "metrics": "INSERT INTO metrics (conversation_id, turn_idx, name, source, value, detail) "
               "VALUES (?, ?, ?, ?, ?, ?)",
    "ratings": "INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, note, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


async def _migrate(path: Path) -> None:
    async with Database(path):
        pass


def build(path: Path, turns: int) -> None:
    """The database of `turns` turns at `path`, unless it is already there."""
    if path.exists():
        return
    started = time.perf_counter()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    asyncio.run(_migrate(partial))  # the real schema, through the project's migrations
    conversations = max(1, turns // TURNS_PER_CONVERSATION)
    generator = _Generator(conversations)
    conn = sqlite3.connect(partial, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")  # no 2 GB WAL to checkpoint afterwards
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    indexes = [sql for (sql,) in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
    conn.execute("BEGIN")
    for name in [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]:
        conn.execute(f"DROP INDEX {name}")  # recreated from the same SQL after the load
    conn.executemany(_INSERT["runs"], generator.runs())
    for first in range(0, conversations, CHUNK):
        for table, rows in generator.chunk(first).items():
            conn.executemany(_INSERT[table], rows)
    for sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    partial.rename(path)
    print(f"built {path} ({turns:,} turns, {path.stat().st_size / 2**30:.2f} GiB) in "
          f"{time.perf_counter() - started:.0f} s")


# --- measuring ----------------------------------------------------------------------------

def _peak_rss_mib() -> float:
    """This process's RSS high-water mark: `VmHWM` on Linux, which starts afresh at exec
    (`ru_maxrss` would carry over the parent's peak, the database build's), else ru_maxrss."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kib) / 1024


def measure(db_path: Path, format: Format, out: Path) -> dict[str, float]:
    """One export in this (fresh) process: seconds, rows, peak RSS before and after."""
    async def run() -> tuple[float, float, int]:
        async with Database(db_path) as db:
            wall, cpu = time.perf_counter(), time.process_time()
            summary = await export(db, format, out, ExportOptions(), lambda done, total: None)
            return time.perf_counter() - wall, time.process_time() - cpu, summary.rows

    baseline = _peak_rss_mib()
    seconds, cpu, rows = asyncio.run(run())
    return {"seconds": seconds, "cpu": cpu, "rows": rows, "baseline_mib": baseline,
            "peak_mib": _peak_rss_mib(), "bytes": out.stat().st_size}


def _exports(work: Path, sizes: list[int]) -> Iterator[tuple[int, Format, dict[str, float]]]:
    for turns in sizes:
        db_path = work / f"export-{turns}-v{BUILD_VERSION}.db"
        build(db_path, turns)
        for format in FORMATS:
            out = work / f"out-{turns}.{'parquet' if format == 'turns-parquet' else 'jsonl'}"
            with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
                yield turns, format, pool.submit(measure, db_path, format, out).result()
            out.unlink()


def main(turns: int, work: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    sizes = [max(TURNS_PER_CONVERSATION, turns // 10), turns]
    print(f"{'turns':>10} {'format':<14} {'seconds':>8} {'turns/s':>10} {'turns/CPU-s':>12} "
          f"{'peak RSS':>10} {'(at start)':>10} {'output':>10}")
    peaks: dict[Format, list[float]] = {format: [] for format in FORMATS}
    for size, format, result in _exports(work, sizes):
        peaks[format].append(result["peak_mib"])
        expected = size if format == "turns-parquet" else size // TURNS_PER_CONVERSATION
        if result["rows"] != expected:
            raise SystemExit(f"{format}: {result['rows']:,} rows written from {size:,} turns; "
                             f"expected {expected:,}: the benchmark measured a partial export")
        print(f"{size:>10,} {format:<14} {result['seconds']:8.2f} "
              f"{size / result['seconds']:10,.0f} {size / result['cpu']:12,.0f} "
              f"{result['peak_mib']:7.0f} MiB "
              f"{result['baseline_mib']:6.0f} MiB {result['bytes'] / 2**20:6.0f} MiB")
    for format, (small, large) in peaks.items():
        print(f"{format}: peak RSS at {sizes[1]:,} turns / at {sizes[0]:,} turns = "
              f"{large / small:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "sparring-export-bench")
    args = parser.parse_args()
    main(args.turns, args.work)
