"""`sparring validate` as a user runs it: export a recorded run, validate it, break a copy."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.test_storage.exchange_support import recorded_copy
from tests.test_tui.test_cli import sparring


@pytest.fixture(scope="module")
def split_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`sparring export --format turns-parquet --split 0.8,0.1,0.1` of the recorded run."""
    folder = tmp_path_factory.mktemp("validate")
    db = recorded_copy(folder, folder)
    out = folder / "turns.parquet"
    done = sparring("export", "--format", "turns-parquet", "--split", "0.8,0.1,0.1", "--out",
                    str(out), "--db", str(db), cwd=folder)
    assert done.returncode == 0, done.stderr
    return out


def test_a_real_split_export_passes_with_a_table(split_export: Path) -> None:
    done = sparring("validate", str(split_export), cwd=split_export.parent)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"validate {split_export} (turns-parquet: turns.train.parquet ")
    rows = {cells[0]: cells[1:] for line in lines if line.startswith("│")
            if (cells := [c.strip() for c in line.strip("│").split("│")])[0]}
    assert rows["split-leakage"][:2] == ["required", "pass"]
    assert rows["format"][:2] == ["required", "pass"]
    assert rows["score-tiers"][0] == "advisory"
    assert lines[-1].startswith("passed: every required check (")
    assert done.stderr == ""


def test_a_leaked_copy_fails_with_exit_1_and_json(split_export: Path, tmp_path: Path) -> None:
    for split in ("train", "val", "test"):
        name = f"turns.{split}.parquet"
        (tmp_path / name).write_bytes((split_export.parent / name).read_bytes())
    train = pq.read_table(tmp_path / "turns.train.parquet")
    test = pq.read_table(tmp_path / "turns.test.parquet")
    leaked = {**train.to_pylist()[0], "split": "test"}
    pq.write_table(pa.Table.from_pylist([*test.to_pylist(), leaked], schema=test.schema),
                   tmp_path / "turns.test.parquet")
    done = sparring("validate", str(tmp_path / "turns.parquet"), "--json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["passed"] is False
    failed = {c["name"]: c for c in report["checks"] if c["status"] == "fail"}
    assert set(failed) == {"duplicates", "split-leakage"}
    assert failed["split-leakage"]["details"] == {"conversations": 1, "contents": 1}
    table = sparring("validate", str(tmp_path / "turns.parquet"), cwd=tmp_path)
    assert table.returncode == 1
    assert table.stdout.splitlines()[-1].startswith("failed: duplicates, split-leakage (")


@pytest.mark.parametrize(("args", "message"), [
    (["missing.jsonl"], "error: missing.jsonl: no such file, nor split files beside it"),
    (["turns.parquet", "--target-distribution", "technical=2"],
     "error: --target-distribution = 'technical=2': 'technical' = 2.0; expected NAME=SHARE"),
    (["turns.parquet", "--require", "format"],
     "error: --require = 'format'; expected all or an advisory check"),
])
def test_unreadable_input_or_a_bad_option_is_one_line_and_exit_2(
        split_export: Path, args: list[str], message: str) -> None:
    done = sparring("validate", *args, cwd=split_export.parent)
    assert done.returncode == 2
    assert done.stderr.startswith(message) and len(done.stderr.splitlines()) == 1
    assert done.stdout == ""
