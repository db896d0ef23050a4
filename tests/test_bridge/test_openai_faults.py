"""The same faults on the wire against the real `openai` connector (the openai SDK) in a real
recorded run: every run completes, every failure is on its turn with a one-line reason (the
reply cap: test_faults.py, for both kinds)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.faults_support import FaultyBotServer, failures, openai_bots, run


@pytest.mark.parametrize("stream", [False, True])
async def test_a_reply_that_never_comes_times_out(
    db_path: Path, faulty: FaultyBotServer, stream: bool
) -> None:
    errors = failures(await run(db_path, openai_bots(faulty, "hang", timeout_s=0.3, stream=stream)))
    assert errors == ["bot 'faulty' did not answer within 0.3 s (after 2 attempts)"] * 2


@pytest.mark.parametrize("stream", [False, True])
async def test_a_trickling_reply_is_bounded_by_the_whole_reply_timeout(
    db_path: Path, faulty: FaultyBotServer, stream: bool
) -> None:
    started = time.monotonic()
    settings = {"timeout_s": 0.5, "retries": 0, "stream": stream}
    errors = failures(await run(db_path, openai_bots(faulty, "trickle", **settings)))
    assert time.monotonic() - started < 15  # five minutes of trickle, cut at 0.5 s
    assert errors == ["bot 'faulty' did not answer within 0.5 s"] * 2


async def test_a_5xx_burst_within_the_retries_loses_nothing(
    db_path: Path, faulty: FaultyBotServer
) -> None:
    turns = await run(db_path, openai_bots(faulty, "burst/n=2&status=503", retries=3))
    assert [(status, reply, error) for status, _, reply, error in turns] == [
        ("completed", "fine", None)] * 4


async def test_a_connection_reset_mid_body(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, openai_bots(faulty, "reset")))
    assert len(errors) == 2
    for error in errors:
        assert error.startswith("bot 'faulty': connection reset while reading the reply")
        assert error.endswith("(after 2 attempts)")
    assert faulty.requests["reset"] == 4


async def test_invalid_json(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, openai_bots(faulty, "invalid-json")))
    assert errors == ["bot 'faulty' answered with a body that is not JSON: "
                      "'<html>Internal oops</html>'"] * 2
    assert faulty.requests["invalid-json"] == 2  # the same body again would not help


async def test_non_utf8_bytes(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, openai_bots(faulty, "latin1")))
    assert len(errors) == 2
    for error in errors:
        assert error.startswith("bot 'faulty': reply is not utf-8: byte 0xe9 at offset ")
        assert error.endswith("send UTF-8 or declare the charset in Content-Type")


async def test_a_429_storm(db_path: Path, faulty: FaultyBotServer) -> None:
    errors = failures(await run(db_path, openai_bots(faulty, "429/retry_after=0", retries=2)))
    assert len(errors) == 2
    for error in errors:
        assert error.startswith("bot 'faulty' answered HTTP 429")
        assert error.endswith("(after 3 attempts)")
    assert faulty.requests["429"] == 6
