"""Small text helpers shared by the persona engines and the metrics."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")


def words(text: str) -> list[str]:
    """The words of `text`, punctuation dropped, case kept."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
