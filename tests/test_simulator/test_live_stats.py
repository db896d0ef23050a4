"""Live statistics of a run: means with 95% intervals, latency percentiles, LLM tokens and
cost, judge means and errors; checked by hand and against what a real run records."""

from __future__ import annotations

import math
import statistics
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bridge.demo.model_server import ModelServer
from bridge.models import LLMEndpoint
from simulator.connector import BotReply
from simulator.engine import UserMessage
from simulator.events import (
    ConversationStarted,
    JudgeScored,
    LLMCallRecorded,
    RunStarted,
    TurnRecorded,
)
from simulator.live_stats import LiveStats, RunningMean
from simulator.metrics.catalog import Metric
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tests.llm_support import fast_bots, query
from tui.session import LLMSettings, execute_run

NOW = datetime(2025, 1, 1, tzinfo=UTC)
PLAN = RunPlan(("casual_casey",), ("elena",), conversations=2)


def test_running_mean_and_interval_by_hand() -> None:
    mean = RunningMean()
    assert (mean.value, mean.ci95) == (None, None)
    mean.add(1)
    assert (mean.value, mean.ci95) == (1.0, None)
    for value in (2, 3, 4):
        mean.add(value)
    assert mean.count == 4 and mean.value == 2.5
    sd = math.sqrt(5 / 3)  # squared deviations 2.25 + 0.25 + 0.25 + 2.25 over n - 1
    assert sd == pytest.approx(1.29099, abs=1e-5)
    assert mean.ci95 == pytest.approx(1.96 * sd / 2)
    assert mean.ci95 == pytest.approx(1.26517, abs=1e-5)


def test_running_mean_agrees_with_the_two_pass_formulas() -> None:
    values = [0.31, 0.97, 0.12, 0.55, 0.55, 0.80, 0.03, 0.66, 1e-3, 0.42]
    mean = RunningMean()
    for value in values:
        mean.add(value)
    assert mean.value == pytest.approx(statistics.fmean(values))
    expected = 1.96 * statistics.stdev(values) / math.sqrt(len(values))
    assert mean.ci95 == pytest.approx(expected)
    constant = RunningMean()
    for _ in range(5):
        constant.add(0.7)
    assert constant.ci95 == pytest.approx(0.0)


def started(stats: LiveStats, conversation_id: str, persona: str = "casual_casey",
            bot: str = "elena") -> None:
    stats.emit(ConversationStarted(conversation_id, "run-1", persona, "hash", bot, "movies",
                                   "relaxed", 1, "synthetic", "llm", NOW))


def turn(conversation_id: str, index: int, latency_ms: float | None) -> TurnRecorded:
    reply = None if latency_ms is None else BotReply("ok", latency_ms)
    return TurnRecorded(conversation_id, index, UserMessage("hi", "curious", 0.5), NOW, reply,
                        None if reply else "bot failed", ())


def test_latency_percentiles_over_successful_turns() -> None:
    stats = LiveStats()
    stats.emit(RunStarted("run-1", PLAN, NOW))
    started(stats, "c1")
    assert stats.latency_percentiles() is None
    for index, latency in enumerate(range(100, 0, -10)):  # 100, 90, ..., 10
        stats.emit(turn("c1", index, float(latency)))
    stats.emit(turn("c1", 10, None))  # a failed turn has no latency
    p50, p95 = stats.latency_percentiles() or (0.0, 0.0)
    assert p50 == pytest.approx(55.0)
    assert p95 == pytest.approx(95.5)  # linear: 90 + 0.55 * 10
    assert stats.turns == 11 and stats.failed_turns == 1
    assert stats.error_rate == pytest.approx(1 / 11)
    assert stats.pairs[("casual_casey", "elena")].turns == 11
    assert stats.total_conversations == 2


def call(cost: float | None, prompt: int, completion: int,
         purpose: str = "persona") -> LLMCallRecorded:
    return LLMCallRecorded("run-1", "c1", purpose, "m", prompt, completion, cost, NOW)  # type: ignore[arg-type]


def test_llm_tokens_cost_and_unpriced_calls_add_up() -> None:
    stats = LiveStats()
    for event in (call(0.01, 100, 20), call(None, 50, 5, "judge"), call(0.02, 300, 40),
                  call(0.0, 1, 1, "judge")):
        stats.emit(event)
    assert stats.llm_calls == 4
    assert (stats.prompt_tokens, stats.completion_tokens) == (451, 66)
    assert stats.cost_usd == pytest.approx(0.03)
    assert stats.unpriced_calls == 1


def judged(conversation_id: str, value: float | None, turn_idx: int = 0) -> JudgeScored:
    if value is None:
        return JudgeScored(conversation_id, turn_idx, "reply_quality", 1, "m", (), "",
                           error="unusable judge answer after 3 attempts")
    return JudgeScored(conversation_id, turn_idx, "reply_quality", 1, "m",
                       (Metric("reply_quality.overall", value, "judge"),), "ok")


def test_judge_means_per_metric_and_pair_and_errors_counted_apart() -> None:
    stats = LiveStats()
    started(stats, "c1")
    started(stats, "c2", bot="jake")
    for event in (judged("c1", 0.2), judged("c1", 0.6, 1), judged("c2", 1.0),
                  judged("c2", None), judged("c1", None, 2)):
        stats.emit(event)
    overall = stats.judge["reply_quality.overall"]
    assert overall.count == 3 and overall.value == pytest.approx(0.6)
    assert stats.judge_errors == 2
    elena = stats.pairs[("casual_casey", "elena")].judge["reply_quality.overall"]
    jake = stats.pairs[("casual_casey", "jake")].judge["reply_quality.overall"]
    assert (elena.count, elena.value) == (2, pytest.approx(0.4))
    assert (jake.count, jake.value) == (1, 1.0)


async def test_live_figures_agree_with_what_the_run_recorded(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    stats = LiveStats()
    plan = RunPlan(("casual_casey", "analytical_alex"), ("elena",), conversations=1,
                   min_turns=2, max_turns=3, persona_engine="llm", persona_model="standin",
                   judge_model="standin", rubrics=("reply_quality",))
    async with ModelServer() as server:
        result = await execute_run(plan, builtin_personas(), fast_bots(tmp_path), db,
                                   llm=LLMSettings(LLMEndpoint(base_url=server.base_url)),
                                   stats=stats, handle_signals=False)
        calls = server.calls
    assert result.status == "completed"
    assert stats.finished == stats.total_conversations == 2
    usage = query(db, "SELECT COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), "
                  "SUM(cost_usd) FROM llm_usage")
    assert usage == [(stats.llm_calls, stats.prompt_tokens, stats.completion_tokens, 0.0)]
    assert stats.llm_calls == calls
    assert stats.unpriced_calls == 0  # the stand-in is priced at zero
    (mean, count), = query(db, "SELECT AVG(value), COUNT(*) FROM metrics "
                           "WHERE source = 'judge' AND name = 'reply_quality.overall'")
    overall = stats.judge["reply_quality.overall"]
    assert overall.count == count == stats.turns
    assert overall.value == pytest.approx(mean)
    assert stats.judge_errors == 0
    latencies = [row[0] for row in query(db, "SELECT latency_ms FROM turns")]
    p50, _ = stats.latency_percentiles() or (0.0, 0.0)
    assert p50 == pytest.approx(statistics.median(latencies))


def test_guard_firings_are_counted_per_guard_with_the_endings() -> None:
    from simulator.events import MessageRejected
    from tui.console import guard_summary

    stats = LiveStats()
    assert guard_summary(stats) is None
    for guard, attempt in (("role_break", 1), ("repeat", 2), ("role_break", 3)):
        stats.emit(MessageRejected("r", "c", guard, attempt, "x", ended=attempt == 3))
    assert stats.rejected == {"role_break": 2, "repeat": 1}
    assert stats.guard_endings == 1
    assert guard_summary(stats) == ("persona messages held back by the guards (not sent): "
                                    "repeat 1, role_break 2; 1 conversation(s) ended with no "
                                    "usable message")
