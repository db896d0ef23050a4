"""Repetition: how much of a reply the bot has already said earlier in the conversation."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from simulator.text import words

Trigram = tuple[str, str, str]


def trigrams(text: str) -> list[Trigram]:
    """The word trigrams of `text`, lower-cased, in order."""
    tokens = words(text.lower())
    return list(zip(tokens, tokens[1:], tokens[2:], strict=False))


@lru_cache(maxsize=1024)
def _trigram_set(text: str) -> frozenset[Trigram]:
    """The distinct trigrams of an earlier reply; memoised, as every later turn asks again.

    1,024 entries cover 128 concurrent conversations of 8 turns.
    """
    return frozenset(trigrams(text))


def repetition(reply: str, earlier_replies: Sequence[str]) -> float:
    """The share of the reply's word trigrams already found in an earlier bot reply.

    Counted over trigram positions: a trigram used twice in the reply counts twice. 0 with no
    earlier replies or a reply of fewer than three words.
    """
    grams = trigrams(reply)
    if not grams or not earlier_replies:
        return 0.0
    fresh = grams
    for earlier in earlier_replies:
        seen = _trigram_set(earlier)
        fresh = [gram for gram in fresh if gram not in seen]
    return (len(grams) - len(fresh)) / len(grams)
