"""`--goal`: conversations pursue a goal, record it, and score goal_completion."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring


def test_goals_are_recorded_and_scored(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("run", "--goal", "get a refund", "--goal", "change my delivery address",
                    "-n", "3", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    goals = query(db, "SELECT DISTINCT goal FROM conversations ORDER BY 1")
    assert goals == [("change my delivery address",), ("get a refund",)]
    scored = query(db, "SELECT c.status, m.value FROM conversations c LEFT JOIN metrics m "
                   "ON m.conversation_id = c.id AND m.turn_idx = -1 "
                   "AND m.name = 'goal_completion'")
    assert all(value in (0.0, 1.0) for status, value in scored if status == "completed")
    assert {value for _, value in scored} >= {1.0}
    openings = [m for (m,) in query(db, "SELECT user_message FROM turns WHERE idx = 0")]
    assert all("refund" in m.lower() or "delivery address" in m.lower() for m in openings)
    listed = sparring("metrics", cwd=tmp_path)
    assert "goal_completion" in listed.stdout
