"""How well a reply's length fits a persona's preferred length."""

from __future__ import annotations

from simulator.persona import ResponseLength

PREFERRED_WORDS: dict[ResponseLength, tuple[int, int]] = {
    "brief": (3, 40),
    "moderate": (30, 130),
    "detailed": (110, 400),
    "varied": (8, 300),
}
"""Inclusive word-count band each `response_length` preference is happy with."""


def length_fit(word_count: int, preference: ResponseLength) -> float:
    """1.0 inside the preferred band, falling off as the ratio to the nearest bound.

    Below the band: `count / low`; above it: `high / count`. So a 400-word reply to a
    persona who wants at most 40 words scores 0.1, and an empty reply scores 0.
    """
    low, high = PREFERRED_WORDS[preference]
    if word_count < low:
        return word_count / low
    if word_count > high:
        return high / word_count
    return 1.0
