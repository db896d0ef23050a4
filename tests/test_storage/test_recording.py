"""A whole run recorded into a real SQLite file, through the real runner and connectors."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bridge.config import BotsFile, HttpBot, PythonBot
from bridge.pool import BotPool
from simulator.live_stats import LiveStats
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from simulator.runner import Runner
from storage.database import Database
from storage.queries import overall_statistics, pair_statistics, resolve_run
from storage.recorder import Recorder
from tests.support import CountingEngine, Scripted, ScriptedBotServer

PERSONAS = builtin_personas()


async def record(db_path: Path, plan: RunPlan, bots: BotsFile, engine=None, *, cancel_after=None):
    stats = LiveStats()
    async with Database(db_path) as db, BotPool(bots) as pool:
        recorder = Recorder(db, interval_s=0.05)
        runner = Runner(plan, PERSONAS, pool.connectors, engine or CountingEngine(3),
                        [recorder, stats])
        if cancel_after is not None:
            asyncio.get_running_loop().call_later(cancel_after, runner.cancel)
        status = await runner.run()
        await recorder.close()
    return runner.run_id, status, stats


async def rows(db_path: Path, sql: str, *args: object) -> list[tuple]:
    async with Database(db_path) as db, db.conn.execute(sql, args) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


def python_bots(target: str = "tests.sample_bots:echo") -> BotsFile:
    return BotsFile(source="test", bots={"echo": PythonBot(kind="python", target=target)})


async def test_every_turn_and_metric_lands(db_path: Path) -> None:
    plan = RunPlan(("analytical_alex", "casual_casey"), ("echo",), conversations=3, seed=7)
    run_id, status, stats = await record(db_path, plan, python_bots())
    assert status == "completed"
    assert await rows(db_path, "SELECT status, seed FROM runs") == [("completed", 7)]
    conversations = await rows(
        db_path, "SELECT status, turns, source, persona_hash IS NOT NULL, satisfaction "
        "FROM conversations")
    assert conversations == [("completed", 3, "synthetic", 1, 4)] * 6
    assert (await rows(db_path, "SELECT COUNT(*) FROM turns"))[0][0] == 18
    assert stats.turns == 18 and stats.finished == 6
    replies = await rows(db_path, "SELECT user_message, bot_reply FROM turns WHERE idx = 1 "
                         "LIMIT 1")
    assert replies[0][1] == f"echo #1: {replies[0][0]}"
    names = {r[0] for r in await rows(db_path, "SELECT DISTINCT name FROM metrics")}
    assert {"latency_ms", "length_fit", "conversation_quality", "engagement_score",
            "persona_satisfaction"} <= names
    async with Database(db_path) as db:
        assert await resolve_run(db, run_id[:6]) == run_id
        pairs = await pair_statistics(db, run_id)
        total = await overall_statistics(db, run_id)
    assert [(p.persona_id, p.conversations, p.turns) for p in pairs] == [
        ("analytical_alex", 3, 9), ("casual_casey", 3, 9)]
    assert total.conversations == 6 and total.turns == 18 and total.error_rate == 0


async def test_a_bot_failing_half_its_requests_still_completes_the_run(
    db_path: Path, bot_server: ScriptedBotServer
) -> None:
    answers = []
    for i in range(200):
        answers.append(Scripted(status=500, body={"error": "flaky"}) if i % 2 else
                       Scripted(body={"reply": "fine thanks"}))
    bot_server.script(*answers)
    bots = BotsFile(source="test", bots={
        "flaky": HttpBot(kind="http", url=f"{bot_server.url}/hook", retries=0)})
    plan = RunPlan(("casual_casey",), ("flaky",), conversations=10, concurrency=1)
    _, status, stats = await record(db_path, plan, bots)
    assert status == "completed"
    live = stats.pairs[("casual_casey", "flaky")]
    assert (live.turns, live.failed_turns, live.conversations) == (20, 10, 10)
    assert live.error_rate == 0.5
    statuses = await rows(db_path, "SELECT status, COUNT(*) FROM conversations GROUP BY status")
    assert dict(statuses) == {"failed": 10}  # each conversation meets a 500 on its 2nd turn
    failed = await rows(db_path, "SELECT idx, bot_reply, error FROM turns WHERE error IS NOT NULL")
    assert len(failed) == 10
    assert all(idx == 1 and reply is None and "HTTP 500" in error for idx, reply, error in failed)
    async with Database(db_path) as db:
        total = await overall_statistics(db)
    assert total.turns == 20 and total.failed_turns == 10 and total.error_rate == 0.5


async def test_cancel_mid_run_leaves_a_consistent_database(
    db_path: Path, bot_server: ScriptedBotServer
) -> None:
    bot_server.script(*[Scripted(body={"reply": "slow"}, delay_s=0.1)] * 500)
    bots = BotsFile(source="test", bots={"slow": HttpBot(kind="http", url=bot_server.url)})
    plan = RunPlan(tuple(PERSONAS), ("slow",), conversations=10, concurrency=4)
    _, status, _ = await record(db_path, plan, bots, CountingEngine(5), cancel_after=0.35)
    assert status == "interrupted"
    assert await rows(db_path, "SELECT status FROM runs") == [("interrupted",)]
    assert await rows(db_path, "SELECT COUNT(*) FROM conversations WHERE status = 'running'") == [
        (0,)]
    cancelled = await rows(db_path, "SELECT id, turns FROM conversations WHERE status = "
                           "'cancelled'")
    assert len(cancelled) == 4
    for conversation_id, turns in cancelled:
        # The message in flight got no reply: it is not recorded, and no turn is an error.
        stored = await rows(db_path, "SELECT COUNT(*), COUNT(error) FROM turns "
                            "WHERE conversation_id = ?", conversation_id)
        assert stored == [(turns, 0)]
    assert (await rows(db_path, "SELECT COUNT(*) FROM conversations"))[0][0] == 4
