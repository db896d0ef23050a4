"""Rolling figures of a run, fed by its events; read by the CLI progress line and the TUI."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from simulator.events import (
    ConversationFinished,
    ConversationStarted,
    Event,
    RunStarted,
    TurnRecorded,
)


@dataclass(slots=True)
class PairStats:
    """Aggregates of one persona x bot pair."""

    conversations: int = 0
    turns: int = 0
    failed_turns: int = 0
    quality_sum: float = 0.0
    engagement_sum: float = 0.0
    satisfaction_sum: float = 0.0
    verdicts: int = 0

    @property
    def mean_quality(self) -> float | None:
        return _ratio(self.quality_sum, self.conversations)

    @property
    def mean_engagement(self) -> float | None:
        return _ratio(self.engagement_sum, self.conversations)

    @property
    def mean_satisfaction(self) -> float | None:
        return _ratio(self.satisfaction_sum, self.verdicts)

    @property
    def error_rate(self) -> float:
        return _ratio(self.failed_turns, self.turns) or 0.0


def _ratio(total: float, count: int) -> float | None:
    return total / count if count else None


@dataclass
class LiveStats:
    """An event sink keeping counts, rates and per-pair means of the current run."""

    window_s: float = 10.0
    total_conversations: int = 0
    started: int = 0
    finished: int = 0
    turns: int = 0
    failed_turns: int = 0
    pairs: dict[tuple[str, str], PairStats] = field(default_factory=dict)
    _pair_of: dict[str, PairStats] = field(default_factory=dict)
    """The pair of each conversation in flight, by conversation id."""
    _turn_times: deque[float] = field(default_factory=deque)
    _started_at: float = field(default_factory=time.monotonic)

    def emit(self, event: Event) -> None:
        if isinstance(event, TurnRecorded):
            self.turns += 1
            self.failed_turns += event.failed
            self._turn_times.append(time.monotonic())
            pair = self._pair_of[event.conversation_id]
            pair.turns += 1
            pair.failed_turns += event.failed
        elif isinstance(event, ConversationFinished):
            self.finished += 1
            pair = self._pair_of.pop(event.conversation_id)
            values = {metric.name: metric.value for metric in event.metrics}
            pair.conversations += 1
            pair.quality_sum += values.get("conversation_quality", 0.0)
            pair.engagement_sum += values.get("engagement_score", 0.0)
            if event.verdict is not None:
                pair.verdicts += 1
                pair.satisfaction_sum += event.verdict.satisfaction
        elif isinstance(event, ConversationStarted):
            self.started += 1
            key = (event.persona_id, event.bot_id)
            self._pair_of[event.conversation_id] = self.pairs.setdefault(key, PairStats())
        elif isinstance(event, RunStarted):
            self.total_conversations = event.plan.total_conversations
            self._started_at = time.monotonic()

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
        return _ratio(self.failed_turns, self.turns) or 0.0

    @property
    def mean_quality(self) -> float | None:
        done = sum(pair.conversations for pair in self.pairs.values())
        return _ratio(sum(pair.quality_sum for pair in self.pairs.values()), done)
