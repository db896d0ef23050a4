from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from simulator.metrics.sentiment import sentiment


def test_clearly_positive_and_negative_text_get_the_right_sign() -> None:
    assert sentiment("I love this, it is wonderful and amazing!") > 0.5
    assert sentiment("This is terrible. I hate it, and the service was awful.") < -0.5
    assert sentiment("The train leaves at nine from platform four.") == 0.0


def test_blank_text_is_neutral() -> None:
    assert sentiment("") == 0.0
    assert sentiment("  \n ") == 0.0


_LONG = (
    "Honestly the first setup was not good at all, but the second attempt was GREAT. "
    "I am never so happy as when a deploy works; no problems, no worries, kind of the bomb. "
    "At least the docs are fine, though the least helpful part was the error page :( "
    "Without doubt it's sort of amazing 😀 and I'd never say it sucks. "
)


@pytest.mark.parametrize(
    "text",
    [
        "Not bad, not bad at all!!",
        "no good, no love, nor joy",
        "It was kind of okay but the ending was the shit",
        "Honestly, for me that kiss of death was bad ass, yeah right",
        "I can't stand it... but the music was GOOD!!! ???",
        _LONG,
        _LONG * 5,
    ],
)
def test_scores_equal_the_stock_vader_analyzer(text: str) -> None:
    stock = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert sentiment(text) == stock
