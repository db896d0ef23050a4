"""What a scripted persona does next: behavioural dials from preferences, intent, stopping.

Everything here is driven by `Preferences`, never by persona id, so any persona with
Alex's preferences pushes for detail like Alex and any with Casey's gets bored like Casey.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, replace

from simulator.engine import ConversationSetting, Intent
from simulator.persona import CommunicationStyle, Preferences
from simulator.scripted.fit import ReplyFit
from simulator.scripted.intents import Complaint


@dataclass(frozen=True, slots=True)
class Traits:
    """Behavioural dials derived from a persona's preferences (weights and chances)."""

    clarify: float
    deepen: float
    tangent: float
    validate: float
    react: float
    follow_up: float
    wordiness: float
    """Chance-like dial for adding sentences that say what the persona wants."""
    questions: float
    """Chance of stacking a second question onto a message."""
    impatience: float
    """How strongly replies longer than the preferred band annoy the persona."""
    detail_hunger: float
    """How strongly replies shorter than the preferred band prompt a push for more."""
    sharing: float
    """Chance of sharing something personal once the persona feels heard."""
    fatigue: float = 0.03
    """Engagement lost per turn regardless of reply quality."""
    done_rate: float = 0.2
    """Chance of ending, once past the minimum turns, after a reply that satisfied."""
    topic_focus: float = 1.0
    """How much an off-topic reply bothers the persona."""


_STYLE_BASE: dict[CommunicationStyle, Traits] = {
    # clarify, deepen, tangent, validate, react, follow_up, wordiness, questions,
    # impatience, detail_hunger, sharing
    "technical": Traits(1.2, 0.9, 0.15, 0.0, 0.35, 1.0, 0.75, 0.25, 0.2, 0.5, 0.0),
    "casual": Traits(0.45, 0.2, 0.35, 0.0, 1.3, 0.8, 0.1, 0.05, 1.0, 0.0, 0.0),
    "empathetic": Traits(0.3, 0.45, 0.2, 0.8, 0.9, 0.8, 0.55, 0.1, 0.3, 0.2, 0.6),
    "adventurous": Traits(1.0, 0.5, 0.9, 0.0, 0.6, 1.2, 0.45, 0.55, 0.3, 0.2, 0.1),
    "direct": Traits(0.7, 0.5, 0.1, 0.0, 0.3, 1.0, 0.15, 0.1, 0.8, 0.2, 0.0),
    "formal": Traits(0.8, 0.7, 0.1, 0.0, 0.5, 1.0, 0.7, 0.15, 0.3, 0.3, 0.0),
}


def traits_for(preferences: Preferences) -> Traits:
    """The dials for a persona: its style's base, adjusted by depth, length and support."""
    t = _STYLE_BASE[preferences.communication_style]
    depth = preferences.topic_depth
    if depth == "surface":
        t = replace(
            t,
            deepen=t.deepen * 0.5,
            clarify=t.clarify * 0.7,
            fatigue=0.05,
            done_rate=0.35,
            topic_focus=0.5,
        )
    elif depth == "deep":
        t = replace(
            t,
            deepen=t.deepen * 1.5 + 0.3,
            clarify=t.clarify * 1.2,
            fatigue=0.015,
            done_rate=0.08,
            wordiness=t.wordiness + 0.15,
            topic_focus=1.2,
            detail_hunger=min(1.0, t.detail_hunger + 0.5),
        )
    elif depth == "exploratory":
        t = replace(
            t,
            tangent=t.tangent * 1.6 + 0.5,
            questions=t.questions + 0.25,
            clarify=t.clarify * 1.1,
            fatigue=0.01,
            done_rate=0.06,
            topic_focus=0.3,
        )
    length = preferences.response_length
    if length == "brief":
        t = replace(
            t,
            impatience=min(1.5, t.impatience + 0.7),
            wordiness=t.wordiness * 0.5,
            detail_hunger=0.0,
        )
    elif length == "moderate":
        t = replace(t, impatience=t.impatience + 0.1)
    elif length == "detailed":
        t = replace(t, impatience=0.0, detail_hunger=1.0, wordiness=t.wordiness + 0.1)
    else:
        t = replace(t, impatience=t.impatience * 0.4)
    support = preferences.emotional_support
    if support == "validation-focused":
        t = replace(t, validate=t.validate + 0.8, sharing=max(t.sharing, 0.5))
    elif support == "solution-focused":
        t = replace(t, follow_up=t.follow_up * 1.3, validate=0.0)
    elif support == "minimal":
        t = replace(t, validate=0.0, sharing=0.0, react=t.react * 0.8)
    return t


@dataclass(frozen=True, slots=True)
class Plan:
    """The next message's intent and what it is about."""

    intent: Intent
    term: str | None = None
    """A phrase from the bot's reply the message picks up."""
    other: str | None = None
    """The new subject of a tangent."""
    complaint: Complaint = "empty"
    terse: bool = False
    """Whether the reply was shorter than the persona likes and it minds."""


INTENTS: tuple[Intent, ...] = (
    "clarify",
    "deepen",
    "tangent",
    "validate",
    "react",
    "follow_up",
    "complain",
)


def _complaint(
    fit: ReplyFit, direction: int, t: Traits, past: Mapping[Complaint, int]
) -> tuple[Complaint, float]:
    candidates: list[tuple[float, Complaint]] = [
        (t.impatience * 3.0 * (1.0 - fit.length) if direction > 0 else 0.0, "long"),
        (
            1.2 * t.topic_focus * (1.0 - fit.addressed)
            if fit.addressed < 0.5 and fit.overall < 0.6
            else 0.0,
            "off",
        ),
        (0.8 * (1.0 - fit.style) if fit.style < 0.35 else 0.0, "tone"),
    ]
    weight, kind = max(candidates, key=lambda item: item[0])
    return kind, weight * 0.6 ** past.get(kind, 0)


def plan_next(
    fit: ReplyFit,
    direction: int,
    traits: Traits,
    terms: list[str],
    tangents: tuple[str, ...],
    past: Mapping[Complaint, int],
    rng: random.Random,
) -> Plan:
    """Choose what to do after a reply.

    `direction` is the reply's length against the preferred band (-1, 0, +1), `terms` the
    phrases it offers, `tangents` the persona's other topics and `past` how often it has
    already made each complaint (repeats grow less likely).
    """
    if fit.empty:
        return Plan("complain", complaint="empty")
    kind, complain = _complaint(fit, direction, traits, past)
    shortfall = 1.0 - fit.length if direction < 0 else 0.0
    weights = (
        traits.clarify if terms else 0.0,
        traits.deepen * (1.0 + 3.0 * traits.detail_hunger * shortfall),
        traits.tangent if terms or tangents else 0.0,
        traits.validate * (0.25 if fit.acknowledged else 2.0),
        traits.react * 1.5 * fit.overall + (1.2 * traits.validate if fit.acknowledged else 0.0),
        traits.follow_up,
        complain,
    )
    intent = rng.choices(INTENTS, weights)[0]
    term = None
    if terms:
        term = terms[0] if len(terms) == 1 or rng.random() < 0.55 else rng.choice(terms)
    if intent == "complain":
        return Plan("complain", complaint=kind)
    if intent == "tangent":
        if tangents and (term is None or rng.random() < 0.6):
            return Plan("tangent", other=rng.choice(tangents))
        return Plan("tangent", other=term)
    terse = shortfall > 0.3 and traits.detail_hunger > 0.3
    return Plan(intent, term=term, terse=terse)


def should_stop(
    sent: int,
    setting: ConversationSetting,
    engagement: float,
    fit: ReplyFit,
    traits: Traits,
    rng: random.Random,
) -> bool:
    """Whether the persona ends the conversation after `sent` messages and this reply."""
    if sent >= setting.max_turns:
        return True
    if sent < setting.min_turns:
        return False
    if engagement < 0.3:
        return True
    if fit.overall >= 0.75 and rng.random() < traits.done_rate:
        return True
    span = max(1, setting.max_turns - setting.min_turns)
    return rng.random() < 0.03 + 0.22 * (sent - setting.min_turns) / span
