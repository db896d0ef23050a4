"""`sparring report`: one self-contained HTML file, checked in headless Chromium."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.test_tui.test_cli import FAST_DEMO, query, sparring


def _rated_and_judged_run(tmp_path: Path) -> Path:
    """A recorded run whose first bot turns carry a judge score and a human star rating."""
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("run", "-n", "3", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    turns = query(db, "SELECT conversation_id, idx FROM turns WHERE bot_reply IS NOT NULL "
                  "ORDER BY conversation_id, idx LIMIT 12")
    with sqlite3.connect(db) as conn:
        for n, (conversation, idx) in enumerate(turns):
            conn.execute("INSERT INTO metrics VALUES (?, ?, 'reply_quality.overall', 'judge', ?, "
                         "NULL)", (conversation, idx, n / 12))
            conn.execute("INSERT INTO ratings VALUES (?, ?, ?, 'ann', 'stars', ?, NULL, "
                         "'2026-01-01T00:00:00+00:00')",
                         (str(uuid.uuid4()), conversation, idx, 1 + n % 5))
        conn.execute("INSERT INTO ratings VALUES (?, ?, ?, 'ann', 'thumb', 1, NULL, "
                     "'2026-01-01T00:00:00+00:00')", (str(uuid.uuid4()), *turns[0]))
    return db


def test_the_report_is_one_self_contained_file_with_every_chart(tmp_path: Path) -> None:
    db = _rated_and_judged_run(tmp_path)
    out = tmp_path / "reports" / "run.html"
    done = sparring("report", "--db", str(db), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"report written to {out}" in " ".join(done.stdout.split())
    page = out.read_text()
    assert page.count("<svg") == 4  # quality, latency, ratings, agreement
    for heading in ("Quality per persona x bot", "Latency over the run", "Ratings",
                    "Judge and human agreement", "Spearman&#x27;s rank correlation"):
        assert heading in page
    assert "<script" not in page and 'src="http' not in page and "<link" not in page
    run_id = query(db, "SELECT id FROM runs")[0][0]
    assert run_id in page

    default = sparring("report", run_id[:8], "--db", str(db), cwd=tmp_path)
    assert default.returncode == 0
    assert (tmp_path / f"sparring-report-{run_id[:8]}.html").exists()


def test_a_run_without_ratings_says_so_instead_of_drawing_nothing(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    assert sparring("run", "-n", "1", "--db", str(db), cwd=tmp_path).returncode == 0
    done = sparring("report", "--db", str(db), "-o", "r.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text()
    assert page.count("<svg") == 2
    assert "No ratings yet" in page and "this run has 0." in page
    missing = sparring("report", "nope", "--db", str(db), cwd=tmp_path)
    assert missing.returncode == 2 and "matches no run" in missing.stderr


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_the_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    db = _rated_and_judged_run(tmp_path)
    out = tmp_path / "run.html"
    assert sparring("report", "--db", str(db), "-o", str(out), cwd=tmp_path).returncode == 0
    shot = tmp_path / "report.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=1100,2600", f"--screenshot={shot}",
                    out.as_uri()], capture_output=True, timeout=120, check=True)
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 50_000
