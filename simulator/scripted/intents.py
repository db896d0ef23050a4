"""The vocabulary of what a scripted persona's message does, shared by policy and voice."""

from __future__ import annotations

from typing import Literal

from simulator.persona import CommunicationStyle

Intent = Literal[
    "opening", "clarify", "deepen", "tangent", "validate", "complain", "react", "follow_up"
]
Complaint = Literal["empty", "long", "off", "tone"]
Table = dict[CommunicationStyle, tuple[str, ...]]
"""Message templates for each communication style."""

INTENT_MEANINGS: dict[Intent, str] = {
    "opening": "starts the conversation about the chosen topic",
    "clarify": "asks what a phrase from the bot's reply means",
    "deepen": "pushes for more detail, data, sources or mechanisms",
    "tangent": "jumps to another of the persona's topics or a phrase from the reply",
    "validate": "seeks acknowledgement of the persona's feelings or view",
    "complain": "objects to an empty, over-long, off-topic or off-tone reply",
    "react": "reacts to the reply, often sharing something or adding a question",
    "follow_up": "asks the next question on the current topic",
}
"""What each `UserMessage.intent` value of the scripted engine means."""

COMPLAINTS: dict[Complaint, str] = {
    "empty": "the reply was empty; the persona repeats its question",
    "long": "the reply ran longer than the persona likes",
    "off": "the reply did not address what the persona asked",
    "tone": "the reply's register did not suit the persona",
}
"""What each kind of complaint is about."""
