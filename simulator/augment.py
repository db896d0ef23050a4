"""Planning augmented variations of a conversation (seed 000 strategy 2, seed 003 step 2).

A variation keeps its parent's need (the user's messages) and changes who asks, in which
emotional state and in which situation; it is then replayed against a bot, so every bot
reply in it is real. The choice of persona, state and context rotates through shuffled
lists seeded by the run seed and the parent's id: the same seed gives the same variations.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.persona import Persona
from simulator.plan import Target, derive_seed

VARIATION_STATES: tuple[str, ...] = (
    "curious", "frustrated", "anxious", "hurried", "confused", "excited", "skeptical", "calm",
)
"""Emotional states a variation may start in."""

CONTEXTS: tuple[str, ...] = (
    "I'm asking on behalf of my team at work",
    "I'm on my phone between two meetings",
    "I'm working on a school project",
    "a friend asked me about this and I wasn't sure",
    "I already searched online and got lost",
    "I need this sorted by tomorrow",
    "I'm trying this for the very first time",
    "I asked before and the answer didn't help",
    "I'm planning ahead for next month",
    "I have to explain it to my parents later",
)
"""Situations a variation's user may be in."""

_TOPIC_WORDS = 8


@dataclass(frozen=True, slots=True)
class Parent:
    """A conversation worth varying, as the augmenter needs it."""

    id: str
    bot_id: str
    persona_id: str | None
    topic: str | None
    emotional_state: str | None
    user_messages: tuple[str, ...]


def headline(message: str) -> str:
    """A topic for a conversation that has none: the first words of its opening."""
    words = message.split()
    return " ".join(words[:_TOPIC_WORDS]) + (" ..." if len(words) > _TOPIC_WORDS else "")


def plan_variations(
    parent: Parent, personas: Sequence[Persona], count: int, seed: int, bot_id: str
) -> list[Target]:
    """`count` variations of `parent` against `bot_id`, each a one-conversation target.

    Personas other than the parent's come first; states other than the parent's only.
    """
    if not parent.user_messages:
        return []
    rng = random.Random(derive_seed(seed, "augment", parent.id))
    others = [p for p in personas if p.id != parent.persona_id] or list(personas)
    people = rng.sample(others, len(others))
    states = [s for s in VARIATION_STATES if s != parent.emotional_state]
    states = rng.sample(states, len(states))
    contexts = rng.sample(CONTEXTS, len(CONTEXTS))
    topic = parent.topic or headline(parent.user_messages[0])
    return [
        Target(
            persona_id=people[i % len(people)].id,
            bot_id=bot_id,
            topic=topic,
            emotional_state=states[i % len(states)],
            parent_id=parent.id,
            need=parent.user_messages,
            context=contexts[i % len(contexts)],
        )
        for i in range(count)
    ]
