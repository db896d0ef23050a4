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


def _random_texts(count: int, seed: int) -> list[str]:
    """Texts dense in what VADER's rules react to: lexicon words, boosters, negations,
    idioms, `but`, `least`, `kind of`, capitals, emojis and punctuation."""
    import random

    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    analyzer = SentimentIntensityAnalyzer()
    rng = random.Random(seed)
    lexicon = sorted(analyzer.lexicon)
    vocabulary = [
        *rng.sample(lexicon, 300), *BOOSTER_DICT, *NEGATE, *SPECIAL_CASES,
        "but", "BUT", "least", "at", "very", "kind", "of", "no", "or", "nor", "never", "so",
        "this", "without", "doubt", "the", "a", "train", "ticket", "😀", "💔", "!!!", "??", ":)",
    ]
    texts = []
    for _ in range(count):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 40))]
        words = [w.upper() if rng.random() < 0.08 else w for w in words]
        joiners = [rng.choice((" ", " ", " ", ", ", "! ", "? ", ". ", "")) for _ in words]
        texts.append("".join(w + j for w, j in zip(words, joiners, strict=True)))
    return texts


def test_scores_equal_the_stock_analyzer_on_random_texts() -> None:
    stock = SentimentIntensityAnalyzer()
    for text in _random_texts(3000, seed=7):
        assert sentiment(text) == stock.polarity_scores(text)["compound"], text
