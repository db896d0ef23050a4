"""Rolling figures of a run, fed by its events; read by the CLI progress line and the TUI."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from simulator.events import (
    ConversationFinished,
    ConversationStarted,
    Event,
    JudgeScored,
    LLMCallRecorded,
    MessageRejected,
    RunStarted,
    TurnRecorded,
)

LATENCY_WINDOW = 5000
"""Latency percentiles are over the most recent this-many successful turns."""


@dataclass(slots=True)
class RunningMean:
    """Count, mean and variance in one pass (Welford), for a mean with a 95% interval."""

    count: int = 0
    mean: float = 0.0
    _m2: float = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self._m2 += delta * (value - self.mean)

    @property
    def value(self) -> float | None:
        return self.mean if self.count else None

    @property
    def ci95(self) -> float | None:
        """Half-width of the normal-approximation 95% interval (None below 2 values)."""
        if self.count < 2:
            return None
        return 1.96 * math.sqrt(self._m2 / (self.count - 1) / self.count)


@dataclass(slots=True)
class PairStats:
    """Aggregates of one persona x bot pair."""

    conversations: int = 0
    turns: int = 0
    failed_turns: int = 0
    quality: RunningMean = field(default_factory=RunningMean)
    engagement: RunningMean = field(default_factory=RunningMean)
    satisfaction: RunningMean = field(default_factory=RunningMean)
    judge: dict[str, RunningMean] = field(default_factory=dict)
    """Judge metrics (`rubric.criterion`) by name."""

    @property
    def mean_quality(self) -> float | None:
        return self.quality.value

    @property
    def mean_engagement(self) -> float | None:
        return self.engagement.value

    @property
    def mean_satisfaction(self) -> float | None:
        return self.satisfaction.value

    @property
    def error_rate(self) -> float:
        return self.failed_turns / self.turns if self.turns else 0.0


@dataclass
class LiveStats:
    """An event sink keeping counts, rates, means with intervals, latency percentiles,
    LLM tokens and cost, overall and per persona x bot, for the run in progress."""

    window_s: float = 10.0
    total_conversations: int = 0
    started: int = 0
    finished: int = 0
    turns: int = 0
    failed_turns: int = 0
    quality: RunningMean = field(default_factory=RunningMean)
    judge: dict[str, RunningMean] = field(default_factory=dict)
    judge_errors: int = 0
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    unpriced_calls: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    """Persona-model messages held back by each guard (role_break, repeat, ...)."""
    guard_endings: int = 0
    """Conversations ended because no answer passed the guards."""
    pairs: dict[tuple[str, str], PairStats] = field(default_factory=dict)
    _pair_of: dict[str, PairStats] = field(default_factory=dict)
    """The pair of each conversation in flight, by conversation id."""
    _latencies: deque[float] = field(default_factory=lambda: deque(maxlen=LATENCY_WINDOW))
    _turn_times: deque[float] = field(default_factory=deque)
    _started_at: float = field(default_factory=time.monotonic)

    def emit(self, event: Event) -> None:
        if isinstance(event, TurnRecorded):
            self._on_turn(event)
        elif isinstance(event, JudgeScored):
            self._on_judged(event)
        elif isinstance(event, LLMCallRecorded):
            self.llm_calls += 1
            self.prompt_tokens += event.prompt_tokens
            self.completion_tokens += event.completion_tokens
            if event.cost_usd is None:
                self.unpriced_calls += 1
            else:
                self.cost_usd += event.cost_usd
        elif isinstance(event, ConversationFinished):
            self._on_finished(event)
        elif isinstance(event, MessageRejected):
            self.rejected[event.guard] = self.rejected.get(event.guard, 0) + 1
            self.guard_endings += event.ended
        elif isinstance(event, ConversationStarted):
            self.started += 1
            key = (event.persona_id, event.bot_id)
            self._pair_of[event.conversation_id] = self.pairs.setdefault(key, PairStats())
        elif isinstance(event, RunStarted):
            self.total_conversations = event.plan.total_conversations - event.done
            self._started_at = time.monotonic()

    def _on_turn(self, event: TurnRecorded) -> None:
        self.turns += 1
        self.failed_turns += event.failed
        self._turn_times.append(time.monotonic())
        if event.reply is not None:
            self._latencies.append(event.reply.latency_ms)
        pair = self._pair_of[event.conversation_id]
        pair.turns += 1
        pair.failed_turns += event.failed

    def _on_judged(self, event: JudgeScored) -> None:
        if event.error is not None:
            self.judge_errors += 1
            return
        pair = self._pair_of.get(event.conversation_id)
        for metric in event.scores:
            self.judge.setdefault(metric.name, RunningMean()).add(metric.value)
            if pair is not None:
                pair.judge.setdefault(metric.name, RunningMean()).add(metric.value)

    def _on_finished(self, event: ConversationFinished) -> None:
        self.finished += 1
        pair = self._pair_of.pop(event.conversation_id)
        if event.status == "cancelled":  # cut short by the operator or a budget: no score
            return
        values = {metric.name: metric.value for metric in event.metrics}
        pair.conversations += 1
        quality = values.get("conversation_quality", 0.0)
        pair.quality.add(quality)
        self.quality.add(quality)
        pair.engagement.add(values.get("engagement_score", 0.0))
        if event.verdict is not None:
            pair.satisfaction.add(event.verdict.satisfaction)

    @property
    def turns_per_second(self) -> float:
        """Turns recorded per second over the last `window_s` seconds."""
        now = time.monotonic()
        while self._turn_times and now - self._turn_times[0] > self.window_s:
            self._turn_times.popleft()
        span = min(self.window_s, now - self._started_at)
        return len(self._turn_times) / span if span > 0 else 0.0

    @property
    def error_rate(self) -> float:
        return self.failed_turns / self.turns if self.turns else 0.0

    @property
    def mean_quality(self) -> float | None:
        return self.quality.value

    def latency_percentiles(self) -> tuple[float, float] | None:
        """p50 and p95 of recent successful-turn latencies in ms, or None before any."""
        if not self._latencies:
            return None
        p50, p95 = np.percentile(np.fromiter(self._latencies, float), (50, 95))
        return float(p50), float(p95)
