"""Questions: what the user asked, and whether the reply took each question up."""

from __future__ import annotations

import math
import re

from simulator.metrics.terms import content_terms
from simulator.text import sentences

QUESTION_OPENERS: tuple[str, ...] = (
    "what", "how", "why", "when", "where", "which", "who", "whom", "whose",
    "can", "could", "should", "is", "are", "was", "were", "do", "does", "did", "would", "will",
)
"""First words that make a sentence a question even without a question mark."""

LEAD_INS: tuple[str, ...] = ("so", "and", "but", "ok", "okay", "well", "hmm", "oh", "also")
"""Words skipped (at most two) before looking for an opener: "So how does it scale"."""

_OPENS_AS_QUESTION = re.compile(
    rf"\W*(?:(?:{'|'.join(LEAD_INS)})\b\W*){{0,2}}(?:{'|'.join(QUESTION_OPENERS)})\b",
    re.IGNORECASE,
)


def questions_in(text: str) -> list[str]:
    """The sentences of `text` that end in '?' or open with one of QUESTION_OPENERS."""
    return [s for s in sentences(text) if s.endswith("?") or _OPENS_AS_QUESTION.match(s)]


def addressed_share(questions: list[str], reply_terms: set[str], reply_blank: bool) -> float:
    """The share of `questions` addressed by a reply with the content terms `reply_terms`.

    A question is addressed when at least half (and at least one) of its distinct content
    terms are among the reply's; one without content terms ("Why?") is addressed by any
    reply that is not blank.
    """
    addressed = 0
    for question in questions:
        terms = set(content_terms(question))
        if not terms:
            addressed += not reply_blank
        else:
            addressed += len(terms & reply_terms) >= max(1, math.ceil(len(terms) / 2))
    return addressed / len(questions)


def question_addressed(user_text: str, reply_text: str) -> float | None:
    """The share of the user's questions the reply addresses; None if the user asked none."""
    questions = questions_in(user_text)
    if not questions:
        return None
    return addressed_share(questions, set(content_terms(reply_text)), not reply_text.strip())
