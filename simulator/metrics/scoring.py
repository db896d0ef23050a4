"""Heuristic scores for a bot turn and for a finished conversation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.connector import BotReply
from simulator.engine import Verdict
from simulator.metrics.catalog import Metric
from simulator.metrics.length import length_fit
from simulator.persona import Persona
from simulator.text import word_count

FAST_MS = 500.0
SLOW_MS = 5000.0


def latency_score(latency_ms: float) -> float:
    """1 at or under FAST_MS, 0 at or over SLOW_MS, linear between."""
    if latency_ms <= FAST_MS:
        return 1.0
    if latency_ms >= SLOW_MS:
        return 0.0
    return 1.0 - (latency_ms - FAST_MS) / (SLOW_MS - FAST_MS)


def score_turn(
    persona: Persona,
    user_text: str,
    reply: BotReply,
    earlier_replies: Sequence[str],
    engagement: float,
) -> tuple[Metric, ...]:
    """The per-turn metrics of one successful bot reply to `user_text`.

    `earlier_replies` are the bot's previous replies in the same conversation.
    """
    words = word_count(reply.text)
    metrics = [
        Metric("latency_ms", round(reply.latency_ms, 3)),
        Metric("reply_words", float(words)),
        Metric("reply_chars", float(len(reply.text))),
        Metric("length_fit", round(length_fit(words, persona.preferences.response_length), 4)),
        Metric("latency_score", round(latency_score(reply.latency_ms), 4)),
        Metric("persona_engagement", round(engagement, 4), "persona"),
    ]
    if reply.ttft_ms is not None:
        metrics.append(Metric("ttft_ms", round(reply.ttft_ms, 3)))
    return tuple(metrics)


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    """What conversation scoring needs to know about one turn."""

    metrics: tuple[Metric, ...]
    failed: bool


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_conversation(
    turns: Sequence[TurnOutcome], max_turns: int, verdict: Verdict | None
) -> tuple[Metric, ...]:
    """Conversation metrics over its turns; formulas are documented in the catalogue."""
    if not turns:
        return (Metric("turns", 0.0),)
    by_name: dict[str, list[float]] = {}
    for turn in turns:
        for metric in turn.metrics:
            by_name.setdefault(metric.name, []).append(metric.value)
    error_rate = sum(turn.failed for turn in turns) / len(turns)
    fit = _mean(by_name.get("length_fit", [])) or 0.0
    speed = _mean(by_name.get("latency_score", [])) or 0.0
    engagement = _mean(by_name.get("persona_engagement", [])) or 0.0
    metrics = [
        Metric("turns", float(len(turns))),
        Metric("error_rate", round(error_rate, 4)),
        Metric("conversation_quality", round((0.7 * fit + 0.3 * speed) * (1 - error_rate), 4)),
        Metric(
            "engagement_score",
            round(0.5 * engagement + 0.5 * min(1.0, len(turns) / max_turns), 4),
            "persona",
        ),
    ]
    mean_latency = _mean(by_name.get("latency_ms", []))
    if mean_latency is not None:
        metrics.append(Metric("mean_latency_ms", round(mean_latency, 3)))
    if verdict is not None:
        metrics.append(Metric("persona_satisfaction", float(verdict.satisfaction), "persona"))
    return tuple(metrics)
