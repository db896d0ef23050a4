"""The scripted persona's verdict: mean reply fit mapped to 1-5, with the main driver named."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.engine import Verdict
from simulator.metrics.length import PREFERRED_WORDS
from simulator.persona import CommunicationStyle, Preferences
from simulator.scripted.fit import WEIGHTS, ReplyFit

THRESHOLDS: tuple[tuple[float, int], ...] = ((0.80, 5), (0.65, 4), (0.50, 3), (0.35, 2))
"""Mean overall fit needed for each satisfaction level; below the last, 1."""

_STYLE_SHORTFALL: dict[CommunicationStyle, str] = {
    "technical": "Replies lacked the data and precise terms I look for",
    "casual": "Replies felt stiff and wordy instead of chatty",
    "empathetic": "Replies did not acknowledge how I was feeling",
    "adventurous": "Replies felt flat, with none of the excitement I enjoy",
    "direct": "Replies hedged and padded instead of getting to the point",
    "formal": "Replies were too casual in tone for me",
}

_STYLE_PRAISE: dict[CommunicationStyle, str] = {
    "technical": "Replies were thorough and precise, the way I like them",
    "casual": "Replies were short and easy-going, just how I like it",
    "empathetic": "I felt heard, and the replies were the right length",
    "adventurous": "Replies were lively and gave me plenty to explore",
    "direct": "Replies got straight to the point",
    "formal": "Replies were courteous and complete",
}


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def satisfaction_for(mean_fit: float) -> int:
    """Map a mean overall fit in [0, 1] to a 1-5 satisfaction score."""
    for threshold, score in THRESHOLDS:
        if mean_fit >= threshold:
            return score
    return 1


def verdict_for(fits: Sequence[ReplyFit], preferences: Preferences) -> Verdict:
    """Judge a conversation from the fits of the bot's replies, naming the main driver."""
    if not fits:
        return Verdict(satisfaction=1, reason="The bot never replied, so nothing met my needs.")
    overall = _mean([fit.overall for fit in fits])
    score = satisfaction_for(overall)
    empties = sum(fit.empty for fit in fits)
    if empties * 2 >= len(fits):
        return Verdict(score, f"Most replies were empty ({empties} of {len(fits)}).")
    style = preferences.communication_style
    if score >= 4:
        return Verdict(score, f"{_STYLE_PRAISE[style]} (mean fit {overall:.2f}).")
    means = {
        "length": _mean([fit.length for fit in fits]),
        "style": _mean([fit.style for fit in fits]),
        "addressed": _mean([fit.addressed for fit in fits]),
    }
    shortfall = {
        name: weight * (1.0 - means[name])
        for name, weight in zip(("length", "style", "addressed"), WEIGHTS, strict=True)
    }
    driver = max(shortfall, key=lambda name: shortfall[name])
    value = means[driver]
    if driver == "length":
        high = PREFERRED_WORDS[preferences.response_length][1]
        mean_words = _mean([float(fit.words) for fit in fits if not fit.empty])
        degree = "far " if value < 0.4 else ""
        if mean_words > high:
            return Verdict(
                score, f"Replies ran {degree}longer than I like (mean length fit {value:.2f})."
            )
        return Verdict(
            score,
            f"Replies were {degree}too short for what I wanted (mean length fit {value:.2f}).",
        )
    if driver == "style":
        return Verdict(score, f"{_STYLE_SHORTFALL[style]} (mean style fit {value:.2f}).")
    return Verdict(
        score, f"Replies kept missing what I actually asked about (mean on-topic fit {value:.2f})."
    )
