"""Seed 002's ML requirements: enough samples, diverse classes, scores that vary and cover
three tiers, and a domain (category) distribution close to its target."""

from __future__ import annotations

import math
from collections import Counter

from storage.exchange.checks.context import Context, pct
from storage.exchange.checks.results import CheckResult, judged, skipped
from storage.exchange.checks.sample import Sample
from storage.exchange.checks.settings import RECOMMENDED_SCORE_STD, TIERS
from storage.exchange.checks.sightings import Seen

CLASS_FIELDS = ("persona_id", "bot_id", "category")
NO_LINEAGE = "openai-chat lines carry no lineage"
NONE = "(none)"


class SampleCount:
    name = "sample-count"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._count = 0

    def add(self, sample: Sample, seen: Seen) -> None:
        self._count += 1

    def result(self) -> CheckResult:
        limits, count = self._context.thresholds, self._count
        finding = (f"{count:,} {self._context.unit} (>= {limits.min_samples:,} required; "
                   f"{limits.recommended_samples:,}+ recommended)")
        return judged(self.name, self._context.required(self.name), finding,
                      problem=count < limits.min_samples,
                      short=count < limits.recommended_samples, samples=count)


class ClassDiversity:
    """Personas, bots and categories: at least `min_classes` each, none too rare."""

    name = "class-diversity"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._counts: dict[str, Counter[str]] = {name: Counter() for name in CLASS_FIELDS}

    def add(self, sample: Sample, seen: Seen) -> None:
        for name, counts in self._counts.items():
            value = sample.labels.get(name)
            if value is not None:
                counts[value] += 1

    def result(self) -> CheckResult:
        required = self._context.required(self.name)
        if self._context.format == "openai-chat":
            return skipped(self.name, required, NO_LINEAGE)
        present = {name: counts for name, counts in self._counts.items() if counts}
        if not present:
            return skipped(self.name, required, "no sample names a persona, bot or category")
        limits = self._context.thresholds
        parts, few, rare = [], [], []
        for name, counts in present.items():
            rarest, smallest = min(counts.items(), key=lambda item: (item[1], item[0]))
            share = smallest / sum(counts.values())
            parts.append(f"{name} {len(counts)} (smallest {rarest} {pct(share)})")
            if len(counts) < limits.min_classes:
                few.append(name)
            if share < limits.min_class_share:
                rare.append(f"{name} {rarest}")
        parts.extend(f"{name} none" for name in CLASS_FIELDS if name not in present)
        finding = ", ".join(parts)
        if few:
            finding += f"; fewer than {limits.min_classes} classes: {', '.join(few)}"
        if rare:
            finding += f"; below {pct(limits.min_class_share)}: {', '.join(rare)}"
        details = {name: dict(counts) for name, counts in present.items()}
        return judged(self.name, required, finding, problem=bool(few), short=bool(rare),
                      **details)


class _Scores:
    """Count, mean and variance (Welford), range and whether two values differ."""

    def __init__(self) -> None:
        self.count = 0
        self.mean = self._m2 = 0.0
        self.low, self.high = math.inf, -math.inf
        self.varied = False

    def add(self, value: float) -> None:
        if self.count and value != self.low:
            self.varied = True
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self._m2 += delta * (value - self.mean)
        self.low, self.high = min(self.low, value), max(self.high, value)

    @property
    def std(self) -> float:
        return math.sqrt(self._m2 / self.count) if self.count else 0.0


def _no_scores(context: Context) -> str:
    if context.score_name is None:
        return f"{context.format} carries no score; pass --score to name a numeric column"
    return f"no {context.score_name} values"


class ScoreVariance:
    """Seed 002: at least two distinct scores, standard deviation >= 0.05 (0.15 aimed for)."""

    name = "score-variance"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._scores = _Scores()

    def add(self, sample: Sample, seen: Seen) -> None:
        for value in sample.scores:
            self._scores.add(value)

    def result(self) -> CheckResult:
        required, scores = self._context.required(self.name), self._scores
        if not scores.count:
            return skipped(self.name, required, _no_scores(self._context))
        minimum, std = self._context.thresholds.min_score_std, scores.std
        what = f"{scores.count:,} {self._context.score_name} values"
        if not scores.varied:
            finding = f"all {what} are {scores.low:g}; expected at least two distinct values"
        else:
            finding = (f"std {std:.3f} of {what} (mean {scores.mean:.2f}, range "
                       f"{scores.low:.2f} to {scores.high:.2f}); >= {minimum:g} required, "
                       f">= {RECOMMENDED_SCORE_STD:g} recommended")
        return judged(self.name, required, finding, problem=not scores.varied or std < minimum,
                      short=std < RECOMMENDED_SCORE_STD, std=round(std, 6),
                      mean=round(scores.mean, 6), scores=scores.count)


class ScoreTiers:
    """Seed 002's three tiers: low < 0.4 <= medium < 0.7 <= high, aimed at 25/50/25%."""

    name = "score-tiers"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._counts = [0] * len(TIERS)
        self._outside: float | None = None
        """The first score outside 0..1, if any."""
        self._count = 0

    def add(self, sample: Sample, seen: Seen) -> None:
        for value in sample.scores:
            self._count += 1
            if not 0.0 <= value <= 1.0:
                if self._outside is None:
                    self._outside = value
                continue
            self._counts[next(i for i, (_, _, below, _) in enumerate(TIERS)
                              if value < below or below == 1.0)] += 1

    def result(self) -> CheckResult:
        required = self._context.required(self.name)
        if not self._count:
            return skipped(self.name, required, _no_scores(self._context))
        if self._outside is not None:
            return skipped(self.name, required,
                           f"{self._context.score_name} scores lie outside 0..1 (such as "
                           f"{self._outside:g}); the tiers need 0-1 scores")
        tolerance = self._context.thresholds.tier_tolerance
        shares = [count / self._count for count in self._counts]
        off = [name for (name, _, _, target), share in zip(TIERS, shares, strict=True)
               if abs(share - target) > tolerance or share == 0]
        observed = " / ".join(f"{name} {pct(share)}"
                              for (name, *_), share in zip(TIERS, shares, strict=True))
        targets = "/".join(f"{target:.0%}".removesuffix("%") for *_, target in TIERS)
        finding = f"{observed} (target {targets} ± {tolerance:.0%})"
        if off:
            finding += f"; off target: {', '.join(off)}"
        details = {name: round(share, 6) for (name, *_), share in zip(TIERS, shares, strict=True)}
        return judged(self.name, required, finding, problem=bool(off), **details)


class Distribution:
    """The shares of one label (`category` by default) against `--target-distribution`."""

    name = "distribution"

    def __init__(self, context: Context) -> None:
        self._context = context
        self._field = context.thresholds.distribution_field
        self._counts: Counter[str] = Counter()

    def add(self, sample: Sample, seen: Seen) -> None:
        self._counts[sample.labels.get(self._field, NONE)] += 1

    def result(self) -> CheckResult:
        required, field = self._context.required(self.name), self._field
        target = self._context.thresholds.target_distribution
        total = sum(self._counts.values())
        if self._context.format == "openai-chat":
            return skipped(self.name, required, NO_LINEAGE)
        if target is None:
            observed = ", ".join(f"{name} {pct(count / total)}"
                                 for name, count in self._counts.most_common(3)
                                 if name != NONE) or "none in any sample"
            return skipped(self.name, required, f"no --target-distribution given ({field}: "
                           f"{observed})")
        if not total or set(self._counts) == {NONE}:
            return judged(self.name, required, f"no sample has a {field}; expected "
                          f"{', '.join(target)}", problem=True)
        tolerance = self._context.thresholds.distribution_tolerance
        gaps = {name: self._counts[name] / total - target.get(name, 0.0)
                for name in sorted({*target, *self._counts})}
        off = {name: gap for name, gap in gaps.items() if abs(gap) > tolerance}
        if off:
            finding = f"{len(off)} of {len(gaps)} {field} shares off by more than " \
                f"{tolerance:.0%}: " + ", ".join(
                    f"{name} {pct(self._counts[name] / total)} (target "
                    f"{pct(target.get(name, 0.0))})" for name in off)
        else:
            widest = max(gaps, key=lambda name: abs(gaps[name]))
            finding = (f"every {field} share within {tolerance:.0%} of its target over "
                       f"{total:,} {self._context.unit} (widest gap {widest} "
                       f"{gaps[widest]:+.1%})")
        shares = {name: round(self._counts[name] / total, 6) for name in gaps}
        return judged(self.name, required, finding, problem=bool(off), shares=shares)
