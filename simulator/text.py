"""Small text helpers shared by the persona engines, the metrics and the messages."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?](?!\s|$)[^\n.!?]*)*(?:[.!?]+|$)", re.MULTILINE)
"""Text up to a run of `.`, `!` or `?` followed by white space, or up to the line's end."""


def words(text: str) -> list[str]:
    """The words of `text`, punctuation dropped, case kept."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    """The non-blank sentences of `text`, ending punctuation kept.

    A sentence ends at `.`, `!` or `?` followed by white space, or at a line break.
    """
    return [stripped for part in _SENTENCE.findall(text) if (stripped := part.strip())]


def counted(count: int, noun: str) -> str:
    """`1 conversation`, `2 conversations`, `3 categories` (regular English plurals)."""
    if count == 1:
        return f"{count:,} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count:,} {noun[:-1]}ies"
    return f"{count:,} {noun}s"
