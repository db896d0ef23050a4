"""Coverage cells, their uncertainty, and the targets that fill them."""

from __future__ import annotations

import math
import statistics

import pytest

from simulator.coverage import (
    Cell,
    Gap,
    Sample,
    expected_cells,
    fill_targets,
    find_gaps,
    needed,
    t95,
)
from simulator.persona import builtin_personas

A = Cell("alex", "ai", "calm", "elena")
B = Cell("alex", "ai", "focused", "elena")
C = Cell("casey", "music", "chill", "jake")


def test_expected_cells_cover_every_topic_state_and_bot() -> None:
    casey = builtin_personas()["casual_casey"]
    cells = expected_cells([casey], ["elena", "jake"])
    assert len(cells) == len(casey.conversation_topics) * len(casey.emotions) * 2
    assert len(set(cells)) == len(cells)


def test_confidence_interval_is_students_t() -> None:
    values = [0.5, 0.7, 0.6, 0.9]
    sample = Sample.of(values)
    assert sample.mean == pytest.approx(statistics.mean(values))
    assert sample.variance == pytest.approx(statistics.variance(values))
    assert sample.ci == pytest.approx(3.182 * statistics.stdev(values) / 2)
    assert Sample.of([0.5]).ci is None
    assert t95(1) == 12.706 and t95(1000) == 1.96


def test_needed_counts_the_target_and_the_interval() -> None:
    wide = Sample.of([0.2, 0.9, 0.4, 0.8])
    assert needed(wide, target=3, max_ci=None) == 0
    spread = statistics.stdev([0.2, 0.9, 0.4, 0.8])
    assert needed(wide, target=3, max_ci=0.1) == math.ceil((1.96 * spread / 0.1) ** 2) - 4
    assert needed(Sample.of([0.5, 0.5, 0.5]), target=3, max_ci=0.1) == 0
    assert needed(Sample.of([0.5]), target=1, max_ci=0.1) == 1  # two scores for an interval
    assert needed(Sample(), target=4, max_ci=None) == 4


def test_gaps_come_most_missing_first_then_widest_interval() -> None:
    samples = {A: Sample.of([0.1, 0.9]), B: Sample.of([0.5, 0.52]), C: Sample.of([0.4])}
    gaps = find_gaps([A, B, C], samples, target=3)
    assert [gap.cell for gap in gaps] == [C, A, B]
    assert [gap.missing for gap in gaps] == [2, 1, 1]


def test_fill_spreads_a_small_budget_and_continues_each_cells_sequence() -> None:
    gaps = [Gap(A, Sample.of([0.5]), 3, 2), Gap(B, Sample(), 3, 3), Gap(C, Sample(), 3, 0)]
    everything = fill_targets(gaps)
    assert [(t.persona_id, t.emotional_state, t.count, t.offset) for t in everything] == [
        ("alex", "calm", 2, 1), ("alex", "focused", 3, 0)]
    spread = fill_targets(gaps, limit=3)
    assert [(t.emotional_state, t.count) for t in spread] == [("calm", 2), ("focused", 1)]
    assert fill_targets(gaps, limit=1)[0].count == 1
    assert fill_targets([Gap(C, Sample(), 3, 0)]) == []
