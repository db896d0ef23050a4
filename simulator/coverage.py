"""Coverage gaps (seed 000 strategy 4): which persona x topic x emotional state x bot
(x category, when asked) cells have too few conversations, or scores too uncertain to
trust, and what would fill them.

A cell's uncertainty is the half-width of the 95% confidence interval of its mean
`conversation_quality` (Student's t). A cell needs `target` conversations, and with
`max_ci` also enough for its interval to shrink to that half-width at its observed spread.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from simulator.persona import Persona
from simulator.plan import Target

_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
"""Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom."""


def t95(df: int) -> float:
    """The 97.5th percentile of Student's t with `df` degrees of freedom (normal past 30)."""
    return _T95[df - 1] if df <= len(_T95) else 1.96


@dataclass(frozen=True, slots=True, order=True)
class Cell:
    """One combination a dataset should cover."""

    persona_id: str
    topic: str
    emotional_state: str
    bot_id: str
    category: str | None = None
    """Set when coverage is counted per category (a plan's domains) too."""


@dataclass(frozen=True, slots=True)
class Sample:
    """The completed conversations of one cell, summarised."""

    conversations: int = 0
    scored: int = 0
    """Conversations with a conversation_quality."""
    mean: float | None = None
    variance: float | None = None
    """Sample variance of the quality (n - 1), when at least two are scored."""

    @classmethod
    def of(cls, values: Iterable[float], conversations: int | None = None) -> Sample:
        scores = list(values)
        n = len(scores)
        mean = sum(scores) / n if n else None
        variance = None
        if n >= 2 and mean is not None:
            variance = sum((x - mean) ** 2 for x in scores) / (n - 1)
        return cls(conversations if conversations is not None else n, n, mean, variance)

    @property
    def ci(self) -> float | None:
        """Half-width of the 95% interval of the mean; None below two scores."""
        if self.variance is None:
            return None
        return t95(self.scored - 1) * math.sqrt(self.variance / self.scored)


@dataclass(frozen=True, slots=True)
class Gap:
    """A cell, what it has, and how many more conversations it needs."""

    cell: Cell
    sample: Sample
    target: int
    missing: int
    """Conversations to add: to reach `target`, and (with `max_ci`) a narrow enough interval."""


def expected_cells(
    personas: Iterable[Persona], bot_ids: Iterable[str], categories: Sequence[str] = ()
) -> list[Cell]:
    """Every persona x its topics x its emotional states x bot (x category, if given)."""
    bots = list(bot_ids)
    return [
        Cell(persona.id, topic, state, bot, category)
        for persona in personas
        for topic in persona.conversation_topics
        for state in persona.emotions or ("neutral",)
        for bot in bots
        for category in (categories or (None,))
    ]


def needed(sample: Sample, target: int, max_ci: float | None) -> int:
    """How many more conversations the cell needs."""
    missing = max(target - sample.conversations, 0)
    if max_ci is None:
        return missing
    if sample.variance is None:
        return max(missing, 2 - sample.scored)
    ci = sample.ci
    if ci is not None and ci <= max_ci:
        return missing
    # Enough scores for the interval to reach max_ci at the observed spread (normal
    # approximation for the count, then at least one more than now).
    enough = math.ceil((1.96 * math.sqrt(sample.variance) / max_ci) ** 2)
    return max(missing, enough - sample.scored, 1)


def find_gaps(
    cells: Iterable[Cell],
    samples: Mapping[Cell, Sample],
    target: int,
    max_ci: float | None = None,
) -> list[Gap]:
    """Every expected cell with what it needs: most missing first, then the widest interval
    (a cell without one counts as widest)."""
    gaps = [
        Gap(cell, sample, target, needed(sample, target, max_ci))
        for cell in cells
        for sample in (samples.get(cell, Sample()),)
    ]
    return sorted(gaps, key=lambda g: (-g.missing, -(g.sample.ci if g.sample.ci is not None
                                                    else math.inf), g.cell))


def fill_targets(gaps: Iterable[Gap], limit: int | None = None) -> list[Target]:
    """Targets that fill the gaps; with `limit`, that many conversations spread one at a
    time over the cells in gap order, so a small budget still reaches many cells.

    Each continues its cell's seeded sequence (`offset`), so filling twice adds new
    conversations rather than repeating earlier ones.
    """
    open_gaps = [gap for gap in gaps if gap.missing > 0]
    counts = dict.fromkeys((gap.cell for gap in open_gaps), 0)
    budget = math.inf if limit is None else limit
    while budget > 0 and open_gaps:
        for gap in open_gaps[: int(min(len(open_gaps), budget))]:
            counts[gap.cell] += 1
            budget -= 1
        open_gaps = [gap for gap in open_gaps if counts[gap.cell] < gap.missing]
    return [
        Target(gap.cell.persona_id, gap.cell.bot_id, gap.cell.topic, gap.cell.emotional_state,
               count=counts[gap.cell], offset=gap.sample.conversations,
               category=gap.cell.category)
        for gap in gaps
        if counts.get(gap.cell)
    ]
