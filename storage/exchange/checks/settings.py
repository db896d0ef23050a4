"""The thresholds of the checks (defaults after seed 002) and the target distribution."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from simulator.errors import ConfigError

REQUIRED = ("format", "sample-count", "class-diversity", "score-variance", "distribution",
            "non-finite", "duplicates", "split-leakage")
ADVISORY = ("score-tiers", "duplicate-prompts", "prompt-leakage", "stratification")
CHECKS = REQUIRED + ADVISORY

TIERS = (("low", 0.0, 0.4, 0.25), ("medium", 0.4, 0.7, 0.50), ("high", 0.7, 1.0, 0.25))
"""Seed 002's three performance tiers: name, from, below (high includes 1.0), target share.
Its generator draws low from 0-0.3, medium 0.4-0.6, high 0.7-1.0; the cuts sit at 0.4 and
0.7 so that `high` is what seed 004 keeps (>= 0.7)."""
RECOMMENDED_SCORE_STD = 0.15
"""Seed 002's phase-1 target for the spread of the scores (its hard minimum is 0.05)."""
_EXPECTED_TARGET = ("expected NAME=SHARE pairs summing to 1, such as "
                    "technical=0.25,creative=0.2,analytical=0.2,instructional=0.2,"
                    "conversational=0.15, or a YAML file mapping names to shares")


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_samples: int = 10
    """Seed 002: basic optimisation needs 10 samples."""
    recommended_samples: int = 1000
    """Seed 002: 1,000+ diverse samples for reliable training."""
    min_classes: int = 2
    """Seed 002: at least two distinct classes (personas, bots, categories)."""
    min_class_share: float = 0.05
    score: str | None = None
    """The score field; None: per format (see `rows.py`, `jsonl.py`)."""
    min_score_std: float = 0.05
    """Seed 002: the scores' standard deviation must reach 0.05."""
    tier_tolerance: float = 0.10
    target_distribution: Mapping[str, float] | None = None
    distribution_field: str = "category"
    distribution_tolerance: float = 0.05
    stratify: str = "persona"
    """`persona` or `category`, as `sparring export --stratify`."""
    promoted: frozenset[str] = field(default_factory=frozenset)
    """Advisory checks made required (`all` for every one)."""

    def required(self, name: str) -> bool:
        return name in REQUIRED or name in self.promoted or "all" in self.promoted


def _shares(values: object, where: str) -> dict[str, float]:
    if not isinstance(values, dict) or not values:
        raise ConfigError(f"{where}; {_EXPECTED_TARGET}")
    shares: dict[str, float] = {}
    for name, share in values.items():
        if (not isinstance(name, str) or not name.strip() or isinstance(share, bool)
                or not isinstance(share, int | float) or not math.isfinite(share)
                or not 0 < share <= 1):
            raise ConfigError(f"{where}: {name!r} = {share!r}; {_EXPECTED_TARGET}")
        shares[name.strip()] = float(share)
    if abs(sum(shares.values()) - 1.0) > 0.01:
        raise ConfigError(f"{where}: the shares sum to {sum(shares.values()):g}; "
                          f"{_EXPECTED_TARGET}")
    return shares


def parse_target_distribution(text: str) -> dict[str, float]:
    """`technical=0.3,creative=0.2,...`, or a YAML file mapping names to shares."""
    path = Path(text)
    if path.suffix.lower() in (".yaml", ".yml") or path.is_file():
        try:
            values = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"--target-distribution {path}: cannot be read ({exc}); "
                              f"{_EXPECTED_TARGET}") from exc
        return _shares(values, f"--target-distribution {path}")
    values: dict[str, object] = {}
    for part in text.split(","):
        name, sep, share = part.partition("=")
        try:
            values[name.strip()] = float(share) if sep else None
        except ValueError:
            values[name.strip()] = share
    return _shares(values, f"--target-distribution = {text!r}")


def parse_promoted(names: tuple[str, ...]) -> frozenset[str]:
    """`--require` values: advisory check names or `all`."""
    for name in names:
        if name != "all" and name not in ADVISORY:
            raise ConfigError(f"--require = {name!r}; expected all or an advisory check: "
                              f"{', '.join(ADVISORY)}")
    return frozenset(names)
