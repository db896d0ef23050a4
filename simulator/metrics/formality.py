"""Formality: how formal a text reads, from surface features, and its fit to a persona.

`formality(text)` starts at 0.5, adds each feature's measure times its weight, and is
clipped to [0, 1]. Rates are per word of the text.

| feature | measure | weight |
| --- | --- | --- |
| mean word length | `clip((mean length - 4.5) / 1.5, -1, 1)` | +0.30 |
| formal connectives and hedges ("therefore", "regarding") | `min(1, 10 x rate)` | +0.25 |
| contractions ("it's", "don't", "you're") | `min(1, 10 x rate)` | -0.20 |
| slang, chat markers ("lol", "hey", "gonna"), "hiii"-runs | `min(1, 10 x rate)` | -0.30 |
| emoji and emoticons (":)", "<3") | `min(1, count / 2)` | -0.15 |
| exclamation marks | `min(1, count / sentences)` | -0.10 |
| all-lower-case sentences | share of sentences | -0.15 |

So "Regarding your request, the configuration must therefore be updated." scores 1 and
"hey lol that's gonna be awesome!!" scores 0.
"""

from __future__ import annotations

import re

from simulator.persona import Formality
from simulator.text import sentences, words

FORMALITY_TARGET: dict[Formality, float] = {
    "formal": 0.9,
    "professional": 0.75,
    "friendly": 0.5,
    "warm": 0.45,
    "casual": 0.2,
}
"""The formality each `preferences.formality` value is happiest with."""

CONNECTIVES: frozenset[str] = frozenset(
    "therefore however furthermore moreover regarding consequently thus hence nevertheless "
    "nonetheless accordingly additionally whereas notwithstanding subsequently respectively "
    "perhaps presumably arguably approximately concerning".split()
)
"""Formal connectives and hedges."""

SLANG: frozenset[str] = frozenset(
    "lol lmao rofl haha hahaha hehe hey heya yo gonna wanna gotta kinda sorta dunno lemme "
    "gimme ain't y'all yeah yea yep yup nah nope ok okay cool awesome dude bro omg btw tbh "
    "idk imo imho u ur pls plz thx ty np hmm ooh oh wow whoa ya cuz stuff".split()
)
"""Slang and chat markers (lower case)."""

EMOTICONS: frozenset[str] = frozenset(
    ":) :-) :( :-( ;) ;-) :D :-D :P :-P :p :-p :/ :-/ :| :o :O :'( :3 :* :] =) =( "
    "<3 ^^ ^_^ xD XD".split()
)
"""Emoticons, recognised as white-space separated tokens (a trailing `.,!?` is ignored)."""

_CONTRACTION_ENDINGS = ("n't", "'re", "'ve", "'ll", "'d", "'m")
_S_CONTRACTIONS = frozenset(
    "it's that's what's there's here's he's she's who's where's how's let's".split()
)
_ELONGATED = re.compile(r"([a-z])\1\1")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50]")


def _clip(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _is_contraction(token: str) -> bool:
    return "'" in token and (token.endswith(_CONTRACTION_ENDINGS) or token in _S_CONTRACTIONS)


def _emoji_count(text: str) -> int:
    emoji = 0 if text.isascii() else len(_EMOJI.findall(text))
    for token in text.split():
        if token in EMOTICONS or token.rstrip(".,!?") in EMOTICONS:
            emoji += 1
    return emoji


def formality(text: str) -> float:
    """How formal `text` reads: 0 (chatty) to 1 (formal); 0.5 for text without words."""
    normalised = text.replace("’", "'")
    lowered = normalised.lower()
    tokens = words(lowered)
    if not tokens:
        return 0.5
    n = len(tokens)
    parts = sentences(normalised)
    mean_length = sum(map(len, tokens)) / n
    connectives = sum(token in CONNECTIVES for token in tokens)
    slang = sum(token in SLANG for token in tokens) + len(_ELONGATED.findall(lowered))
    contractions = sum(map(_is_contraction, tokens))
    lower_case = sum(part.islower() for part in parts)
    score = (
        0.5
        + 0.30 * _clip((mean_length - 4.5) / 1.5, -1.0, 1.0)
        + 0.25 * min(1.0, 10 * connectives / n)
        - 0.20 * min(1.0, 10 * contractions / n)
        - 0.30 * min(1.0, 10 * slang / n)
        - 0.15 * min(1.0, _emoji_count(normalised) / 2)
        - 0.10 * min(1.0, normalised.count("!") / len(parts))
        - 0.15 * lower_case / len(parts)
    )
    return _clip(score, 0.0, 1.0)


def formality_fit(text: str, preference: Formality) -> float:
    """`1 - |formality(text) - FORMALITY_TARGET[preference]|`, in [0, 1]."""
    return 1.0 - abs(formality(text) - FORMALITY_TARGET[preference])
