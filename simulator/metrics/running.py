"""Scoring a recorded conversation's bot turns in order, for imports of real chat logs.

`RunningScorer` gives, turn after turn, the heuristic metrics of `scoring.score_turn`
with the same values, but keeps the bot's trigrams so far in one set (repetition in time
linear, not quadratic, in the conversation's length) and computes nothing it would throw
away: no persona-fit metric without a persona, no latency metric without a latency, no
persona-sourced metric. `tests/test_simulator/test_metric_running.py` compares the two.
"""

from __future__ import annotations

from simulator.connector import BotReply
from simulator.metrics.catalog import Metric
from simulator.metrics.formality import formality_fit
from simulator.metrics.length import length_fit
from simulator.metrics.relevance import term_cosine
from simulator.metrics.repetition import Trigram, trigrams
from simulator.metrics.scoring import latency_score, reply_extras
from simulator.metrics.sentiment import sentiment
from simulator.metrics.terms import content_terms
from simulator.persona import Persona
from simulator.text import word_count


class RunningScorer:
    """The heuristic metrics of one conversation's bot turns, scored in order.

    With `persona` None the persona-fit metrics (length_fit, formality_fit) are left out.
    """

    def __init__(self, persona: Persona | None) -> None:
        self._persona = persona
        self._seen: set[Trigram] = set()
        self._replies = 0

    def score(self, user_text: str, reply: BotReply, *, timed: bool = True) -> list[Metric]:
        """The heuristic metrics of `reply` to `user_text`, in `score_turn`'s order; `timed`
        False leaves out the latency metrics (the reply's latency is unknown)."""
        text = reply.text
        words = word_count(text)
        reply_terms = content_terms(text)
        metrics: list[Metric] = []
        if timed:
            metrics.append(Metric("latency_ms", round(reply.latency_ms, 3)))
        metrics.append(Metric("reply_words", float(words)))
        metrics.append(Metric("reply_chars", float(len(text))))
        persona = self._persona
        if persona is not None:
            preference = persona.preferences.response_length
            metrics.append(Metric("length_fit", round(length_fit(words, preference), 4)))
        if timed:
            metrics.append(Metric("latency_score", round(latency_score(reply.latency_ms), 4)))
        metrics.append(Metric("relevance",
                              round(term_cosine(content_terms(user_text), reply_terms), 4)))
        metrics.append(Metric("user_sentiment", round(sentiment(user_text), 4)))
        metrics.append(Metric("bot_sentiment", round(sentiment(text), 4)))
        metrics.append(Metric("repetition", round(self._repetition(text), 4)))
        if persona is not None:
            target = persona.preferences.formality
            metrics.append(Metric("formality_fit", round(formality_fit(text, target), 4)))
        metrics.extend(reply_extras(user_text, reply, reply_terms))
        return metrics

    def _repetition(self, text: str) -> float:
        """`repetition.repetition(text, earlier replies)`, then remember this reply's trigrams:
        a trigram is fresh for every earlier reply exactly when it is in none of them."""
        grams = trigrams(text)
        seen = self._seen
        value = 0.0
        if grams and self._replies:
            value = sum(gram in seen for gram in grams) / len(grams)
        seen.update(grams)
        self._replies += 1
        return value
