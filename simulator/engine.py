"""The persona engine port: what plays the synthetic user in a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from simulator.knowledge import Passage
from simulator.persona import Persona

Intent = Literal[
    "opening", "clarify", "deepen", "tangent", "validate", "complain", "react", "follow_up",
    "tool_request", "operator",
]

INTENT_MEANINGS: dict[Intent, str] = {
    "opening": "starts the conversation about the chosen topic",
    "clarify": "asks what a phrase from the bot's reply means",
    "deepen": "pushes for more detail, data, sources or mechanisms",
    "tangent": "jumps to another of the persona's topics or a phrase from the reply",
    "validate": "seeks acknowledgement of the persona's feelings or view",
    "complain": "objects to an empty, over-long, off-topic or off-tone reply",
    "react": "reacts to the reply, often sharing something or adding a question",
    "follow_up": "asks the next question on the current topic",
    "tool_request": "asks for something unrelated, using the chatbot as a tool",
    "operator": "written by a human operator (manual chat or takeover)",
}
"""What each `UserMessage.intent` value means."""


@dataclass(frozen=True, slots=True)
class Brief:
    """Another conversation's need, for a variation of it to pursue in its own words."""

    messages: tuple[str, ...]
    """The parent conversation's user messages, in order."""
    context: str
    """The situation the variation's user is in (`asking for my team at work`)."""
    continue_after: bool = False
    """Go on as the persona would once the need is told (a category's example), rather
    than end there (an augmented variation)."""


@dataclass(frozen=True, slots=True)
class ConversationSetting:
    """The situation one conversation starts from, fixed before it begins."""

    conversation_id: str
    topic: str
    emotional_state: str
    seed: int
    min_turns: int
    max_turns: int
    brief: Brief | None = None
    """Set for an augmented conversation: the need it retells."""
    category: str | None = None
    """The kind of conversation (a plan's domain or intent category), recorded with it."""
    category_text: str = ""
    """The category's description and examples, for each message's category confidence."""
    passage: Passage | None = None
    """The knowledge-base passage a grounded conversation asks about."""
    goal: str | None = None
    """What the persona wants out of this conversation (`get a refund`)."""


@dataclass(frozen=True, slots=True)
class UserMessage:
    """One message the persona sends, with the state it was written in."""

    text: str
    emotion: str
    """The persona's emotional state when writing it (`curious`, `impatient`, ...)."""
    engagement: float
    """How engaged the persona is at this point, in [0, 1]."""
    intent: Intent = "follow_up"
    """What the message does; see INTENT_MEANINGS."""
    from_brief: bool = False
    """Written from the conversation's brief (a retold need or category example)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The persona's own judgement of the conversation."""

    satisfaction: int
    """1 (very unhappy) to 5 (delighted)."""
    reason: str
    goal_reached: bool | None = None
    """Whether the conversation's goal was reached, in the persona's judgement (None: no
    goal, or no judgement)."""


class PersonaSession(Protocol):
    """One persona in one conversation; holds the persona's evolving state."""

    async def opening(self) -> UserMessage | None:
        """The first message, or None when the conversation ends before it begins."""
        ...

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        """The persona's answer to the bot, or None when it ends the conversation."""
        ...

    async def verdict(self) -> Verdict | None:
        """The persona's satisfaction, or None when it could not give one."""
        ...


class PersonaEngine(Protocol):
    """Makes persona sessions; `scripted` (offline, seeded) or `llm`."""

    name: str

    def session(self, persona: Persona, setting: ConversationSetting) -> PersonaSession: ...
