from __future__ import annotations

import math

import pytest

from simulator.metrics.relevance import relevance, term_cosine


def test_identical_texts_are_fully_relevant() -> None:
    text = "How do I deploy a Kubernetes cluster on bare metal?"
    assert relevance(text, text) == pytest.approx(1.0)


def test_texts_without_shared_terms_score_zero() -> None:
    assert relevance("How do I bake sourdough bread?", "Kubernetes schedules containers.") == 0


def test_inflections_count_as_the_same_term() -> None:
    assert relevance("deploying clusters", "The cluster deployed.") == pytest.approx(1.0)


def test_hand_computed_cosine() -> None:
    # user {deploy: 1, kubernet: 1, cluster: 1}; reply {kubernet: 1, cluster: 2, node: 1}
    # dot = 1 + 2 = 3; |u| = sqrt(3); |r| = sqrt(6); 3 / sqrt(18) = 1 / sqrt(2)
    value = relevance("Deploy Kubernetes cluster", "Kubernetes cluster, cluster nodes")
    assert value == pytest.approx(1 / math.sqrt(2))


def test_a_side_without_content_terms_scores_zero() -> None:
    assert relevance("hi, how are you?", "I am fine, thanks.") == 0.0
    assert relevance("", "") == 0.0
    assert term_cosine([], ["a"]) == 0.0
