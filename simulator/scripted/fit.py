"""How well one bot reply fits a persona's preferences: length, style and relevance.

`score_reply` reads a reply once and returns a `ReplyFit`; the persona's mood, its next
move and its final verdict are all driven by these numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.metrics.length import PREFERRED_WORDS, length_fit
from simulator.persona import CommunicationStyle, Formality, Preferences
from simulator.scripted.salience import stems_in
from simulator.text import words

WEIGHTS: tuple[float, float, float] = (0.45, 0.35, 0.20)
"""Weights of the length, style and addressed fits in the overall fit."""

_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def _lexicon(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Marker words, matched against the set of a reply's lower-cased words.
TECHNICAL = _lexicon("""because mechanism mechanisms data evidence study studies research measured
    measure percent approximately estimate estimated rate model models process system systems
    analysis results result factor factors variable correlation causal sample significant
    hypothesis theory paper papers published experiment experiments average median ratio
    metric metrics algorithm parameters efficiency equation source sources""")
FEELING = _lexicon("""understand understandable feel feeling feelings sounds hear heard valid
    sorry natural normal okay hard tough difficult overwhelming brave proud care support
    completely painful frustrating lonely matter matters""")
ACKNOWLEDGING = _lexicon(
    "understand understandable feel feeling feelings sounds hear heard valid sorry natural normal"
)
VIVID = _lexicon("""amazing incredible wild stunning breathtaking fascinating adventure explore
    discover hidden secret magical epic unforgettable wow imagine vibrant surprising spectacular
    legendary thrilling mysterious remote gorgeous""")
HEDGING = _lexicon("maybe perhaps might possibly somewhat arguably generally typically")
FORMAL = _lexicon("""therefore however furthermore moreover regarding indeed thus consequently
    nevertheless accordingly whereas hence""")
SLANG = _lexicon(
    "lol haha yeah yep gonna kinda wanna cool awesome hey dude omg btw tbh nope stuff super totally"
)
WARM = _lexicon("glad happy you together here welcome care kind")
ACTION = _lexicon(
    "try step steps start plan could consider suggest option options practice first next schedule"
)


@dataclass(frozen=True, slots=True)
class ReplyFit:
    """How one reply fits the persona, each part in [0, 1]."""

    words: int
    length: float
    style: float
    addressed: float
    acknowledged: bool
    """Whether the reply acknowledged feelings (`understand`, `sounds`, `feel`, ...)."""

    @property
    def overall(self) -> float:
        """Weighted mean of the length, style and addressed fits (see `WEIGHTS`)."""
        length_weight, style_weight, addressed_weight = WEIGHTS
        return (
            length_weight * self.length
            + style_weight * self.style
            + addressed_weight * self.addressed
        )

    @property
    def empty(self) -> bool:
        """Whether the reply had no words at all."""
        return self.words == 0


def _clip(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


@dataclass(frozen=True, slots=True)
class _Features:
    words: int
    vocab: frozenset[str]
    sentence_words: float
    numbers: int
    """Distinct tokens that start with a digit."""
    long_words: int
    """Distinct words of nine letters or more."""
    contractions: int
    """Apostrophes, a cheap proxy for contractions."""
    exclaims: int
    questions: int
    emoji: int


def _features(reply: str) -> _Features:
    lowered = words(reply.lower())
    count = len(lowered)
    vocab = frozenset(lowered)
    exclaims, questions = reply.count("!"), reply.count("?")
    stripped = reply.rstrip()
    sentences = reply.count(". ") + reply.count("! ") + reply.count("? ") + reply.count(".\n")
    sentences += stripped[-1:] in (".", "!", "?")
    return _Features(
        words=count,
        vocab=vocab,
        sentence_words=count / max(1, sentences),
        numbers=sum(1 for word in vocab if word[0].isdigit()),
        long_words=sum(1 for word in vocab if len(word) >= 9),
        contractions=reply.count("'") + reply.count("’"),
        exclaims=exclaims,
        questions=questions,
        emoji=0 if reply.isascii() else len(_EMOJI.findall(reply)),
    )


def _style_fit(style: CommunicationStyle, f: _Features) -> float:
    per100 = 100.0 / max(1, f.words)
    short = _clip((28.0 - f.sentence_words) / 16.0)
    slang = len(f.vocab & SLANG) + f.emoji
    if style == "technical":
        return (
            0.2
            + 0.25 * _clip(f.numbers * per100 / 1.5)
            + 0.25 * _clip(f.long_words * per100 / 7.0)
            + 0.3 * _clip(len(f.vocab & TECHNICAL) / 3.0)
        )
    if style == "casual":
        return (
            0.45 * short
            + 0.2 * _clip(f.contractions / 2.0)
            + 0.15 * _clip(slang / 1.0)
            + 0.2 * (1.0 - _clip(f.long_words * per100 / 10.0))
        )
    if style == "empathetic":
        return 0.2 + 0.6 * _clip(len(f.vocab & FEELING) / 3.0) + 0.2 * ("you" in f.vocab)
    if style == "adventurous":
        return (
            0.25
            + 0.25 * _clip(f.exclaims / 1.0)
            + 0.3 * _clip(len(f.vocab & VIVID) / 2.0)
            + 0.2 * _clip(f.questions / 1.0)
        )
    if style == "direct":
        return 0.55 * short + 0.45 * (1.0 - _clip(len(f.vocab & HEDGING) / 3.0))
    return (
        0.5 * (1.0 - _clip(f.contractions / 3.0))
        + 0.25 * (1.0 - _clip(slang / 2.0))
        + 0.25 * _clip(len(f.vocab & FORMAL) / 2.0 + (f.sentence_words >= 15))
    )


def _formality_fit(formality: Formality, f: _Features) -> float:
    slang = len(f.vocab & SLANG) + f.emoji + max(0, f.exclaims - 1)
    stiff = len(f.vocab & FORMAL)
    if formality in ("professional", "formal"):
        return 1.0 - _clip(slang / 3.0)
    if formality == "warm":
        return 0.5 + 0.5 * _clip(len(f.vocab & WARM) / 2.0) - 0.2 * _clip(stiff / 3.0)
    return 1.0 - 0.6 * _clip(stiff / 3.0)


def _support_fit(preferences: Preferences, f: _Features) -> float | None:
    support = preferences.emotional_support
    if support == "validation-focused":
        return _clip(len(f.vocab & ACKNOWLEDGING) / 2.0)
    if support == "solution-focused":
        return _clip(len(f.vocab & ACTION) / 3.0)
    if support == "minimal":
        return 1.0 - 0.5 * _clip(len(f.vocab & FEELING) / 4.0)
    return None


def score_reply(reply: str, preferences: Preferences, focus: frozenset[str]) -> ReplyFit:
    """Score `reply` against `preferences`; `focus` are the stems of what the persona asked."""
    f = _features(reply)
    if f.words == 0:
        return ReplyFit(words=0, length=0.0, style=0.0, addressed=0.0, acknowledged=False)
    style = 2.0 * _style_fit(preferences.communication_style, f)
    style += _formality_fit(preferences.formality, f)
    support = _support_fit(preferences, f)
    if support is not None:
        style = (style + 2.0 * support) / 5.0
    else:
        style /= 3.0
    acknowledged = bool(f.vocab & ACKNOWLEDGING)
    addressed = 1.0
    if focus:
        addressed = _clip(len(focus & stems_in(f.vocab)) / min(2, len(focus)))
    if acknowledged and preferences.emotional_support == "validation-focused":
        addressed = max(addressed, 0.75)
    return ReplyFit(
        words=f.words,
        length=length_fit(f.words, preferences.response_length),
        style=_clip(style),
        addressed=addressed,
        acknowledged=acknowledged,
    )


def length_direction(fit: ReplyFit, preferences: Preferences) -> int:
    """-1 if the reply was shorter than the preferred band, +1 if longer, 0 inside it."""
    low, high = PREFERRED_WORDS[preferences.response_length]
    return -1 if fit.words < low else 1 if fit.words > high else 0
