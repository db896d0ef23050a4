"""Composing one reply: pick a target length from the cues, then fill it sentence by sentence."""

from __future__ import annotations

import random

from bridge.demo.cues import Cues
from bridge.demo.grammar import Filler, expand
from bridge.demo.voice import Voice

_DISTRESS = frozenset({"sad", "anxious", "frustrated"})


def target_words(voice: Voice, cues: Cues, rng: random.Random) -> int:
    """How long the reply should be: the voice's band, scaled by the message and its requests."""
    low, high = voice.band
    factor = min(1.0, max(0.0, cues.length_factor() + rng.uniform(-0.12, 0.12)))
    target = low + (high - low) * factor
    if cues.wants_detail:
        target = high * rng.uniform(0.92, 1.08)
    elif cues.asked_brevity_before:
        target = min(target, low + (high - low) * 0.15)
    if cues.wants_brevity:
        target = low * rng.uniform(0.4, 0.6)
    return max(4, round(target))


def _pick(pool: tuple[str, ...], rng: random.Random) -> str:
    return pool[int(rng.random() * len(pool))]


def _fixed_slots(voice: Voice, cues: Cues) -> dict[str, str]:
    topic = cues.topic or voice.default_topic
    others = cues.topic_words
    topic2 = others[0] if others else topic
    if len(others) >= 2:
        echo = f"{others[0]} and {others[1]}"
    elif others:
        echo = f"{topic} and {others[0]}"
    else:
        echo = f"{topic} and everything around it"
    return {"topic": topic, "topic2": topic2, "echo": echo}


def _head(voice: Voice, cues: Cues, rng: random.Random, fill: Filler) -> list[str]:
    head: list[str] = []
    if cues.greeting and (cues.turn == 0 or cues.word_count <= 4):
        head.append(_pick(voice.greetings, rng))
    if cues.thanks:
        head.append(_pick(voice.thanks, rng))
    if cues.emotion is not None:
        pool = voice.comfort[cues.emotion]
        first = int(rng.random() * len(pool))
        head.append(pool[first])
        strong = voice.empathy == "strong" and cues.emotion in _DISTRESS
        if strong and (cues.emotion_strength > 1 or cues.word_count > 8) and len(pool) > 1:
            head.append(pool[(first + 1 + int(rng.random() * (len(pool) - 1))) % len(pool)])
    if cues.wants_brevity:
        head.append(_pick(voice.brief, rng))
    elif cues.question == "yesno":
        head.append(_pick(voice.answer_yesno, rng))
    elif cues.question == "open":
        head.append(_pick(voice.answer_open, rng))
    elif not (cues.greeting and cues.word_count <= 4):
        head.append(_pick(voice.statement, rng))
    return [expand(sentence, fill) for sentence in head]


def _tail(voice: Voice, cues: Cues, rng: random.Random, fill: Filler) -> list[str]:
    distressed = cues.emotion in _DISTRESS
    if distressed and voice.empathy == "strong":
        return [expand(_pick(voice.check_in, rng), fill)]
    chance = voice.ask_back * (0.6 if cues.question else 1.0)
    roll = rng.random()
    if roll < chance:
        return [expand(_pick(voice.ask, rng), fill)]
    if voice.layout == "numbered" or roll < chance + 0.5 * (1.0 - chance):
        return [expand(_pick(voice.close, rng), fill)]
    return []


def _words(sentence: str) -> int:
    return sentence.count(" ") + 1


def _body(voice: Voice, cues: Cues, rng: random.Random, fill: Filler, budget: int) -> list[str]:
    order = list(voice.body)
    rng.shuffle(order)
    if cues.wants_detail:
        extra = list(voice.detail)
        rng.shuffle(extra)
        order = extra[:3] + order + extra[3:]
    body: list[str] = []
    used = 0
    extra_word = 1 if voice.layout == "numbered" else 0  # the "1." of a numbered point
    for template in order:
        if used >= budget:
            break
        sentence = expand(template, fill)
        size = _words(sentence) + extra_word
        if used + size - budget > budget - used:
            continue  # overshooting by more than we fall short: try a shorter sentence
        body.append(sentence)
        used += size
    return body


def _layout(voice: Voice, head: list[str], body: list[str], tail: list[str]) -> str:
    if voice.layout == "oneliner" or len(head) + len(body) + len(tail) <= 3:
        return " ".join(head + body + tail)
    if voice.layout == "numbered" and len(body) >= 2:
        points = "\n".join(f"{i}. {sentence}" for i, sentence in enumerate(body, 1))
        return "\n\n".join(part for part in (" ".join(head), points, " ".join(tail)) if part)
    sentences = head + body + tail
    if voice.layout == "mythic":
        stanzas = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        return "\n\n".join(stanzas)
    if len(sentences) < 6:
        return " ".join(sentences)
    split = max(len(head), len(sentences) // 2)
    return " ".join(sentences[:split]) + "\n\n" + " ".join(sentences[split:])


_TOPICAL: dict[str, tuple[str, ...]] = {}
"""Per bot id: the body templates that name `{topic}`."""


def _topical(voice: Voice) -> tuple[str, ...]:
    templates = _TOPICAL.get(voice.bot_id)
    if templates is None:
        templates = tuple(t for t in voice.body if "{topic}" in t)
        _TOPICAL[voice.bot_id] = templates
    return templates


def _mention_topic(
    voice: Voice, topic: str, parts: tuple[list[str], ...], rng: random.Random, fill: Filler
) -> None:
    """Make sure the message's own topic appears: swap in (or add) a body line that names it."""
    needle = topic.lower()
    if any(needle in sentence.lower() for part in parts for sentence in part):
        return
    body = parts[1]
    sentence = expand(_pick(_topical(voice), rng), fill)
    if body:
        body[-1] = sentence
    else:
        body.append(sentence)


def compose(voice: Voice, cues: Cues, rng: random.Random) -> str:
    """A reply in `voice` to a message read as `cues`; all randomness comes from `rng`."""
    fill = Filler(_fixed_slots(voice, cues), voice.slots, rng)
    target = target_words(voice, cues, rng)
    head = _head(voice, cues, rng, fill)
    tail = _tail(voice, cues, rng, fill)
    spent = sum(map(_words, head)) + sum(map(_words, tail))
    body = _body(voice, cues, rng, fill, target - spent)
    if cues.topic is not None:
        _mention_topic(voice, cues.topic, (head, body, tail), rng, fill)
    return _layout(voice, head, body, tail)
