"""A scripted persona's evolving engagement and emotion."""

from __future__ import annotations

import random
from dataclasses import dataclass

from simulator.persona import CommunicationStyle, Persona
from simulator.scripted.fit import ReplyFit
from simulator.scripted.policy import Traits

PALETTES: dict[CommunicationStyle, tuple[str, str, str, str]] = {
    "technical": ("intrigued", "satisfied", "skeptical", "frustrated"),
    "casual": ("amused", "chill", "impatient", "bored"),
    "empathetic": ("comforted", "reassured", "unheard", "discouraged"),
    "adventurous": ("delighted", "excited", "restless", "disappointed"),
    "direct": ("satisfied", "focused", "impatient", "annoyed"),
    "formal": ("gratified", "content", "dissatisfied", "displeased"),
}
"""Emotions by style: very pleased, pleased, let down, fed up."""


def _clip(value: float) -> float:
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


@dataclass(slots=True)
class Mood:
    """Engagement in [0, 1], valence in [-1, 1] (smoothed reply fit) and the emotion word."""

    engagement: float
    valence: float
    emotion: str
    baseline: tuple[str, ...]
    """Neutral emotions the persona drifts back to: the starting state and its baseline."""
    palette: tuple[str, str, str, str]

    @classmethod
    def start(cls, persona: Persona, state: str, rng: random.Random) -> Mood:
        """The mood a conversation starts in: fairly engaged, feeling `state`."""
        singles = tuple(word for word in persona.emotions if " " not in word)
        return cls(
            engagement=0.65 + 0.15 * rng.random(),
            valence=0.0,
            emotion=state,
            baseline=(state, *singles),
            palette=PALETTES[persona.preferences.communication_style],
        )

    def update(self, fit: ReplyFit, direction: int, traits: Traits, rng: random.Random) -> None:
        """Move engagement and emotion after a reply; `direction` is its length vs the band."""
        delta = 0.5 * (fit.overall - 0.55) - traits.fatigue + rng.uniform(-0.03, 0.03)
        if direction > 0:
            delta -= 0.12 * traits.impatience * (1.0 - fit.length)
        self.engagement = _clip(self.engagement + delta)
        self.valence = 0.6 * self.valence + 0.4 * (2.0 * fit.overall - 1.0)
        delighted, pleased, let_down, fed_up = self.palette
        bad_length = fit.length < 0.5 and (
            (direction > 0 and traits.impatience >= 0.5)
            or (direction < 0 and traits.detail_hunger >= 0.5)
        )
        if fit.empty:
            self.emotion = "confused"
        elif self.engagement < 0.3:
            self.emotion = fed_up
        elif bad_length:
            self.emotion = let_down
        elif self.valence >= 0.55:
            self.emotion = delighted
        elif self.valence >= 0.25:
            self.emotion = pleased
        elif self.valence > -0.15:
            self.emotion = rng.choice(self.baseline)
        else:
            self.emotion = let_down

    @property
    def feeling(self) -> str:
        """What the persona would say it feels: the current emotion unless it is a happy one."""
        word = self.baseline[0] if self.emotion in self.palette[:2] else self.emotion
        return word.replace("_", " ")
