"""`sparring gaps` and `--fill` as a user runs them, on a real database."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring


def _gaps(db: Path, cwd: Path, *args: str) -> list[dict]:
    done = sparring("gaps", "--json", "-p", "casual_casey", "-b", "jake", *args, "--db",
                    str(db), cwd=cwd)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_gaps_count_what_the_database_holds_and_fill_shrinks_them(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("run", "-p", "casual_casey", "-b", "jake", "-n", "4", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    cells = _gaps(db, tmp_path, "--target", "2")
    held = {(row[0], row[1]): row[2] for row in query(
        db, "SELECT topic, emotional_state, COUNT(*) FROM conversations "
        "WHERE status = 'completed' GROUP BY 1, 2")}
    assert sum(cell["conversations"] for cell in cells) == 4
    for cell in cells:
        assert cell["conversations"] == held.get((cell["topic"], cell["emotional_state"]), 0)
        assert cell["missing"] == max(2 - cell["conversations"], 0)
    missing_before = sum(cell["missing"] for cell in cells)

    done = sparring("gaps", "-p", "casual_casey", "-b", "jake", "--target", "2", "--fill",
                    "--max-conversations", "10", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"coverage: {len(cells)} cells" in done.stdout
    assert "coverage after filling" in done.stdout
    after = _gaps(db, tmp_path, "--target", "2")
    assert sum(cell["missing"] for cell in after) == missing_before - 10
    filled = query(db, "SELECT topic, emotional_state, source FROM conversations "
                   "WHERE run_id = (SELECT id FROM runs ORDER BY started_at DESC LIMIT 1)")
    assert len(filled) == 10 and {row[2] for row in filled} == {"synthetic"}
    # Filling again continues each cell's seeded sequence: no conversation is repeated.
    done = sparring("gaps", "-p", "casual_casey", "-b", "jake", "--target", "3", "--fill",
                    "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert all(cell["missing"] == 0 for cell in _gaps(db, tmp_path, "--target", "3"))
    assert query(db, "SELECT COUNT(*), COUNT(DISTINCT seed) FROM conversations")[0] == (
        query(db, "SELECT COUNT(*) FROM conversations")[0][0],) * 2


def test_max_ci_makes_uncertain_cells_gaps_and_bad_bot_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    assert sparring("run", "-p", "casual_casey", "-b", "jake", "-n", "6", "--db", str(db),
                    cwd=tmp_path).returncode == 0
    loose = _gaps(db, tmp_path, "--target", "1")
    strict = _gaps(db, tmp_path, "--target", "1", "--max-ci", "0.01")
    assert sum(c["missing"] for c in strict) > sum(c["missing"] for c in loose)
    assert all(c["missing"] > 0 for c in strict if c["ci95"] and c["ci95"] > 0.01)
    done = sparring("gaps", "-b", "nobody", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: --bot = 'nobody': not in bots.yaml")


def test_category_cells_are_counted_and_filled_with_their_label(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    assert sparring("run", "-p", "analytical_alex", "-b", "jake", "-n", "1", "--db", str(db),
                    cwd=tmp_path).returncode == 0
    args = ("--category", "technical", "--category", "creative", "--target", "1")
    cells = _gaps(db, tmp_path, *args)
    assert {cell["category"] for cell in cells} == {"technical", "creative"}
    assert len(cells) == 2 * len(_gaps(db, tmp_path, "--target", "1"))
    done = sparring("gaps", "-p", "casual_casey", "-b", "jake", *args, "--fill", "--db",
                    str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert all(cell["missing"] == 0 for cell in _gaps(db, tmp_path, *args))
    assert dict(query(db, "SELECT category, COUNT(*) FROM conversations GROUP BY 1")) == {
        None: 1, "technical": len(cells) // 2, "creative": len(cells) // 2}
