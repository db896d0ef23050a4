"""The noise dial: messages roughened by chance, seeded, and off by default."""

from __future__ import annotations

import random

from simulator.engine import ConversationSetting
from simulator.noise import TOOL_REQUESTS, NoisySession, roughen
from simulator.persona import Noise, builtin_personas
from simulator.scripted import ScriptedEngine

CASEY = builtin_personas()["casual_casey"]
TEXT = "I've been thinking about hiking trails, and I wonder which ones are best?"
SETTING = ConversationSetting("c1", "hiking", "relaxed", 5, 3, 6)


def test_no_noise_changes_nothing_and_is_not_part_of_the_hash() -> None:
    assert not CASEY.noise.active
    assert roughen(TEXT, Noise(), CASEY, random.Random(1), opening=False) == TEXT
    noisy = CASEY.model_copy(update={"noise": Noise(typos=0.5)})
    assert noisy.definition_hash != CASEY.definition_hash


def test_each_kind_of_noise_does_what_it_says() -> None:
    rng = random.Random(3)
    assert roughen(TEXT, Noise(lowercase=1), CASEY, rng, opening=True) == TEXT.lower()
    assert roughen(TEXT, Noise(no_punctuation=1), CASEY, rng, opening=True) == (
        "Ive been thinking about hiking trails, and I wonder which ones are best")
    assert roughen(TEXT, Noise(fragments=1), CASEY, rng, opening=True) == (
        "I've been thinking about hiking trails")
    drifted = roughen(TEXT, Noise(topic_drift=1), CASEY, rng, opening=True)
    assert drifted.startswith(TEXT) and any(t in drifted for t in CASEY.conversation_topics)
    typo = roughen(TEXT, Noise(typos=1), CASEY, rng, opening=True)
    assert typo != TEXT and len(typo.split()) == len(TEXT.split())
    assert roughen(TEXT, Noise(off_topic=1), CASEY, rng, opening=False) in TOOL_REQUESTS
    assert roughen(TEXT, Noise(off_topic=1), CASEY, rng, opening=True) == TEXT


async def _texts(persona_noise: Noise, seed: int = 5) -> tuple[list[str], list[str]]:
    """(what went out, what the engine wrote) over a short conversation."""
    persona = CASEY.model_copy(update={"noise": persona_noise})
    setting = ConversationSetting("c1", "hiking", "relaxed", seed, 4, 4)
    inner = ScriptedEngine().session(persona, setting)
    session = NoisySession(inner, persona, setting)
    sent, written = [], []
    message = await session.opening()
    while message is not None:
        sent.append(message.text)
        message = await session.next_message("Sure, the ridge loop is lovely in spring.")
    plain = ScriptedEngine().session(CASEY, setting)
    message = await plain.opening()
    while message is not None:
        written.append(message.text)
        message = await plain.next_message("Sure, the ridge loop is lovely in spring.")
    return sent, written


async def test_noise_is_seeded_and_changes_what_goes_out() -> None:
    noise = Noise(typos=0.6, lowercase=0.5, fragments=0.3, off_topic=0.3)
    sent, written = await _texts(noise)
    assert len(sent) == len(written) == 4
    assert sent != written
    assert (await _texts(noise))[0] == sent
    assert (await _texts(noise, seed=6))[0] != sent
