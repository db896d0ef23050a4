"""Relevance: how much of a reply's vocabulary is the vocabulary of the user's message."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from simulator.metrics.terms import content_terms


def term_cosine(first: Iterable[str], second: Iterable[str]) -> float:
    """Cosine similarity of the term-frequency vectors of two term sequences; 0 if one is empty.

    `cos(u, r) = sum_t u[t] * r[t] / (sqrt(sum_t u[t]^2) * sqrt(sum_t r[t]^2))`, where `u[t]`
    and `r[t]` count term `t` in each sequence. Counts are never negative, so it lies in [0, 1].
    """
    a, b = Counter(first), Counter(second)
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(count * b[term] for term, count in a.items() if term in b)
    if not dot:
        return 0.0
    norms = math.sqrt(sum(c * c for c in a.values()) * sum(c * c for c in b.values()))
    return min(1.0, dot / norms)


def relevance(user_text: str, reply_text: str) -> float:
    """Cosine similarity of the content-term frequencies of the user's message and the reply.

    1 when both use the same content terms in the same proportions, 0 when they share none
    or either has no content terms (see `terms.content_terms`).
    """
    return term_cosine(content_terms(user_text), content_terms(reply_text))
