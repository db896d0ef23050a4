"""Events: the only way a run talks to the outside (storage, live stats, displays).

Every event is a frozen dataclass. Sinks receive them synchronously and must not block:
a sink that does I/O queues the event and does the work in its own task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from simulator.connector import BotReply
from simulator.engine import UserMessage, Verdict
from simulator.llm import Purpose
from simulator.metrics.catalog import Metric
from simulator.plan import RunPlan

ConversationStatus = Literal["running", "completed", "failed", "cancelled"]
RunStatus = Literal["running", "completed", "interrupted", "failed"]
Source = Literal["synthetic", "real", "augmented", "human"]


@dataclass(frozen=True, slots=True)
class RunStarted:
    run_id: str
    plan: RunPlan
    started_at: datetime
    resumed: bool = False
    """True when an interrupted run goes on (`sparring resume`): its row exists."""
    done: int = 0
    """Conversations the run already holds from earlier attempts."""


@dataclass(frozen=True, slots=True)
class ConversationStarted:
    """A conversation began; carries its full lineage."""

    conversation_id: str
    run_id: str | None
    """None for a conversation outside any run (a manual chat)."""
    persona_id: str
    persona_hash: str
    bot_id: str
    topic: str
    emotional_state: str
    seed: int
    source: Source
    persona_engine: str
    started_at: datetime
    parent_id: str | None = None
    """The conversation this one is a variation of (augmentation)."""
    category: str | None = None
    noise: str | None = None
    """The persona's noise settings as JSON, when it has any."""
    goal: str | None = None


@dataclass(frozen=True, slots=True)
class TurnRecorded:
    """One user message and the bot's reply to it (or the error instead)."""

    conversation_id: str
    index: int
    user: UserMessage
    sent_at: datetime
    reply: BotReply | None
    error: str | None
    metrics: tuple[Metric, ...]
    category: str | None = None
    """The intent category of the user message, when its conversation has one."""
    category_confidence: float | None = None
    """1.0 when the message was written for the category, else its similarity to it."""
    grounding: str | None = None
    """The knowledge-base passage the conversation asks about, as JSON."""
    attempts: int | None = None
    """For a failed turn: requests made before giving up (0: the circuit held it back)."""
    latency_ms: float | None = None
    """For a failed turn: how long its last attempt took to fail."""

    @property
    def failed(self) -> bool:
        return self.reply is None


@dataclass(frozen=True, slots=True)
class ConversationFinished:
    conversation_id: str
    run_id: str | None
    persona_id: str
    bot_id: str
    status: ConversationStatus
    error: str | None
    turns: int
    verdict: Verdict | None
    metrics: tuple[Metric, ...]
    finished_at: datetime


@dataclass(frozen=True, slots=True)
class JudgeScored:
    """A judge's scores for one bot turn (`turn_idx` >= 0) or a whole conversation (-1).

    On failure `scores` is empty and `error` says why: a judge error is never a score.
    """

    conversation_id: str
    turn_idx: int
    rubric_id: str
    rubric_version: int
    model: str
    scores: tuple[Metric, ...]
    reason: str
    error: str | None = None
    cached: bool = False


@dataclass(frozen=True, slots=True)
class LLMCallRecorded:
    """One call to a language model, with its tokens and (when priced) its cost."""

    run_id: str | None
    conversation_id: str | None
    purpose: Purpose
    model: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None
    at: datetime


@dataclass(frozen=True, slots=True)
class MessageRejected:
    """A persona model's message failed a guard and was not sent (see
    simulator/llm_persona/guards.py); the model is asked again or the conversation ends."""

    run_id: str | None
    conversation_id: str
    guard: str
    """Which check failed: empty, truncated, format, role_break or repeat."""
    attempt: int
    """1 for the first answer to this turn's request, 2 for the first re-ask, ..."""
    text: str
    """The rejected message (cut to 200 characters)."""
    ended: bool = False
    """True when this was the last attempt: the conversation ends instead of sending it."""


@dataclass(frozen=True, slots=True)
class RunFinished:
    run_id: str
    status: RunStatus
    finished_at: datetime
    stop_reason: str | None = None
    """Why an interrupted run stopped (`interrupted by the operator`, `budget reached ...`)."""


Event = (
    RunStarted
    | ConversationStarted
    | TurnRecorded
    | JudgeScored
    | LLMCallRecorded
    | MessageRejected
    | ConversationFinished
    | RunFinished
)


class EventSink(Protocol):
    """Receives every event of a run, in order; must return quickly."""

    def emit(self, event: Event) -> None: ...
