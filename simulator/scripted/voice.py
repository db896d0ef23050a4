"""Writing a scripted persona's message: a template for the intent, the pieces around it,
then the writer's punctuation, spelling and capitalisation habits (`idiolect`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from simulator.persona import CommunicationStyle, Formality, Preferences
from simulator.scripted import details
from simulator.scripted.grammar import pick
from simulator.scripted.idiolect import Idiolect
from simulator.scripted.paraphrase import rewrite
from simulator.scripted.phrasebook import templates
from simulator.scripted.policy import Plan, Traits
from simulator.scripted.vocabulary import (
    ADDONS,
    ASPECTS,
    DEPTH_CONTEXT,
    DETAIL_ASKS,
    PLACEHOLDER_TERMS,
    SHARES,
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
    "aren't": "are not",
    "wasn't": "was not",
    "haven't": "have not",
    "hasn't": "has not",
    "couldn't": "could not",
    "shouldn't": "should not",
    "wouldn't": "would not",
    "it's": "it is",
    "that's": "that is",
    "what's": "what is",
    "there's": "there is",
    "here's": "here is",
    "who's": "who is",
    "how's": "how is",
    "where's": "where is",
    "you're": "you are",
    "you'd": "you would",
    "you've": "you have",
    "you'll": "you will",
    "we've": "we have",
    "we're": "we are",
    "they're": "they are",
    "let's": "let us",
    "wanna": "want to",
    "gonna": "going to",
    "kinda": "kind of",
}
_CONTRACTION = re.compile(r"\b(?:" + "|".join(map(re.escape, _CONTRACTIONS)) + r")\b", re.I)

_QUESTION_START = re.compile(
    r"(?:what|how|can|could|when|where|why|is|do|does|would|are|has|which|who)\b", re.I
)
_EXCLAIMING_START = re.compile(
    r"(?:ooh|okay|ok|oh|wait|whoa|ha|haha|lol|hold|hello|go on|totally|huh|hmm|yo|hey|hiii|so|"
    r"random|anyway|btw|slight|switching|related|different|next|if i may|on a related|omg|lmao|"
    r"valid|true|facts|same|um|uh|hm|nice|cool|back up|plot twist|side|tangent|love|no way|"
    r"right|good|fair|sorry|changing|new topic)\b",
    re.I,
)
_SENTENCE_START = re.compile(r"(?<=[.!?] )[a-z]")
_DOUBLED_ARTICLE = re.compile(r"\b(?:the|a|an) (?=the\b)", re.I)
"""`the the Gulf Stream`, when a subject that starts with `the` follows `the`."""
_QUESTIONING = frozenset({"clarify", "deepen", "follow_up", "tangent"})

# How much of each trait shows in one message, before the writer's chattiness: real users
# are brief more often than not.
_SHARE = 0.4
"""Share of `Traits.sharing` that becomes a disclosure after a reaction."""
_REACT_QUESTION = 0.3
"""Chance that a reaction goes on with a question."""
_STACK = 0.7
"""Share of `Traits.questions` that becomes a second question."""
_ADDON = 0.4
"""Share of `Traits.wordiness` that becomes a sentence saying what the persona wants."""


@dataclass(frozen=True, slots=True)
class Scene:
    """What the persona is talking about and how it feels as it writes."""

    topic: str
    subject: str
    """What the conversation is concretely about (`subjects`), or the topic itself."""
    person: str
    """Someone in the user's life it keeps coming back to (`details`)."""
    state: str
    feeling: str
    last: str
    """The persona's previous question, repeated when a reply comes back empty."""


class _Slots(dict[str, str]):
    """Template slots, each filled on first use so unused ones cost no random draws."""

    def __init__(
        self, plan: Plan, scene: Scene, preferences: Preferences, rng: random.Random
    ) -> None:
        super().__init__(
            topic=scene.topic,
            subject=scene.subject,
            person=scene.person,
            state=scene.state.replace("_", " "),
            feeling=scene.feeling,
        )
        self._plan, self._scene, self._prefs, self._rng = plan, scene, preferences, rng

    def __missing__(self, key: str) -> str:
        rng = self._rng
        if key == "term":
            value = self._plan.term or rng.choice(PLACEHOLDER_TERMS)
        elif key == "other":
            value = self._plan.other or self._scene.topic
        elif key == "aspect":
            value = pick(ASPECTS[self._prefs.topic_depth], rng)
        elif key == "detail":
            value = pick(DETAIL_ASKS, rng)
        elif key == "last":
            value = self._scene.last or f"What about {self._scene.topic}?"
        else:
            detail = details.draw(key, rng)
            if detail is None:
                raise KeyError(key)
            for _ in range(3):  # `{emotion2}` should differ from `{emotion}`
                if detail != self.get(key.rstrip("2")) or not key.endswith("2"):
                    break
                detail = details.draw(key, rng) or detail
            value = detail
        self[key] = value
        return value


def lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence_case(parts: list[str]) -> list[str]:
    """Each sentence starts with a capital, unless a part goes on after a comma."""
    out: list[str] = []
    for part in parts:
        if part and not (out and out[-1].endswith(",")):
            part = part[0].upper() + part[1:] if part[0].islower() else part
        out.append(_SENTENCE_START.sub(lambda m: m.group().upper(), part))
    return out


def _expand(match: re.Match[str]) -> str:
    word = match.group()
    full = _CONTRACTIONS[word.lower()]
    return full[0].upper() + full[1:] if word[0].isupper() else full


def _another_question(
    style: CommunicationStyle, have_term: bool, core: str, slots: _Slots, rng: random.Random
) -> str:
    question = pick(templates("follow_up", style, have_term), rng).format_map(slots)
    return "" if question in core else question


def apply_voice(
    text: str,
    style: CommunicationStyle,
    formality: Formality,
    idiolect: Idiolect,
    rng: random.Random,
) -> str:
    """Spelling, capitalisation, punctuation, slang and emoji habits of this writer."""
    if style == "formal" or formality == "formal":
        text = _CONTRACTION.sub(_expand, text)
    for pattern, short in idiolect.shorthands:
        text = pattern.sub(short, text)
    if idiolect.lowercase and rng.random() < idiolect.lowercase:
        text = text.lower().replace(":d", ":D")
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1]
    if style == "casual" and idiolect.tags and rng.random() < 0.25:
        tag = rng.choice(idiolect.tags)
        text = text if tag in text.lower() else f"{text} {tag}"
    elif idiolect.exclaim and rng.random() < idiolect.exclaim:
        text = text.replace("!", "!!", 1) if "!" in text else text.replace("?", "?!", 1)
    if formality == "warm" and text.endswith(".") and rng.random() < 0.2:
        text = text[:-1] + "..."
    elif formality == "friendly" and text.endswith(".") and rng.random() < 0.3:
        text = text[:-1] + "!"
    if idiolect.emoji_set and rng.random() < idiolect.emoji:
        text = f"{text} {rng.choice(idiolect.emoji_set)}"
    return text


def compose(
    plan: Plan,
    scene: Scene,
    preferences: Preferences,
    traits: Traits,
    idiolect: Idiolect,
    rng: random.Random,
) -> str:
    """The text of the message `plan` calls for, in this writer's voice."""
    style = preferences.communication_style
    slots = _Slots(plan, scene, preferences, rng)
    parts: list[str] = []
    intent = plan.intent
    rows = templates(intent, style, plan.term is not None, plan.complaint)
    core = pick(rows, rng).format_map(slots)
    if plan.terse and intent == "deepen":
        parts.append(pick(TERSE_REMARKS[style], rng))
    elif (
        intent not in ("opening", "complain")
        and idiolect.interjections
        and not _EXCLAIMING_START.match(core)
        and rng.random() < idiolect.interjection
    ):
        parts.append(pick(idiolect.interjections, rng))
    if intent in _QUESTIONING and _QUESTION_START.match(core) and rng.random() < 0.15:
        core = f"{pick(idiolect.hedges, rng)} {lower_first(core)}"
    if parts and parts[-1].endswith(","):
        core = lower_first(core)
    parts.append(core)
    chat = idiolect.chattiness
    if intent == "react":
        if rng.random() < traits.sharing * _SHARE * chat:
            parts.append(pick(SHARES, rng).format_map(slots))
        if rng.random() < _REACT_QUESTION * chat:
            parts.append(_another_question(style, plan.term is not None, core, slots, rng))
    elif intent in _QUESTIONING and rng.random() < traits.questions * _STACK * chat:
        parts.append(_another_question(style, False, core, slots, rng))
    if (intent == "opening" or intent in _QUESTIONING) and rng.random() < (
        traits.wordiness * _ADDON * chat
    ):
        context_rate = 0.6 if intent == "opening" else 0.25
        depth = preferences.topic_depth
        pool = DEPTH_CONTEXT[depth] if rng.random() < context_rate else ADDONS[style]
        parts.append(pick(pool, rng).format_map(slots))
    if intent != "complain" and idiolect.closers and rng.random() < idiolect.closer:
        parts.append(pick(idiolect.closers, rng))
    if style != "casual":
        parts = _sentence_case(parts)
    text = " ".join(part for part in parts if part)
    text = rewrite(_DOUBLED_ARTICLE.sub("", text), idiolect.rewrites)
    return apply_voice(text, style, preferences.formality, idiolect, rng)
