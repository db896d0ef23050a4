"""`--knowledge`: grounded questions, with the passage recorded on every turn."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring

DOC = """# Refunds

Customers can ask for a refund within 30 days of purchase. Refunds go back to the original
payment method and take 5 to 10 business days to appear. Digital gift cards are not refundable.
"""


def test_every_turn_of_a_grounded_run_records_its_passage(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "refunds.md").write_text(DOC)
    db = tmp_path / "s.db"
    done = sparring("run", "--knowledge", "kb", "-b", "elena", "-n", "2", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = query(db, "SELECT t.idx, t.user_message, t.grounding, c.topic FROM turns t "
                 "JOIN conversations c ON c.id = t.conversation_id")
    assert rows and all(row[2] is not None for row in rows)
    passage = json.loads(rows[0][2])
    assert passage["source"] == "refunds.md#1" and "30 days" in passage["text"]
    assert {row[3] for row in rows} == {"Refunds"}
    assert query(db, "SELECT json_extract(plan, '$.knowledge_dir') FROM runs")[0][0] == str(
        (tmp_path / "kb").resolve())


def test_with_categories_only_rag_queries_are_grounded(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "refunds.md").write_text(DOC)
    (tmp_path / "plan.yaml").write_text(
        "personas: [casual_casey]\nbots: [elena]\nconversations: 4\nknowledge: kb\n"
        "categories: {rag_query: {share: 0.5}, emotional: {share: 0.5}}\n")
    db = tmp_path / "s.db"
    done = sparring("run", "--plan", "plan.yaml", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    grounded = dict(query(db, "SELECT c.category, COUNT(t.grounding) > 0 FROM conversations c "
                         "JOIN turns t ON t.conversation_id = c.id GROUP BY c.category"))
    assert grounded == {"rag_query": 1, "emotional": 0}
