"""Intent categories: built-ins, plan declarations and each message's confidence."""

from __future__ import annotations

from pathlib import Path

from simulator.categories import builtin_categories, confidence
from simulator.persona import builtin_personas
from simulator.plan_file import PlanFile

PERSONAS = builtin_personas()


def test_seed_001s_categories_are_built_in() -> None:
    categories = builtin_categories()
    assert list(categories) == ["rag_query", "professional", "psychological", "learning",
                                "social", "emotional", "aspirational", "chitchat"]
    assert all(c.description and len(c.examples) >= 4 for c in categories.values())


def test_confidence_is_the_similarity_to_the_category() -> None:
    text = builtin_categories()["professional"].text
    assert confidence("I have years of Python development experience", text) > 0.3
    assert confidence("lol what a wall of text", text) == 0.0


def test_plan_categories_take_built_in_examples_or_need_their_own(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("categories:\n  rag_query: {share: 0.5}\n"
                    "  billing: {share: 0.5, description: Invoices, examples: ['Why was I charged "
                    "twice?']}\n")
    spec = PlanFile.read(path)
    assert spec.problems(path, PERSONAS, ("elena",)) == []
    domains = {d.name: d for d in spec.run_plan(PERSONAS, ("elena",)).domains}
    assert domains["rag_query"].examples == builtin_categories()["rag_query"].examples
    assert domains["billing"].examples == ("Why was I charged twice?",)
    path.write_text("categories:\n  vague: {share: 1}\ndomains:\n  technical: {share: 1}\n")
    problems = PlanFile.read(path).problems(path, PERSONAS, ("elena",))
    assert any("domains and categories are both given" in p for p in problems)
    assert any("categories.vague.examples" in p for p in problems)
