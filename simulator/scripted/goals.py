"""A scripted persona with a goal: it opens by asking for it, and judges whether it got it.

The judgement is the persona's own and deliberately simple: the goal is reached when some
bot reply was about it (term similarity at least `REACHED_RELEVANCE`) and the persona left
at least moderately satisfied (3 of 5 or more).
"""

from __future__ import annotations

import random

from simulator.metrics.relevance import relevance
from simulator.plan import derive_seed

REACHED_RELEVANCE = 0.2
REACHED_SATISFACTION = 3

ASKS: tuple[str, ...] = (
    "I need to {goal}.",
    "Can you help me {goal}?",
    "How do I {goal}?",
    "I'm trying to {goal}, what should I do?",
    "Hi, I'd like to {goal}.",
    "What's the fastest way to {goal}?",
)


def goal_message(goal: str, seed: int) -> str:
    """The opening that asks for `goal` (a verb phrase: `get a refund`)."""
    rng = random.Random(derive_seed(seed, "goal"))
    return ASKS[int(rng.random() * len(ASKS))].format(goal=goal.strip().rstrip("."))


def goal_fit(goal: str, bot_reply: str) -> float:
    """How much a reply is about the goal."""
    return relevance(goal, bot_reply)


def goal_reached(best_fit: float, satisfaction: int) -> bool:
    return best_fit >= REACHED_RELEVANCE and satisfaction >= REACHED_SATISFACTION
