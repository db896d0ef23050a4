"""What a demo bot is made of: its length band, manner and fragment pools."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bridge.demo.cues import Emotion

Empathy = Literal["strong", "weak", "brush"]
"""How a bot meets a sad, anxious or frustrated message: dwell on it, nod, or shrug it off."""
Layout = Literal["flowing", "numbered", "oneliner", "mythic"]
"""How sentences are laid out: paragraphs, numbered points, one line, short stanzas."""


@dataclass(frozen=True, slots=True)
class Voice:
    """One demo bot's personality, as fragment pools a reply is composed from.

    Every template may use the slots `{topic}`, `{topic2}` and `{echo}` (words taken from the
    user's message), any key of `slots`, and the numeric slots of `bridge.demo.grammar`.
    """

    bot_id: str
    name: str
    description: str
    band: tuple[int, int]
    """Usual reply length in words, shortest and longest."""
    empathy: Empathy
    layout: Layout
    ask_back: float
    """Chance of ending on a question back to the user."""
    default_topic: str
    """Stands in for `{topic}` when the user's message has no meaningful words."""
    greetings: tuple[str, ...]
    thanks: tuple[str, ...]
    comfort: Mapping[Emotion, tuple[str, ...]]
    answer_open: tuple[str, ...]
    """Openers for an open question (what, how, why...)."""
    answer_yesno: tuple[str, ...]
    statement: tuple[str, ...]
    """Openers for a message that asks nothing."""
    brief: tuple[str, ...]
    """The whole core of a reply when the user asked for a short version."""
    body: tuple[str, ...]
    detail: tuple[str, ...]
    """Sources and step-by-step sentences, used first when the user asks for detail."""
    ask: tuple[str, ...]
    check_in: tuple[str, ...]
    """Gentle questions back after an emotional message."""
    close: tuple[str, ...]
    slots: Mapping[str, tuple[str, ...]]

    @property
    def terms(self) -> tuple[str, ...]:
        """The domain terms this bot drops into its replies."""
        return self.slots.get("term", ())
