"""plan.yaml: schema, every problem listed, and the conversations a plan yields."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from simulator.persona import builtin_personas
from simulator.plan import Domain, RunPlan, Target, plan_from_dict
from simulator.plan_file import PlanFile, PlanInvalid
from simulator.runner import Runner
from simulator.scripted import ScriptedEngine

PERSONAS = builtin_personas()
BOTS = ("elena", "jake")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text)
    return path


def test_schema_problems_are_all_listed_with_file_field_and_value(tmp_path: Path) -> None:
    path = _write(tmp_path, "conversations: 0\ncolour: blue\nturns: {min: x}\n")
    with pytest.raises(PlanInvalid) as caught:
        PlanFile.read(path)
    assert caught.value.problems == [
        f"{path}: conversations = 0; expected greater than or equal to 1",
        f"{path}: turns.min = 'x'; expected a valid integer, unable to parse string as an "
        "integer",
        f"{path}: colour = 'blue' is not a known field; check its spelling",
    ]
    assert str(caught.value).endswith("(and 2 more; `sparring plan validate` lists them)")


def test_reference_problems_are_all_listed(tmp_path: Path) -> None:
    path = _write(tmp_path, """\
personas: [casual_casey, nobody]
bots: [ghost]
turns: {min: 5, max: 2}
topics: {music: 0}
domains: {technical: {share: 0.5}}
rate_limits: {ghost: {rpm: 10}}
persona_engine: {kind: llm}
judge: {model: m, rubrics: [nope]}
""")
    problems = PlanFile.read(path).problems(path, PERSONAS, BOTS)
    assert [line.split(": ", 2)[1].split(" ")[0] for line in problems] == [
        "personas.1", "bots.0", "rate_limits.ghost", "turns.max", "topics.music", "domains",
        "persona_engine.model", "judge.rubrics.0"]
    assert all(line.startswith(f"{path}: ") for line in problems)


def test_a_plan_file_becomes_the_run_plan_it_declares(tmp_path: Path) -> None:
    path = _write(tmp_path, """\
name: nightly
personas: [casual_casey]
conversations: 10
turns: {min: 2, max: 4}
seed: 3
topics: {billing: 3, refunds: 1}
emotional_states: {frustrated: 1}
domains:
  technical: {share: 0.3, topics: [API errors]}
  conversational: {share: 0.7}
rate_limits: {jake: {rpm: 120}}
budgets: {max_turns: 50, max_cost_usd: 1.5}
persona_engine: {kind: llm, model: m}
judge: {model: j, rubrics: [reply_quality]}
""")
    spec = PlanFile.read(path)
    assert spec.problems(path, PERSONAS, BOTS) == []
    plan = spec.run_plan(PERSONAS, BOTS)
    assert plan == RunPlan(
        persona_ids=("casual_casey",), bot_ids=BOTS, conversations=10, min_turns=2,
        max_turns=4, concurrency=16, seed=3, persona_engine="llm", persona_model="m",
        judge_model="j", rubrics=("reply_quality",), max_cost_usd=1.5, name="nightly",
        topic_weights=(("billing", 3.0), ("refunds", 1.0)),
        state_weights=(("frustrated", 1.0),),
        domains=(Domain("technical", 0.3, ("API errors",)), Domain("conversational", 0.7)),
        max_total_turns=50, bot_rpm=(("jake", 120.0),))
    assert plan_from_dict(json.loads(json.dumps(plan.to_dict()))) == plan


def _planned(plan: RunPlan) -> list:
    runner = Runner(plan, PERSONAS, dict.fromkeys(plan.bot_ids), ScriptedEngine(), [],
                    run_id="run-1")  # type: ignore[arg-type]
    return list(runner.planned())


def test_domains_get_exactly_their_share_and_the_same_with_every_bot() -> None:
    plan = RunPlan(("casual_casey", "analytical_alex"), BOTS, conversations=10, seed=1,
                   domains=(Domain("technical", 0.25, ("API errors",)),
                            Domain("creative", 0.35), Domain("analytical", 0.4)))
    jobs = _planned(plan)
    per_pair = Counter((j.persona.id, j.bot_id, j.setting.category) for j in jobs)
    for persona in plan.persona_ids:
        for bot in BOTS:
            assert [per_pair[(persona, bot, d)] for d in ("technical", "creative",
                                                          "analytical")] == [3, 3, 4]
    technical = [j for j in jobs if j.setting.category == "technical"]
    assert {j.setting.topic for j in technical} == {"API errors"}
    by_bot = {bot: [(j.persona.id, j.setting.seed, j.setting.category, j.setting.topic)
                    for j in jobs if j.bot_id == bot] for bot in BOTS}
    assert by_bot["elena"] == by_bot["jake"]


def test_topic_and_state_weights_are_drawn_from() -> None:
    plan = RunPlan(("casual_casey",), ("elena",), conversations=400, seed=2,
                   topic_weights=(("billing", 3.0), ("refunds", 1.0)),
                   state_weights=(("frustrated", 1.0),))
    jobs = _planned(plan)
    topics = Counter(j.setting.topic for j in jobs)
    assert set(topics) == {"billing", "refunds"}
    assert 0.65 < topics["billing"] / 400 < 0.85
    assert {j.setting.emotional_state for j in jobs} == {"frustrated"}


def test_planned_ids_are_fixed_by_run_and_place() -> None:
    plan = RunPlan(("casual_casey",), BOTS, conversations=2,
                   targets=(Target("casual_casey", "jake", "music", "calm", count=2),))
    first, second = _planned(plan), _planned(plan)
    assert [j.setting.conversation_id for j in first] == [
        j.setting.conversation_id for j in second]
    assert len({j.setting.conversation_id for j in first}) == 2
