"""The port through which the simulator talks to a bot; `bridge` implements it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of a conversation as a bot sees it."""

    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class BotContext:
    """What a connector knows about the conversation a message belongs to."""

    conversation_id: str
    persona_id: str
    history: tuple[ChatMessage, ...]
    """Earlier messages, oldest first, without the message being sent."""


@dataclass(frozen=True, slots=True)
class BotReply:
    """A bot's answer to one user message."""

    text: str
    latency_ms: float
    """Time from sending the request to the complete reply, for the attempt that succeeded."""
    ttft_ms: float | None = None
    """Time to the first token, when the reply was streamed."""
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    attempts: int = 1
    """Requests it took, retries included."""
    raw: str | None = None
    """The reply payload as received, trimmed for storage."""
    notes: tuple[str, ...] = ()
    """What was odd about a reply that was used anyway (standard fields it lacked, ...)."""


@runtime_checkable
class BotConnector(Protocol):
    """A bot Sparring can converse with.

    `reply` raises a `simulator.errors.BotError` subclass on failure; connectors translate
    their library's exceptions themselves. `open` and `close` are idempotent.
    """

    id: str

    async def open(self) -> None: ...

    async def reply(self, context: BotContext, message: str) -> BotReply: ...

    async def close(self) -> None: ...
