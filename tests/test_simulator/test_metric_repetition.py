from __future__ import annotations

import pytest

from simulator.metrics.repetition import repetition


def test_hand_counted_share_of_repeated_trigrams() -> None:
    # the cat sat | cat sat on | sat on a | on a hat | a hat today: 2 of 5 seen before
    earlier = ["The cat sat on the mat.", "Something else entirely."]
    assert repetition("the cat sat on a hat today", earlier) == pytest.approx(0.4)


def test_a_trigram_repeated_within_the_reply_counts_each_time() -> None:
    # the cat sat (seen) | cat sat the | sat the cat | the cat sat (seen): 2 of 4
    assert repetition("The cat sat, the cat sat", ["the cat sat"]) == pytest.approx(0.5)


def test_a_trigram_spread_over_two_earlier_replies_is_not_repeated() -> None:
    assert repetition("a b c", ["a b", "c"]) == 0.0


def test_word_for_word_repetition_scores_one() -> None:
    reply = "Try turning it off and on again."
    assert repetition(reply, ["Hello there.", reply]) == 1.0


def test_no_earlier_replies_or_a_short_reply_scores_zero() -> None:
    assert repetition("the cat sat on the mat", []) == 0.0
    assert repetition("the cat", ["the cat sat"]) == 0.0
