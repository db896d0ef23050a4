"""Sample weights by conversation source (seed 002: real data outranks synthetic 100 to 10)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from simulator.errors import ConfigError

SOURCES = ("synthetic", "real", "augmented", "human")
DEFAULT_WEIGHTS: Mapping[str, float] = {"real": 100.0, "human": 100.0, "augmented": 10.0,
                                        "synthetic": 10.0}
_EXPECTED = "expected SOURCE=NUMBER pairs such as real=100,synthetic=10 (sources: " \
            + ", ".join(SOURCES) + ")"


def parse_weights(text: str | None) -> dict[str, float]:
    """`real=100,synthetic=10` merged over DEFAULT_WEIGHTS; a bad pair is a ConfigError."""
    weights = dict(DEFAULT_WEIGHTS)
    if text is None or not text.strip():
        return weights
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or name not in SOURCES or not math.isfinite(number) or number < 0:
            raise ConfigError(f"--weights = {text!r}; {_EXPECTED}, weights >= 0")
        weights[name] = number
    return weights


def weight_for(weights: Mapping[str, float], source: str) -> float:
    """The weight of a conversation's source; an unknown source weighs 1."""
    return float(weights.get(source, 1.0))
