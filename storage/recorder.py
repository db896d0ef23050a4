"""The recorder: an event sink that writes a run to SQLite in batched transactions."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from simulator.errors import StorageError
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
from simulator.metrics.catalog import Metric
from storage.database import Database

_log = logging.getLogger(__name__)

try:
    SPARRING_VERSION = version("sparring")
except PackageNotFoundError:  # running from a source tree
    SPARRING_VERSION = "0+source"

# Statements in parent-before-child order; a flush runs them in this order.
_SQL: dict[str, str] = {
    "run": "INSERT INTO runs (id, status, started_at, seed, persona_engine, plan, "
    "sparring_version) VALUES (?, 'running', ?, ?, ?, ?, ?)",
    "run_resume": "UPDATE runs SET status = 'running', stop_reason = NULL, finished_at = NULL "
    "WHERE id = ?",
    "conversation": "INSERT INTO conversations (id, run_id, source, persona_id, persona_hash, "
    "bot_id, topic, emotional_state, seed, persona_engine, parent_id, category, noise, goal, "
    "status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)",
    "turn": "INSERT INTO turns (conversation_id, idx, user_message, user_emotion, user_intent, "
    "bot_reply, error, sent_at, latency_ms, ttft_ms, prompt_tokens, completion_tokens, "
    "attempts, raw, category, category_confidence, grounding, notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "metric": "INSERT OR REPLACE INTO metrics (conversation_id, turn_idx, name, source, value, "
    "detail) VALUES (?, ?, ?, ?, ?, ?)",
    "judge_error": "INSERT INTO judge_errors (conversation_id, turn_idx, rubric, model, error, "
    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
    "llm_usage": "INSERT INTO llm_usage (run_id, conversation_id, purpose, model, "
    "prompt_tokens, completion_tokens, cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "conversation_end": "UPDATE conversations SET status = ?, error = ?, turns = ?, "
    "satisfaction = ?, verdict = ?, finished_at = ? WHERE id = ?",
    "run_end": "UPDATE runs SET status = ?, stop_reason = ?, finished_at = ? WHERE id = ?",
}


def _metric_rows(
    conversation_id: str, turn_idx: int, metrics: Iterable[Metric], detail: str | None = None
) -> list[tuple[Any, ...]]:
    return [(conversation_id, turn_idx, m.name, m.source, m.value, detail) for m in metrics]


class Recorder:
    """Queues a run's events and writes them in one transaction per flush.

    Flushes every `interval_s` or when `batch_size` rows are waiting; `close()` writes the
    rest. A write error stops the recorder and is raised from `close()` (and the next
    `emit`), so a run never continues silently without its storage.
    """

    def __init__(self, db: Database, *, interval_s: float = 0.25, batch_size: int = 2000) -> None:
        self._db = db
        self._interval_s = interval_s
        self._batch_size = batch_size
        self._pending: dict[str, list[tuple[Any, ...]]] = {key: [] for key in _SQL}
        self._count = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._error: BaseException | None = None
        self._closed = False

    def emit(self, event: Event) -> None:
        if self._error is not None:
            raise StorageError(f"{self._db.path}: recording stopped: {self._error}")
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._loop())
        if isinstance(event, TurnRecorded):
            self._add_turn(event)
        elif isinstance(event, ConversationStarted):
            self._add("conversation", (
                event.conversation_id, event.run_id, event.source, event.persona_id,
                event.persona_hash, event.bot_id, event.topic, event.emotional_state,
                event.seed, event.persona_engine, event.parent_id, event.category, event.noise,
                event.goal, event.started_at.isoformat(),
            ))
        elif isinstance(event, ConversationFinished):
            verdict = event.verdict
            for row in _metric_rows(event.conversation_id, -1, event.metrics):
                self._add("metric", row)
            self._add("conversation_end", (
                event.status, event.error, event.turns,
                verdict.satisfaction if verdict else None, verdict.reason if verdict else None,
                event.finished_at.isoformat(), event.conversation_id,
            ))
        elif isinstance(event, RunStarted) and event.resumed:
            self._add("run_resume", (event.run_id,))
        elif isinstance(event, RunStarted):
            plan = event.plan
            self._add("run", (
                event.run_id, event.started_at.isoformat(), plan.seed, plan.persona_engine,
                json.dumps(plan.to_dict()), SPARRING_VERSION,
            ))
        elif isinstance(event, JudgeScored):
            self._add_judgement(event)
        elif isinstance(event, LLMCallRecorded):
            self._add("llm_usage", (
                event.run_id, event.conversation_id, event.purpose, event.model,
                event.prompt_tokens, event.completion_tokens, event.cost_usd, event.at.isoformat(),
            ))
        elif isinstance(event, RunFinished):
            self._add("run_end", (
                event.status, event.stop_reason, event.finished_at.isoformat(), event.run_id
            ))

    def _add_judgement(self, event: JudgeScored) -> None:
        rubric = f"{event.rubric_id}@{event.rubric_version}"
        if event.error is not None:
            self._add("judge_error", (
                event.conversation_id, event.turn_idx, rubric, event.model, event.error,
                datetime.now(UTC).isoformat(),
            ))
            return
        detail = json.dumps({"rubric": rubric, "model": event.model, "reason": event.reason})
        for row in _metric_rows(event.conversation_id, event.turn_idx, event.scores, detail):
            self._add("metric", row)

    def _add_turn(self, event: TurnRecorded) -> None:
        reply = event.reply
        self._add("turn", (
            event.conversation_id, event.index, event.user.text, event.user.emotion,
            event.user.intent, reply.text if reply else None, event.error,
            event.sent_at.isoformat(), reply.latency_ms if reply else event.latency_ms,
            reply.ttft_ms if reply else None, reply.prompt_tokens if reply else None,
            reply.completion_tokens if reply else None,
            reply.attempts if reply else event.attempts, reply.raw if reply else None,
            event.category, event.category_confidence, event.grounding,
            "; ".join(reply.notes) if reply and reply.notes else None,
        ))
        for row in _metric_rows(event.conversation_id, event.index, event.metrics):
            self._add("metric", row)

    def _add(self, kind: str, row: tuple[Any, ...]) -> None:
        self._pending[kind].append(row)
        self._count += 1
        if self._count >= self._batch_size:
            self._wake.set()

    async def _loop(self) -> None:
        while not self._closed:
            try:
                await asyncio.wait_for(self._wake.wait(), self._interval_s)
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self.flush()
            except Exception as exc:
                _log.error("recording to %s failed: %s", self._db.path, exc)
                self._error = exc
                return

    async def flush(self) -> None:
        """Write everything queued so far in one transaction."""
        if not self._count:
            return
        batch, self._pending = self._pending, {key: [] for key in _SQL}
        self._count = 0
        async with self._db.transaction() as conn:
            for kind, rows in batch.items():
                if rows:
                    await conn.executemany(_SQL[kind], rows)

    async def close(self) -> None:
        """Stop the flush loop and write what is left. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._wake.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
        if isinstance(self._error, StorageError):
            raise self._error
        if self._error is not None:
            raise StorageError(f"{self._db.path}: recording failed: {self._error}")
        await self.flush()
