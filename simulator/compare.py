"""Comparing two runs: per metric and per persona x bot, with bootstrap intervals.

The unit is the conversation: a turn metric is first averaged within each conversation,
so long conversations do not outweigh short ones. The difference of means (B - A) gets a
95% percentile-bootstrap interval from resampling each run's conversations; the verdict
is `better` or `worse` when the interval excludes 0 (in the metric's good direction), else
`no detectable change`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from simulator.metrics.catalog import SPECS

Verdict = Literal["better", "worse", "no detectable change", "too few conversations"]
Direction = Literal["higher", "lower"]

RESAMPLES = 2000
LEVEL = 0.95


@dataclass(frozen=True, slots=True)
class ConversationFigures:
    """One conversation's metric values (turn metrics as their mean over its turns)."""

    persona_id: str
    bot_id: str
    values: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class MetricComparison:
    metric: str
    better: Direction
    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    delta: float | None
    """mean B - mean A."""
    ci: tuple[float, float] | None
    verdict: Verdict

    @property
    def worsening(self) -> float:
        """How much worse B is, in the metric's units (negative when it is better)."""
        if self.delta is None:
            return 0.0
        return -self.delta if self.better == "higher" else self.delta


def direction(metric: str) -> Direction | None:
    """Which way `metric` improves; judge scores (not in the catalogue) go up."""
    spec = SPECS.get(metric)
    return spec.better if spec is not None else "higher"


def compare_metric(
    metric: str, a: Sequence[float], b: Sequence[float], rng: np.random.Generator,
    resamples: int = RESAMPLES,
) -> MetricComparison:
    """B against A on one metric."""
    better = direction(metric) or "higher"
    xa, xb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    mean_a = float(xa.mean()) if xa.size else None
    mean_b = float(xb.mean()) if xb.size else None
    if xa.size < 2 or xb.size < 2:
        return MetricComparison(metric, better, xa.size, xb.size, mean_a, mean_b,
                                None if mean_a is None or mean_b is None else mean_b - mean_a,
                                None, "too few conversations")
    boot_a = xa[rng.integers(0, xa.size, (resamples, xa.size))].mean(axis=1)
    boot_b = xb[rng.integers(0, xb.size, (resamples, xb.size))].mean(axis=1)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(boot_b - boot_a, [tail, 100 - tail])
    verdict: Verdict = "no detectable change"
    if low > 0 or high < 0:
        up = low > 0
        verdict = "better" if up == (better == "higher") else "worse"
    assert mean_a is not None and mean_b is not None
    return MetricComparison(metric, better, xa.size, xb.size, mean_a, mean_b,
                            _clean(mean_b - mean_a), (_clean(low), _clean(high)), verdict)


def _clean(value: float) -> float:
    """Floating-point noise (1e-16 from summing the same values in another order) as 0."""
    return 0.0 if abs(value) < 1e-12 else float(value)


def compare_runs(
    a: Sequence[ConversationFigures], b: Sequence[ConversationFigures],
    metrics: Sequence[str] | None = None, seed: int = 0, resamples: int = RESAMPLES,
) -> list[MetricComparison]:
    """Every metric both runs have and that has a good direction (or those named)."""
    rng = np.random.default_rng(seed)
    names = list(metrics) if metrics else sorted(
        name for name in {n for c in a for n in c.values} & {n for c in b for n in c.values}
        if direction(name) is not None
    )
    return [compare_metric(name, _values(a, name), _values(b, name), rng, resamples)
            for name in names]


def compare_pairs(
    a: Sequence[ConversationFigures], b: Sequence[ConversationFigures], metric: str,
    seed: int = 0, resamples: int = RESAMPLES,
) -> dict[tuple[str, str], MetricComparison]:
    """`metric` compared per persona x bot pair present in either run."""
    rng = np.random.default_rng(seed)
    pairs = sorted({(c.persona_id, c.bot_id) for c in (*a, *b)})
    return {
        pair: compare_metric(
            metric,
            _values([c for c in a if (c.persona_id, c.bot_id) == pair], metric),
            _values([c for c in b if (c.persona_id, c.bot_id) == pair], metric),
            rng, resamples,
        )
        for pair in pairs
    }


def _values(conversations: Sequence[ConversationFigures], metric: str) -> list[float]:
    return [c.values[metric] for c in conversations if metric in c.values]
