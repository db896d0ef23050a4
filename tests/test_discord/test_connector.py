"""The `discord` connector against the emulator, with real discord.py bots on both sides."""

from __future__ import annotations

import asyncio
import json

import discord
import pytest

from bridge.discord.emulator import flags
from simulator.connector import BotConnector, BotContext
from simulator.conversation import Conversation, ConversationJob
from simulator.engine import ConversationSetting
from simulator.errors import BotHTTPError, BotTimeout, ConfigError
from simulator.events import Event, TurnRecorded
from simulator.persona import builtin_personas
from tests.support import CountingEngine
from tests.test_discord.conftest import TOKEN_ENV, DiscordServer
from tests.test_discord.targets import (
    EchoBot,
    MentionOnlyBot,
    ReplyChainBot,
    SilentBot,
    StreamingEmbedBot,
    TwoMessageBot,
    TypingPauseBot,
)


def context(conversation: str = "conv-0001", persona: str = "analytical_alex") -> BotContext:
    return BotContext(conversation, persona, ())


async def talk(bot: BotConnector, conversation: str, *messages: str) -> list[str]:
    return [(await bot.reply(context(conversation), text)).text for text in messages]


async def test_round_trip_in_a_thread_of_its_own(server: DiscordServer) -> None:
    target = await server.start_target(EchoBot())
    bot = await server.connector(target)
    first = await bot.reply(context("conv-aaaa1111"), "hello there")
    assert first.text == "echo: hello there"
    assert first.latency_ms > 0 and first.ttft_ms is None and first.attempts == 1
    raw = json.loads(first.raw or "")
    assert raw["messages"][0]["content"] == "echo: hello there"
    assert raw["completion"]["messages"] == 1 and raw["completion"]["edits"] == 0
    assert raw["completion"]["ended_by"] == "quiet"
    assert (await bot.reply(context("conv-aaaa1111"), "and again")).text == "echo: and again"
    assert await talk(bot, "conv-bbbb2222", "other") == ["echo: other"]
    tester, bot_user = server.tester.id, target.id
    assert server.thread_messages("analytical_alex conv-aaa") == [
        (tester, "hello there"), (bot_user, "echo: hello there"),
        (tester, "and again"), (bot_user, "echo: and again")]
    assert server.thread_messages("conv-bbb") == [(tester, "other"), (bot_user, "echo: other")]


async def test_twenty_concurrent_conversations_never_mix(server: DiscordServer) -> None:
    target = await server.start_target(EchoBot())
    bot = await server.connector(target)
    conversations = [f"conv-{n:04d}" for n in range(20)]
    replies = await asyncio.gather(*(
        talk(bot, name, *(f"{name} says {turn}" for turn in range(3))) for name in conversations))
    for name, texts in zip(conversations, replies, strict=True):
        assert texts == [f"echo: {name} says {turn}" for turn in range(3)]
    threads = [c for c in server.world.channels.values() if c.is_thread]
    assert len(threads) == 20 and all(thread.message_count == 6 for thread in threads)


async def test_two_messages_make_one_turn(server: DiscordServer) -> None:
    bot = await server.connector(await server.start_target(TwoMessageBot()))
    reply = await bot.reply(context(), "hi")
    assert reply.text == "first part\nsecond part: hi"
    assert reply.ttft_ms is not None and reply.ttft_ms <= reply.latency_ms


async def test_an_embed_streamed_through_edits_is_taken_in_its_final_form(
    server: DiscordServer,
) -> None:
    bot = await server.connector(await server.start_target(StreamingEmbedBot()))
    reply = await bot.reply(context(), "the tides")
    assert reply.text == "Answer\nstreamed answer to the tides"
    assert reply.ttft_ms is not None
    assert await talk(bot, "conv-0001", "waves") == ["Answer\nstreamed answer to waves"]


async def test_typing_holds_the_turn_open_past_the_quiet_window(server: DiscordServer) -> None:
    bot = await server.connector(await server.start_target(TypingPauseBot(pause_s=0.8)),
                                 quiet_s=0.25, typing_s=5)
    assert (await bot.reply(context(), "hard question")).text == "let me think\nhere it is"


async def test_reply_chains_carry_the_context(server: DiscordServer) -> None:
    target = await server.start_target(ReplyChainBot())
    chained = await server.connector(target, reply_chain=True)
    assert (await talk(chained, "conv-chain", "first question", "second", "third"))[-1] == (
        "I remember 5 messages, the oldest: first question")
    plain = await server.connector(target)
    assert (await talk(plain, "conv-plain", "first question", "second", "third"))[-1] == (
        "I remember 1 messages, the oldest: third")


async def test_a_bot_that_never_answers_times_out_cleanly(server: DiscordServer) -> None:
    target = await server.start_target(SilentBot())
    bot = await server.connector(target, timeout_s=0.5)
    with pytest.raises(BotTimeout, match=rf"user {target.id}\) sent no reply within 0\.5 s"):
        await bot.reply(context(), "anyone there?")
    events: list[Event] = []
    setting = ConversationSetting("conv-silent", "travel", "calm", 1, 3, 5)
    job = ConversationJob(None, builtin_personas()["casual_casey"], "target", setting)
    finished = await Conversation(job, bot, CountingEngine(3), events.append).run()
    turns = [event for event in events if isinstance(event, TurnRecorded)]
    assert finished.status == "failed" and "sent no reply within 0.5 s" in (finished.error or "")
    assert len(turns) == 1 and turns[0].reply is None
    assert "sent no reply within 0.5 s" in (turns[0].error or "")


async def test_mention_only_bots_answer_with_mention_true(server: DiscordServer) -> None:
    target = await server.start_target(MentionOnlyBot())
    mentioning = await server.connector(target, mention=True)
    assert await talk(mentioning, "conv-m1", "hello?") == ["you called?"]
    assert server.thread_messages("conv-m1")[0][1] == f"<@{target.id}> hello?"
    plain = await server.connector(target, timeout_s=0.5)
    with pytest.raises(BotTimeout):
        await plain.reply(context("conv-m2"), "hello?")


async def test_a_gateway_disconnect_mid_turn_loses_nothing(server: DiscordServer) -> None:
    gateway, tester_id = server.emulator.gateway, server.tester.id
    sent_while_away: list[bool] = []

    class DroppingEcho(EchoBot):
        """Cuts the tester's gateway, then answers its second message while it is away."""

        async def answer(self, message: discord.Message) -> None:
            if len(self.seen) != 2:
                return await super().answer(message)
            async with gateway.held(tester_id):
                await gateway.disconnect(tester_id)
                await super().answer(message)
                sent_while_away.append(not gateway.live(tester_id))

    bot = await server.connector(await server.start_target(DroppingEcho()))
    replies = [(await bot.reply(context(), f"message {n}")).text for n in range(4)]
    assert replies == [f"echo: message {n}" for n in range(4)]
    assert sent_while_away == [True]
    assert gateway.resumes(tester_id) == 1 and gateway.identifies[tester_id] == 1


async def test_a_lost_session_is_caught_up_from_the_channel_history(
    server: DiscordServer,
) -> None:
    """The session cannot be resumed: discord.py identifies anew (after its 5 s identify
    pause) and the tester reads the reply it missed from the thread's history."""
    gateway, tester_id = server.emulator.gateway, server.tester.id

    class ForgettingEcho(EchoBot):
        async def answer(self, message: discord.Message) -> None:
            async with gateway.held(tester_id):
                await gateway.disconnect(tester_id, resumable=False)
                await super().answer(message)

    bot = await server.connector(await server.start_target(ForgettingEcho()), timeout_s=30)
    assert (await bot.reply(context(), "still there?")).text == "echo: still there?"
    assert gateway.identifies[tester_id] == 2 and gateway.resumes(tester_id) == 0


async def test_missing_thread_permission_is_a_clear_bot_error(server: DiscordServer) -> None:
    target = await server.start_target(EchoBot())
    server.world.set_overwrite(server.channel.id, server.tester.id,
                               deny=flags.CREATE_PUBLIC_THREADS)
    bot = await server.connector(target)
    with pytest.raises(BotHTTPError, match=r"refused to create a thread .* Missing Permissions "
                       r"\(403\); run `sparring discord check`"):
        await bot.reply(context(), "hello")


async def test_one_channel_per_conversation_when_configured(server: DiscordServer) -> None:
    target = await server.start_target(EchoBot())
    server.world.add_role("channel makers", flags.MANAGE_CHANNELS, (server.tester.id,))
    bot = await server.connector(target, conversation_in="channel")
    assert await talk(bot, "conv-chan1", "in a channel") == ["echo: in a channel"]
    made = [c.name for c in server.world.channels.values() if c.id != server.channel.id]
    assert made == ["sparring-analytical_alex-conv-cha"]


async def test_setup_errors_name_the_field(server: DiscordServer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = await server.start_target(EchoBot())
    monkeypatch.delenv(TOKEN_ENV)
    with pytest.raises(ConfigError, match=rf"bots.target.token_env = '{TOKEN_ENV}', but that "
                       "environment variable is not set"):
        await server.connector(target)
    monkeypatch.setenv(TOKEN_ENV, "not-a-token")
    with pytest.raises(ConfigError, match=r"bots.target.token_env: Discord rejected the token"):
        await server.connector(target)
    outsider = server.world.add_user("outsider", join=False)
    monkeypatch.setenv(TOKEN_ENV, outsider.token or "")
    with pytest.raises(ConfigError, match=rf"bots.target.guild_id = {server.world.guild_id}: "
                       "the tester bot is not in that guild"):
        await server.connector(target)
    no_intent = server.world.add_user("no-intent", message_content=False)
    monkeypatch.setenv(TOKEN_ENV, no_intent.token or "")
    with pytest.raises(ConfigError, match="switch on MESSAGE CONTENT INTENT"):
        await server.connector(target)
