"""The scripted engine's vocabulary of complaints and message-template tables."""

from __future__ import annotations

from typing import Literal

from simulator.persona import CommunicationStyle

Complaint = Literal["empty", "long", "off", "tone"]
Table = dict[CommunicationStyle, tuple[str, ...]]
"""Message templates for each communication style."""

COMPLAINTS: dict[Complaint, str] = {
    "empty": "the reply was empty; the persona repeats its question",
    "long": "the reply ran longer than the persona likes",
    "off": "the reply did not address what the persona asked",
    "tone": "the reply's register did not suit the persona",
}
"""What each kind of complaint is about."""
