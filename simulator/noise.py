"""Human imperfection on a dial: a persona's `noise` applied to the messages it sends.

Real users misspell, skip capitals and punctuation, send half sentences, wander off and
use a chatbot as a calculator; synthetic users that never do are "too clean" (seeds 000 and
001). `NoisySession` wraps any engine's session and roughens each message by the persona's
`Noise` chances, from its own generator seeded by the conversation's seed, so the engine's
draws (and so its messages, before noise) are exactly those of a noiseless run.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from simulator.engine import ConversationSetting, PersonaSession, UserMessage, Verdict
from simulator.persona import Noise, Persona
from simulator.plan import derive_seed

TOOL_REQUESTS: tuple[str, ...] = (
    "wait can you convert 72 fahrenheit to celsius",
    "whats 15% of 240",
    "translate 'see you tomorrow' into spanish pls",
    "write me a regex that matches an email address",
    "quick one: how many ounces in a cup",
    "can you summarise this in one line: meeting moved to 3pm, bring the slides",
    "give me a packing list for a weekend trip",
    "what day of the week is christmas this year",
    "spell 'necessary' for me",
    "make this sound more polite: send me the report now",
)
"""Off-topic, tool-like requests (seed 000: real users use bots as tools)."""

DRIFTS: tuple[str, ...] = (
    "btw, random, but what do you think about {topic}?",
    "oh and unrelated, I was reading about {topic} earlier",
    "also, totally different thing: {topic}?",
    "anyway. {topic} is on my mind today too",
)

_WORD = re.compile(r"[A-Za-z]{4,}")
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|but|so|because)\s|[.!?](?:\s|$)")
_END_PUNCTUATION = re.compile(r"[.!?]+$")


def _typo(text: str, rng: random.Random) -> str:
    words = list(_WORD.finditer(text))
    if not words:
        return text
    match = words[int(rng.random() * len(words))]
    word, i = match.group(), 1 + int(rng.random() * (len(match.group()) - 2))
    kind = rng.random()
    if kind < 1 / 3:
        changed = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif kind < 2 / 3:
        changed = word[:i] + word[i + 1:]
    else:
        changed = word[:i] + word[i] + word[i:]
    return text[: match.start()] + changed + text[match.end():]


def _fragment(text: str) -> str:
    for match in _CLAUSE_END.finditer(text):
        head = text[: match.start()].strip()
        if len(head.split()) >= 3:
            return head
    return text


def roughen(text: str, noise: Noise, persona: Persona, rng: random.Random,
            *, opening: bool) -> str:
    """`text` after the persona's noise, drawn from `rng` in a fixed order."""
    if not opening and rng.random() < noise.off_topic:
        return TOOL_REQUESTS[int(rng.random() * len(TOOL_REQUESTS))]
    if rng.random() < noise.topic_drift and len(persona.conversation_topics) > 1:
        topic = persona.conversation_topics[int(rng.random() * len(persona.conversation_topics))]
        text = f"{text} {DRIFTS[int(rng.random() * len(DRIFTS))].format(topic=topic)}"
    if rng.random() < noise.fragments:
        text = _fragment(text)
    if rng.random() < noise.no_punctuation:
        text = _END_PUNCTUATION.sub("", text).replace("'", "")
    if rng.random() < noise.lowercase:
        text = text.lower()
    if rng.random() < noise.typos:
        text = _typo(text, rng)
        if rng.random() < 0.3:
            text = _typo(text, rng)
    return text


class NoisySession:
    """A persona session whose messages go out roughened by the persona's noise."""

    def __init__(self, inner: PersonaSession, persona: Persona,
                 setting: ConversationSetting) -> None:
        self._inner = inner
        self._persona = persona
        self._rng = random.Random(derive_seed(setting.seed, "noise"))

    async def opening(self) -> UserMessage | None:
        return self._roughen(await self._inner.opening(), opening=True)

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        return self._roughen(await self._inner.next_message(bot_reply), opening=False)

    async def verdict(self) -> Verdict | None:
        return await self._inner.verdict()

    def _roughen(self, message: UserMessage | None, *, opening: bool) -> UserMessage | None:
        if message is None:
            return None
        text = roughen(message.text, self._persona.noise, self._persona, self._rng,
                       opening=opening)
        if text == message.text:
            return message
        intent = "tool_request" if text in TOOL_REQUESTS else message.intent
        return replace(message, text=text, intent=intent)
