"""Fragment grammars: `[a|b|c]` in a template picks one alternative, at random.

Alternatives nest (`[I [really |]want|I'd like]`) and may be empty (`[lately|]` is an
optional word); `<name>` stands for a shared word class (`wordclasses`); `{slot}` fields
are left for `str.format_map`. A template is parsed once; each expansion costs one draw per
alternation on the chosen path. White space left by an empty alternative is tidied, so
templates can be written naturally.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from simulator.scripted.wordclasses import WORD_CLASSES

Node = tuple["str | Choice", ...]
"""A sequence of literal text and choices."""
Choice = tuple[Node, ...]
"""Alternatives, one of which is taken."""

_WORD_CLASS = re.compile(r"<([a-z_]+)>")
_SPACES = re.compile(r"\s{2,}")
_BEFORE_PUNCT = re.compile(r"\s+([,.!?;:])(?![()/])")
"""Space before punctuation, emoticons (`:)`) spared."""


class GrammarError(ValueError):
    """A template whose brackets do not balance."""


def _parse(template: str, at: int, nested: bool) -> tuple[Choice, int]:
    alternatives: list[Node] = []
    parts: list[str | Choice] = []
    text: list[str] = []
    i = at
    while i < len(template):
        char = template[i]
        if char == "[":
            if text:
                parts.append("".join(text))
                text = []
            choice, i = _parse(template, i + 1, nested=True)
            parts.append(choice)
            continue
        if char in "|]" and nested:
            if text:
                parts.append("".join(text))
                text = []
            alternatives.append(tuple(parts))
            parts = []
            if char == "]":
                return tuple(alternatives), i + 1
        elif char in "|]":
            raise GrammarError(f"unexpected {char!r} at {i} in template {template!r}")
        else:
            text.append(char)
        i += 1
    if nested:
        raise GrammarError(f"unclosed '[' in template {template!r}")
    if text:
        parts.append("".join(text))
    return (tuple(parts),), i


def _word_class(match: re.Match[str]) -> str:
    name = match.group(1)
    if name not in WORD_CLASSES:
        raise GrammarError(f"unknown word class <{name}>; known: {', '.join(sorted(WORD_CLASSES))}")
    return "[" + "|".join(WORD_CLASSES[name]) + "]"


@lru_cache(maxsize=4096)
def parse(template: str) -> Node:
    """The template as a tree of literal text and choices; raises GrammarError."""
    return _parse(_WORD_CLASS.sub(_word_class, template), 0, nested=False)[0][0]


def _walk(node: Node, rng: random.Random, out: list[str]) -> None:
    for part in node:
        if isinstance(part, str):
            out.append(part)
        else:
            _walk(part[int(rng.random() * len(part))], rng, out)


def tidy(text: str) -> str:
    """Collapse runs of spaces and drop spaces before punctuation."""
    return _BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()


def expand(template: str, rng: random.Random) -> str:
    """One random expansion of `template`'s alternatives; `{slots}` are left as they are."""
    if "[" not in template and "<" not in template:
        return template
    out: list[str] = []
    _walk(parse(template), rng, out)
    return tidy("".join(out))


def pick(pool: tuple[str, ...], rng: random.Random) -> str:
    """One entry of `pool`, expanded."""
    return expand(pool[int(rng.random() * len(pool))], rng)
