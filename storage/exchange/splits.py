"""Train / validation / test splits: grouped, stratified, deterministic.

The unit is a group: the conversations that open alike (a persona's n-th conversation of a
seed, held with every bot of a run, and again by a rerun), or else a single conversation,
so no conversation and no opening prompt is in two splits. Each stratum's groups (a
persona, or a category) are shuffled with a generator seeded by the seed and the stratum,
then cut by largest remainder: every split gets the floor of its share and the leftover
groups go to the splits furthest behind their share over all the strata so far, so small
strata still add up to the requested ratios. A stratum's first group always goes to
`train`, so every persona (or category) is seen in training. Only ids are held.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from pathlib import Path

from simulator.errors import ConfigError

SPLIT_NAMES = {2: ("train", "val"), 3: ("train", "val", "test")}
STRATA = ("persona", "category")


def parse_split(text: str) -> tuple[float, ...]:
    """`0.8,0.1,0.1` -> ratios; 2 or 3 positive parts summing to 1."""
    expected = "expected 2 or 3 positive fractions summing to 1, such as 0.8,0.1,0.1"
    try:
        ratios = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise ConfigError(f"--split = {text!r}; {expected}") from None
    if (len(ratios) not in SPLIT_NAMES or any(not math.isfinite(r) or r <= 0 for r in ratios)
            or abs(sum(ratios) - 1.0) > 1e-6):
        raise ConfigError(f"--split = {text!r}; {expected}")
    return ratios


def split_names(ratios: tuple[float, ...]) -> tuple[str, ...]:
    return SPLIT_NAMES[len(ratios)]


def split_path(out: Path, split: str) -> Path:
    """`data.jsonl` -> `data.train.jsonl`."""
    return out.with_name(f"{out.stem}.{split}{out.suffix}")


def allocate(size: int, ratios: tuple[float, ...], deficits: list[float]) -> list[int]:
    """How many of `size` conversations each split gets; `deficits` (share owed so far,
    updated in place) decide where the leftovers go."""
    counts = [math.floor(size * r) for r in ratios]
    owed = [deficits[i] + size * r - counts[i] for i, r in enumerate(ratios)]
    for i in sorted(range(len(ratios)), key=lambda k: -owed[k])[: size - sum(counts)]:
        counts[i] += 1
    if size and counts[0] == 0:
        donor = max(range(1, len(counts)), key=lambda k: counts[k])
        counts[donor] -= 1
        counts[0] = 1
    for i, r in enumerate(ratios):
        deficits[i] += size * r - counts[i]
    return counts


def assign_splits(keys: Iterable[tuple[str, str, str]], ratios: tuple[float, ...],
                  seed: int) -> dict[str, str]:
    """Conversation id -> split name, from (conversation id, stratum, group) triples."""
    strata: dict[str, dict[str, list[str]]] = {}
    for conversation_id, stratum, group in keys:
        strata.setdefault(stratum, {}).setdefault(group, []).append(conversation_id)
    names = split_names(ratios)
    deficits = [0.0] * len(ratios)
    assignment: dict[str, str] = {}
    for stratum in sorted(strata):
        groups = sorted(strata[stratum])
        random.Random(f"sparring-split:{seed}:{stratum}").shuffle(groups)
        start = 0
        for name, count in zip(names, allocate(len(groups), ratios, deficits), strict=True):
            for group in groups[start:start + count]:
                assignment.update((i, name) for i in strata[stratum][group])
            start += count
    return assignment
