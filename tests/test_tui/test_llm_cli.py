"""The LLM paths end to end: a run with an LLM persona and judge through `execute_run`,
then the `sparring` command as a user runs it (a real process) against a local model
server living in the test's event loop."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bridge.demo.model_server import ModelServer
from bridge.demo.standin import standin_answer
from bridge.models import LLMEndpoint
from simulator.live_stats import LiveStats
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from simulator.runner import OPERATOR_STOP
from storage.database import Database
from storage.queries import run_report
from tests.llm_support import (
    FAST_DEMO_BOTS,
    fast_bots,
    judge_requests,
    persona_requests,
    query,
)
from tui.cli import cli
from tui.rejudge import judge_stored_run
from tui.session import LLMSettings, execute_run

SPARRING = [sys.executable, "-m", "tui"]
SECRET = "sk-test-SECRET123"
TALLY = re.compile(r"(\d+) judgements from standin, (\d+) from the cache, (\d+) failed")


async def test_a_run_with_an_llm_persona_and_judge_is_recorded_whole(tmp_path: Path) -> None:
    db = tmp_path / "llm.db"
    plan = RunPlan(("casual_casey",), ("elena", "jake"), conversations=1, min_turns=2,
                   max_turns=3, persona_engine="llm", persona_model="standin",
                   judge_model="standin")
    stats = LiveStats()
    async with ModelServer() as server:
        result = await execute_run(plan, builtin_personas(), fast_bots(tmp_path), db,
                                   llm=LLMSettings(LLMEndpoint(base_url=server.base_url)),
                                   stats=stats, handle_signals=False)
        persona_calls, judge_calls = len(persona_requests(server)), len(judge_requests(server))
    assert result.status == "completed" and result.stop_reason is None
    assert query(db, "SELECT status, persona_engine FROM runs") == [("completed", "llm")]
    conversations = query(db, "SELECT id, persona_engine, status, satisfaction FROM "
                          "conversations")
    assert len(conversations) == 2
    assert all(row[1:3] == ("llm", "completed") and 1 <= row[3] <= 5 for row in conversations)
    turns = query(db, "SELECT conversation_id, idx, user_message, user_emotion, user_intent "
                  "FROM turns WHERE bot_reply IS NOT NULL ORDER BY conversation_id, idx")
    assert all(message and emotion for _, _, message, emotion, _ in turns)
    assert {intent for _, idx, *_, intent in turns if idx == 0} == {"opening"}

    turn_scores = query(db, "SELECT conversation_id, turn_idx, value, detail FROM metrics "
                        "WHERE source = 'judge' AND name = 'reply_quality.overall'")
    assert sorted(row[:2] for row in turn_scores) == sorted(row[:2] for row in turns)
    for *_, value, detail in turn_scores:
        details = json.loads(detail)
        assert details["rubric"] == "reply_quality@1" and details["model"] == "standin"
        assert details["reason"] and 0 <= value <= 1
    whole = query(db, "SELECT DISTINCT json_extract(detail, '$.rubric') FROM metrics "
                  "WHERE source = 'judge' AND turn_idx = -1")
    assert whole == [("training_value@1",)]
    assert query(db, "SELECT COUNT(*) FROM metrics WHERE source = 'judge' AND turn_idx = -1"
                 ) == [(2 * 4,)]

    usage = query(db, "SELECT purpose, COUNT(*), SUM(conversation_id IN "
                  "(SELECT id FROM conversations)), SUM(run_id = ?) FROM llm_usage "
                  "GROUP BY purpose ORDER BY purpose", result.run_id)
    assert usage == [("judge", judge_calls, judge_calls, judge_calls),
                     ("persona", persona_calls, persona_calls, persona_calls)]
    assert judge_calls == len(turns) + 2  # every turn, then each conversation

    async with Database(db) as database:
        report = await run_report(database, result.run_id)
    assert [(u.purpose, u.model, u.calls, u.cost_usd, u.unpriced_calls) for u in report.usage] == [
        ("judge", "standin", judge_calls, 0.0, 0), ("persona", "standin", persona_calls, 0.0, 0)]
    assert all(u.prompt_tokens > 0 and u.completion_tokens > 0 for u in report.usage)
    figures = {f.name: f for f in report.judge}
    assert figures["reply_quality.overall"].rubric == "reply_quality@1"
    assert figures["reply_quality.overall"].scored == len(turns)
    assert figures["training_value.accuracy"].scored == 2
    assert report.judge_errors == 0
    assert stats.llm_calls == persona_calls + judge_calls


async def test_judging_a_stored_run_scores_every_turn_then_answers_from_the_cache(
    tmp_path: Path,
) -> None:
    db = tmp_path / "rejudge.db"
    personas = builtin_personas()
    plan = RunPlan(("casual_casey", "analytical_alex"), ("elena",), conversations=2,
                   min_turns=2, max_turns=3)  # scripted personas, no judge during the run
    result = await execute_run(plan, personas, fast_bots(tmp_path), db, handle_signals=False)
    turns = query(db, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL")[0][0]
    async with ModelServer() as server:
        llm = LLMSettings(LLMEndpoint(base_url=server.base_url))
        first = await judge_stored_run(db, result.run_id[:8], personas, "standin", (), llm)
        calls = server.calls
        again = await judge_stored_run(db, "latest", {"casual_casey": personas["casual_casey"]},
                                       "standin", ("reply_quality",), llm)
        assert server.calls == calls == turns + 4
    assert first.run_id == result.run_id
    assert (first.scored, first.cached, first.failed) == (turns + 4, 0, 0)
    assert again.failed == again.scored == 0 and 0 < again.cached < turns
    assert len(again.skipped_conversations) == 2  # analytical_alex was not passed
    assert query(db, "SELECT COUNT(*), SUM(run_id = ?) FROM llm_usage WHERE purpose = 'judge'",
                 result.run_id) == [(turns + 4, turns + 4)]
    assert query(db, "SELECT COUNT(*) FROM metrics WHERE source = 'judge'") == [
        (turns + 4 * 4,)]


# --- the command line ---------------------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without any real OpenAI settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SPARRING_"))}
    return {**env, "COLUMNS": "200", **extra}


async def sparring(*args: str, cwd: Path, env: dict[str, str] | None = None,
                   interrupt_when: asyncio.Event | None = None) -> tuple[int, str, str]:
    """Run `sparring` without blocking the loop (the model server lives in it).

    With `interrupt_when`, send SIGINT once that event is set.
    """
    process = await asyncio.create_subprocess_exec(
        *SPARRING, *args, cwd=cwd, env=env or clean_env(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    if interrupt_when is not None:
        async with asyncio.timeout(60):
            await interrupt_when.wait()
        process.send_signal(signal.SIGINT)
    async with asyncio.timeout(120):
        stdout, stderr = await process.communicate()
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO_BOTS)
    return tmp_path


def llm_run_args(server: ModelServer, db: Path, *more: str) -> list[str]:
    return ["run", "--persona-engine", "llm", "--persona-model", "standin",
            "--llm-base-url", server.base_url, "-n", "1", "-p", "casual_casey", "-b", "elena",
            "--min-turns", "2", "--max-turns", "3", "--db", str(db), *more]


async def test_run_then_judge_twice_from_the_cache_without_leaking_the_key(
    workdir: Path,
) -> None:
    db = workdir / "cli.db"
    env = clean_env(OPENAI_API_KEY=SECRET)
    async with ModelServer() as server:
        code, out, err = await sparring(
            "-v", *llm_run_args(server, db, "--judge-model", "standin",
                                "--rubric", "reply_quality"), cwd=workdir, env=env)
        assert code == 0, err[-2000:]
        assert "LLM usage" in out and "LLM judge" in out
        assert "reply_quality.overall" in out and "reply_quality@1" in out
        assert re.search(r"│ persona +│ standin +│", out) and re.search(r"│ judge +│ standin", out)
        turns = query(db, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL")[0][0]
        assert turns >= 2

        judge_args = ["judge", "--run", "latest", "--judge-model", "standin",
                      "--llm-base-url", server.base_url, "--db", str(db)]
        code, out_1, err_1 = await sparring(*judge_args, cwd=workdir, env=env)
        assert code == 0, err_1
        tally = TALLY.search(err_1)
        assert tally is not None, err_1
        # reply_quality was judged during the run; training_value is new
        assert tuple(map(int, tally.groups())) == (1, turns, 0)
        calls = server.calls

        code, out_2, err_2 = await sparring(*judge_args, cwd=workdir, env=env)
        assert code == 0, err_2
        tally = TALLY.search(err_2)
        assert tally is not None, err_2
        assert tuple(map(int, tally.groups())) == (0, turns + 1, 0)
        assert server.calls == calls

        code, stats_out, stats_err = await sparring("stats", "--run", "latest", "--db", str(db),
                                                    cwd=workdir, env=env)
        assert code == 0, stats_err
        assert "training_value@1" in stats_out and "LLM usage" in stats_out
    assert query(db, "SELECT COUNT(*) FROM metrics WHERE source = 'judge' AND turn_idx = -1"
                 ) == [(4,)]
    for text in (out, err, out_1, err_1, out_2, err_2, stats_out, stats_err):
        assert SECRET not in text
    assert "cli.db" in database_files_without(SECRET, db)


def database_files_without(secret: str, db: Path) -> list[str]:
    """The database's files (WAL and shared memory too) after checking none holds `secret`."""
    files = sorted(db.parent.glob(db.name + "*"))
    for path in files:
        assert secret.encode() not in path.read_bytes(), path
    return [path.name for path in files]


async def test_max_cost_with_a_priced_model_exits_3(workdir: Path) -> None:
    db = workdir / "budget.db"
    (workdir / "prices.yaml").write_text("standin: {input: 1000, output: 1000}\n")
    async with ModelServer() as server:
        code, _, err = await sparring(
            *llm_run_args(server, db, "--max-cost", "0.05", "--prices", "prices.yaml",
                          "-n", "3", "-c", "1"), cwd=workdir)
    assert code == 3, err
    assert "stopped: LLM budget of $0.05 reached" in err
    assert query(db, "SELECT status, stop_reason FROM runs") == [
        ("interrupted", "LLM budget of $0.05 reached")]
    statuses = [row[0] for row in query(db, "SELECT status FROM conversations")]
    assert len(statuses) < 3 and "running" not in statuses


async def test_max_cost_for_an_unpriced_model_is_refused(workdir: Path) -> None:
    async with ModelServer() as server:
        code, _, err = await sparring(
            "run", "--persona-engine", "llm", "--persona-model", "mystery-model",
            "--llm-base-url", server.base_url, "--max-cost", "1", "-n", "1",
            "--db", str(workdir / "x.db"), cwd=workdir)
        assert server.calls == 0
    assert code == 2
    assert "error: --max-cost needs a price for model 'mystery-model'" in err


async def test_llm_engine_without_a_persona_model_is_a_one_line_error(workdir: Path) -> None:
    db = workdir / "never.db"
    code, out, err = await sparring("run", "--persona-engine", "llm", "--db", str(db),
                                    cwd=workdir)
    assert code == 2
    assert err.strip().splitlines() == [
        "error: --persona-model = (none); expected a model name with --persona-engine llm"]
    assert out == "" and not db.exists()


async def test_a_negative_rate_limit_is_a_one_line_error(workdir: Path) -> None:
    async with ModelServer() as server:
        code, _, err = await sparring(*llm_run_args(server, workdir / "x.db", "--llm-rpm", "-5"),
                                      cwd=workdir)
    assert code == 2
    assert "--llm-rpm" in err and "Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
async def test_ctrl_c_during_an_llm_run_exits_130_and_leaves_no_conversation_running(
    workdir: Path,
) -> None:
    db = workdir / "interrupted.db"
    busy = asyncio.Event()
    answered: list[str] = []

    def responder(body: dict[str, Any]) -> str:
        answered.append(standin_answer(body))
        if len(answered) >= 4:  # conversations are under way
            busy.set()
        return answered[-1]

    async with ModelServer(responder=responder, latency_ms=100) as server:
        code, _, err = await sparring(*llm_run_args(server, db, "-n", "20", "-c", "2"),
                                      cwd=workdir, interrupt_when=busy)
    assert code == 130, err
    assert query(db, "SELECT status, stop_reason FROM runs") == [("interrupted", OPERATOR_STOP)]
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'running'") == [(0,)]
    assert query(db, "SELECT COUNT(*) FROM conversations")[0][0] < 20


def test_metrics_lists_the_judge_metrics_of_built_in_and_custom_rubrics(tmp_path: Path) -> None:
    rubric = tmp_path / "clarity.yaml"
    rubric.write_text("version: 2\nscope: conversation\ninstructions: Be strict.\ncriteria:\n"
                      "  - {name: clarity, description: Plain words, min: 0, max: 10}\n")
    listed = CliRunner().invoke(cli, ["metrics", "--rubric", str(rubric)])
    assert listed.exit_code == 0, listed.output
    for name in ("reply_quality.overall", "training_value.voice_consistency",
                 "clarity.clarity"):
        assert name in listed.output
    assert "clarity v2" in listed.output
