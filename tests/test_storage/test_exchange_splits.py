"""Splits: largest-remainder shares per stratum, grouped, deterministic, stratified."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from simulator.errors import ConfigError
from storage.exchange.export import ExportOptions
from storage.exchange.splits import assign_splits, parse_split
from storage.exchange.weights import parse_weights
from tests.test_storage.exchange_support import csv_rows, jsonl, query, run_export

KEYS = [(f"c{i:03}", f"p{i % 5}", f"c{i:03}") for i in range(103)]
"""(conversation, stratum, group): each conversation its own group."""


@pytest.mark.parametrize("text", ["0.8,0.3", "1", "0.5,0.5,0,0", "a,b", "0.9,-0.1,0.2", ""])
def test_bad_split_names_the_flag_and_the_value(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^--split = .*; expected 2 or 3"):
        parse_split(text)


@pytest.mark.parametrize("text", ["real", "robots=3", "real=x", "real=-1"])
def test_bad_weights_name_the_flag(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^--weights = .*; expected SOURCE=NUMBER"):
        parse_weights(text)


@pytest.mark.parametrize("ratios", [(0.8, 0.1, 0.1), (0.8, 0.2), (0.6, 0.2, 0.2)])
def test_each_stratum_gets_its_share_within_rounding(ratios: tuple[float, ...]) -> None:
    assignment = assign_splits(KEYS, ratios, seed=0)
    assert set(assignment) == {k for k, _, _ in KEYS}
    names = ("train", "val", "test")[: len(ratios)]
    for stratum in {s for _, s, _ in KEYS}:
        members = [k for k, s, _ in KEYS if s == stratum]
        counts = Counter(assignment[k] for k in members)
        for name, ratio in zip(names, ratios, strict=True):
            share = len(members) * ratio
            assert math.floor(share) <= counts[name] <= math.ceil(share)
    totals = Counter(assignment.values())
    for name, ratio in zip(names, ratios, strict=True):
        assert abs(totals[name] - len(KEYS) * ratio) <= 1


def test_small_strata_still_fill_every_split_and_train_sees_each() -> None:
    keys = [(f"c{i}", f"p{i // 3}", f"c{i}") for i in range(30)]  # ten strata of three
    assignment = assign_splits(keys, (0.8, 0.1, 0.1), seed=3)
    totals = Counter(assignment.values())
    assert totals == {"train": 24, "val": 3, "test": 3}
    assert {s for k, s, _ in keys if assignment[k] == "train"} == {s for _, s, _ in keys}


def test_a_group_goes_to_one_split_whole() -> None:
    keys = [(f"c{i}", "p0", f"g{i // 4}") for i in range(40)]  # ten groups of four
    assignment = assign_splits(keys, (0.8, 0.1, 0.1), seed=1)
    for group in {g for _, _, g in keys}:
        assert len({assignment[k] for k, _, g in keys if g == group}) == 1
    assert Counter(assignment.values()) == {"train": 32, "val": 4, "test": 4}


def test_deterministic_for_a_seed_and_different_for_another() -> None:
    assert assign_splits(KEYS, (0.8, 0.2), 7) == assign_splits(reversed(KEYS), (0.8, 0.2), 7)
    assert assign_splits(KEYS, (0.8, 0.2), 7) != assign_splits(KEYS, (0.8, 0.2), 8)


async def test_split_files_never_share_a_conversation(tmp_path: Path, recorded_db: Path) -> None:
    out = tmp_path / "data.csv"
    summary = await run_export(recorded_db, "turns-csv", out,
                               ExportOptions(split=(0.6, 0.2, 0.2), seed=1))
    assert not out.exists()
    seen: dict[str, set[str]] = {}
    for name in ("train", "val", "test"):
        path = tmp_path / f"data.{name}.csv"
        rows = csv_rows(path)[1]
        assert {r["split"] for r in rows} <= {name}
        seen[name] = {r["conversation_id"] for r in rows}
    assert not (seen["train"] & seen["val"]) and not (seen["train"] & seen["test"])
    assert not (seen["val"] & seen["test"])
    personas = dict(query(recorded_db, "SELECT id, persona_id FROM conversations"))
    assert {personas[c] for c in seen["train"]} == {"casual_casey", "analytical_alex"}
    assert [f.conversations for f in summary.files] == [len(seen[n]) for n in seen]
    assert sum(f.conversations for f in summary.files) == summary.in_scope == 12
    chat = tmp_path / "chat.jsonl"
    await run_export(recorded_db, "openai-chat", chat, ExportOptions(split=(0.6, 0.2, 0.2), seed=1))
    assert [len(jsonl(tmp_path / f"chat.{n}.jsonl")) for n in seen] == [len(seen[n])
                                                                       for n in seen]


async def test_conversations_that_open_alike_share_a_split(tmp_path: Path,
                                                            recorded_db: Path) -> None:
    """A persona's n-th conversation opens alike with every bot: one split for all of them,
    so no opening prompt of val or test is also in train."""
    out = tmp_path / "turns.csv"
    await run_export(recorded_db, "turns-csv", out, ExportOptions(split=(0.5, 0.25, 0.25), seed=2))
    split_of = {}
    for name in ("train", "val", "test"):
        for row in csv_rows(tmp_path / f"turns.{name}.csv")[1]:
            split_of[row["conversation_id"]] = name
    groups: dict[tuple[str, int], list[str]] = {}
    for conversation, persona, seed in query(recorded_db, "SELECT id, persona_id, seed "
                                                      "FROM conversations"):
        if conversation in split_of:
            groups.setdefault((persona, seed), []).append(split_of[conversation])
    assert all(len(splits) == 2 for splits in groups.values())  # one per bot
    assert all(len(set(splits)) == 1 for splits in groups.values())
