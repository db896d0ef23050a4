"""Everyday expressions and the ways different people say them.

Each user settles on its own way of saying the common things (`a bit` or `a little`, `I
think` or `I guess`): the idiolect draws one variant per expression for the whole
conversation, so a user is consistent while users differ. No variant contains any
expression of its style's list, so rewriting is idempotent (a repeated question stays
the same text).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import cache

from simulator.persona import CommunicationStyle

Rewrite = tuple[re.Pattern[str], str]

_COMMON: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a bit", ("a little", "somewhat", "slightly")),
    ("really", ("truly", "genuinely")),
    ("right now", ("at the moment", "currently", "these days")),
    ("I think", ("I guess", "I suppose", "I reckon", "I feel like")),
    ("how do I", ("how can I", "how should I")),
    ("do you think", ("would you say", "do you reckon")),
    ("I don't know", ("I'm not sure", "no idea")),
)
"""Expressions every expressive style says in its own way."""

_BY_STYLE: dict[CommunicationStyle, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "technical": (
        ("what's the", ("what is the", "what would be the")),
        ("I'd like", ("I'd prefer", "I'm looking for", "I want")),
        ("not just the", ("rather than only the", "not merely the")),
        ("how does", ("in what way does", "how exactly does")),
        ("can you", ("could you", "would you")),
        ("the evidence", ("the empirical support", "the empirical evidence")),
        ("I've seen", ("I've come across", "I've read")),
        ("in practice", ("in real settings", "in real-world use")),
        ("would help", ("would be useful", "would go a long way")),
        ("how confident", ("how certain", "how sure")),
        ("the main", ("the principal", "the key")),
    ),
    "empathetic": (
        ("I feel", ("I'm feeling", "I've been feeling")),
        ("is it normal", ("is it common", "is it usual")),
        ("a lot", ("so much", "a great deal")),
        ("talk about", ("talk through", "open up about")),
        ("I keep", ("I can't stop", "I find myself")),
        ("honestly", ("truthfully", "genuinely")),
        ("makes me feel", ("leaves me feeling", "has me feeling")),
        ("is that okay", ("is that alright", "is that all right")),
        ("thank you", ("thanks", "thank you so much", "I'm grateful")),
        ("I'm not sure", ("I can't tell", "I'm unsure")),
        ("okay", ("alright", "all right")),
    ),
    "adventurous": (
        ("what's the", ("what is the",)),
        ("I want to", ("I'd love to", "I'm dying to", "I need to")),
        ("amazing", ("stunning", "unbelievable", "awesome")),
        ("so cool", ("so rad", "so good", "brilliant")),
        ("where can I", ("where do I", "where could I")),
        ("wild", ("bonkers", "out there", "nuts")),
        ("can I", ("could I", "am I able to")),
        ("the best", ("the top", "the greatest")),
    ),
    "casual": (
        ("what's", ("whats", "wats")),
        ("ok", ("okay", "oki")),
        ("nice", ("noice", "neat")),
        ("lol", ("lool", "lolz")),
        ("haha", ("hah", "hehe")),
    ),
    "direct": (),
    "formal": (),
}
"""Expressions by style, each with the other ways of saying it (keeping the expression
itself is one of the choices)."""

_WITH_COMMON = frozenset({"technical", "empathetic", "adventurous"})
_GUARDS: dict[str, tuple[str, str]] = {
    "I think": ("", r"(?! (?:of|about)\b)"),
    "I feel": (r"(?<!will )(?<!would )(?<!could )(?<!can )(?<!to )", ""),
}
"""What must not come before or after an expression for it to be rewritten (`I think of`
and `will I feel` stay as they are)."""


def _matches(text: str, expressions: list[str]) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(e.lower())}\b", lowered) for e in expressions)


def _recase(replacement: str) -> Callable[[re.Match[str]], str]:
    def sub(match: re.Match[str]) -> str:
        found = match.group()
        return replacement[0].upper() + replacement[1:] if found[0].isupper() else replacement

    return sub


@cache
def _choices(style: CommunicationStyle) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Per expression of `style`: its pattern, then the expression and each allowed variant.

    Built once per style: a conversation only draws from it.
    """
    table = (*_BY_STYLE[style], *(_COMMON if style in _WITH_COMMON else ()))
    expressions = [expression for expression, _ in table]
    choices = []
    for expression, variants in table:
        before, after = _GUARDS.get(expression, ("", ""))
        pattern = re.compile(rf"{before}\b{re.escape(expression)}\b{after}", re.IGNORECASE)
        allowed = tuple(v for v in variants if not _matches(v, expressions))
        choices.append((pattern, (expression, *allowed)))
    return tuple(choices)


def draw_rewrites(style: CommunicationStyle, rng: random.Random) -> tuple[Rewrite, ...]:
    """One way of saying each expression of `style`, for one conversation."""
    rewrites: list[Rewrite] = []
    for pattern, options in _choices(style):
        choice = rng.choice(options)
        if choice != options[0]:
            rewrites.append((pattern, choice))
    return tuple(rewrites)


def rewrite(text: str, rewrites: tuple[Rewrite, ...]) -> str:
    """`text` in this user's own words."""
    for pattern, replacement in rewrites:
        text = pattern.sub(_recase(replacement), text)
    return text
