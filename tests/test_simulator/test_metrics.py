from __future__ import annotations

import pytest

from simulator.connector import BotReply
from simulator.engine import Verdict
from simulator.metrics.catalog import CATALOG, SPECS, Metric
from simulator.metrics.length import length_fit
from simulator.metrics.scoring import TurnOutcome, latency_score, score_conversation, score_turn
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


def test_conversation_quality_and_engagement_formulas() -> None:
    def turn(fit: float, speed: float, engagement: float, failed: bool = False) -> TurnOutcome:
        metrics = (Metric("persona_engagement", engagement, "persona"),)
        if not failed:
            metrics += (Metric("length_fit", fit), Metric("latency_score", speed),
                        Metric("latency_ms", 100.0))
        return TurnOutcome(metrics, failed)

    turns = [turn(1.0, 1.0, 0.9), turn(0.5, 0.0, 0.7), turn(0, 0, 0.5, failed=True)]
    values = {m.name: m.value for m in score_conversation(turns, 6, Verdict(3, "ok"))}
    # fit 0.75, speed 0.5 -> (0.525 + 0.15) x (1 - 1/3)
    assert values["conversation_quality"] == pytest.approx(0.675 * 2 / 3, abs=1e-4)
    # engagement mean 0.7, turns 3/6 -> 0.35 + 0.25
    assert values["engagement_score"] == pytest.approx(0.6)
    assert values["error_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert values["persona_satisfaction"] == 3
    assert values["turns"] == 3


def test_every_recorded_metric_is_in_the_catalogue() -> None:
    reply = BotReply(text="hi there", latency_ms=10.0, ttft_ms=3.0)
    alex = builtin_personas()["analytical_alex"]
    produced = {m.name for m in score_turn(alex, "hi", reply, [], 0.5)}
    produced |= {m.name for m in score_conversation(
        [TurnOutcome(score_turn(alex, "hi", reply, [], 0.5), False)], 5, Verdict(5, "great"))}
    assert produced <= set(SPECS)
    assert all(spec.meaning and spec.scope in ("turn", "conversation") for spec in CATALOG)
