"""Heuristic scores for a bot turn and for a finished conversation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.connector import BotReply
from simulator.engine import Verdict
from simulator.metrics.catalog import Metric
from simulator.metrics.formality import formality_fit
from simulator.metrics.length import length_fit
from simulator.metrics.questions import addressed_share, questions_in
from simulator.metrics.relevance import term_cosine
from simulator.metrics.repetition import repetition
from simulator.metrics.sentiment import sentiment
from simulator.metrics.terms import content_terms
from simulator.persona import Persona
from simulator.text import word_count

FAST_MS = 500.0
SLOW_MS = 5000.0

QUALITY_WEIGHTS: dict[str, float] = {
    "length_fit": 0.25,
    "relevance": 0.25,
    "question_addressed": 0.15,
    "repetition": 0.15,  # enters as 1 - mean repetition
    "formality_fit": 0.10,
    "latency_score": 0.10,
}
"""Weights of the per-turn means in `conversation_quality`."""


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
    text = reply.text
    words = word_count(text)
    preferences = persona.preferences
    user_terms = content_terms(user_text)
    reply_terms = content_terms(text)
    metrics = [
        Metric("latency_ms", round(reply.latency_ms, 3)),
        Metric("reply_words", float(words)),
        Metric("reply_chars", float(len(text))),
        Metric("length_fit", round(length_fit(words, preferences.response_length), 4)),
        Metric("latency_score", round(latency_score(reply.latency_ms), 4)),
        Metric("relevance", round(term_cosine(user_terms, reply_terms), 4)),
        Metric("user_sentiment", round(sentiment(user_text), 4)),
        Metric("bot_sentiment", round(sentiment(text), 4)),
        Metric("repetition", round(repetition(text, earlier_replies), 4)),
        Metric("formality_fit", round(formality_fit(text, preferences.formality), 4)),
        Metric("persona_engagement", round(engagement, 4), "persona"),
    ]
    metrics.extend(reply_extras(user_text, reply, reply_terms))
    return tuple(metrics)


def reply_extras(user_text: str, reply: BotReply, reply_terms: Sequence[str]) -> list[Metric]:
    """The metrics a reply has only sometimes: questions addressed, TTFT, reply tokens."""
    extras: list[Metric] = []
    questions = questions_in(user_text)
    if questions:
        share = addressed_share(questions, set(reply_terms), not reply.text.strip())
        extras.append(Metric("question_addressed", round(share, 4)))
    if reply.ttft_ms is not None:
        extras.append(Metric("ttft_ms", round(reply.ttft_ms, 3)))
    if reply.completion_tokens is not None:
        extras.append(Metric("reply_tokens", float(reply.completion_tokens)))
    return extras


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    """What conversation scoring needs to know about one turn."""

    metrics: tuple[Metric, ...]
    failed: bool


def conversation_quality(means: dict[str, float], error_rate: float) -> float:
    """The weighted mean of the per-turn means in QUALITY_WEIGHTS, times `1 - error_rate`.

    `repetition` enters as `1 - mean repetition`. The weights are renormalised over the
    components present in `means` (no turn may have asked a question); 0 if none is.
    """
    total = weight_sum = 0.0
    for name, weight in QUALITY_WEIGHTS.items():
        if name in means:
            value = means[name]
            total += weight * (1.0 - value if name == "repetition" else value)
            weight_sum += weight
    if not weight_sum:
        return 0.0
    return total / weight_sum * (1.0 - error_rate)


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
    means = {name: sum(values) / len(values) for name, values in by_name.items()}
    error_rate = sum(turn.failed for turn in turns) / len(turns)
    engagement = means.get("persona_engagement", 0.0)
    metrics = [
        Metric("turns", float(len(turns))),
        Metric("error_rate", round(error_rate, 4)),
        Metric("conversation_quality", round(conversation_quality(means, error_rate), 4)),
        Metric(
            "engagement_score",
            round(0.5 * engagement + 0.5 * min(1.0, len(turns) / max_turns), 4),
            "persona",
        ),
    ]
    if "latency_ms" in means:
        metrics.append(Metric("mean_latency_ms", round(means["latency_ms"], 3)))
    if "relevance" in means:
        metrics.append(Metric("mean_relevance", round(means["relevance"], 4)))
    user_sentiments = by_name.get("user_sentiment", [])
    if len(user_sentiments) >= 2:
        shift = user_sentiments[-1] - user_sentiments[0]
        metrics.append(Metric("sentiment_shift", round(shift, 4)))
    if verdict is not None:
        metrics.append(Metric("persona_satisfaction", float(verdict.satisfaction), "persona"))
        if verdict.goal_reached is not None:
            metrics.append(Metric("goal_completion", float(verdict.goal_reached), "persona"))
    return tuple(metrics)
