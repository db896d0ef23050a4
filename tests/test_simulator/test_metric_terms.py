from __future__ import annotations

import pytest

from simulator.metrics.terms import content_terms, stem


@pytest.mark.parametrize(
    "family",
    [
        ("deploy", "deploys", "deploying", "deployed"),
        ("configure", "configured", "configuring", "configures"),
        ("run", "runs", "running"),
        ("use", "uses", "used", "using"),
        ("query", "queries", "queried"),
        ("class", "classes"),
        ("cache", "caches", "cached", "caching"),
        ("quick", "quickly"),
        ("agree", "agreed"),
    ],
)
def test_inflections_share_a_stem(family: tuple[str, ...]) -> None:
    assert len({stem(word) for word in family}) == 1, [stem(word) for word in family]


@pytest.mark.parametrize("word", ["status", "analysis", "string", "thing", "speed", "install",
                                  "pass", "2024", "apply"])
def test_words_that_only_look_inflected_keep_their_shape(word: str) -> None:
    assert stem(word) == word


def test_content_terms_drop_stop_words_and_clitics_and_keep_order() -> None:
    text = "What's the best way to deploy Kubernetes's pods? I’ve tried deploying it."
    assert content_terms(text) == ["best", "way", "deploy", "kubernet", "pod", "try", "deploy"]


def test_only_stop_words_give_no_terms() -> None:
    assert content_terms("Hey, what is it that you would do?") == []
    assert content_terms("") == []
