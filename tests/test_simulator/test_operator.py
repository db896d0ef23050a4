"""The operator as a persona: manual chat, and taking a persona's conversation over."""

from __future__ import annotations

import asyncio

import pytest

from simulator.connector import BotContext, BotReply
from simulator.conversation import Conversation, ConversationJob
from simulator.engine import ConversationSetting, UserMessage
from simulator.events import (
    ConversationFinished,
    ConversationStarted,
    Event,
    Source,
    TurnRecorded,
)
from simulator.operator import (
    OperatorChannel,
    OperatorEngine,
    TakeoverEngine,
    Takeovers,
)
from simulator.persona import Persona, builtin_personas
from simulator.plan import RunPlan
from simulator.runner import Runner
from simulator.scripted import ScriptedEngine
from tests.support import CountingEngine, CountingSession

CASEY = builtin_personas()["casual_casey"]


class SteppedBot:
    """A bot that answers each message only when the test lets it (`answer()`)."""

    id = "stepped"

    def __init__(self) -> None:
        self.received: list[str] = []
        self._arrived = asyncio.Event()
        self._permits: asyncio.Queue[None] = asyncio.Queue()

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def reply(self, context: BotContext, message: str) -> BotReply:
        self.received.append(message)
        self._arrived.set()
        await self._permits.get()
        return BotReply(text=f"re: {message}", latency_ms=1.0)

    def answer(self) -> None:
        self._permits.put_nowait(None)

    async def wait_for(self, count: int) -> None:
        """Until the bot has been sent `count` messages (bounded)."""
        async with asyncio.timeout(5):
            while len(self.received) < count:
                self._arrived.clear()
                await self._arrived.wait()


class InstantBot:
    id = "instant"

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def reply(self, context: BotContext, message: str) -> BotReply:
        return BotReply(text=f"re: {message}", latency_ms=1.0)


class HearingSession(CountingSession):
    """A counting persona that keeps every bot reply it was given."""

    def __init__(self, persona: Persona, setting: ConversationSetting, turns: int) -> None:
        super().__init__(persona, setting, turns)
        self.heard: list[str] = []

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        self.heard.append(bot_reply)
        return await super().next_message(bot_reply)


class HearingEngine(CountingEngine):
    def __init__(self, turns: int) -> None:
        super().__init__(turns)
        self.sessions: list[HearingSession] = []

    def session(self, persona: Persona, setting: ConversationSetting) -> HearingSession:
        session = HearingSession(persona, setting, self.turns)
        self.sessions.append(session)
        return session


def _job(*, run_id: str | None = "run-1", source: Source = "synthetic") -> ConversationJob:
    setting = ConversationSetting("conv-1", "travel", "curious", 7, 1, 8)
    return ConversationJob(run_id, CASEY, "bot", setting, source)


def _turns(events: list[Event]) -> list[TurnRecorded]:
    return [event for event in events if isinstance(event, TurnRecorded)]


def _finished(events: list[Event]) -> ConversationFinished:
    (finished,) = [event for event in events if isinstance(event, ConversationFinished)]
    return finished


async def test_the_channel_keeps_order_and_refuses_late_messages() -> None:
    channel = OperatorChannel()
    channel.send("one")
    channel.send("two")
    channel.finish()
    channel.finish()
    with pytest.raises(RuntimeError, match="finished"):
        channel.send("three")
    assert [await channel.receive() for _ in range(4)] == ["one", "two", None, None]

    held = Takeovers().take("c")
    held.hand_back()
    with pytest.raises(RuntimeError, match="handed back"):
        held.send("late")


async def test_a_manual_chat_records_the_operators_messages_as_a_human_conversation() -> None:
    channel = OperatorChannel()
    events: list[Event] = []
    for text in ("hello there", "and what else?"):
        channel.send(text)
    channel.finish()
    job = _job(run_id=None, source="human")
    finished = await Conversation(job, InstantBot(), OperatorEngine(channel), events.append).run()

    started = events[0]
    assert isinstance(started, ConversationStarted)
    assert (started.source, started.run_id, started.persona_engine) == (
        "human", None, "operator")
    turns = _turns(events)
    assert [(t.index, t.user.text, t.user.intent, t.user.emotion, t.user.engagement)
            for t in turns] == [(0, "hello there", "operator", "operator", 1.0),
                                (1, "and what else?", "operator", "operator", 1.0)]
    assert [t.reply.text for t in turns if t.reply] == ["re: hello there", "re: and what else?"]
    assert (finished.status, finished.turns, finished.verdict, finished.run_id) == (
        "completed", 2, None, None)


async def test_a_chat_ended_before_a_word_is_an_empty_completed_conversation() -> None:
    channel = OperatorChannel()
    channel.finish()
    events: list[Event] = []
    finished = await Conversation(_job(source="human"), InstantBot(), OperatorEngine(channel),
                                  events.append).run()
    assert (finished.status, finished.turns) == ("completed", 0)
    assert _turns(events) == []


async def test_synthetic_is_still_the_default_source() -> None:
    events: list[Event] = []
    await Conversation(_job(), InstantBot(), CountingEngine(1), events.append).run()
    assert isinstance(events[0], ConversationStarted) and events[0].source == "synthetic"


async def test_take_over_hand_back_and_finish_mid_conversation() -> None:
    bot = SteppedBot()
    takeovers = Takeovers()
    persona = HearingEngine(turns=6)
    engine = TakeoverEngine(persona, takeovers)
    assert engine.name == "counting"
    events: list[Event] = []
    task = asyncio.create_task(Conversation(_job(), bot, engine, events.append).run())

    await bot.wait_for(1)  # the persona's opening is with the bot
    channel = takeovers.take("conv-1")
    assert takeovers.is_taken("conv-1") and takeovers.channel_for("conv-1") is channel
    bot.answer()
    channel.send("operator one")
    await bot.wait_for(2)
    channel.send("operator two")  # queued while the bot thinks, then handed back at once
    takeovers.hand_back("conv-1")
    assert not takeovers.is_taken("conv-1") and takeovers.channel_for("conv-1") is None
    bot.answer()
    await bot.wait_for(3)  # "operator two" still went out
    bot.answer()
    await bot.wait_for(4)  # the persona again, answering the bot's reply to "operator two"
    channel = takeovers.take("conv-1")
    bot.answer()
    channel.send("operator three")
    await bot.wait_for(5)
    channel.finish()
    bot.answer()
    finished = await asyncio.wait_for(task, 5)

    assert bot.received == ["travel question 1", "operator one", "operator two",
                            "travel question 2", "operator three"]
    turns = _turns(events)
    assert [t.index for t in turns] == list(range(5))
    assert [t.user.text for t in turns] == bot.received
    assert [t.user.intent for t in turns] == ["follow_up", "operator", "operator",
                                              "follow_up", "operator"]
    (session,) = persona.sessions
    assert session.heard == ["re: operator two"]  # only the reply it answered
    assert (finished.status, finished.turns) == ("completed", 5)
    assert finished.verdict is not None and finished.verdict.reason == "fine"  # the persona's


async def test_a_takeover_handed_back_unused_changes_nothing() -> None:
    takeovers = Takeovers()
    takeovers.take("conv-1")
    takeovers.hand_back("conv-1")
    events: list[Event] = []
    finished = await Conversation(_job(), InstantBot(), TakeoverEngine(CountingEngine(3),
                                                                       takeovers),
                                  events.append).run()
    assert [t.user.text for t in _turns(events)] == [f"travel question {n}" for n in (1, 2, 3)]
    assert finished.turns == 3


async def test_a_scripted_run_taken_over_goes_on_with_the_persona() -> None:
    bot = SteppedBot()
    takeovers = Takeovers()
    events: list[Event] = []

    class Sink:
        def emit(self, event: Event) -> None:
            events.append(event)

    plan = RunPlan(("casual_casey",), ("stepped",), conversations=1, min_turns=3, max_turns=3)
    runner = Runner(plan, {"casual_casey": CASEY}, {"stepped": bot},
                    TakeoverEngine(ScriptedEngine(), takeovers), [Sink()])
    task = asyncio.create_task(runner.run())
    await bot.wait_for(1)
    (started,) = [e for e in events if isinstance(e, ConversationStarted)]
    assert started.persona_engine == "scripted"
    channel = takeovers.take(started.conversation_id)
    channel.send("what would you pack?")
    takeovers.hand_back(started.conversation_id)
    for count in range(1, 5):  # three of the persona's own messages and the operator's
        await bot.wait_for(count)
        bot.answer()
    assert await asyncio.wait_for(task, 5) == "completed"
    turns = _turns(events)
    assert [t.index for t in turns] == list(range(len(turns)))
    intents = [t.user.intent for t in turns]
    assert intents[0] == "opening" and intents[1] == "operator"
    assert turns[1].user.text == "what would you pack?"
    assert "operator" not in intents[2:] and len(turns) == 4
    assert _finished(events).status == "completed"
