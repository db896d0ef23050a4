"""Bot faults on the wire: each one against the real `http` connector in a real recorded run
(the reply cap against the `openai` kind too; its other faults: test_openai_faults.py).

Every run must complete, and every failure must be on its turn with a one-line reason.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bridge.breaker import BreakerBot, CircuitBreaker, CircuitOpen
from bridge.config import BreakerSettings
from bridge.pool import BotPool
from simulator.connector import BotContext
from simulator.errors import BotError, BotHTTPError
from tests.faults_support import FaultyBotServer, failures, http_bots, openai_bots, run

CONTEXT = BotContext("c1", "casual_casey", ())


async def test_a_5xx_burst_within_the_retries_loses_nothing(
    db_path: Path, faulty: FaultyBotServer
) -> None:
    turns = await run(db_path, http_bots(faulty, "burst?n=2&status=503", retries=3))
    assert [(status, reply, error) for status, _, reply, error in turns] == [
        ("completed", "fine", None)] * 4


async def test_a_5xx_burst_longer_than_the_retries_fails_its_turns(
    db_path: Path, faulty: FaultyBotServer
) -> None:
    errors = failures(await run(db_path, http_bots(faulty, "burst?n=50&status=502")))
    assert errors == ["bot 'faulty' answered HTTP 502 Bad Gateway: "
                      "'{\"error\": \"overloaded\"}' (after 2 attempts)"] * 2


async def test_a_reply_that_never_comes_times_out(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, http_bots(faulty, "hang", timeout_s=0.3)))
    assert errors == ["bot 'faulty' did not answer within 0.3 s (after 2 attempts)"] * 2


async def test_a_connection_reset_mid_body(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, http_bots(faulty, "reset")))
    assert errors == ["bot 'faulty': connection reset while reading the reply "
                      "(34 bytes received) (after 2 attempts)"] * 2
    assert faulty.requests["reset"] == 4


async def test_a_trickling_reply_is_bounded_by_the_whole_reply_timeout(
    db_path: Path, faulty: FaultyBotServer
) -> None:
    started = time.monotonic()
    errors = failures(await run(db_path, http_bots(faulty, "trickle", timeout_s=0.5, retries=0)))
    assert time.monotonic() - started < 15  # five minutes of trickle, cut at 0.5 s
    for error in errors:
        assert error.startswith("bot 'faulty' timed out after 0.5 s with its reply still "
                                "arriving (")
        assert error.endswith(" bytes so far)")


async def test_invalid_json(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, http_bots(faulty, "invalid-json")))
    assert errors == ["bot 'faulty' answered HTTP 200 with a body that is not JSON: "
                      "'<html>Internal oops</html>'"] * 2
    assert faulty.requests["invalid-json"] == 2  # the same body again would not help


BOTS = {"http": http_bots, "openai": openai_bots}


@pytest.mark.parametrize("kind", BOTS)
async def test_a_10_mb_reply_is_cut_at_the_cap_and_recorded_as_truncated(
    db_path: Path, faulty: FaultyBotServer, kind: str
) -> None:
    errors = failures(await run(db_path, BOTS[kind](faulty, "huge/mb=10")))
    assert errors == ["bot 'faulty': reply truncated at 1,048,576 bytes "
                      "(bots.faulty.max_reply_bytes); the bot sent more. Raise the cap if "
                      "replies this long are expected"] * 2


@pytest.mark.parametrize("kind", BOTS)
async def test_a_reply_within_a_raised_cap_is_whole(
    db_path: Path, faulty: FaultyBotServer, kind: str
) -> None:
    turns = await run(db_path, BOTS[kind](faulty, "huge/mb=0.5", max_reply_bytes=600_000), 1)
    assert [(status, len(reply or "")) for status, _, reply, _ in turns] == [
        ("completed", 512 * 1024)] * 2


async def test_non_utf8_bytes(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, http_bots(faulty, "latin1")))
    assert errors == ["bot 'faulty': reply is not utf-8: byte 0xe9 at offset 14 cannot be "
                      "decoded (start: '{\"reply\": \"caf\ufffd cr\ufffdme\"}'); send UTF-8 "
                      "or declare the charset in Content-Type"] * 2


@pytest.mark.parametrize(("query", "note"), [("?retry_after=0", " (Retry-After 0 s)"),
                                             ("", "")])
async def test_a_429_storm(
    db_path: Path, faulty: FaultyBotServer, query: str, note: str
) -> None:
    errors = failures(await run(db_path, http_bots(faulty, f"429{query}", retries=2)))
    assert errors == [f"bot 'faulty' answered HTTP 429 Too Many Requests{note}: "
                      "'{\"error\": \"slow down\"}' (after 3 attempts)"] * 2
    assert faulty.requests["429"] == 6


async def test_the_breaker_pauses_a_failing_bot_instead_of_burning_the_plan(
    db_path: Path, faulty: FaultyBotServer
) -> None:
    breaker = BreakerSettings(window=4, error_rate=0.5, cooldown_s=600)
    turns = await run(db_path, http_bots(faulty, "fail", retries=0, breaker=breaker), 12, 1)
    errors = failures(turns)
    assert faulty.requests["fail"] == 4  # the other eight never reached the bot
    paused = [e for e in errors if "circuit open" in e]
    sent = [e for e in errors if e not in paused]
    assert len(sent) == 4 and len(paused) == 8
    assert all("HTTP 500" in e for e in sent)
    assert paused[0].startswith("bot 'faulty': circuit open: 4 of the last 4 requests failed; "
                                "retrying in ")
    # the cause stays in sight while the circuit holds requests back
    assert paused[0].endswith(f"; last failure: {sent[-1]}")


async def test_the_breaker_can_be_turned_off(db_path: Path, faulty: FaultyBotServer) -> None:
    breaker = BreakerSettings(enabled=False, window=1)
    failures(await run(db_path, http_bots(faulty, "fail", retries=0, breaker=breaker), 6))
    assert faulty.requests["fail"] == 6


async def test_the_breaker_closes_again_once_the_bot_recovers(faulty: FaultyBotServer) -> None:
    breaker = BreakerSettings(window=2, error_rate=1.0, cooldown_s=0.2)
    async with BotPool(http_bots(faulty, "fail", retries=0, breaker=breaker)) as pool:
        bot = pool.connectors["faulty"]
        for _ in range(2):
            with pytest.raises(BotHTTPError):
                await bot.reply(CONTEXT, "hello")
        with pytest.raises(CircuitOpen, match="circuit open: 2 of the last 2 requests failed"):
            await bot.reply(CONTEXT, "hello")
        assert faulty.requests["fail"] == 2
        faulty.healthy = True
        deadline = time.monotonic() + 10
        while True:  # wait for the cooldown to pass: the next request is the trial
            try:
                reply = await bot.reply(CONTEXT, "hello")
                break
            except CircuitOpen:
                assert time.monotonic() < deadline, "the circuit never half-opened"
                await asyncio.sleep(0.02)
        assert reply.text == "fine"
        assert isinstance(bot, BreakerBot) and bot.breaker.state == "closed"
        assert (await bot.reply(CONTEXT, "again")).text == "fine"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_failed_trial_reopens_and_only_one_trial_runs_at_a_time() -> None:
    clock = Clock()
    breaker = CircuitBreaker(BreakerSettings(window=3, error_rate=0.6, cooldown_s=30), clock)
    for failed in (True, False, True):
        assert breaker.admit() is None
        breaker.record(failed)
    assert breaker.admit() == "circuit open: 2 of the last 3 requests failed; retrying in 30 s"
    clock.now += 29.5
    assert breaker.admit() == ("circuit open: 2 of the last 3 requests failed; "
                               "retrying in 0.5 s")
    clock.now += 1
    assert breaker.admit() is None and breaker.state == "half-open"
    assert "a trial request is under way" in (breaker.admit() or "")
    breaker.record(failed=True)
    assert breaker.admit() == ("circuit open: the trial request after the cooldown failed "
                               "too; retrying in 30 s")
    clock.now += 31
    assert breaker.admit() is None
    breaker.abandon()  # a cancelled trial frees the slot
    assert breaker.admit() is None
    breaker.record(failed=False)
    assert breaker.state == "closed" and breaker.admit() is None


def test_an_error_rate_below_the_threshold_keeps_the_circuit_closed() -> None:
    breaker = CircuitBreaker(BreakerSettings(window=4, error_rate=0.75))
    for failed in (True, True, False, False, True, False, True, False):
        assert breaker.admit() is None
        breaker.record(failed)
    assert breaker.state == "closed"
    assert issubclass(CircuitOpen, BotError)
