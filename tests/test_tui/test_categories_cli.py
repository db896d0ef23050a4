"""A plan with intent categories, exported as seed 001's messages CSV."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, sparring

PLAN = """\
personas: [casual_casey, analytical_alex]
bots: [elena]
conversations: 8
categories:
  rag_query: {share: 0.5}
  emotional: {share: 0.25}
  chitchat: {share: 0.25}
"""


def test_messages_csv_carries_each_messages_category_in_the_requested_ratios(
    tmp_path: Path,
) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    (tmp_path / "plan.yaml").write_text(PLAN)
    db = tmp_path / "s.db"
    done = sparring("run", "--plan", "plan.yaml", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = sparring("export", "--format", "messages-csv", "--out", "m.csv", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "m.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:3] == ["message", "category", "confidence"]
    openings = [r for r in rows if r["turn_idx"] == "0"]
    assert Counter(r["category"] for r in openings) == {"rag_query": 8, "emotional": 4,
                                                        "chitchat": 4}
    assert {r["confidence"] for r in openings} == {"1.0"}
    later = [float(r["confidence"]) for r in rows if r["turn_idx"] != "0"]
    assert later and all(0.0 <= c <= 1.0 for c in later) and max(later) < 1.0
    assert {r["category"] for r in rows} == {"rag_query", "emotional", "chitchat"}
