"""Sentiment: the VADER compound score of a text (Hutto & Gilbert, ICWSM 2014)."""

from __future__ import annotations

import string
from functools import cache
from typing import Any

from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
    scalar_inc_dec,
)

_NEGATIONS = frozenset(NEGATE)
_PUNCTUATION = string.punctuation
_SO = ("so", "this")


class _Analyzer(SentimentIntensityAnalyzer):
    """VADER with the stock scores, about five times faster on a typical reply.

    vaderSentiment 3.3.2 scores every word through a chain of helpers, each lower-casing
    its window of the text again (the negation and idiom checks lower-case all of it: quadratic
    time), and copies the text one character at a time to describe its emojis. This
    analyzer lower-cases the words once, scores only the lexicon words (the stock scorer
    gives every other word 0) and follows the stock rules step for step in the same
    arithmetic order, so the scores are identical:
    `tests/test_simulator/test_metric_sentiment.py` compares them with the stock analyzer's
    on crafted and on random texts.
    """

    def __init__(self) -> None:
        super().__init__()
        self._emoji_chars = frozenset(self.emojis)

    def polarity_scores(self, text: str) -> dict[str, Any]:
        text, sentiments = self._sentiments(text)
        return self.score_valence(sentiments, text)  # type: ignore[no-any-return]

    def compound(self, text: str) -> float:
        """The stock `polarity_scores(text)["compound"]`, without the pos/neg/neu shares."""
        text, sentiments = self._sentiments(text)
        if not sentiments:
            return 0.0
        total = float(sum(sentiments))
        if not total:  # normalize(0.0) is 0.0 whatever the punctuation
            return 0.0
        emphasis = self._punctuation_emphasis(text)
        total = total + emphasis if total > 0 else total - emphasis
        return round(normalize(total), 4)

    def _sentiments(self, text: str) -> tuple[str, list[float]]:
        """The text as the stock scorer sees it, and the valence of each of its words."""
        if not self._emoji_chars.isdisjoint(text):
            text = self._describe_emojis(text)
        text = text.strip()
        words = _words(text)
        lowered = list(map(str.lower, words))
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lowered):  # only lexicon words score anything
            return text, [0] * len(words)
        capitals = sum(map(str.isupper, words))
        is_cap_diff = 0 < len(words) - capitals < len(words)
        sentiments: list[float] = [0] * len(lowered)
        last = len(lowered) - 1
        for i, word in enumerate(lowered):
            if (
                word in lexicon
                and word not in BOOSTER_DICT
                and not (word == "kind" and i < last and lowered[i + 1] == "of")
            ):
                sentiments[i] = self._valence(words, lowered, i, is_cap_diff)
        if "but" in lowered:
            _but(lowered.index("but"), sentiments)
        return text, sentiments

    def _describe_emojis(self, text: str) -> str:
        """`text` with each emoji replaced by its description, spaced as the stock does."""
        parts: list[str] = []
        prev_space = True
        for char in text:
            description = self.emojis.get(char)
            if description is None:
                parts.append(char)
                prev_space = char == " "
            else:
                if not prev_space:
                    parts.append(" ")
                parts.append(description)
                prev_space = False
        return "".join(parts)

    def _valence(self, words: list[str], lowered: list[str], i: int, is_cap_diff: bool) -> float:
        """The stock `sentiment_valence` of lexicon word `i`."""
        lexicon = self.lexicon
        word = lowered[i]
        valence: float = lexicon[word]
        if word == "no" and i != len(lowered) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowered[i - 1] == "no")
            or (i > 1 and lowered[i - 2] == "no")
            or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[word] * N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lowered[before] not in lexicon:
                scalar = scalar_inc_dec(words[before], valence, is_cap_diff)
                if start_i == 1 and scalar != 0:
                    scalar = scalar * 0.95
                if start_i == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
                valence = _negation(valence, lowered, start_i, i)
                if start_i == 2:
                    valence = _idioms(valence, lowered, i)
        if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
            if lowered[i - 2] != "at" and lowered[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
            valence = valence * N_SCALAR
        return valence


def _words(text: str) -> list[str]:
    """The stock `SentiText` words: split on spaces, punctuation stripped off each unless
    that leaves two characters or fewer (an emoticon such as `:)`)."""
    return [
        stripped if len(stripped := token.strip(_PUNCTUATION)) > 2 else token
        for token in text.split()
    ]


def _but(but: int, sentiments: list[float]) -> None:
    """The stock `_but_check`: halve what comes before the first `but`, and add half to what
    comes after.

    The stock check finds each value's position with `list.index`, so of equal values it
    rescales the first one; kept as is. Zeros are skipped: the stock check rewrites them
    with an equal 0.0.
    """
    for value in sentiments:
        if value == 0:
            continue
        at = sentiments.index(value)
        if at < but:
            sentiments[at] = value * 0.5
        elif at > but:
            sentiments[at] = value * 1.5


def _negated(word: str) -> bool:
    return word in _NEGATIONS or "n't" in word


def _negation(valence: float, lowered: list[str], start_i: int, i: int) -> float:
    """The stock `_negation_check` for the word `start_i + 1` places before word `i`."""
    if start_i == 0:
        if _negated(lowered[i - 1]):
            valence = valence * N_SCALAR
    elif start_i == 1:
        if lowered[i - 2] == "never" and lowered[i - 1] in _SO:
            valence = valence * 1.25
        elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
            pass
        elif _negated(lowered[i - 2]):
            valence = valence * N_SCALAR
    else:
        if (lowered[i - 3] == "never" and lowered[i - 2] in _SO) or lowered[i - 1] in _SO:
            valence = valence * 1.25
        elif lowered[i - 3] == "without" and "doubt" in (lowered[i - 2], lowered[i - 1]):
            pass
        elif _negated(lowered[i - 3]):
            valence = valence * N_SCALAR
    return valence


def _idioms(valence: float, lowered: list[str], i: int) -> float:
    """The stock `_special_idioms_check` of word `i` (i >= 3)."""
    one_zero = f"{lowered[i - 1]} {lowered[i]}"
    two_one_zero = f"{lowered[i - 2]} {lowered[i - 1]} {lowered[i]}"
    two_one = f"{lowered[i - 2]} {lowered[i - 1]}"
    three_two_one = f"{lowered[i - 3]} {lowered[i - 2]} {lowered[i - 1]}"
    three_two = f"{lowered[i - 3]} {lowered[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in SPECIAL_CASES:
            valence = SPECIAL_CASES[sequence]
            break
    if len(lowered) - 1 > i:
        zero_one = f"{lowered[i]} {lowered[i + 1]}"
        if zero_one in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one]
    if len(lowered) - 1 > i + 1:
        zero_one_two = f"{lowered[i]} {lowered[i + 1]} {lowered[i + 2]}"
        if zero_one_two in SPECIAL_CASES:
            valence = SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


@cache
def _analyzer() -> _Analyzer:
    """The one analyzer, built on first use (it reads VADER's lexicon files)."""
    return _Analyzer()


def sentiment(text: str) -> float:
    """VADER's compound score of `text`: -1 (most negative) to 1 (most positive); 0 if blank."""
    if not text or text.isspace():
        return 0.0
    return _analyzer().compound(text)
