"""The fragment grammar: `{slot}` templates filled from word pools by a seeded RNG."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

Pools = Mapping[str, Sequence[str]]

_DYNAMIC: dict[str, Callable[[random.Random], str]] = {
    "pct": lambda rng: f"{rng.randint(4, 96)}%",
    "small_pct": lambda rng: f"{rng.randint(1, 9)}%",
    "n": lambda rng: f"{rng.choice((50, 100, 200, 500, 1000, 2000, 5000, 10000)):,}",
    "x": lambda rng: f"{rng.randint(11, 49) / 10:g}x",
    "year": lambda rng: str(rng.randint(2012, 2024)),
}
"""Slots whose values are made up on the spot (numbers, for the analytical voice)."""

DYNAMIC_SLOTS = frozenset(_DYNAMIC)


class Filler(dict[str, str]):
    """A `str.format_map` mapping: fixed slots are stored, pool slots drawn on each use.

    A drawn value may itself contain slots; they are expanded in turn (the pools are
    written so that this nests at most a level or two).
    """

    __slots__ = ("_pools", "_rng")

    def __init__(self, fixed: Mapping[str, str], pools: Pools, rng: random.Random) -> None:
        super().__init__(fixed)
        self._pools = pools
        self._rng = rng

    def __missing__(self, key: str) -> str:
        pool = self._pools.get(key)
        if pool is None:
            return _DYNAMIC[key](self._rng)
        value = pool[int(self._rng.random() * len(pool))]
        return value.format_map(self) if "{" in value else value


def expand(template: str, filler: Filler) -> str:
    """`template` with its slots filled and its first letter capitalised."""
    text = template.format_map(filler) if "{" in template else template
    return text[:1].upper() + text[1:]
