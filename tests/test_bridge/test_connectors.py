"""Every connector kind against a real loopback server (or an in-process callable)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bridge.config import load_bots_file
from bridge.pool import BotPool
from simulator.connector import BotConnector, BotContext, ChatMessage
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable, ConfigError
from tests.support import Scripted, ScriptedBotServer

HISTORY = (ChatMessage("user", "hi"), ChatMessage("assistant", "hello there"))
CONTEXT = BotContext("conv-1", "analytical_alex", HISTORY)

MakeBot = Callable[[str], Awaitable[BotConnector]]


def chat_completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10},
    }


@pytest.fixture
async def make_bot(tmp_path: Path) -> AsyncIterator[MakeBot]:
    """Build the single bot described by a `bots:` YAML snippet."""
    pools: list[BotPool] = []

    async def make(entry: str) -> BotConnector:
        path = tmp_path / "bots.yaml"
        path.write_text("bots:\n  target:\n" + entry)
        pool = BotPool(load_bots_file(path))
        pools.append(pool)
        await pool.open()
        return pool.connectors["target"]

    yield make
    for pool in pools:
        await pool.close()


def http_entry(server: ScriptedBotServer, extra: str = "") -> str:
    return f"    kind: http\n    url: {server.url}/hook\n{extra}"


# --- one contract, every kind -------------------------------------------------------------

@pytest.fixture(params=["http", "openai", "python", "demo"])
async def any_bot(request: pytest.FixtureRequest, bot_server: ScriptedBotServer,
                  make_bot: MakeBot) -> BotConnector:
    kind = request.param
    if kind == "http":
        bot_server.script(Scripted(body={"reply": "pong"}))
        return await make_bot(http_entry(bot_server))
    if kind == "openai":
        bot_server.script(Scripted(body=chat_completion("pong")))
        return await make_bot(f"    kind: openai\n    base_url: {bot_server.url}/v1\n"
                              "    model: m\n")
    if kind == "python":
        return await make_bot("    kind: python\n    target: tests.sample_bots:pong\n")
    return await make_bot("    kind: demo\n    bot: jake\n")


async def test_every_kind_replies_with_text_and_latency(any_bot: BotConnector) -> None:
    reply = await any_bot.reply(CONTEXT, "ping")
    assert reply.text.strip()
    assert reply.latency_ms > 0
    assert reply.attempts == 1
    assert any_bot.id == "target"


# --- http ---------------------------------------------------------------------------------

async def test_http_renders_template_headers_and_reply_path(
    bot_server: ScriptedBotServer, make_bot: MakeBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPARRING_TEST_TOKEN", "s3cret")
    bot = await make_bot(http_entry(bot_server, """\
    headers: {X-Token: "Bearer ${SPARRING_TEST_TOKEN}"}
    body: {q: "{message}", session: "c-{conversation_id}", past: "{history}", n: 3}
    reply_path: data.choices.0.text
"""))
    bot_server.script(Scripted(body={"data": {"choices": [{"text": "forty-two"}]}}))
    reply = await bot.reply(CONTEXT, "what is it?")
    assert reply.text == "forty-two"
    sent = bot_server.requests[-1]
    assert sent["headers"]["X-Token"] == "Bearer s3cret"
    assert sent["json"] == {
        "q": "what is it?", "session": "c-conv-1", "n": 3,
        "past": [{"role": "user", "content": "hi"},
                 {"role": "assistant", "content": "hello there"}],
    }


async def test_http_list_of_messages_is_joined(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server, "    reply_path: ''\n"))
    rasa = [{"recipient_id": "u", "text": "Hi!"}, {"recipient_id": "u", "image": "x.png"},
            {"recipient_id": "u", "text": "How can I help?"}]
    bot_server.script(Scripted(body=rasa), Scripted(body=[]))
    assert (await bot.reply(CONTEXT, "hey")).text == "Hi!\nHow can I help?"
    assert (await bot.reply(CONTEXT, "hey")).text == ""


async def test_http_retries_500_then_succeeds(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server))
    bot_server.script(Scripted(status=500, body={"error": "boom"}), Scripted(body={"reply": "ok"}))
    reply = await bot.reply(CONTEXT, "hello")
    assert reply.text == "ok"
    assert reply.attempts == 2
    assert len(bot_server.requests) == 2


async def test_http_429_honours_retry_after(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server))
    bot_server.script(Scripted(status=429, body={}, headers={"Retry-After": "0.4"}),
                      Scripted(body={"reply": "finally"}))
    started = time.perf_counter()
    reply = await bot.reply(CONTEXT, "hello")
    assert reply.text == "finally"
    assert time.perf_counter() - started >= 0.4


async def test_http_gives_up_after_retries_with_status(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server, "    retries: 2\n"))
    bot_server.script(*[Scripted(status=503, body={"error": "down"})] * 3)
    with pytest.raises(BotHTTPError) as caught:
        await bot.reply(CONTEXT, "hello")
    assert caught.value.status == 503
    assert "HTTP 503" in str(caught.value) and "after 3 attempts" in str(caught.value)


async def test_http_4xx_is_not_retried(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server))
    bot_server.script(Scripted(status=401, body={"error": "bad key"}))
    with pytest.raises(BotHTTPError, match="HTTP 401"):
        await bot.reply(CONTEXT, "hello")
    assert len(bot_server.requests) == 1


async def test_http_non_json_body(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server))
    bot_server.script(Scripted(raw=b"<html>Internal</html>"))
    with pytest.raises(BotProtocolError, match="not JSON: '<html>Internal</html>'"):
        await bot.reply(CONTEXT, "hello")


async def test_http_missing_reply_path(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server, "    reply_path: data.text\n"))
    bot_server.script(Scripted(body={"result": "x"}))
    with pytest.raises(BotProtocolError, match="no 'data' under the top level"):
        await bot.reply(CONTEXT, "hello")


async def test_http_timeout(bot_server, make_bot) -> None:
    bot = await make_bot(http_entry(bot_server, "    timeout_s: 0.2\n    retries: 0\n"))
    bot_server.script(Scripted(body={"reply": "late"}, delay_s=1.0))
    with pytest.raises(BotTimeout, match=r"within 0\.2 s"):
        await bot.reply(CONTEXT, "hello")


async def test_unreachable_bot(make_bot) -> None:
    bot = await make_bot("    kind: http\n    url: http://127.0.0.1:9/hook\n    retries: 1\n")
    with pytest.raises(BotUnreachable, match="unreachable"):
        await bot.reply(CONTEXT, "hello")


async def test_unset_env_var_is_a_config_error(bot_server, make_bot) -> None:
    with pytest.raises(ConfigError, match=r"headers.X uses \$\{SPARRING_UNSET_VAR\}"):
        await make_bot(http_entry(bot_server, '    headers: {X: "${SPARRING_UNSET_VAR}"}\n'))


# --- openai -------------------------------------------------------------------------------

async def test_openai_sends_history_and_system_prompt(bot_server, make_bot, monkeypatch) -> None:
    monkeypatch.setenv("SPARRING_TEST_KEY", "sk-test-123")
    bot = await make_bot(f"""\
    kind: openai
    base_url: {bot_server.url}/v1
    model: tiny
    api_key_env: SPARRING_TEST_KEY
    system_prompt: You are terse.
    temperature: 0.2
""")
    bot_server.script(Scripted(body=chat_completion("Sure.")))
    reply = await bot.reply(CONTEXT, "help?")
    assert (reply.text, reply.prompt_tokens, reply.completion_tokens) == ("Sure.", 7, 3)
    sent = bot_server.requests[-1]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-test-123"
    assert sent["json"]["model"] == "tiny" and sent["json"]["temperature"] == 0.2
    assert [m["role"] for m in sent["json"]["messages"]] == ["system", "user", "assistant", "user"]


async def test_openai_retries_429_then_maps_500(bot_server, make_bot) -> None:
    bot = await make_bot(f"    kind: openai\n    base_url: {bot_server.url}/v1\n    model: m\n"
                         "    retries: 1\n")
    bot_server.script(Scripted(status=429, body={"error": {"message": "slow down"}},
                               headers={"Retry-After": "0"}),
                      Scripted(body=chat_completion("ok")))
    assert (await bot.reply(CONTEXT, "x")).attempts == 2
    bot_server.script(*[Scripted(status=500, body={"error": {"message": "boom"}})] * 2)
    with pytest.raises(BotHTTPError, match="HTTP 500"):
        await bot.reply(CONTEXT, "x")


async def test_openai_missing_key_env_is_a_config_error(make_bot) -> None:
    with pytest.raises(ConfigError, match="SPARRING_NOT_SET_KEY"):
        await make_bot("    kind: openai\n    base_url: http://127.0.0.1:9/v1\n    model: m\n"
                       "    api_key_env: SPARRING_NOT_SET_KEY\n")


# --- python -------------------------------------------------------------------------------

async def test_python_sync_and_async_callables(make_bot) -> None:
    sync_bot = await make_bot("    kind: python\n    target: tests.sample_bots:echo\n")
    assert (await sync_bot.reply(CONTEXT, "yo")).text == "echo #1: yo"
    async_bot = await make_bot("    kind: python\n    target: tests.sample_bots:async_echo\n")
    assert (await async_bot.reply(CONTEXT, "yo")).text == "async echo: yo"


async def test_python_errors_are_bot_errors(make_bot) -> None:
    broken = await make_bot(
        "    kind: python\n    target: tests.sample_bots:broken\n    retries: 0\n"
    )
    with pytest.raises(BotProtocolError, match="raised ValueError: the model is on fire"):
        await broken.reply(CONTEXT, "x")
    wrong = await make_bot("    kind: python\n    target: tests.sample_bots:not_text\n")
    with pytest.raises(BotProtocolError, match="returned dict; expected str"):
        await wrong.reply(CONTEXT, "x")


async def test_python_unknown_target_is_a_config_error(make_bot) -> None:
    with pytest.raises(ConfigError, match="sample_bots has no callable 'nope'"):
        await make_bot("    kind: python\n    target: tests.sample_bots:nope\n")
