"""The operator as a persona: a human writes the user's side of a conversation.

Two uses, both headless (the TUI feeds the channels):

- Manual chat: `OperatorEngine(channel)` plays the user of a whole conversation; every
  message is one the operator typed.
- Takeover: `TakeoverEngine(inner, takeovers)` wraps the run's engine. While
  `takeovers.take(conversation_id)` holds, the operator writes that conversation's user
  messages; `takeovers.hand_back(conversation_id)` returns it to the persona.

What the persona sees across a takeover: nothing of it but the last bot reply. It is not
asked while the conversation is taken over, so the operator's messages and the bot's
replies to them never reach it, except that after the hand-back its next
`next_message(reply)` gets the reply to the operator's last message (the one the bot just
gave). Its own count of messages leaves out the operator's, so it may write as many again
after the hand-back as it would have without the takeover.

Timing: a take-over applies from the persona's next message (one it is already writing is
still sent); a hand-back applies once the bot has answered every message the operator sent
before it; `finish` ends the conversation at its next message. Nothing the operator sends
is lost, duplicated or reordered.

Every operator message has intent `operator`, emotion `operator` and engagement 1.0.
"""

from __future__ import annotations

import asyncio
from enum import Enum

from simulator.engine import (
    ConversationSetting,
    PersonaEngine,
    PersonaSession,
    UserMessage,
    Verdict,
)
from simulator.persona import Persona


class Control(Enum):
    """The marks between the operator's messages in a channel."""

    TAKE = "take"
    HAND_BACK = "hand back"
    FINISH = "finish"


Item = str | Control


def operator_message(text: str) -> UserMessage:
    """What the operator typed, as the user's message of a turn."""
    return UserMessage(text, emotion="operator", engagement=1.0, intent="operator")


class OperatorChannel:
    """The operator's side of one conversation: messages and hand-overs, in the order given.

    `send` queues a message (only while the operator holds the conversation); `finish`
    ends the conversation after the messages already sent; `take` and `hand_back` (through
    `Takeovers`) pass the conversation between persona and operator, again after the
    messages already sent. Nothing sent is lost or reordered.
    """

    def __init__(self, *, taken: bool = True) -> None:
        self._queue: asyncio.Queue[Item] = asyncio.Queue()
        self.taken = taken
        """True while the operator writes the user's messages (as of the last call)."""
        self.finished = False
        """True once `finish` was called."""

    def send(self, text: str) -> None:
        if self.finished or not self.taken:
            state = "finished" if self.finished else "handed back"
            raise RuntimeError(f"the operator channel is {state}: {text[:40]!r} not sent")
        self._queue.put_nowait(text)

    def finish(self) -> None:
        """End the conversation after the messages already sent. Idempotent."""
        if not self.finished:
            self.finished = True
            self._queue.put_nowait(Control.FINISH)

    def take(self) -> None:
        """The operator writes from the next message the persona would write. Idempotent."""
        if not self.taken and not self.finished:
            self.taken = True
            self._queue.put_nowait(Control.TAKE)

    def hand_back(self) -> None:
        """The persona writes again after the messages already sent. Idempotent."""
        if self.taken and not self.finished:
            self.taken = False
            self._queue.put_nowait(Control.HAND_BACK)

    async def receive(self) -> str | None:
        """The next message, waiting for it; None once finished (and ever after)."""
        while True:
            item = await self.next_item()
            if isinstance(item, str):
                return item
            if item is Control.FINISH:
                return None

    async def next_item(self) -> Item:
        """The next message or mark, waiting for it; FINISH stays once reached."""
        return self._seen(await self._queue.get())

    def poll(self) -> Item | None:
        """The next message or mark if one is waiting, else None."""
        try:
            return self._seen(self._queue.get_nowait())
        except asyncio.QueueEmpty:
            return None

    def _seen(self, item: Item) -> Item:
        if item is Control.FINISH:
            self._queue.put_nowait(item)  # every later read sees the end as well
        return item


class OperatorSession:
    """The operator in one conversation: each message is the next one off the channel."""

    def __init__(self, channel: OperatorChannel) -> None:
        self._channel = channel

    async def opening(self) -> UserMessage | None:
        return await self._next()

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        return await self._next()

    async def verdict(self) -> Verdict | None:
        return None  # the operator rates turns instead

    async def _next(self) -> UserMessage | None:
        text = await self._channel.receive()
        return None if text is None else operator_message(text)


class OperatorEngine:
    """A persona engine whose one session is the operator typing into `channel`."""

    name = "operator"

    def __init__(self, channel: OperatorChannel) -> None:
        self.channel = channel

    def session(self, persona: Persona, setting: ConversationSetting) -> OperatorSession:
        return OperatorSession(self.channel)


class Takeovers:
    """The conversations of a run the operator has taken over, each with its channel.

    A conversation keeps its channel once taken (until the registry goes with its run),
    so what the operator sent before a hand-back still reaches it.
    """

    def __init__(self) -> None:
        self._channels: dict[str, OperatorChannel] = {}

    def take(self, conversation_id: str) -> OperatorChannel:
        """Take the conversation over (or keep it); the channel for the operator's messages."""
        channel = self._channels.get(conversation_id)
        if channel is None:
            channel = self._channels[conversation_id] = OperatorChannel(taken=False)
        channel.take()
        return channel

    def hand_back(self, conversation_id: str) -> None:
        """Return the conversation to its persona after the messages already sent."""
        channel = self._channels.get(conversation_id)
        if channel is not None:
            channel.hand_back()

    def channel_for(self, conversation_id: str) -> OperatorChannel | None:
        """The channel while the conversation is taken over, else None."""
        channel = self._channels.get(conversation_id)
        return channel if channel is not None and channel.taken else None

    def is_taken(self, conversation_id: str) -> bool:
        return self.channel_for(conversation_id) is not None

    def stream(self, conversation_id: str) -> OperatorChannel | None:
        """The conversation's channel, taken or not, once it was ever taken."""
        return self._channels.get(conversation_id)


class TakeoverSession:
    """The inner persona's session, with the operator writing while the conversation is
    taken over (see the module docstring for what the persona sees)."""

    def __init__(self, inner: PersonaSession, takeovers: Takeovers, conversation_id: str) -> None:
        self._inner = inner
        self._takeovers = takeovers
        self._conversation_id = conversation_id
        self._taken = False
        """Whether the operator writes, as of the marks read from the channel so far."""

    async def opening(self) -> UserMessage | None:
        taken, message = await self._operator()
        return message if taken else await self._inner.opening()

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        taken, message = await self._operator()
        return message if taken else await self._inner.next_message(bot_reply)

    async def verdict(self) -> Verdict | None:
        return await self._inner.verdict()

    async def _operator(self) -> tuple[bool, UserMessage | None]:
        """(True, the operator's message, or None to end) when the operator writes this
        one; (False, None) when the persona does.

        Reads the channel in order: while taken over it waits for the operator; otherwise
        it only looks at what is already there (a take, or a finish).
        """
        channel = self._takeovers.stream(self._conversation_id)
        if channel is None:
            return False, None
        while True:
            item = await channel.next_item() if self._taken else channel.poll()
            if item is None:
                return False, None
            if item is Control.TAKE:
                self._taken = True
            elif item is Control.HAND_BACK:
                self._taken = False
            elif item is Control.FINISH:
                return True, None
            else:
                return True, operator_message(item)


class TakeoverEngine:
    """Wraps `inner` so the operator can take over any of its conversations."""

    def __init__(self, inner: PersonaEngine, takeovers: Takeovers) -> None:
        self.inner = inner
        self.takeovers = takeovers
        self.name = inner.name

    def session(self, persona: Persona, setting: ConversationSetting) -> TakeoverSession:
        return TakeoverSession(self.inner.session(persona, setting), self.takeovers,
                               setting.conversation_id)
