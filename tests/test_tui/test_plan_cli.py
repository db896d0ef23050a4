"""`sparring plan` and `sparring run --plan` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring


def test_the_example_plan_validates_and_runs_with_its_domains(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO + "  marcus: {kind: demo, bot: marcus}\n"
                                        "  dream: {kind: demo, bot: dream}\n")
    example = sparring("plan", "example", cwd=tmp_path)
    assert example.returncode == 0
    plan = tmp_path / "plan.yaml"
    plan.write_text(example.stdout.replace("conversations: 25", "conversations: 4"))
    done = sparring("plan", "validate", str(plan), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "valid: 4 personas x 4 bots x 4 = 64 conversations" in done.stdout
    db = tmp_path / "s.db"
    done = sparring("run", "--plan", str(plan), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'") == [(64,)]
    shares = dict(query(db, "SELECT category, COUNT(*) FROM conversations GROUP BY 1"))
    # 4 per pair: 1 technical, then the largest remainders: creative, analytical, instructional.
    assert shares == {"technical": 16, "creative": 16, "analytical": 16, "instructional": 16}
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE category = 'technical' AND "
                 "topic NOT IN ('API error codes', 'debugging Python code', "
                 "'slow database queries')") == [(0,)]
    assert query(db, "SELECT json_extract(plan, '$.name'), seed FROM runs") == [
        ("nightly-regression", 7)]


def test_turn_budget_stops_the_run_with_a_rate_limited_bot(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    plan = tmp_path / "plan.yaml"
    plan.write_text("bots: [elena]\npersonas: [casual_casey]\nconversations: 20\n"
                    "concurrency: 2\nbudgets: {max_turns: 10}\nrate_limits: {elena: {rpm: 6000}}\n")
    db = tmp_path / "s.db"
    done = sparring("run", "--plan", str(plan), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "stopped: turn budget of 10 reached" in done.stderr
    assert query(db, "SELECT status, stop_reason FROM runs") == [
        ("interrupted", "turn budget of 10 reached")]
    turns = query(db, "SELECT COUNT(*) FROM turns")[0][0]
    assert 10 <= turns < 20 * 3


def test_a_broken_plan_lists_every_problem_and_runs_nothing(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    plan = tmp_path / "plan.yaml"
    plan.write_text("personas: [nobody]\nbots: [ghost]\nturns: {min: 5, max: 2}\n"
                    "seed: soon\n")
    done = sparring("plan", "validate", str(plan), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{plan}: seed = 'soon'; expected a valid integer, unable to parse string as an "
        "integer",
        f"{plan}: personas.0 = 'nobody'; expected a known persona (analytical_alex, "
        "casual_casey, emotional_emma, explorer_evan)",
        f"{plan}: bots.0 = 'ghost'; expected a bot of the bots file (elena, jake)",
        f"{plan}: turns.max = 2; expected at least turns.min (5)",
    ]
    db = tmp_path / "s.db"
    done = sparring("run", "--plan", str(plan), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {plan}: seed = 'soon'; expected a valid integer, unable to parse string as an "
        "integer (and 3 more; `sparring plan validate` lists them)")
    assert not db.exists()
    done = sparring("run", "--plan", str(plan), "-n", "3", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --conversations given with --plan; set it in the " \
        "plan file"
