"""`sparring export` as a user runs it: a real process, a recorded database, real files."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.test_storage.exchange_support import recorded_copy
from tests.test_tui.test_cli import sparring


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("recorded")


@pytest.fixture
def db(tmp_path: Path, cache: Path) -> Path:
    return recorded_copy(tmp_path, cache)


def test_parquet_split_files_and_the_summary(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "turns.parquet"
    done = sparring("export", "--format", "turns-parquet", "--split", "0.8,0.2", "--out",
                    str(out), "--db", str(db), "--run", "latest", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    train, val = tmp_path / "turns.train.parquet", tmp_path / "turns.val.parquet"
    assert not out.exists()
    rows = pq.read_table(train).num_rows + pq.read_table(val).num_rows
    assert rows > 0 and set(pq.read_table(val).column("split").to_pylist()) == {"val"}
    assert "turns.train.parquet" in done.stdout and "12 conversations matched" in done.stdout
    assert "synthetic=10" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir() if "turns" in p.name) == [
        "turns.train.parquet", "turns.val.parquet"]


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--split", "0.8,0.3", "error: --split = '0.8,0.3'; expected 2 or 3 positive fractions"),
    ("--weights", "robots=1", "error: --weights = 'robots=1'; expected SOURCE=NUMBER"),
    ("--format", "xml", "error: --format = 'xml'; expected one of openai-chat"),
    ("--since", "yesterday", "error: --since = 'yesterday'; expected an ISO date"),
    ("--min-rating", "9", "error: --min-rating = 9; expected 1 to 5 stars"),
])
def test_a_bad_flag_is_one_line_and_exit_2(db: Path, tmp_path: Path, flag: str, value: str,
                                           message: str) -> None:
    args = ["export", "--format", "sharegpt", "--out", str(tmp_path / "x.jsonl"), "--db",
            str(db), flag, value]
    done = sparring(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith(message) and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_an_unwritable_out_leaves_nothing_behind(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.jsonl"
    done = sparring("export", "--format", "openai-chat", "--split", "0.5,0.5", "--out",
                    str(out), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith(f"error: {out.parent}")
    assert "cannot write the export" in done.stderr
    assert not out.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sparring.db"]
