"""The metric catalogue: every metric Sparring records, with its range and meaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MetricSource = Literal["heuristic", "judge", "persona", "human"]
MetricScope = Literal["turn", "conversation"]


@dataclass(frozen=True, slots=True)
class Metric:
    """One measured value, attached to a turn or to a whole conversation."""

    name: str
    value: float
    source: MetricSource = "heuristic"


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """What a metric means, for `sparring metrics`, the README and the exports."""

    name: str
    scope: MetricScope
    low: float
    high: float | None
    """None when the metric has no upper bound (latencies, lengths)."""
    source: MetricSource
    meaning: str
    better: Literal["higher", "lower"] | None = "higher"
    """Which way is an improvement; None for descriptive figures (lengths, sentiment)."""

    @property
    def range_text(self) -> str:
        high = "∞" if self.high is None else f"{self.high:g}"
        return f"{self.low:g}..{high}"


CATALOG: tuple[MetricSpec, ...] = (
    MetricSpec("latency_ms", "turn", 0, None, "heuristic",
               "Milliseconds from sending the user message to the complete reply.", better="lower"),
    MetricSpec("ttft_ms", "turn", 0, None, "heuristic",
               "Milliseconds to the first streamed token (streaming bots only).", better="lower"),
    MetricSpec("reply_words", "turn", 0, None, "heuristic", "Words in the bot's reply.",
               better=None),
    MetricSpec("reply_chars", "turn", 0, None, "heuristic", "Characters in the bot's reply.",
               better=None),
    MetricSpec("reply_tokens", "turn", 0, None, "heuristic",
               "Completion tokens of the reply, when the bot reports them.", better=None),
    MetricSpec("length_fit", "turn", 0, 1, "heuristic",
               "Fit of the reply's length to the persona's preferred length band "
               "(1 inside the band, else the ratio to the nearest bound)."),
    MetricSpec("latency_score", "turn", 0, 1, "heuristic",
               "1 at or under 500 ms, falling linearly to 0 at 5 s."),
    MetricSpec("relevance", "turn", 0, 1, "heuristic",
               "Cosine similarity of the content-term counts of the user message and the "
               "reply (stop words out, light stemming)."),
    MetricSpec("question_addressed", "turn", 0, 1, "heuristic",
               "Share of the user's questions whose content terms the reply at least half "
               "covers (absent when the user asked none)."),
    MetricSpec("repetition", "turn", 0, 1, "heuristic",
               "Share of the reply's word trigrams already in an earlier reply of the bot.",
               better="lower"),
    MetricSpec("formality_fit", "turn", 0, 1, "heuristic",
               "1 - |formality of the reply - the persona's formality target| (surface "
               "features: contractions, slang, emoji, '!', word length, connectives)."),
    MetricSpec("user_sentiment", "turn", -1, 1, "heuristic",
               "VADER compound sentiment of the user message.", better=None),
    MetricSpec("bot_sentiment", "turn", -1, 1, "heuristic",
               "VADER compound sentiment of the bot's reply.", better=None),
    MetricSpec("persona_engagement", "turn", 0, 1, "persona",
               "How engaged the persona was when it wrote the message."),
    MetricSpec("turns", "conversation", 0, None, "heuristic",
               "User messages sent in the conversation.", better=None),
    MetricSpec("mean_latency_ms", "conversation", 0, None, "heuristic",
               "Mean latency of the bot's successful replies.", better="lower"),
    MetricSpec("mean_relevance", "conversation", 0, 1, "heuristic",
               "Mean relevance of the bot's successful replies."),
    MetricSpec("error_rate", "conversation", 0, 1, "heuristic",
               "Share of turns whose bot request failed.", better="lower"),
    MetricSpec("conversation_quality", "conversation", 0, 1, "heuristic",
               "(0.25 length_fit + 0.25 relevance + 0.15 question_addressed "
               "+ 0.15 (1 - repetition) + 0.10 formality_fit + 0.10 latency_score) / (sum "
               "of the weights of the means present) x (1 - error_rate); each term a mean "
               "over turns."),
    MetricSpec("sentiment_shift", "conversation", -2, 2, "heuristic",
               "user_sentiment of the last scored turn - that of the first (at least 2 "
               "scored turns): the user's emotional trajectory.", better=None),
    MetricSpec("engagement_score", "conversation", 0, 1, "persona",
               "0.5 x mean persona_engagement + 0.5 x min(1, turns / max_turns): how long "
               "and how keenly the persona kept talking."),
    MetricSpec("persona_satisfaction", "conversation", 1, 5, "persona",
               "The persona's own verdict on the conversation, 1 (unhappy) to 5 (delighted)."),
    MetricSpec("goal_completion", "conversation", 0, 1, "persona",
               "1 when the persona reached its goal for the conversation, in its own "
               "judgement (scripted: a bot reply on the goal, and satisfaction 3 or more)."),
    MetricSpec("thumb", "turn", -1, 1, "human",
               "An operator's thumbs up (+1) or down (-1) on the bot turn, with the rater."),
    MetricSpec("stars", "turn", 1, 5, "human", "An operator's 1-5 star rating of the bot turn."),
    MetricSpec("flag", "turn", 0, 1, "human",
               "The bot turn is flagged for review (excluded from exports by default).",
               better="lower"),
)

SPECS: dict[str, MetricSpec] = {spec.name: spec for spec in CATALOG}
