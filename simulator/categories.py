"""Intent categories (seed 001): what a user message is about, with a confidence.

A plan splits its conversations over categories by share; a conversation generated for a
category opens with one of its examples, retold in the persona's voice, and goes on from
there. Its messages carry the category: confidence 1.0 for the message written from the
example, and for the others their term similarity to the category's description and
examples (so a follow-up that drifts off shows a low confidence rather than a made-up one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from simulator.metrics.relevance import relevance


@dataclass(frozen=True, slots=True)
class CategoryText:
    description: str
    examples: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.description, *self.examples))


@cache
def builtin_categories() -> dict[str, CategoryText]:
    """Seed 001's seven categories and chitchat, shipped as simulator/categories.yaml."""
    raw = yaml.safe_load(resources.files("simulator").joinpath("categories.yaml").read_text())
    return {name: CategoryText(spec["description"], tuple(spec["examples"]))
            for name, spec in raw.items()}


def confidence(message: str, category_text: str) -> float:
    """How much `message` is about the category: content-term cosine, in [0, 1]."""
    return round(relevance(message, category_text), 4)
