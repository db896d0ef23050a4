"""The cause of a failure, from its reason text: the parts that vary between failures of
one cause (ids, times, byte counts, seconds to wait, body excerpts, attempt counts) taken
out.

    bot 'x' answered HTTP 502 Bad Gateway: '{"id": "9f3a…"}' (after 4 attempts)
        -> bot 'x' answered HTTP 502 Bad Gateway
    bot 'x': circuit open: 20 of the last 20 requests failed; retrying in 12 s; last
    failure: bot 'x' unreachable at http://127.0.0.1:5005: connection refused
        -> bot 'x' unreachable at http://127.0.0.1:5005: connection refused (held back)

A request the open circuit held back counts under the failure that opened it, so the
root cause leads the summary instead of twenty variants of "circuit open".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_BOT = re.compile(r"""^bot (?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")
_LAST_FAILURE = "; last failure: "
_ATTEMPTS = re.compile(r" \(after \d+ attempts\)")
_QUOTED = re.compile(r"'(?:[^'\\\n]|\\.){16,}'" + r'|"(?:[^"\\\n]|\\.){16,}"')
"""A quoted excerpt of a reply (a body, its start): long, and never the same twice."""
_EXCERPT = re.compile(r":\s*\x01$")
_URL = re.compile(r"https?://[^\s:/]+(?::\d+)?")
_ID = re.compile(r"\b(?=[0-9a-f-]*\d)(?=[0-9a-f-]*[a-f])[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\b",
                 re.IGNORECASE)
_SECONDS = re.compile(r"\b(retrying in|Retry-After) \d+(?:\.\d+)? s\b")
"""Seconds that change from one failure to the next (a timeout's are the bot's setting)."""
_TIME = re.compile(r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}(?:\.\d+)?\b")
_POSITION = re.compile(r"\b(offset|line|column|position|char) \d[\d,]*")
_PROTECTED = re.compile(r"HTTP \d{3}")


@dataclass(frozen=True, slots=True)
class FailureCause:
    """One cause of a run's failed conversations."""

    cause: str
    count: int
    held_back: int = 0
    """How many of them the bot's open circuit stopped before they were sent."""

    def __str__(self) -> str:
        held = f", {self.held_back} held back by the open circuit" if self.held_back else ""
        return f"{self.count} x {self.cause}{held}"


def cause_of(reason: str) -> tuple[str, bool]:
    """The cause of a failure reason, and whether an open circuit held the request back."""
    text = reason.strip()
    held = False
    if _LAST_FAILURE in text and "circuit" in text:
        root = text.split(_LAST_FAILURE, 1)[1]
        held = True
        if root:
            text = root
    bot = _BOT.match(text)
    head, rest = (bot.group(0), text[bot.end():]) if bot else ("", text)
    if held and rest.startswith(": circuit"):  # no failure named (cannot happen today)
        return f"{head}: circuit open", True
    if not held and re.match(r": circuit (?:open|half-open)", rest):
        return f"{head}: circuit open", True  # written before reasons named the failure
    rest = _ATTEMPTS.sub("", rest)
    rest = _EXCERPT.sub("", _QUOTED.sub("\x01", rest))
    rest = _normalised(rest).replace("\x01", "'…'")
    return head + rest, held


def _normalised(text: str) -> str:
    """Ids, seconds and long numbers replaced, URLs' origins and HTTP statuses kept."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _PROTECTED.sub(keep, _URL.sub(keep, text))
    text = _TIME.sub("<time>", text)
    text = _ID.sub("<id>", text)
    text = _SECONDS.sub(r"\1 N s", text)
    text = _POSITION.sub(r"\1 N", text)
    text = _NUMBER.sub("N", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def group_causes(reasons: list[tuple[str, int]], limit: int = 3) -> list[FailureCause]:
    """Failure reasons with their counts, merged by cause, the most common first."""
    counts: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for reason, count in reasons:
        cause, was_held = cause_of(reason)
        counts[cause] += count
        if was_held:
            held[cause] += count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [FailureCause(cause, count, held[cause]) for cause, count in ranked]
