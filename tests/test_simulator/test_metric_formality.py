from __future__ import annotations

import pytest

from simulator.metrics.formality import FORMALITY_TARGET, formality, formality_fit

CASUAL = "hey lol that's gonna be awesome!!"
FORMAL = "Regarding your request, the configuration must therefore be updated."


def test_chatty_text_is_less_formal_than_formal_text() -> None:
    assert formality(CASUAL) < formality(FORMAL)
    assert formality(CASUAL) == 0.0
    assert formality(FORMAL) == 1.0


def test_hand_computed_formality() -> None:
    # 18 words of 91 letters; 2 contractions (saturated); one '!' over 3 sentences
    text = ("Great question! Kubernetes is a tool that helps you run containers. "
            "It's pretty handy when you're scaling apps.")
    expected = 0.5 + 0.3 * (91 / 18 - 4.5) / 1.5 - 0.2 - 0.1 / 3
    assert formality(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("informal", "plain"),
    [
        ("Sure thing :)", "Sure thing."),
        ("Done 😀", "Done."),
        ("I'd recommend the staged rollout.", "I would recommend the staged rollout."),
        ("the build passed.", "The build passed."),
        ("It works!", "It works."),
        ("Sooo good.", "So good."),
        ("yeah, the build passed.", "Yes, the build passed."),
    ],
)
def test_each_informal_marker_lowers_the_score(informal: str, plain: str) -> None:
    assert formality(informal) < formality(plain)


def test_text_without_words_is_neutral() -> None:
    assert formality("") == 0.5


def test_formality_fit_is_one_minus_the_distance_to_the_target() -> None:
    assert FORMALITY_TARGET["formal"] > FORMALITY_TARGET["professional"]
    assert FORMALITY_TARGET["professional"] > FORMALITY_TARGET["friendly"]
    assert FORMALITY_TARGET["friendly"] > FORMALITY_TARGET["casual"]
    assert formality_fit(FORMAL, "formal") == pytest.approx(1 - (1.0 - FORMALITY_TARGET["formal"]))
    assert formality_fit(CASUAL, "casual") == pytest.approx(1 - FORMALITY_TARGET["casual"])
    assert formality_fit(CASUAL, "formal") == pytest.approx(1 - FORMALITY_TARGET["formal"])
