"""Replies streamed through edits, the way llmcord streams them, are taken only when whole."""

from __future__ import annotations

import asyncio
import json

import pytest

from simulator.connector import BotConnector, BotContext
from simulator.errors import BotTimeout
from tests.test_discord.conftest import DiscordServer
from tests.test_discord.targets import LlmcordLikeBot, MentionOnlyBot, TargetBot

LLMCORD = {"mention": True, "reply_chain": True, "quiet_s": 0.1}


async def converse(bot: BotConnector, conversation: str, turns: int) -> list[dict[str, object]]:
    """Each turn's text and stored completion figures."""
    out = []
    for turn in range(turns):
        reply = await bot.reply(BotContext(conversation, "analytical_alex", ()),
                                f"{conversation} turn {turn}")
        out.append({"text": reply.text, **json.loads(reply.raw or "")["completion"]})
    return out


async def test_llmcord_style_streams_are_never_captured_mid_stream(
    server: DiscordServer,
) -> None:
    """18 turns in 6 concurrent conversations: every answer stalls with its marker showing
    for three times the quiet window and most run over into a second message."""
    target = LlmcordLikeBot(edit_s=0.02, stall_s=0.3, max_length=160)
    bot = await server.connector(await server.start_target(target), **LLMCORD)
    turns = await asyncio.gather(*(converse(bot, f"conv-{n}", 3) for n in range(6)))
    replies = {str(turn["text"]) for conversation in turns for turn in conversation}
    finals = {"\n".join(contents) for contents in target.finals}
    assert len(target.finals) == 18 and replies == finals
    figures = [turn for conversation in turns for turn in conversation]
    assert all(turn["ended_by"] == "marker cleared" and turn["marker"] is None
               for turn in figures)
    assert all(int(str(turn["edits"])) >= 10 for turn in figures)
    assert all(turn["messages"] == len(contents) for turn, contents in zip(
        sorted(figures, key=lambda t: str(t["text"])),
        sorted(target.finals, key="\n".join), strict=True))
    assert any(int(str(turn["messages"])) > 1 for turn in figures)


async def test_without_markers_the_stall_cuts_the_reply_short(server: DiscordServer) -> None:
    """The control: with markers switched off, a stall 50 times the edit cadence and ten
    times the quiet window ends the turn mid-stream, so the marker is what keeps it whole."""
    target = LlmcordLikeBot(edit_s=0.02, stall_s=1.0, max_length=4000)
    bot = await server.connector(await server.start_target(target), stream_markers="[]",
                                 stream_colors="[]", **LLMCORD)
    reply = await bot.reply(BotContext("conv-x", "casual_casey", ()), "hello")
    assert reply.text.endswith(" ⚪") and reply.text != target.finals[0][0]


async def test_a_reply_still_marked_at_the_deadline_is_an_error_not_a_turn(
    server: DiscordServer,
) -> None:
    target = await server.start_target(LlmcordLikeBot(finish=False))
    bot = await server.connector(target, timeout_s=1, **LLMCORD)
    with pytest.raises(BotTimeout, match=r"still being streamed after 1 s \(message \d+ ends "
                       r"in ' ⚪'\), so it is not recorded as a complete reply"):
        await bot.reply(BotContext("conv-y", "casual_casey", ()), "hello")


class FirstOnlyBot(TargetBot):
    """Answers the first message it sees, then nothing."""

    async def answer(self, message: object) -> None:
        if len(self.seen) == 1:
            await self.seen[0].reply("only once")


async def test_reply_chain_without_mention_says_why_nothing_came(server: DiscordServer) -> None:
    target = await server.start_target(MentionOnlyBot())
    bot = await server.connector(target, reply_chain=True, timeout_s=0.5)
    with pytest.raises(BotTimeout, match=(
            rf"user {target.id}\) sent no reply within 0.5 s to message \d+ in channel \d+ "
            r"\(without a mention, and not a reply\); it may not have answered because it was "
            r"not mentioned \(the first message of a conversation has no bot message to reply "
            r"to\); for a bot that answers only mentions set `mention: true`; it may lack the "
            r"message-content intent .*; it may ignore messages from bots")):
        await bot.reply(BotContext("conv-r1", "casual_casey", ()), "hello?")
    once = await server.start_target(FirstOnlyBot(), name="once")
    bot = await server.connector(once, reply_chain=True, timeout_s=0.5)
    first = await bot.reply(BotContext("conv-r2", "casual_casey", ()), "hello?")
    first_id = json.loads(first.raw or "")["messages"][0]["id"]
    with pytest.raises(BotTimeout, match=rf"\(a reply to its message {first_id}, without a "
                       r"mention\); it may not have answered because it was not mentioned in "
                       r"the text"):
        await bot.reply(BotContext("conv-r2", "casual_casey", ()), "and now?")
