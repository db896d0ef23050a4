"""Metering LLM calls: the price table, the cost budget, the metered model, and a run that
stops when its budget is spent."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge.demo.model_server import ModelServer
from bridge.models import LLMEndpoint
from simulator.errors import BudgetExceeded, ConfigError
from simulator.events import Event, LLMCallRecorded
from simulator.llm import Completion, CompletionRequest, PromptMessage
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from simulator.usage import Budget, MeteredModel, Price, PriceTable
from tests.llm_support import fast_bots, openai_model, query
from tui.session import LLMSettings, execute_run

PERSONAS = builtin_personas()
REQUEST = CompletionRequest((PromptMessage("user", "How is the weather on Mars today?"),),
                            purpose="persona", conversation_id="conv-7")
EXPENSIVE_STANDIN = "standin: {input: 1000, output: 1000}\n"
"""At 1000 USD per million tokens, every stand-in call costs about half a dollar."""


@pytest.fixture(scope="module")
def prices() -> PriceTable:
    return PriceTable.load()


@pytest.mark.parametrize(("model", "price"), [
    ("gpt-4o-mini", Price(input=0.15, output=0.60)),
    ("gpt-4o-mini-2024-07-18", Price(input=0.15, output=0.60)),
    ("gpt-4o", Price(input=2.50, output=10.00)),
    ("gpt-4o-2024-08-06", Price(input=2.50, output=10.00)),
    ("gpt-4.1-nano-2025-04-14", Price(input=0.10, output=0.40)),
    ("gpt-5-mini", Price(input=0.25, output=2.00)),
    ("standin", Price(input=0.0, output=0.0)),
])
def test_dated_names_take_the_price_of_their_longest_listed_prefix(
    prices: PriceTable, model: str, price: Price
) -> None:
    assert prices.price(model) == price


@pytest.mark.parametrize("model", ["llama3", "gpt-4", "gpt-4omni", "my-gpt-4o", ""])
def test_unknown_models_have_no_price(prices: PriceTable, model: str) -> None:
    assert prices.price(model) is None
    assert prices.cost(model, 1000, 1000) is None


def test_cost_arithmetic(prices: PriceTable) -> None:
    assert prices.cost("gpt-4o", 1000, 500) == pytest.approx(0.0075)
    assert prices.cost("gpt-4o-mini-2024-07-18", 1_000_000, 1_000_000) == pytest.approx(0.75)
    assert prices.cost("gpt-5", 0, 0) == 0.0
    assert prices.cost("standin", 10**6, 10**6) == 0.0


def test_a_prices_file_is_merged_over_the_built_ins(tmp_path: Path) -> None:
    extra = tmp_path / "prices.yaml"
    extra.write_text("gpt-4o-mini: {input: 1, output: 2}\nmy-model: {input: 3, output: 4}\n")
    table = PriceTable.load(extra)
    assert table.price("gpt-4o-mini-2024-07-18") == Price(input=1, output=2)
    assert table.price("my-model-v2") == Price(input=3, output=4)
    assert table.price("gpt-4o") == Price(input=2.5, output=10)  # untouched built-in
    assert PriceTable.load(tmp_path / "prices.yaml").cost("my-model", 10**6, 0) == 3


@pytest.mark.parametrize(("text", "message"), [
    ("gpt-4o: {input: -1, output: 2}\n", "gpt-4o: input = -1; expected greater than"),
    ("my-model: {input: 1}\n", "my-model: output is missing"),
    ("my-model: {input: 1, output: 2, currency: eur}\n",
     "my-model: currency = 'eur' is not a known field"),
    ("my-model: {input: cheap, output: 2}\n", "my-model: input = 'cheap'; expected"),
    ("- gpt-4o\n", "expected a mapping of model name to prices"),
    ("gpt-4o: {input: 1\n", "not valid YAML"),
])
def test_a_bad_prices_file_names_the_file_and_the_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad-prices.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        PriceTable.load(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_the_budget_fires_once_and_then_refuses() -> None:
    budget = Budget(0.10)
    fired: list[float] = []
    budget.on_exhausted(lambda: fired.append(budget.spent_usd))
    budget.check()
    budget.charge(0.04)
    budget.charge(None)  # an unpriced call costs nothing
    budget.check()
    assert not budget.exhausted and fired == []
    budget.charge(0.07)
    assert budget.exhausted and fired == [pytest.approx(0.11)]
    budget.charge(0.5)
    assert len(fired) == 1
    with pytest.raises(BudgetExceeded, match=r"LLM budget of \$0.1 reached \(spent \$0.6100\)"):
        budget.check()


def test_no_budget_never_runs_out_and_a_negative_one_is_refused() -> None:
    unlimited = Budget()
    unlimited.charge(10**6)
    unlimited.check()
    assert not unlimited.exhausted
    with pytest.raises(ConfigError, match="--max-cost = -1; expected 0 or more"):
        Budget(-1)


async def test_the_metered_model_emits_each_call_with_tokens_and_cost() -> None:
    events: list[Event] = []
    table = PriceTable({"standin": Price(input=1000, output=2000)})
    budget = Budget()
    async with ModelServer() as server, openai_model(server) as inner:
        model = MeteredModel(inner, table, budget, events.append, run_id="run-1")
        completion = await model.complete(REQUEST)
    (event,) = events
    assert isinstance(event, LLMCallRecorded)
    assert (event.run_id, event.conversation_id, event.purpose, event.model) == (
        "run-1", "conv-7", "persona", "standin")
    assert (event.prompt_tokens, event.completion_tokens) == (
        completion.prompt_tokens, completion.completion_tokens)
    assert event.prompt_tokens > 0 and event.completion_tokens > 0
    expected = (completion.prompt_tokens * 1000 + completion.completion_tokens * 2000) / 1e6
    assert event.cost_usd == pytest.approx(expected)
    assert budget.spent_usd == pytest.approx(expected)
    assert event.at.tzinfo is not None


async def test_the_metered_model_stops_calling_once_the_budget_is_spent() -> None:
    events: list[Event] = []
    table = PriceTable({"standin": Price(input=1000, output=1000)})
    budget = Budget(0.02)
    fired: list[bool] = []
    budget.on_exhausted(lambda: fired.append(True))
    async with ModelServer() as server, openai_model(server) as inner:
        model = MeteredModel(inner, table, budget, events.append)
        calls = 0
        with pytest.raises(BudgetExceeded):
            while True:
                await model.complete(REQUEST)
                calls += 1
        assert server.calls == calls == len(events) >= 1
        with pytest.raises(BudgetExceeded):
            await model.complete(REQUEST)
        assert server.calls == calls
    assert fired == [True]
    assert budget.spent_usd >= 0.02


async def test_a_budget_needs_a_price_for_the_model() -> None:
    async with ModelServer() as server, openai_model(server, "mystery-model") as inner:
        with pytest.raises(ConfigError, match=r"price for model 'mystery-model'.*--prices"):
            MeteredModel(inner, PriceTable.load(), Budget(1.0), lambda _event: None)
        events: list[Event] = []
        unbudgeted = MeteredModel(inner, PriceTable.load(), Budget(), events.append)
        await unbudgeted.complete(REQUEST)
    (event,) = events
    assert isinstance(event, LLMCallRecorded) and event.cost_usd is None


class _DatedModel:
    """An endpoint that reports a name of its own (as OpenAI reports dated snapshots)."""

    def __init__(self, model: str, reported: str) -> None:
        self.model = model
        self.reported = reported

    async def complete(self, request: CompletionRequest) -> Completion:
        return Completion("ok", self.reported, 1_000_000, 0, 1.0)


@pytest.mark.parametrize(("requested", "reported", "cost"), [
    ("gpt-4o", "gpt-4o-2024-08-06", 2.50),          # the reported snapshot is priced
    ("gpt-4o", "gpt-4o-mini-2024-07-18", 0.15),     # what was served is what is billed
    ("gpt-4o-mini", "azure-deployment-7", 0.15),   # unpriced report: the requested name
])
async def test_cost_uses_the_reported_model_else_the_requested_one(
    prices: PriceTable, requested: str, reported: str, cost: float
) -> None:
    events: list[Event] = []
    model = MeteredModel(_DatedModel(requested, reported), prices, Budget(), events.append)
    await model.complete(REQUEST)
    (event,) = events
    assert isinstance(event, LLMCallRecorded)
    assert event.cost_usd == pytest.approx(cost) and event.model == requested


# --- a run with a budget ------------------------------------------------------------------


async def run_with_budget(tmp_path: Path, max_cost: float, conversations: int,
                          *, priced: bool = True):
    prices_path = tmp_path / "prices.yaml"
    prices_path.write_text(EXPENSIVE_STANDIN)
    db = tmp_path / "budget.db"
    plan = RunPlan(("casual_casey",), ("elena",), conversations=conversations, min_turns=2,
                   max_turns=3, concurrency=1, persona_engine="llm", persona_model="standin",
                   judge_model="standin", rubrics=("reply_quality",), max_cost_usd=max_cost)
    async with ModelServer() as server:
        result = await execute_run(
            plan, PERSONAS, fast_bots(tmp_path), db,
            llm=LLMSettings(LLMEndpoint(base_url=server.base_url),
                            prices_path if priced else None),
            handle_signals=False)
    return result, db


async def test_a_run_stops_starting_conversations_once_its_budget_is_spent(
    tmp_path: Path,
) -> None:
    result, db = await run_with_budget(tmp_path, max_cost=0.5, conversations=4)
    assert result.status == "interrupted"
    assert result.stop_reason == "LLM budget of $0.5 reached"
    assert query(db, "SELECT status, stop_reason FROM runs") == [
        ("interrupted", "LLM budget of $0.5 reached")]
    statuses = [row[0] for row in query(db, "SELECT status FROM conversations")]
    assert 1 <= len(statuses) < 4
    assert "running" not in statuses
    spent = query(db, "SELECT SUM(cost_usd), COUNT(*), SUM(cost_usd IS NULL) FROM llm_usage")
    assert spent[0][0] >= 0.5 and spent[0][2] == 0
    cut = query(db, "SELECT error FROM conversations WHERE status = 'cancelled'")
    assert cut and all("LLM budget of $0.5 reached" in error for (error,) in cut)


async def test_a_budget_spent_inside_the_last_conversation_interrupts_the_run(
    tmp_path: Path,
) -> None:
    result, db = await run_with_budget(tmp_path, max_cost=0.5, conversations=1)
    assert query(db, "SELECT status FROM conversations") == [("cancelled",)]
    assert result.status == "interrupted"
    assert result.stop_reason == "LLM budget of $0.5 reached"


async def test_a_zero_budget_stops_the_run(tmp_path: Path) -> None:
    result, db = await run_with_budget(tmp_path, max_cost=0.0, conversations=3)
    assert result.status == "interrupted"
    assert result.stop_reason is not None and "budget" in result.stop_reason
    assert len(query(db, "SELECT id FROM conversations")) < 3
