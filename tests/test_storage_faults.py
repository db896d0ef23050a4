"""Storage faults as a user meets them: real `sparring` processes against an unwritable
folder, a locked database, a full disk and an unwritable export path. Each ends with exit
status 2, one `error:` line naming the file, no traceback, and nothing half-written."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.test_tui.test_cli import FAST_DEMO, SPARRING, query, sparring

RUN = ("run", "-p", "casual_casey", "-p", "analytical_alex", "-n", "10", "-c", "4",
       "--seed", "3")


def _fails_cleanly(done: subprocess.CompletedProcess[str], names: Path) -> str:
    """Exit 2, no traceback, exactly one `error:` line, and it names `names`; that line."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, done.stderr
    assert str(names) in errors[0], errors[0]
    return errors[0]


def _only_complete_conversations(db: Path) -> None:
    """The database opens, is intact, and every ended conversation holds all its turns."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    short = query(db, """SELECT c.id FROM conversations c
                          WHERE c.status = 'completed' AND c.turns !=
                                (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)""")
    assert short == []


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return sparring(*args, cwd=cwd)


def _unwritable(folder: Path) -> bool:
    try:
        (folder / "probe").touch()
    except PermissionError:
        return True
    (folder / "probe").unlink()
    return False


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """`tmp_path/ro`, a folder this user cannot write to: by its mode, or for root (whom
    modes do not bind) by the immutable attribute; skipped where neither holds."""
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if _unwritable(folder):
        yield folder
        folder.chmod(0o755)
        return
    folder.chmod(0o755)
    immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True,
                               check=False).returncode == 0
    if immutable and _unwritable(folder):
        try:
            yield folder
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        return
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    pytest.skip("neither file modes nor the immutable attribute (chattr) make a folder "
                "unwritable here; test_a_parent_that_cannot_be_created covers the case")


def test_run_into_a_read_only_folder(read_only: Path) -> None:
    db = read_only / "new.db"
    _fails_cleanly(_run(*RUN, "--db", str(db), cwd=read_only.parent), db)
    assert list(read_only.iterdir()) == []


def test_export_into_a_read_only_folder(read_only: Path) -> None:
    root = read_only.parent
    db = root / "made.db"
    assert _run(*RUN, "--db", str(db), cwd=root).returncode == 0
    out = read_only / "out.jsonl"
    done = _run("export", "--format", "openai-chat", "--out", str(out), "--db", str(db),
                cwd=root)
    _fails_cleanly(done, out)
    assert list(read_only.iterdir()) == []


def test_a_parent_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    (tmp_path / "plain-file").write_text("not a folder")
    db = tmp_path / "plain-file" / "sub" / "x.db"
    line = _fails_cleanly(sparring(*RUN, "--db", str(db), cwd=tmp_path), db)
    assert "cannot create its folder" in line
    stats = sparring("stats", "--db", str(db), cwd=tmp_path)
    _fails_cleanly(stats, db)
    good = tmp_path / "good.db"
    assert sparring(*RUN, "--db", str(good), cwd=tmp_path).returncode == 0
    out = tmp_path / "plain-file" / "out.jsonl"
    export = sparring("export", "--format", "openai-chat", "--out", str(out), "--db",
                      str(good), cwd=tmp_path)
    _fails_cleanly(export, out)
    assert (tmp_path / "plain-file").read_text() == "not a folder"


def test_a_database_locked_by_another_writer(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "locked.db"
    assert sparring(*RUN, "--db", str(db), cwd=tmp_path).returncode == 0
    before = query(db, "SELECT COUNT(*) FROM conversations")
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        line = _fails_cleanly(sparring(*RUN, "--db", str(db), cwd=tmp_path), db)
        assert "locked by another process" in line
        # Readers are not blocked by a writer in WAL mode: stats and export still answer.
        assert sparring("stats", "--db", str(db), cwd=tmp_path).returncode == 0
        out = tmp_path / "out.jsonl"
        export = sparring("export", "--format", "openai-chat", "--out", str(out), "--db",
                          str(db), cwd=tmp_path)
        assert export.returncode == 0, export.stderr
    finally:
        holder.rollback()
        holder.close()
    assert query(db, "SELECT COUNT(*) FROM conversations") == before
    _only_complete_conversations(db)


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn: writes past `limit` bytes fail with EFBIG (a full disk, simulated)."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def _limited(limit: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SPARRING, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, preexec_fn=_file_size_limit(limit),
                          env={**os.environ, "COLUMNS": "200"})


def test_a_full_disk_during_a_run(tmp_path: Path) -> None:
    # Bots at 20 ms keep each flush small, so some land before the 1 MB "disk" is full.
    (tmp_path / "bots.yaml").write_text(FAST_DEMO.replace("latency_ms: 0", "latency_ms: 20"))
    db = tmp_path / "full.db"
    done = _limited(1_000_000, *RUN, "-n", "40", "--db", str(db), cwd=tmp_path)
    line = _fails_cleanly(done, db)
    assert "cannot write the database" in line
    _only_complete_conversations(db)
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'")[0][0] > 0
    resumed = sparring("resume", "latest", "--db", str(db), cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT id) FROM conversations") == [(160, 160)]
    _only_complete_conversations(db)


def test_a_full_disk_during_an_export(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "made.db"
    assert sparring(*RUN, "--db", str(db), cwd=tmp_path).returncode == 0
    out = tmp_path / "out.jsonl"
    out.write_text("the previous export\n")
    # Above the 32 KiB WAL index the reader maps, below the export's size (~150 KB).
    done = _limited(64 * 1024, "export", "--format", "openai-chat", "--out", str(out),
                    "--db", str(db), cwd=tmp_path)
    _fails_cleanly(done, out)
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
