"""The three realism measures of synthetic users: separability, diversity and repetition.

Inputs are plain text, one conversation as the list of its user messages, so the measures
know nothing of how the messages were made:

- separability: k-fold (stratified) accuracy of a TF-IDF + logistic-regression classifier
  predicting a conversation's persona from its user messages;
- diversity: distinct-2, unique word bigrams over all word bigrams (within messages);
- repetition: share of a persona's conversations holding a message of `min_words` or more
  words that also appears, ignoring case and spacing, in another of its conversations;
- role breaks: user messages in the assistant's voice (the persona guards' own check).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from simulator.llm_persona.guards import sounds_like_assistant

Conversation = Sequence[str]
"""One conversation's user messages, in order."""

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; punctuation and emoji dropped, `don't` kept whole."""
    return _TOKEN.findall(text.lower())


def distinct_2(messages: Iterable[str]) -> float:
    """Unique word bigrams / all word bigrams; bigrams never span two messages (0 if none)."""
    seen: set[tuple[str, str]] = set()
    total = 0
    for message in messages:
        words = tokens(message)
        pairs = list(pairwise(words))
        total += len(pairs)
        seen.update(pairs)
    return len(seen) / total if total else 0.0


def _key(message: str) -> str:
    return " ".join(message.lower().split())


def repetition_rate(conversations: Sequence[Conversation], min_words: int = 6) -> float:
    """Share of `conversations` with a message of `min_words`+ words that appears again,
    ignoring case and spacing, in another of them (0 for none)."""
    if not conversations:
        return 0.0
    holders: Counter[str] = Counter()
    keys_per_conversation = []
    for conversation in conversations:
        keys = {_key(m) for m in conversation if len(tokens(m)) >= min_words}
        keys_per_conversation.append(keys)
        holders.update(keys)
    repeated = sum(any(holders[key] > 1 for key in keys) for keys in keys_per_conversation)
    return repeated / len(conversations)


@dataclass(frozen=True, slots=True)
class Separability:
    """Cross-validated accuracy overall and per true persona (its recall)."""

    accuracy: float
    by_label: dict[str, float]


def separability(
    conversations: Sequence[Conversation], labels: Sequence[str], folds: int = 5, seed: int = 0
) -> Separability:
    """`folds`-fold stratified accuracy of TF-IDF (word 1-2 grams, sublinear tf) + logistic
    regression predicting each conversation's label from its messages joined by newlines."""
    documents = ["\n".join(conversation) for conversation in conversations]
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=2000),
    )
    splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    predicted = cross_val_predict(model, documents, list(labels), cv=splits)
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter(labels)
    for truth, guess in zip(labels, predicted, strict=True):
        hits[truth] += truth == guess
    by_label = {label: hits[label] / totals[label] for label in sorted(totals)}
    return Separability(sum(hits.values()) / len(labels), by_label)


@dataclass(frozen=True, slots=True)
class Figures:
    """One engine's realism figures, per persona and overall."""

    separability: Separability
    distinct_2: dict[str, float]
    repetition: dict[str, float]
    conversations: dict[str, int]
    messages: dict[str, int]
    distinct_messages: int
    """Distinct user messages over all personas, ignoring case and spacing."""
    role_breaks: int

    @property
    def mean_distinct_2(self) -> float:
        return sum(self.distinct_2.values()) / len(self.distinct_2)

    @property
    def overall_repetition(self) -> float:
        """Repeating conversations over all conversations, every persona together."""
        total = sum(self.conversations.values())
        return sum(self.repetition[p] * n for p, n in self.conversations.items()) / total


def measure(
    by_persona: Mapping[str, Sequence[Conversation]], folds: int = 5, seed: int = 0
) -> Figures:
    """All three measures over conversations grouped by persona."""
    conversations = [c for group in by_persona.values() for c in group]
    labels = [persona for persona, group in by_persona.items() for _ in group]
    return Figures(
        separability=separability(conversations, labels, folds, seed),
        distinct_2={p: distinct_2(m for c in group for m in c) for p, group in by_persona.items()},
        repetition={p: repetition_rate(group) for p, group in by_persona.items()},
        conversations={p: len(group) for p, group in by_persona.items()},
        messages={p: sum(len(c) for c in group) for p, group in by_persona.items()},
        distinct_messages=len({_key(m) for c in conversations for m in c}),
        role_breaks=sum(sounds_like_assistant(m) for c in conversations for m in c),
    )
