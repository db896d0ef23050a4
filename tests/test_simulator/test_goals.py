"""Goals: the scripted persona asks for its goal and judges whether it got it."""

from __future__ import annotations

from simulator.engine import ConversationSetting
from simulator.metrics.catalog import SPECS, Metric
from simulator.metrics.scoring import TurnOutcome, score_conversation
from simulator.persona import builtin_personas
from simulator.scripted import ScriptedEngine
from simulator.scripted.goals import goal_message, goal_reached

ALEX = builtin_personas()["analytical_alex"]
GOAL = "get a refund for my broken headphones"
ON_GOAL = ("To get a refund for broken headphones, open your orders, pick the headphones and "
           "choose Refund; the refund reaches your card in five days, with evidence kept.")
OFF_GOAL = "Whales migrate thousands of kilometres every year between feeding grounds."


def _setting(seed: int = 3) -> ConversationSetting:
    return ConversationSetting("c1", "shopping", "focused", seed, 2, 2, goal=GOAL)


async def _verdict(reply: str) -> tuple[str, bool | None]:
    session = ScriptedEngine().session(ALEX, _setting())
    opening = await session.opening()
    while await session.next_message(reply) is not None:
        pass
    verdict = await session.verdict()
    return opening.text, verdict.goal_reached


async def test_the_persona_opens_with_its_goal_and_judges_the_replies() -> None:
    opening, reached = await _verdict(ON_GOAL)
    assert "refund for my broken headphones" in opening.lower()
    _, missed = await _verdict(OFF_GOAL)
    assert missed is False
    assert reached is (await _verdict(ON_GOAL))[1]


def test_reached_needs_an_on_goal_reply_and_some_satisfaction() -> None:
    assert goal_reached(0.5, 4) and not goal_reached(0.1, 5) and not goal_reached(0.5, 2)
    assert goal_message(GOAL, 1) == goal_message(GOAL, 1)
    assert len({goal_message(GOAL, seed) for seed in range(20)}) > 2


def test_goal_completion_is_a_catalogued_persona_metric() -> None:
    from simulator.engine import Verdict

    spec = SPECS["goal_completion"]
    assert (spec.scope, spec.source, spec.low, spec.high) == ("conversation", "persona", 0, 1)
    turns = [TurnOutcome((Metric("relevance", 0.5),), failed=False)]
    reached = score_conversation(turns, 4, Verdict(4, "ok", goal_reached=True))
    assert {m.name: m.value for m in reached}["goal_completion"] == 1.0
    assert "goal_completion" not in {m.name for m in score_conversation(turns, 4,
                                                                         Verdict(4, "ok"))}
