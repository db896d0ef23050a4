"""`sparring compare` on runs with a known difference and with none."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from simulator.compare import compare_metric
from tests.test_tui.test_cli import query, sparring

GOOD = "demo_server: {latency_ms: 0}\nbots:\n  elena: {kind: demo, bot: elena}\n"
DEGRADED = ("demo_server: {latency_ms: 0, fail_rate: 0.2}\n"
            "bots:\n  elena: {kind: demo, bot: elena, retries: 0}\n")


def _run(tmp_path: Path, db: Path, bots: str, seed: int) -> str:
    (tmp_path / "bots.yaml").write_text(bots)
    done = sparring("run", "-n", "10", "--seed", str(seed), "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return query(db, "SELECT id FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]


def _compare(tmp_path: Path, db: Path, *args: str) -> tuple[int, dict]:
    done = sparring("compare", *args, "--json", "--db", str(db), cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


def test_a_degraded_bot_is_worse_and_fails_the_gate(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    baseline = _run(tmp_path, db, GOOD, seed=1)
    rerun = _run(tmp_path, db, GOOD, seed=1)  # the same bot again: nothing changed
    degraded = _run(tmp_path, db, DEGRADED, seed=1)

    code, result = _compare(tmp_path, db, baseline, degraded,
                            "--fail-if-worse", "conversation_quality:0.05")
    verdicts = {m["metric"]: m for m in result["metrics"]}
    assert verdicts["error_rate"]["verdict"] == "worse"
    quality = verdicts["conversation_quality"]
    assert quality["verdict"] == "worse" and quality["delta"] < -0.05
    assert quality["ci95"][1] < 0
    assert code == 1 and result["failed"] == [{"metric": "conversation_quality",
                                               "delta": 0.05}]
    assert {(p["persona_id"], p["bot_id"]) for p in result["pairs"]} == {
        (p, "elena") for p in ("analytical_alex", "casual_casey", "emotional_emma",
                               "explorer_evan")}

    code, result = _compare(tmp_path, db, baseline, rerun,
                            "--fail-if-worse", "conversation_quality:0.05")
    quality = {m["metric"]: m for m in result["metrics"]}["conversation_quality"]
    assert quality["verdict"] == "no detectable change"
    assert quality["ci95"][0] <= 0 <= quality["ci95"][1]
    assert code == 0 and result["failed"] == []

    table = sparring("compare", baseline[:8], degraded[:8], "--db", str(db), cwd=tmp_path)
    assert "conversation_quality" in table.stdout and "worse" in table.stdout


def test_an_unknown_gate_metric_is_a_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run = _run(tmp_path, db, GOOD, seed=1)
    done = sparring("compare", run, run, "--fail-if-worse", "nonsense:0.1", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --fail-if-worse names 'nonsense', which the runs")
    done = sparring("compare", run, run, "--fail-if-worse", "quality", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 2 and "expected METRIC:DELTA" in done.stderr


def test_direction_decides_better_or_worse() -> None:
    rng = np.random.default_rng(0)
    slower = compare_metric("latency_ms", [10, 11, 12, 10, 11], [30, 31, 29, 32, 30], rng)
    assert slower.verdict == "worse" and slower.worsening > 0
    finer = compare_metric("relevance", [0.2, 0.3, 0.25, 0.2], [0.8, 0.7, 0.9, 0.75], rng)
    assert finer.verdict == "better" and finer.worsening < 0
    assert compare_metric("relevance", [0.5], [0.6, 0.7], rng).verdict == "too few conversations"
