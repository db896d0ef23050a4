from __future__ import annotations

import pytest

from simulator.connector import BotReply
from simulator.engine import Verdict
from simulator.metrics.catalog import CATALOG, SPECS, Metric
from simulator.metrics.formality import formality_fit
from simulator.metrics.length import length_fit
from simulator.metrics.relevance import relevance
from simulator.metrics.repetition import repetition
from simulator.metrics.scoring import TurnOutcome, latency_score, score_conversation, score_turn
from simulator.metrics.sentiment import sentiment
from simulator.persona import builtin_personas


@pytest.mark.parametrize(
    ("words", "preference", "expected"),
    [(20, "brief", 1.0), (400, "brief", 0.1), (0, "brief", 0.0), (55, "detailed", 0.5),
     (110, "detailed", 1.0), (800, "detailed", 0.5), (65, "moderate", 1.0)],
)
def test_length_fit(words: int, preference: str, expected: float) -> None:
    assert length_fit(words, preference) == pytest.approx(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(("ms", "expected"), [(100, 1.0), (500, 1.0), (2750, 0.5), (9000, 0.0)])
def test_latency_score(ms: float, expected: float) -> None:
    assert latency_score(ms) == pytest.approx(expected)


def test_score_turn_for_casey_penalises_a_long_reply() -> None:
    casey = builtin_personas()["casual_casey"]
    reply = BotReply(text=" ".join(["word"] * 200), latency_ms=2750.0)
    values = {m.name: m.value for m in score_turn(casey, "hi", reply, [], engagement=0.4)}
    assert values["reply_words"] == 200
    assert values["length_fit"] == pytest.approx(0.2)
    assert values["latency_score"] == pytest.approx(0.5)
    assert values["persona_engagement"] == 0.4
    assert "ttft_ms" not in values


def test_score_turn_records_the_text_metrics() -> None:
    alex = builtin_personas()["analytical_alex"]  # professional
    reply = BotReply(text="You deploy Kubernetes with kubeadm. It works well.", latency_ms=10.0,
                     completion_tokens=12)
    user = "How do I deploy Kubernetes? What does a pod cost?"
    metrics = score_turn(alex, user, reply, ["It works well, I think."], engagement=0.5)
    values = {m.name: m.value for m in metrics}
    assert {m.source for m in metrics if m.name != "persona_engagement"} == {"heuristic"}
    assert values["question_addressed"] == 0.5
    assert values["relevance"] == round(relevance(user, reply.text), 4)
    assert values["repetition"] == round(repetition(reply.text, ["It works well, I think."]), 4)
    assert values["formality_fit"] == round(formality_fit(reply.text, "professional"), 4)
    assert values["user_sentiment"] == round(sentiment(user), 4)
    assert values["bot_sentiment"] == round(sentiment(reply.text), 4) > 0
    assert values["reply_tokens"] == 12


def test_score_turn_leaves_out_what_does_not_apply() -> None:
    alex = builtin_personas()["analytical_alex"]
    names = {m.name for m in score_turn(alex, "I deployed it.", BotReply("Nice.", 5.0), [], 0.5)}
    assert not names & {"question_addressed", "reply_tokens", "ttft_ms"}
    assert {"relevance", "repetition", "formality_fit", "user_sentiment"} <= names


def _turn(failed: bool = False, **values: float) -> TurnOutcome:
    engagement = values.pop("persona_engagement")
    metrics = (Metric("persona_engagement", engagement, "persona"),)
    metrics += tuple(Metric(name, value) for name, value in values.items())
    return TurnOutcome(metrics, failed)


_FIRST = {"length_fit": 1.0, "relevance": 0.6, "repetition": 0.0, "formality_fit": 0.8,
          "latency_score": 1.0, "latency_ms": 100.0, "user_sentiment": 0.2,
          "persona_engagement": 0.8}
_SECOND = {"length_fit": 0.5, "relevance": 0.2, "repetition": 0.5, "formality_fit": 0.6,
           "latency_score": 0.5, "latency_ms": 300.0, "user_sentiment": -0.4,
           "persona_engagement": 0.6}
# means: length_fit 0.75, relevance 0.4, 1 - repetition 0.75, formality_fit 0.7,
# latency_score 0.75; with question_addressed 1.0 (first turn only) the weights sum to 1:
_WITH_QUESTION = 0.25 * 0.75 + 0.25 * 0.4 + 0.15 * 1.0 + 0.15 * 0.75 + 0.10 * 0.7 + 0.10 * 0.75
_WITHOUT_QUESTION = (_WITH_QUESTION - 0.15 * 1.0) / 0.85


def test_conversation_quality_is_the_weighted_mean_of_turn_means() -> None:
    assert _WITH_QUESTION == pytest.approx(0.695)
    turns = [_turn(**_FIRST, question_addressed=1.0), _turn(**_SECOND)]
    values = {m.name: m.value for m in score_conversation(turns, 4, Verdict(4, "good"))}
    assert values["conversation_quality"] == pytest.approx(0.695)
    assert values["error_rate"] == 0
    assert values["mean_relevance"] == pytest.approx(0.4)
    assert values["sentiment_shift"] == pytest.approx(-0.6)
    assert values["mean_latency_ms"] == pytest.approx(200.0)
    # engagement mean 0.7, turns 2/4 -> 0.35 + 0.25
    assert values["engagement_score"] == pytest.approx(0.6)


def test_conversation_quality_renormalises_without_questions() -> None:
    values = {m.name: m.value for m in score_conversation([_turn(**_FIRST), _turn(**_SECOND)],
                                                          4, None)}
    assert values["conversation_quality"] == pytest.approx(0.545 / 0.85, abs=1e-4)
    assert _WITHOUT_QUESTION == pytest.approx(0.545 / 0.85)


def test_failed_turns_scale_quality_and_keep_the_sentiment_trajectory() -> None:
    turns = [_turn(**_FIRST), _turn(**_SECOND), _turn(failed=True, persona_engagement=0.4)]
    values = {m.name: m.value for m in score_conversation(turns, 6, Verdict(3, "ok"))}
    assert values["error_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert values["conversation_quality"] == pytest.approx(_WITHOUT_QUESTION * 2 / 3, abs=1e-4)
    assert values["sentiment_shift"] == pytest.approx(-0.6)
    # engagement mean 0.6, turns 3/6 -> 0.3 + 0.25
    assert values["engagement_score"] == pytest.approx(0.55)
    assert values["persona_satisfaction"] == 3
    assert values["turns"] == 3


def test_a_conversation_whose_turns_all_failed() -> None:
    turns = [_turn(failed=True, persona_engagement=0.5)] * 2
    values = {m.name: m.value for m in score_conversation(turns, 2, None)}
    assert values["conversation_quality"] == 0.0
    assert values["error_rate"] == 1.0
    assert not values.keys() & {"sentiment_shift", "mean_relevance", "mean_latency_ms"}


def test_a_single_turn_has_no_sentiment_shift() -> None:
    values = {m.name for m in score_conversation([_turn(**_FIRST)], 4, None)}
    assert "sentiment_shift" not in values


def test_every_recorded_metric_is_in_the_catalogue() -> None:
    reply = BotReply(text="hi there", latency_ms=10.0, ttft_ms=3.0, completion_tokens=2)
    alex = builtin_personas()["analytical_alex"]
    turn = score_turn(alex, "how are you?", reply, ["hi"], 0.5)
    produced = {m.name for m in turn}
    produced |= {m.name for m in score_conversation(
        [TurnOutcome(turn, False), TurnOutcome(turn, False)], 5,
        Verdict(5, "great", goal_reached=True))}
    assert produced <= set(SPECS)
    computed = {spec.name for spec in CATALOG if spec.source in ("heuristic", "persona")}
    assert computed <= produced
    assert all(spec.meaning and spec.scope in ("turn", "conversation") for spec in CATALOG)
