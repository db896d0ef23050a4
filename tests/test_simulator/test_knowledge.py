"""A knowledge base cut into passages, and the scripted question about one."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import ConfigError
from simulator.knowledge import load_knowledge
from simulator.scripted.grounded import grounded_question
from simulator.scripted.salience import salient_terms

REFUNDS = """# Refunds

Customers can ask for a refund within 30 days of purchase. Refunds go back to the original
payment method and take 5 to 10 business days to appear. Digital gift cards are not refundable.

# Shipping

Short line.

Standard shipping takes 3 to 5 business days within the EU. Express shipping costs 12 euros
and arrives the next business day if ordered before 2 pm.
"""


def test_files_become_titled_passages_in_order(tmp_path: Path) -> None:
    (tmp_path / "refunds.md").write_text(REFUNDS)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "account.txt").write_text("Reset your password from Settings.\n")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    passages = load_knowledge(tmp_path)
    assert [(p.source, p.title) for p in passages] == [
        ("refunds.md#1", "Refunds"), ("refunds.md#2", "Shipping"),
        ("sub/account.txt#1", "account")]
    assert passages[1].text.startswith("Short line. Standard shipping")  # joined: too short
    assert "Digital gift cards" in passages[0].text


def test_a_missing_or_empty_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"expected a folder of \.md or \.txt files"):
        load_knowledge(tmp_path / "nope")
    with pytest.raises(ConfigError, match="found no text"):
        load_knowledge(tmp_path)


def test_the_question_is_about_the_passage_and_seeded(tmp_path: Path) -> None:
    (tmp_path / "refunds.md").write_text(REFUNDS)
    passage = load_knowledge(tmp_path)[0]
    questions = {grounded_question(passage, seed) for seed in range(30)}
    assert len(questions) > 5
    assert grounded_question(passage, 4) == grounded_question(passage, 4)
    terms = salient_terms(passage.text, limit=4)
    assert all(any(term in question for term in terms) for question in questions)
    assert all(term.lower() in passage.text.lower() for term in terms)
