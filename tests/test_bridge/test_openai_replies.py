"""What the `openai` kind needs from a reply body: the reply text, nothing more. A body the
openai SDK accepts is accepted; what it lacks is noted on the reply."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bridge.config import BotsFile, OpenAIBot
from bridge.openai_chat import OpenAIChatConnector
from simulator.connector import BotContext
from simulator.errors import BotProtocolError
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from tests.support import Scripted, ScriptedBotServer
from tui.session import execute_run

CONTEXT = BotContext("c1", "casual_casey", ())
FULL = {"id": "c1", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}}


def _without(*names: str, **changes: Any) -> dict[str, Any]:
    return {**{k: v for k, v in FULL.items() if k not in names}, **changes}


async def _reply(server: ScriptedBotServer, body: Any) -> Any:
    bot = OpenAIChatConnector("b", OpenAIBot(kind="openai", base_url=f"{server.url}/v1",
                                             model="m", retries=0))
    server.script(Scripted(body=body))
    try:
        return await bot.reply(CONTEXT, "hello")
    finally:
        await bot.close()


@pytest.mark.parametrize(("body", "text", "tokens", "notes"), [
    (FULL, "hi", (5, 1), ()),
    (_without("object", "usage"), "hi", (None, None), ("reply lacks object, usage",)),
    (_without("id", "object", "created", "model", "usage",
              choices=[{"message": {"content": "bare"}}]), "bare", (None, None),
     ("reply lacks id, object, created, model, usage",)),
    (_without(usage={"prompt_tokens": "many"}), "hi", (None, None), ()),
    (_without(choices=[{"message": {"role": "assistant", "content": None,
                                    "tool_calls": []}}]), "", (5, 1), ()),
])
async def test_a_body_with_the_reply_text_is_accepted_and_its_gaps_noted(
    bot_server: ScriptedBotServer, body: Any, text: str, tokens: tuple[Any, Any],
    notes: tuple[str, ...]
) -> None:
    reply = await _reply(bot_server, body)
    assert (reply.text, (reply.prompt_tokens, reply.completion_tokens), reply.notes) == (
        text, tokens, notes)


@pytest.mark.parametrize(("body", "problem"), [
    (_without(choices=[]), "bot 'b' answered with no choices"),
    (_without("choices"), "not a chat completion (no choices[0].message.content text)"),
    (_without(choices=[{"message": {"content": 3}}]), "no choices[0].message.content text"),
    (_without(choices=[{"text": "legacy completion"}]), "no choices[0].message.content"),
    (_without(choices=[{"message": {"role": "assistant"}}]), "no choices[0].message.content"),
    (["not", "an", "object"], "not a chat completion (not a JSON object)"),
])
async def test_a_body_without_reply_text_fails_saying_what_is_missing(
    bot_server: ScriptedBotServer, body: Any, problem: str
) -> None:
    with pytest.raises(BotProtocolError) as caught:
        await _reply(bot_server, body)
    assert problem in str(caught.value)


async def test_the_note_is_stored_on_the_turn(
    bot_server: ScriptedBotServer, db_path: Path
) -> None:
    bot_server.script(*[Scripted(body=_without("usage"))] * 2)
    plan = RunPlan(("casual_casey",), ("b",), conversations=1, min_turns=2, max_turns=2,
                   seed=1)
    bots = BotsFile(source="test", bots={"b": OpenAIBot(
        kind="openai", base_url=f"{bot_server.url}/v1", model="m")})
    await execute_run(plan, builtin_personas(), bots, db_path, handle_signals=False)
    async with Database(db_path) as db, db.conn.execute(
            "SELECT bot_reply, notes, attempts FROM turns ORDER BY idx") as cursor:
        assert [tuple(row) for row in await cursor.fetchall()] == [
            ("hi", "reply lacks usage", 1)] * 2


def _sse(*events: Any) -> bytes:
    return b"".join(f"data: {json.dumps(event)}\n\n".encode() for event in events) + (
        b"data: [DONE]\n\n")


async def test_a_stream_of_sparse_chunks_is_read_for_its_text_and_usage(
    bot_server: ScriptedBotServer
) -> None:
    bot = OpenAIChatConnector("b", OpenAIBot(kind="openai", base_url=f"{bot_server.url}/v1",
                                             model="m", retries=0, stream=True))
    stream = _sse({"choices": [{"delta": {"role": "assistant", "content": "Hel"}}]},
                  {"choices": [{"delta": {"content": "lo"}}, {"index": 1}]},
                  {"choices": [{"delta": None, "finish_reason": "stop"}]},
                  {"usage": {"prompt_tokens": 4, "completion_tokens": 2}})
    bot_server.script(Scripted(raw=stream, headers={"Content-Type": "text/event-stream"}))
    try:
        reply = await bot.reply(CONTEXT, "hello")
    finally:
        await bot.close()
    assert (reply.text, reply.prompt_tokens, reply.completion_tokens, reply.notes) == (
        "Hello", 4, 2, ())
    assert reply.ttft_ms is not None
