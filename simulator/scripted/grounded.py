"""A scripted persona's question about a knowledge-base passage (seed 001's RAG queries).

The question is about one of the passage's salient phrases (a name, a quantity, a pair of
uncommon words), asked the way a user who has not read the passage would; the persona's
voice is applied when it is sent, as for any retold need.
"""

from __future__ import annotations

import random

from simulator.knowledge import Passage
from simulator.plan import derive_seed
from simulator.scripted.salience import salient_terms

QUESTIONS: tuple[str, ...] = (
    "What is {term}?",
    "How does {term} work?",
    "Can you explain {term} to me?",
    "What should I know about {term}?",
    "Where do I find {term}?",
    "Is there anything special about {term} I should be aware of?",
    "What does {term} mean for me, in {title}?",
    "How do I get started with {term}?",
    "Quick question about {title}: what's {term}?",
    "I keep seeing {term} mentioned, what is it exactly?",
)


def grounded_question(passage: Passage, seed: int) -> str:
    """A question about `passage`, the same for the same seed."""
    rng = random.Random(derive_seed(seed, "grounded", passage.source))
    terms = salient_terms(passage.text, avoid=(passage.title,), limit=4) or [passage.title]
    term = terms[int(rng.random() * len(terms))]
    template = QUESTIONS[int(rng.random() * len(QUESTIONS))]
    return template.format(term=term, title=passage.title.lower())
