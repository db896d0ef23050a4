from __future__ import annotations

import pytest

from simulator.metrics.questions import question_addressed, questions_in


def test_questions_are_found_by_mark_and_by_opener() -> None:
    text = ("Thanks. Is it stable? I tried it yesterday. so how does caching work. "
            "Tell me more! but which version should I pick")
    assert questions_in(text) == [
        "Is it stable?", "so how does caching work.", "but which version should I pick"
    ]


def test_statements_are_not_questions() -> None:
    assert questions_in("I like it. Whatever works. Show me the logs.") == []


def test_no_question_gives_none() -> None:
    assert question_addressed("I deployed it yesterday.", "Great to hear.") is None


def test_one_of_two_questions_answered_is_half() -> None:
    # {deploy, kubernet} are both in the reply; {pod, cost} are not
    user = "How do I deploy Kubernetes? What does a pod cost?"
    assert question_addressed(user, "You deploy Kubernetes with kubeadm.") == 0.5


def test_half_of_the_terms_rounds_up() -> None:
    # {databas, cach, fit}: at least 2 of 3 terms must appear in the reply
    user = "Which database and cache fit?"
    assert question_addressed(user, "The database matters most.") == 0.0
    assert question_addressed(user, "A database with a cache.") == 1.0


def test_a_single_term_question_needs_that_term() -> None:
    assert question_addressed("Why Rust?", "Rust is memory safe.") == 1.0
    assert question_addressed("Why Rust?", "Go is simple.") == 0.0


@pytest.mark.parametrize(("reply", "expected"), [("Because it is.", 1.0), ("  ", 0.0)])
def test_a_question_without_content_terms_needs_only_a_reply(reply: str, expected: float) -> None:
    assert question_addressed("Why?", reply) == expected
