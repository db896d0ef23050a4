"""The stand-in model: fixed rules that answer Sparring's persona and judge prompts offline.

It is not a language model and understands nothing. It recognises the persona and judge
system prompts by their first words, reads the few fields it needs from them with regular
expressions, and fills templates picked by a hash of the conversation. Its answers have
the right shape and are roughly in character, so the LLM paths can be tried and tested
with no API key and no internet; they say nothing about how a real model would behave.

- Persona prompts: the persona's next message as the JSON object the prompt asks for; the
  opening asks about the topic in the persona's style, follow-ups quote a salient phrase
  of the bot's last reply and complain when its length is far outside the persona's band.
- Judge prompts: `{"scores", "reason"}`, from word overlap with the user and length fit.
- Anything else: one short generic sentence.

The same request always gets the same answer: wording is picked by a hash (hashlib, never
`hash()`) of the messages and the request's `seed`, so conversations sent with different
seeds vary while a repeated request does not.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from simulator.judge.prompt import JUDGE_PROMPT_MARK
from simulator.llm_persona.prompt import (
    BOT_LABEL,
    OPENING_CUE,
    PERSONA_PROMPT_MARK,
    TRANSCRIPT_HEADER,
    verdict_request,
)
from simulator.metrics.length import PREFERRED_WORDS
from simulator.scripted.salience import STOPWORDS, salient_terms
from simulator.text import word_count, words

STANDIN_MODEL = "standin"
"""The model name `GET /v1/models` lists; any requested name is answered alike."""

Turn = tuple[str, str]
T = TypeVar("T")

_NUDGE_START = "(That sounded like the assistant"
_VERDICT_START = verdict_request()[:40]
_CARD_LINE = re.compile(r"^([a-z][a-z ]*[a-z]): (.+)$", re.MULTILINE)
_BAND = re.compile(r"^(\w+) \(about (\d+)-(\d+) words\)")
_TURNS = re.compile(r"at least (\d+), at most (\d+)")
_NUMBER = r"[-+]?[0-9.]+(?:e[-+]?[0-9]+)?"
_CRITERION = re.compile(rf"^- ([a-z][a-z0-9_]*) \(({_NUMBER}) to ({_NUMBER})\): (.*)$",
                        re.MULTILINE)
_ADJECTIVE_ENDINGS = ("ed", "ive", "ous", "ful", "ent", "ant", "ic", "al", "ing")
_BANDS: dict[str, tuple[int, int]] = {**PREFERRED_WORDS}
_DEFAULT_BAND = (5, 200)


def message_text(content: object) -> str:
    """A chat message's content as text (a string, or the text parts of a list)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            part["text"] for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def request_messages(body: dict[str, Any]) -> list[Turn]:
    """The (role, text) pairs of a chat-completion request; malformed items are skipped."""
    messages = body.get("messages")
    if not isinstance(messages, list):
        return []
    return [
        (str(item.get("role", "")), message_text(item.get("content")))
        for item in messages
        if isinstance(item, dict)
    ]


def _digest(*parts: object) -> int:
    data = json.dumps(parts, ensure_ascii=False, default=str).encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def _unit(key: int, salt: str) -> float:
    """A stable number in [0, 1) for this conversation and purpose."""
    return _digest(key, salt) / 2.0**64


def _pick(options: Sequence[T], key: int, salt: str) -> T:
    return options[_digest(key, salt) % len(options)]


def _fit(count: int, low: int, high: int) -> float:
    """1.0 inside [low, high], else the ratio to the nearest bound (as length_fit)."""
    if count < low:
        return count / low
    return high / count if count > high else 1.0


def standin_answer(request_body: dict[str, Any]) -> str:
    """The stand-in model's answer text to one chat-completion request body."""
    turns = request_messages(request_body)
    system = next((text for role, text in turns if role == "system"), "")
    if system.startswith(PERSONA_PROMPT_MARK):
        return _persona_answer(_PersonaPrompt.parse(system), turns, request_body.get("seed"))
    if system.startswith(JUDGE_PROMPT_MARK):
        return _judge_answer(system, turns)
    last = next((text for role, text in reversed(turns) if role == "user"), "")
    gist = " ".join(last.split()[:12])
    return (f"(stand-in model) I only follow Sparring's persona and judge prompts; "
            f"you said: {gist}")


# --- persona ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PersonaPrompt:
    """The fields of a persona system prompt the stand-in uses."""

    style: str
    low: int
    high: int
    topic: str
    topics: tuple[str, ...]
    feeling: str
    min_turns: int
    max_turns: int

    @classmethod
    def parse(cls, system: str) -> _PersonaPrompt:
        fields: dict[str, str] = {}
        for match in _CARD_LINE.finditer(system):
            fields.setdefault(match.group(1), match.group(2).strip())
        band = _BAND.match(fields.get("wants replies that are", ""))
        low, high = (int(band.group(2)), int(band.group(3))) if band else (8, 300)
        turns = _TURNS.search(fields.get("your messages", ""))
        least, most = (int(turns.group(1)), int(turns.group(2))) if turns else (3, 8)
        topic = fields.get("topic", "something")
        style = fields.get("writes in a style that is", "formal").split(" ")[0]
        if style not in _OPENINGS:
            formal = fields.get("formality") in ("formal", "professional")
            style = "formal" if formal else "direct"
        return cls(
            style=style,
            low=max(1, low),
            high=max(low, high, 1),
            topic=topic,
            topics=tuple(t.strip() for t in fields.get("topics you care about", topic).split(",")
                         if t.strip()),
            feeling=fields.get("feeling at the start", "neutral"),
            min_turns=least,
            max_turns=max(least, most),
        )

    def voice(self, text: str) -> str:
        """Casual writers type in lower case."""
        return text.lower() if self.style == "casual" else text

    @property
    def mood_word(self) -> str:
        """One word for the starting feeling ("intellectually engaged" -> "engaged")."""
        parts = self.feeling.replace(",", " ").split() or ["neutral"]
        return next((p for p in parts if p.endswith(_ADJECTIVE_ENDINGS)), parts[0]).lower()


_OPENINGS: dict[str, tuple[str, ...]] = {
    "casual": ("hey, {topic}... any ideas?", "so what's good with {topic} lol",
               "ok random but {topic}, thoughts?"),
    "technical": (
        "What does current research say about {topic}? I'm most interested in the "
        "mechanisms and any hard data.",
        "I'd like a precise overview of {topic}: the key mechanisms, the numbers, and your "
        "sources.",
        "Explain {topic} to me properly. What drives it, and how is it measured?"),
    "empathetic": (
        "I've been thinking a lot about {topic} lately and, honestly, it's been weighing on "
        "me. Can we talk about it?",
        "Can I share something? {Topic} has been hard for me lately and I'm not sure anyone "
        "really gets it.",
        "I feel a bit {mood} today. I keep coming back to {topic} and I'd love to talk it "
        "through."),
    "adventurous": ("Okay, wild question: what's the most surprising thing about {topic}?",
                    "What if I dove headfirst into {topic}? Where would you even start?",
                    "Tell me something about {topic} I've never heard before!"),
    "direct": ("{Topic}. What do I need to know?", "Quick question about {topic}: where do I "
               "start?", "Give me the essentials of {topic}."),
    "formal": (
        "Good day. I would appreciate an overview of {topic}, if you would be so kind.",
        "Hello. Could you please explain the main considerations regarding {topic}?",
        "I would like to learn more about {topic}. Where would you recommend I begin?"),
}

_FOLLOW_UPS: dict[str, tuple[tuple[str, str], ...]] = {
    "casual": (("react", "ha ok, {term} sounds fun. what else?"),
               ("clarify", "wait, {term}? like what"),
               ("follow_up", "nice. so is {term} worth it?"),
               ("tangent", "cool cool. kinda wanna talk {other} tho")),
    "technical": (
        ("deepen", "You mention {term}. What is the mechanism behind it, and how strong is "
         "the evidence?"),
        ("deepen", "Can you quantify {term}? I'd like numbers or a source."),
        ("clarify", "What exactly do you mean by {term}? Define it precisely."),
        ("follow_up", "How does {term} compare with the alternatives, in measurable terms?")),
    "empathetic": (
        ("validate", "When you say {term}, that really resonates with me. Is it normal to "
         "feel this way about it?"),
        ("react", "Thank you, that helps a little. {Term} is exactly what I struggle with. "
         "How do I cope with it?"),
        ("validate", "I appreciate you saying that. I worry I'm overthinking {term}. Am I?")),
    "adventurous": (("react", "Ooh, {term}! What if I tried that somewhere totally new?"),
                    ("follow_up", "{Term} sounds wild. What's the strangest thing about it?"),
                    ("tangent", "Okay, tangent: how does {term} connect to {other}?")),
    "direct": (("follow_up", "{Term}: how exactly?"),
               ("deepen", "Fine. What's the next step on {term}?"),
               ("clarify", "Define {term}.")),
    "formal": (("follow_up", "Thank you. Could you elaborate on {term}, please?"),
               ("deepen", "I appreciate the explanation. How would {term} apply in practice?"),
               ("clarify", "Could you clarify what is meant by {term}?")),
}

_COMPLAINTS: dict[str, dict[str, tuple[str, ...]]] = {
    "long": {
        "casual": ("whoa that's a lot lol. tl;dr on {term}?", "way too long 😅 just the "
                   "{term} part pls", "ok that's an essay. short version?"),
        "technical": ("That is far more than I asked for. State the key point about {term} "
                      "precisely.",),
        "empathetic": ("That's a lot to take in right now and I feel a bit overwhelmed. "
                       "Could you just tell me what {term} means for me?",),
        "adventurous": ("Ha, that's a whole guidebook! Give me the one thing about {term} "
                        "I'd never guess.",),
        "direct": ("Too long. {Term}, in two sentences.",),
        "formal": ("Thank you, though that was rather more than I needed. Could you "
                   "summarise the point about {term} briefly?",),
    },
    "short": {
        "casual": ("that's it? what about {term}", "uh ok. bit short lol, and {term}?"),
        "technical": ("That's too thin. What is the evidence for {term}, and what are the "
                      "mechanisms?", "I need more detail than that: data, sources, "
                      "mechanisms for {term}."),
        "empathetic": ("That feels a bit short, honestly. I was hoping you'd understand how "
                       "hard {topic} is for me.",),
        "adventurous": ("Come on, there's got to be more to {term} than that!",),
        "direct": ("Not enough. Explain {term}.",),
        "formal": ("I am afraid that is rather brief. Could you expand on {term}, please?",),
    },
}

_FAREWELLS: dict[str, tuple[str, ...]] = {
    "casual": ("ok cool, gotta go. thx!", "aight that's enough for me lol, later"),
    "technical": ("That's enough for now, thank you.", "Noted. I'll read up on the rest."),
    "empathetic": ("Thank you for listening. I think I need some time with this now.",),
    "adventurous": ("Right, I'm off to try some of this! Thanks!",),
    "direct": ("Done. Thanks.",),
    "formal": ("Thank you for your time. That will be all.",),
}


def _conversation(turns: list[Turn]) -> list[Turn]:
    """The conversation as (role, text), role `assistant` for the persona's own turns: read
    from the transcript in the last `user` message (`YOU (name): ...` / `ASSISTANT: ...`),
    or, for a prompt in chat roles, the messages after the system prompt."""
    last_user = next((text for role, text in reversed(turns) if role == "user"), "")
    if last_user.startswith(TRANSCRIPT_HEADER):
        body = last_user.partition("\n")[2].partition("\n\n")[0]
        lines: list[Turn] = []
        for line in body.splitlines():
            speaker, colon, rest = line.partition(": ")
            if colon and speaker == BOT_LABEL:
                lines.append(("user", rest))
            elif colon and speaker.startswith("YOU ("):
                lines.append(("assistant", rest))
            elif lines:
                lines[-1] = (lines[-1][0], f"{lines[-1][1]}\n{line}")
        return lines
    return [(role, text) for role, text in turns[1:]
            if not (role == "user" and (text.startswith(OPENING_CUE[:20])
                                        or text.startswith((_NUDGE_START, _VERDICT_START))))]


def _bot_replies(turns: list[Turn]) -> list[str]:
    """The bot's replies, without the harness's own cues."""
    return [text for role, text in _conversation(turns) if role == "user"]


def _salient(reply: str, topic: str) -> str:
    terms = salient_terms(reply, limit=1)
    if terms:
        return terms[0]
    candidates = [w for w in words(reply) if w.lower() not in STOPWORDS and len(w) >= 4]
    return max(candidates, key=len) if candidates else topic


def _answer(message: str, emotion: str, engagement: float, intent: str, end: bool) -> str:
    return json.dumps({"message": message, "emotion": emotion,
                       "engagement": round(engagement, 2), "intent": intent, "end": end},
                      ensure_ascii=False)


def _fill(template: str, persona: _PersonaPrompt, term: str, other: str) -> str:
    text = template.format(topic=persona.topic, Topic=persona.topic[:1].upper() + persona.topic[1:],
                           term=term, Term=term[:1].upper() + term[1:], other=other,
                           mood=persona.mood_word)
    return persona.voice(text)


def _persona_answer(persona: _PersonaPrompt, turns: list[Turn], seed: object) -> str:
    key = _digest(turns, seed)
    last_user = next((text for role, text in reversed(turns) if role == "user"), "")
    replies = _bot_replies(turns)
    if _VERDICT_START in last_user:
        return _verdict(persona, replies, key)
    if not replies:
        text = _fill(_pick(_OPENINGS[persona.style], key, "opening"), persona, "", "")
        engagement = 0.75 + 0.15 * _unit(key, "engagement")
        return _answer(text, persona.mood_word, engagement, "opening", False)
    sent = sum(role == "assistant" for role, _ in _conversation(turns))
    fits = [_fit(word_count(reply), persona.low, persona.high) for reply in replies]
    last_fit = fits[-1]
    engagement = (0.85 - 0.05 * sent - 0.3 * (1 - last_fit)
                  - 0.15 * (1 - statistics.fmean(fits)) + 0.08 * (_unit(key, "jitter") - 0.5))
    engagement = min(1.0, max(0.05, engagement))
    if _ends(persona, sent, engagement, key):
        emotion = "satisfied" if statistics.fmean(fits) >= 0.7 else "annoyed"
        text = persona.voice(_pick(_FAREWELLS[persona.style], key, "farewell"))
        return _answer(text, emotion, engagement, "react", True)
    reply = replies[-1]
    term = _salient(reply, persona.topic)
    others = [t for t in persona.topics if t != persona.topic] or [persona.topic]
    other = _pick(others, key, "other")
    if last_fit < 0.5:
        problem = "long" if word_count(reply) > persona.high else "short"
        template = _pick(_COMPLAINTS[problem][persona.style], key, "complaint")
        emotion = _pick(("impatient", "bored", "annoyed") if problem == "long"
                        else ("disappointed", "frustrated"), key, "emotion")
        return _answer(_fill(template, persona, term, other), emotion, engagement, "complain",
                       False)
    intent, template = _pick(_FOLLOW_UPS[persona.style], key, "follow_up")
    if persona.style == "empathetic":
        moods: tuple[str, ...] = ("hopeful", "reassured", "vulnerable")
    else:
        moods = ("curious", "interested", "engaged") if engagement >= 0.5 else (
            "distracted", "tired", "lukewarm")
    return _answer(_fill(template, persona, term, other), _pick(moods, key, "emotion"),
                   engagement, intent, False)


def _ends(persona: _PersonaPrompt, sent: int, engagement: float, key: int) -> bool:
    """Always at the maximum; between min and max, likelier as turns pass and interest fades."""
    if sent >= persona.max_turns:
        return True
    if sent < persona.min_turns:
        return False
    progress = (sent - persona.min_turns + 1) / (persona.max_turns - persona.min_turns + 1)
    chance = 0.1 + 0.5 * progress + max(0.0, 0.5 - engagement)
    return _unit(key, "end") < chance


_VERDICT_REASONS = {
    5: "The replies were just the length I wanted and stayed on {topic}.",
    4: "Mostly the right length, and useful on {topic}.",
    3: "Some replies were {problem}, but I got something out of it.",
    2: "Too many replies were {problem}; it felt like hard work.",
    1: "The replies were {problem} nearly every time, so I gave up.",
}


def _verdict(persona: _PersonaPrompt, replies: list[str], key: int) -> str:
    counts = [word_count(reply) for reply in replies]
    fits = [_fit(count, persona.low, persona.high) for count in counts]
    mean = statistics.fmean(fits) if fits else 0.6
    satisfaction = next(s for s, floor in ((5, 0.9), (4, 0.7), (3, 0.5), (2, 0.3), (1, -1.0))
                        if mean >= floor)
    long = sum(count > persona.high for count in counts)
    short = sum(count < persona.low for count in counts)
    problem = ("far longer than I wanted" if long > short
               else "too short to help" if short > long else "the wrong length")
    reason = _VERDICT_REASONS[satisfaction].format(topic=persona.topic, problem=problem)
    return json.dumps({"satisfaction": satisfaction, "reason": persona.voice(reason)},
                      ensure_ascii=False)


# --- judge --------------------------------------------------------------------------------


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in words(text) if len(w) >= 3 and w.lower() not in STOPWORDS}


def _section(text: str, start: str, end: str | None = None) -> str:
    _, found, rest = text.partition(start)
    if not found:
        return ""
    return rest.partition(end)[0].strip() if end else rest.strip()


def _transcript(text: str) -> list[Turn]:
    """`USER: ...` / `BOT: ...` lines back into (role, text); other lines continue a turn."""
    turns: list[Turn] = []
    for line in text.splitlines():
        speaker, colon, rest = line.partition(": ")
        if colon and speaker in ("USER", "BOT"):
            turns.append(("user" if speaker == "USER" else "assistant", rest))
        elif turns:
            turns[-1] = (turns[-1][0], f"{turns[-1][1]}\n{line}")
    return turns


def _reply_quality(user: str, reply: str, band: tuple[int, int]) -> tuple[float, float, float]:
    """(quality, overlap, length fit) of one reply to one user message, each in [0, 1]."""
    count = word_count(reply)
    if count == 0:
        return 0.0, 0.0, 0.0
    asked = _stems(user)
    overlap = len(asked & _stems(reply)) / len(asked) if asked else 0.5
    fit = _fit(count, *band)
    return 0.15 + 0.45 * min(1.0, 2 * overlap) + 0.4 * fit, overlap, fit


def _realism(users: list[str]) -> float:
    """Users who repeat themselves or write walls of text look scripted."""
    if not users:
        return 0.5
    varied = len(set(users)) / len(users)
    return 0.5 * varied + 0.5 * (1.0 if all(1 <= word_count(u) <= 80 for u in users) else 0.5)


def _consistency(lengths: list[int]) -> float:
    """1 minus the coefficient of variation of the reply lengths."""
    if not any(lengths):
        return 0.0
    return max(0.0, 1 - statistics.pstdev(lengths) / statistics.fmean(lengths))


def _scaled(value: float, low: float, high: float) -> float | int:
    """`value` in [0, 1] mapped onto the scale: integers on a wide integer scale."""
    score = low + min(1.0, max(0.0, value)) * (high - low)
    if high - low >= 2 and float(low).is_integer() and float(high).is_integer():
        return int(min(high, max(low, round(score))))
    return min(high, max(low, round(score, 2)))


def _judge_answer(system: str, turns: list[Turn]) -> str:
    body = next((text for role, text in reversed(turns) if role == "user"), "")
    wanted = re.search(r"wants (\w+) replies", body)
    band = _BANDS.get(wanted.group(1), _DEFAULT_BAND) if wanted else _DEFAULT_BAND
    if "The reply to score:" in body:
        user = _section(body, "The user's latest message:\n", "\n\nThe reply to score:")
        pairs = [(user, _section(body, "The reply to score:\n"))]
    else:
        history = _transcript(_section(body, "The conversation:\n"))
        pairs = [(text, history[i + 1][1]) for i, (role, text) in enumerate(history[:-1])
                 if role == "user" and history[i + 1][0] == "assistant"]
    rated = [_reply_quality(user, reply, band) for user, reply in pairs] or [(0.0, 0.0, 0.0)]
    features = {
        "quality": statistics.fmean(q for q, _, _ in rated),
        "user": _realism([user for user, _ in pairs]),
        "consisten": _consistency([word_count(reply) for _, reply in pairs]),
    }
    scores: dict[str, float | int] = {}
    for match in _CRITERION.finditer(system):
        name, low, high = match.group(1), float(match.group(2)), float(match.group(3))
        # realistic_user judges the user's turns, voice_consistency the spread of replies
        feature = next((f for f in ("user", "consisten") if f in name), "quality")
        scores[name] = _scaled(features[feature], low, high)
    overlap = statistics.fmean(o for _, o, _ in rated)
    fit = statistics.fmean(f for _, _, f in rated)
    reason = (f"{len(pairs)} repl{'y' if len(pairs) == 1 else 'ies'} scored: word overlap with "
              f"the user {overlap:.2f}, length fit {fit:.2f} (wanted {band[0]}-{band[1]} words).")
    return json.dumps({"scores": scores, "reason": reason})
