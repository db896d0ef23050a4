"""Manual chat: the operator talks to one configured bot, recorded like any conversation.

The conversation is stored with source `human`, no run, persona `operator`; each turn is
scored by the same heuristics as a persona's, against a neutral persona's preferences.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from types import TracebackType

from bridge.config import BotsFile
from bridge.pool import BotPool
from simulator.conversation import Conversation, ConversationJob
from simulator.engine import ConversationSetting
from simulator.events import ConversationFinished, Event, TurnRecorded
from simulator.operator import OperatorChannel, OperatorEngine
from simulator.persona import Persona, Preferences
from storage.database import Database
from storage.recorder import Recorder

OPERATOR_PERSONA = Persona(
    id="operator",
    name="Operator",
    personality="A person at the keyboard, talking to the bot directly.",
    preferences=Preferences(response_length="moderate", communication_style="direct",
                            formality="friendly"),
    conversation_topics=("manual chat",),
    emotional_baseline="neutral",
)
"""Who a manual chat's user is; only its preferences count (length and formality fit)."""

MAX_TURNS = 20
"""The turn count the conversation's engagement figure is measured against."""


class ManualChat:
    """One chat with `bot_id`: `send` messages, `end` it; the bot's turns reach `sink`.

    `async with ManualChat(db, bots_file, "jake", sink=show) as chat: chat.send("hi")`.
    The conversation starts with the first message, so a chat left without a word stores
    nothing. Closing ends it (a reply on its way is awaited, unless cancelled) and writes
    everything to `db`, which stays open.
    """

    def __init__(
        self,
        db: Database,
        bots_file: BotsFile,
        bot_id: str,
        *,
        sink: Callable[[Event], None] | None = None,
    ) -> None:
        self.bot_id = bot_id
        self.conversation_id = str(uuid.uuid4())
        self._pool = BotPool(bots_file, [bot_id])
        self._recorder = Recorder(db)
        self._sink = sink
        self._channel = OperatorChannel()
        self._sent = 0
        self._answered = 0
        self._task: asyncio.Task[ConversationFinished] | None = None
        self._over = asyncio.Event()
        """Set once the chat is over: ended before it began, or its conversation finished."""
        self._closing: asyncio.Task[None] | None = None

    async def __aenter__(self) -> ManualChat:
        await self._pool.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close(cancel=exc_type is not None)

    @property
    def started(self) -> bool:
        """True once the first message went out (the conversation exists)."""
        return self._task is not None

    @property
    def ended(self) -> bool:
        """True once `end` was called or the conversation finished (the bot failed, say)."""
        return self._channel.finished or self._over.is_set()

    def send(self, text: str) -> None:
        """Queue a message for the bot; it goes out once the bot answered the one before."""
        self._channel.send(text)
        self._sent += 1
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._converse())
            self._task.add_done_callback(lambda _: self._over.set())

    def end(self) -> None:
        """End the conversation once the messages already sent are answered. Idempotent."""
        self._channel.finish()
        if self._task is None:
            self._over.set()

    async def finished(self) -> ConversationFinished | None:
        """Wait until the chat is over (ended, or the bot failed); how its conversation
        ended, or None if it never started or was cancelled."""
        await self._over.wait()
        if self._task is None or self._task.cancelled():
            return None
        return self._task.result()

    async def flush(self) -> None:
        """Write what was recorded so far (before reading the conversation back)."""
        await self._recorder.flush()

    async def close(self, *, cancel: bool = False) -> None:
        """End the chat, write it, close the bot. Idempotent; concurrent calls all wait.

        With `cancel`, a reply still on its way is not awaited: that turn is recorded as
        cancelled and so is the conversation.
        """
        self.end()
        if cancel and self._task is not None and self._answered < self._sent:
            self._task.cancel()
        if self._closing is None:
            self._closing = asyncio.get_running_loop().create_task(self._shut())
        await asyncio.shield(self._closing)

    async def _shut(self) -> None:
        try:
            if self._task is not None:
                await asyncio.gather(self._task, return_exceptions=True)
            await self._recorder.close()
        finally:
            await self._pool.close()

    async def _converse(self) -> ConversationFinished:
        setting = ConversationSetting(
            conversation_id=self.conversation_id, topic="manual chat",
            emotional_state="neutral", seed=0, min_turns=1, max_turns=MAX_TURNS,
        )
        job = ConversationJob(run_id=None, persona=OPERATOR_PERSONA, bot_id=self.bot_id,
                              setting=setting, source="human")
        connector = self._pool.connectors[self.bot_id]
        return await Conversation(job, connector, OperatorEngine(self._channel),
                                  self._emit).run()

    def _emit(self, event: Event) -> None:
        if isinstance(event, TurnRecorded):
            self._answered += 1
        self._recorder.emit(event)
        if self._sink is not None:
            self._sink(event)
