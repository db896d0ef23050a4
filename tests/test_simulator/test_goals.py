"""Goals: the scripted persona asks for its goal and judges whether it got it."""

from __future__ import annotations

from pathlib import Path

from bridge.demo.model_server import ModelServer
from bridge.models import LLMEndpoint
from simulator.engine import ConversationSetting
from simulator.metrics.catalog import SPECS, Metric
from simulator.metrics.scoring import TurnOutcome, score_conversation
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from simulator.scripted import ScriptedEngine
from simulator.scripted.goals import goal_message, goal_reached
from tests.llm_support import fast_bots, judge_requests, persona_requests, query
from tui.session import LLMSettings, execute_run

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


async def test_the_llm_persona_and_the_judge_each_say_whether_the_goal_was_reached(
    tmp_path: Path,
) -> None:
    plan = RunPlan(("casual_casey",), ("elena",), conversations=2, min_turns=2, max_turns=3,
                   persona_engine="llm", persona_model="standin", judge_model="standin",
                   rubrics=("goal_completion",), goals=("get a refund",))
    db = tmp_path / "goals.db"
    async with ModelServer() as server:
        await execute_run(plan, builtin_personas(), fast_bots(tmp_path), db,
                          llm=LLMSettings(LLMEndpoint(base_url=server.base_url)),
                          handle_signals=False)
        judged = [r for r in judge_requests(server) if "goal: get a refund" in str(r)]
        asked = [r for r in persona_requests(server) if "your goal: get a refund" in str(r)]
    assert judged and asked
    judge_scores = query(db, "SELECT value FROM metrics WHERE name = 'goal_completion.reached'")
    assert len(judge_scores) == 2 and all(0 <= v <= 1 for (v,) in judge_scores)
    assert query(db, "SELECT DISTINCT goal FROM conversations") == [("get a refund",)]
