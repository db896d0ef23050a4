"""Writing a scripted persona's message: a template for the intent, the pieces around it,
then the persona's punctuation and capitalisation habits.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from simulator.persona import CommunicationStyle, Formality, Preferences
from simulator.scripted.phrasebook import templates
from simulator.scripted.policy import Plan, Traits
from simulator.scripted.vocabulary import (
    ADDONS,
    ASPECTS,
    CLOSERS,
    DEPTH_CONTEXT,
    DETAIL_ASKS,
    EMOJI,
    HEDGES,
    INTERJECTIONS,
    PLACEHOLDER_TERMS,
    SHARES,
    SLANG_TAGS,
    TERSE_REMARKS,
)

_CONTRACTIONS = {
    "i'm": "I am",
    "i've": "I have",
    "i'd": "I would",
    "i'll": "I will",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "it's": "it is",
    "that's": "that is",
    "what's": "what is",
    "there's": "there is",
    "you're": "you are",
    "you'd": "you would",
    "we've": "we have",
    "let's": "let us",
    "where's": "where is",
    "wanna": "want to",
}
_CONTRACTION = re.compile(r"\b(?:" + "|".join(map(re.escape, _CONTRACTIONS)) + r")\b", re.I)

_EMOJI_RATE: dict[CommunicationStyle, float] = {
    "technical": 0.0,
    "casual": 0.3,
    "empathetic": 0.12,
    "adventurous": 0.3,
    "direct": 0.0,
    "formal": 0.0,
}
_CLOSER_RATE: dict[Formality, float] = {
    "professional": 0.1,
    "friendly": 0.12,
    "warm": 0.15,
    "casual": 0.1,
    "formal": 0.2,
}
_INTERJECTION_RATE: dict[CommunicationStyle, float] = {
    "technical": 0.3,
    "casual": 0.45,
    "empathetic": 0.35,
    "adventurous": 0.55,
    "direct": 0.2,
    "formal": 0.3,
}
_QUESTION_START = re.compile(
    r"(?:what|how|can|could|when|where|why|is|do|does|would|are|has|which|who)\b", re.I
)
_EXCLAIMING_START = re.compile(
    r"(?:ooh|okay|ok|oh|wait|whoa|ha|haha|lol|hold|hello|go on|totally|huh|hmm|yo|hey|hiii|so|"
    r"random|anyway|btw|slight|switching|related|different|next|if i may|on a related)\b",
    re.I,
)
_QUESTIONING = frozenset({"clarify", "deepen", "follow_up", "tangent"})


@dataclass(frozen=True, slots=True)
class Scene:
    """What the persona is talking about and how it feels as it writes."""

    topic: str
    state: str
    feeling: str
    last: str
    """The persona's previous message, repeated when a reply comes back empty."""


class _Slots(dict[str, str]):
    """Template slots, each filled on first use so unused ones cost no random draws."""

    def __init__(
        self, plan: Plan, scene: Scene, preferences: Preferences, rng: random.Random
    ) -> None:
        super().__init__(
            topic=scene.topic, state=scene.state.replace("_", " "), feeling=scene.feeling
        )
        self._plan, self._scene, self._prefs, self._rng = plan, scene, preferences, rng

    def __missing__(self, key: str) -> str:
        rng = self._rng
        if key == "term":
            value = self._plan.term or rng.choice(PLACEHOLDER_TERMS)
        elif key == "other":
            value = self._plan.other or self._scene.topic
        elif key == "aspect":
            value = rng.choice(ASPECTS[self._prefs.topic_depth])
        elif key == "detail":
            value = rng.choice(DETAIL_ASKS)
        elif key == "last":
            value = self._scene.last or f"What about {self._scene.topic}?"
        else:
            raise KeyError(key)
        self[key] = value
        return value


def lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _expand(match: re.Match[str]) -> str:
    word = match.group()
    full = _CONTRACTIONS[word.lower()]
    return full[0].upper() + full[1:] if word[0].isupper() else full


def _another_question(
    style: CommunicationStyle, have_term: bool, core: str, slots: _Slots, rng: random.Random
) -> str:
    question = rng.choice(templates("follow_up", style, have_term)).format_map(slots)
    return "" if question in core else question


def apply_voice(
    text: str, style: CommunicationStyle, formality: Formality, rng: random.Random
) -> str:
    """Punctuation, capitalisation, slang and emoji habits of a style and formality."""
    if style == "formal" or formality == "formal":
        text = _CONTRACTION.sub(_expand, text)
    lower_rate = 0.8 if style == "casual" else 0.35 if formality == "casual" else 0.0
    if lower_rate and rng.random() < lower_rate:
        text = text.lower()
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1]
    if style == "casual" and rng.random() < 0.25:
        tag = rng.choice(SLANG_TAGS)
        text = text if tag in text.lower() else f"{text} {tag}"
    elif style == "adventurous" and rng.random() < 0.35:
        text = text.replace("!", "!!", 1) if "!" in text else text.replace("?", "?!", 1)
    if formality == "warm" and text.endswith(".") and rng.random() < 0.2:
        text = text[:-1] + "..."
    elif formality == "friendly" and text.endswith(".") and rng.random() < 0.3:
        text = text[:-1] + "!"
    emoji_rate = 0.0 if formality in ("professional", "formal") else _EMOJI_RATE[style]
    if emoji_rate and rng.random() < emoji_rate:
        text = f"{text} {rng.choice(EMOJI[style])}"
    return text


def compose(
    plan: Plan, scene: Scene, preferences: Preferences, traits: Traits, rng: random.Random
) -> str:
    """The text of the message `plan` calls for, in the persona's voice."""
    style = preferences.communication_style
    slots = _Slots(plan, scene, preferences, rng)
    parts: list[str] = []
    intent = plan.intent
    rows = templates(intent, style, plan.term is not None, plan.complaint)
    core = rng.choice(rows).format_map(slots)
    if plan.terse and intent == "deepen":
        parts.append(rng.choice(TERSE_REMARKS[style]))
    elif (
        intent not in ("opening", "complain")
        and not _EXCLAIMING_START.match(core)
        and rng.random() < _INTERJECTION_RATE[style]
    ):
        parts.append(rng.choice(INTERJECTIONS[style]))
    if intent in _QUESTIONING and _QUESTION_START.match(core) and rng.random() < 0.15:
        core = f"{rng.choice(HEDGES[style])} {lower_first(core)}"
    parts.append(core)
    if intent == "react":
        if rng.random() < traits.sharing:
            parts.append(rng.choice(SHARES))
        if rng.random() < 0.6:
            parts.append(_another_question(style, plan.term is not None, core, slots, rng))
    elif intent in _QUESTIONING and rng.random() < traits.questions:
        parts.append(_another_question(style, False, core, slots, rng))
    if (intent == "opening" or intent in _QUESTIONING) and rng.random() < traits.wordiness * 0.6:
        context_rate = 0.6 if intent == "opening" else 0.25
        depth = preferences.topic_depth
        pool = DEPTH_CONTEXT[depth] if rng.random() < context_rate else ADDONS[style]
        parts.append(rng.choice(pool).format_map(slots))
    if intent != "complain" and rng.random() < _CLOSER_RATE[preferences.formality]:
        parts.append(rng.choice(CLOSERS[preferences.formality]))
    text = " ".join(part for part in parts if part)
    return apply_voice(text, style, preferences.formality, rng)
