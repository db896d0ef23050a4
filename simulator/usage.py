"""Metering language-model calls: tokens, cost from a price table, and a cost budget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.errors import BudgetExceeded, ConfigError
from simulator.events import Event, LLMCallRecorded
from simulator.llm import Completion, CompletionRequest, LanguageModel
from simulator.validation import one_line_error, read_yaml


class Price(BaseModel):
    """What a model costs, in USD per million tokens."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    input: float = Field(ge=0)
    """Per million prompt tokens."""
    output: float = Field(ge=0)
    """Per million completion tokens."""


class PriceTable:
    """Model prices by name; a dated name takes the price of its longest listed prefix."""

    def __init__(self, prices: dict[str, Price]) -> None:
        self._prices = dict(prices)

    @classmethod
    def load(cls, extra: Path | None = None) -> PriceTable:
        """The built-in table, with `extra` (a YAML file of the same shape) merged over it."""
        with resources.as_file(resources.files("simulator") / "prices.yaml") as path:
            prices = _read_prices(path)
        if extra is not None:
            prices.update(_read_prices(extra))
        return cls(prices)

    def price(self, model: str) -> Price | None:
        names = [name for name in self._prices if model == name or model.startswith(name + "-")]
        return self._prices[max(names, key=len)] if names else None

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
        """USD for one call, or None when the model has no price."""
        price = self.price(model)
        if price is None:
            return None
        return (prompt_tokens * price.input + completion_tokens * price.output) / 1_000_000


def _read_prices(path: Path) -> dict[str, Price]:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of model name to prices")
    prices = {}
    for name, fields in data.items():
        try:
            prices[str(name)] = Price.model_validate(fields)
        except ValidationError as exc:
            raise ConfigError(one_line_error(f"{path}: {name}", exc)) from exc
    return prices


class Budget:
    """A run's LLM cost ceiling, shared by every metered model of the run.

    It is checked before each call, so calls already in flight when it is reached still
    finish: the total can pass the ceiling by at most those calls.
    """

    def __init__(self, max_cost_usd: float | None = None) -> None:
        if max_cost_usd is not None and max_cost_usd < 0:
            raise ConfigError(f"--max-cost = {max_cost_usd:g}; expected 0 or more")
        self.max_cost_usd = max_cost_usd
        self.spent_usd = 0.0
        self._on_exhausted: list[Callable[[], None]] = []
        self._fired = False

    @property
    def exhausted(self) -> bool:
        return self.max_cost_usd is not None and self.spent_usd >= self.max_cost_usd

    def on_exhausted(self, callback: Callable[[], None]) -> None:
        """Call `callback` once, when the ceiling is reached (at once if it already is)."""
        self._on_exhausted.append(callback)
        if self._fired:
            callback()
        else:
            self._fire_if_exhausted()

    def check(self) -> None:
        """Raise BudgetExceeded if no further call may be made."""
        if self.exhausted:
            self._fire_if_exhausted()
            raise BudgetExceeded(
                f"LLM budget of ${self.max_cost_usd:g} reached (spent ${self.spent_usd:.4f})"
            )

    def charge(self, cost_usd: float | None) -> None:
        self.spent_usd += cost_usd or 0.0
        self._fire_if_exhausted()

    def _fire_if_exhausted(self) -> None:
        if self.exhausted and not self._fired:
            self._fired = True
            for callback in self._on_exhausted:
                callback()


class MeteredModel:
    """Wraps a model: enforces the budget, prices each call and emits `LLMCallRecorded`."""

    def __init__(
        self,
        inner: LanguageModel,
        prices: PriceTable,
        budget: Budget,
        emit: Callable[[Event], None],
        *,
        run_id: str | None = None,
    ) -> None:
        if budget.max_cost_usd is not None and prices.price(inner.model) is None:
            raise ConfigError(
                f"--max-cost needs a price for model {inner.model!r}; add one with --prices FILE"
            )
        self.model = inner.model
        self._inner = inner
        self._prices = prices
        self._budget = budget
        self._emit = emit
        self._run_id = run_id

    async def complete(self, request: CompletionRequest) -> Completion:
        self._budget.check()
        completion = await self._inner.complete(request)
        cost = self._prices.cost(
            completion.model, completion.prompt_tokens, completion.completion_tokens
        )
        if cost is None:  # the endpoint may report a dated name the table lacks
            cost = self._prices.cost(self.model, completion.prompt_tokens,
                                     completion.completion_tokens)
        self._emit(LLMCallRecorded(
            run_id=self._run_id,
            conversation_id=request.conversation_id,
            purpose=request.purpose,
            model=self.model,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            cost_usd=cost,
            at=datetime.now(UTC),
        ))
        self._budget.charge(cost)
        return completion
