"""The demo bots' voices and `compose_reply`, the pure function behind every demo reply."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping

from bridge.demo.characters.dream import DREAM
from bridge.demo.characters.elena import ELENA
from bridge.demo.characters.jake import JAKE
from bridge.demo.characters.marcus import MARCUS
from bridge.demo.compose import compose
from bridge.demo.cues import read_cues
from bridge.demo.voice import Voice

VOICES: Mapping[str, Voice] = {voice.bot_id: voice for voice in (ELENA, MARCUS, JAKE, DREAM)}
DEMO_BOTS: tuple[str, ...] = tuple(VOICES)
"""The demo bot ids: elena, marcus, jake, dream."""

HistoryItem = tuple[str, str] | Mapping[str, str]
"""An earlier message, as a (role, content) pair or a {"role", "content"} mapping."""


class UnknownBotError(KeyError):
    """No demo bot has this id."""


def voice_of(bot_id: str) -> Voice:
    """The voice of `bot_id`; raises UnknownBotError."""
    try:
        return VOICES[bot_id]
    except KeyError:
        raise UnknownBotError(bot_id) from None


def _pairs(history: Iterable[HistoryItem]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for item in history:
        if isinstance(item, tuple):
            pairs.append((str(item[0]), str(item[1])))
        else:
            pairs.append((str(item.get("role", "")), str(item.get("content", ""))))
    return pairs


def _seed(bot_id: str, message: str, history: list[tuple[str, str]]) -> int:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(bot_id.encode())
    for role, content in history:
        digest.update(b"\x1e" + role.encode() + b"\x1f" + content.encode())
    digest.update(b"\x1d" + message.encode())
    return int.from_bytes(digest.digest(), "big")


def compose_reply(bot_id: str, message: str, history: Iterable[HistoryItem] = ()) -> str:
    """The reply of demo bot `bot_id` to `message`, given the earlier messages, oldest first.

    A pure function of its arguments: the same inputs always give the same reply. Raises
    UnknownBotError for an id not in DEMO_BOTS.
    """
    voice = voice_of(bot_id)
    pairs = _pairs(history)
    rng = random.Random(_seed(bot_id, message, pairs))
    return compose(voice, read_cues(message, pairs), rng)
