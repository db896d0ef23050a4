"""The realism benchmark's three measures on tiny hand-made conversations."""

from __future__ import annotations

import pytest

from benchmarks.realism_measures import (
    distinct_2,
    measure,
    repetition_rate,
    separability,
    tokens,
)


def test_tokens_ignore_case_punctuation_and_emoji() -> None:
    assert tokens("Hi, THERE! Don't panic 🙂 ok?") == ["hi", "there", "don't", "panic", "ok"]


def test_distinct_2_counts_unique_bigrams_within_messages() -> None:
    assert distinct_2(["a b c", "a b"]) == pytest.approx(2 / 3)
    assert distinct_2(["Hi, there!", "hi there"]) == pytest.approx(1 / 2)
    assert distinct_2(["a b", "c d"]) == 1.0  # (b, c) spans two messages: not a bigram
    assert distinct_2(["one", ""]) == 0.0
    assert distinct_2([]) == 0.0


def test_repetition_counts_conversations_sharing_a_long_message() -> None:
    six = "one two three four five six"
    conversations = [
        [six, "and something else"],
        ["One two three four  five six"],  # the same message, other case and spacing
        ["too short to count"],
        ["too short to count"],
    ]
    assert repetition_rate(conversations) == pytest.approx(2 / 4)
    assert repetition_rate([[six, six], ["a different message of six words"]]) == 0.0
    assert repetition_rate([["one two three four five"], ["one two three four five"]]) == 0.0
    assert repetition_rate([["one two three four five"]] * 2, min_words=5) == 1.0
    assert repetition_rate([]) == 0.0


def test_separability_is_cross_validated_accuracy_per_label() -> None:
    alpha = [[f"alpha message number {i}", "tell me more about alpha"] for i in range(10)]
    beta = [[f"beta message number {i}", "tell me more about beta"] for i in range(10)]
    clear = separability([*alpha, *beta], ["a"] * 10 + ["b"] * 10, folds=5, seed=0)
    assert clear.accuracy == 1.0
    assert clear.by_label == {"a": 1.0, "b": 1.0}
    same = [["exactly the same words"]] * 20
    blurred = separability(same, ["a"] * 10 + ["b"] * 10, folds=5, seed=0)
    assert blurred.accuracy <= 0.6
    assert separability(same, ["a"] * 10 + ["b"] * 10, folds=5, seed=0) == blurred


def test_measure_reports_every_persona_and_overall_figures() -> None:
    six = "one two three four five six"
    figures = measure(
        {
            "alex": [[f"alpha message number {i}"] for i in range(9)] + [[six]],
            "casey": [[f"beta message number {i}"] for i in range(9)] + [[six]],
        },
        folds=5,
    )
    assert figures.conversations == {"alex": 10, "casey": 10}
    assert figures.repetition == {"alex": 0.0, "casey": 0.0}  # only repeated across personas
    assert figures.overall_repetition == 0.0
    assert set(figures.separability.by_label) == {"alex", "casey"}
    assert figures.distinct_2["alex"] == pytest.approx(distinct_2(
        [f"alpha message number {i}" for i in range(9)] + [six]))
    assert figures.mean_distinct_2 == pytest.approx(
        (figures.distinct_2["alex"] + figures.distinct_2["casey"]) / 2)
