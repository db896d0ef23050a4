"""Sentiment: the VADER compound score of a text (Hutto & Gilbert, ICWSM 2014)."""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]


class _WindowedAnalyzer(SentimentIntensityAnalyzer):
    """VADER with the same scores, in linear rather than quadratic time.

    vaderSentiment 3.3.2 lower-cases the whole text again for every negation and idiom
    check, although each check only reads the three words before the scored word and the
    two after it. These overrides hand the stock checks just that window, with the index
    shifted to match; `tests/test_simulator/test_metric_sentiment.py` compares the scores
    with the stock analyzer's.
    """

    @staticmethod
    def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
        low = i - start_i - 1  # the stock check reads words[low:i]
        return SentimentIntensityAnalyzer._negation_check(valence, words[low:i], start_i, i - low)

    @staticmethod
    def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
        low = max(0, i - 3)  # the stock check reads words[i - 3:i + 3] (called with i >= 3)
        return SentimentIntensityAnalyzer._special_idioms_check(
            valence, words[low:i + 3], i - low
        )


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    """The one analyzer, built on first use (it reads VADER's lexicon files)."""
    return _WindowedAnalyzer()


def sentiment(text: str) -> float:
    """VADER's compound score of `text`: -1 (most negative) to 1 (most positive); 0 if blank."""
    if not text or text.isspace():
        return 0.0
    return float(_analyzer().polarity_scores(text)["compound"])
