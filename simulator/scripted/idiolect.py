"""How one user writes in one conversation: writing habits drawn once from its seed.

Two conversations of the same persona share its style (the pools of `vocabulary` are the
style's) but not its habits: how often this user lower-cases, which few interjections and
sign-offs it reaches for, whether it types `u` for `you`, how chatty it is today. Habits
hold for the whole conversation, as a real user's would.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from simulator.persona import CommunicationStyle, Formality, Preferences
from simulator.scripted.paraphrase import Rewrite, draw_rewrites
from simulator.scripted.vocabulary import CLOSERS, EMOJI, HEDGES, INTERJECTIONS, SLANG_TAGS

_LOWERCASE: dict[CommunicationStyle, tuple[float, float]] = {
    "technical": (0.0, 0.0),
    "casual": (0.6, 1.0),
    "empathetic": (0.0, 0.0),
    "adventurous": (0.0, 0.0),
    "direct": (0.0, 0.0),
    "formal": (0.0, 0.0),
}
"""Range of the chance that a message is typed all in lower case, by style."""
_CASUAL_LOWERCASE = (0.0, 0.7)
"""The same for other styles written with casual formality."""

_EMOJI_RATE: dict[CommunicationStyle, float] = {
    "technical": 0.0,
    "casual": 0.3,
    "empathetic": 0.12,
    "adventurous": 0.3,
    "direct": 0.0,
    "formal": 0.0,
}
_CLOSER_RATE: dict[Formality, float] = {
    "professional": 0.1,
    "friendly": 0.12,
    "warm": 0.15,
    "casual": 0.1,
    "formal": 0.2,
}
_INTERJECTION_RATE: dict[CommunicationStyle, float] = {
    "technical": 0.3,
    "casual": 0.45,
    "empathetic": 0.35,
    "adventurous": 0.55,
    "direct": 0.2,
    "formal": 0.3,
}

SHORTHANDS: tuple[tuple[str, str], ...] = (
    (r"\byou\b", "u"),
    (r"\byour\b", "ur"),
    (r"\babout\b", "abt"),
    (r"\breally\b", "rly"),
    (r"\bthough\b", "tho"),
    (r"\bbecause\b", "bc"),
    (r"\bprobably\b", "prob"),
    (r"\bokay\b", "ok"),
    (r"\bplease\b", "pls"),
    (r"\bsomething\b", "smth"),
)
"""Casual spellings; each conversation of a casual writer uses a few of them, always."""


def _some(pool: tuple[str, ...], rng: random.Random, low: int, high: int) -> tuple[str, ...]:
    if not pool:
        return ()
    return tuple(rng.sample(pool, min(len(pool), rng.randint(low, high))))


def _jitter(rate: float, rng: random.Random) -> float:
    return min(1.0, rate * rng.uniform(0.4, 1.6))


@dataclass(frozen=True, slots=True)
class Idiolect:
    """One conversation's writing habits (chances and the few words it favours)."""

    lowercase: float
    """Chance that a message is typed all in lower case."""
    interjection: float
    interjections: tuple[str, ...]
    hedges: tuple[str, ...]
    closer: float
    closers: tuple[str, ...]
    emoji: float
    emoji_set: tuple[str, ...]
    tags: tuple[str, ...]
    """Slang tags a casual writer tacks on."""
    shorthands: tuple[tuple[re.Pattern[str], str], ...]
    chattiness: float
    """Multiplier on the persona's wordiness, around 1."""
    exclaim: float
    """Chance of doubling an exclamation (or adding one to a question)."""
    rewrites: tuple[Rewrite, ...]
    """This user's own way of saying common expressions (`paraphrase`)."""

    @classmethod
    def draw(cls, preferences: Preferences, rng: random.Random) -> Idiolect:
        """This conversation's habits for a persona with `preferences`."""
        style, formality = preferences.communication_style, preferences.formality
        low, high = _LOWERCASE[style]
        if formality == "casual" and style != "casual":
            low, high = _CASUAL_LOWERCASE
        emoji = 0.0 if formality in ("professional", "formal") else _EMOJI_RATE[style]
        shorthands: tuple[tuple[re.Pattern[str], str], ...] = ()
        if style == "casual":
            chosen = rng.sample(SHORTHANDS, rng.randint(0, 4))
            shorthands = tuple((re.compile(pattern, re.I), short) for pattern, short in chosen)
        return cls(
            lowercase=rng.uniform(low, high),
            interjection=_jitter(_INTERJECTION_RATE[style], rng),
            interjections=_some(INTERJECTIONS[style], rng, 3, 6),
            hedges=_some(HEDGES[style], rng, 2, 3),
            closer=_jitter(_CLOSER_RATE[formality], rng),
            closers=_some(CLOSERS[formality], rng, 2, 3),
            emoji=_jitter(emoji, rng),
            emoji_set=_some(EMOJI[style], rng, 2, 4),
            tags=_some(SLANG_TAGS, rng, 2, 5),
            shorthands=shorthands,
            chattiness=rng.uniform(0.5, 1.2),
            exclaim=rng.uniform(0.15, 0.55) if style == "adventurous" else 0.0,
            rewrites=draw_rewrites(style, rng),
        )
