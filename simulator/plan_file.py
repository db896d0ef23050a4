"""`plan.yaml`: a batch run declared in a file (`sparring run --plan`, `sparring plan validate`).

Every field is optional. Problems are collected, not stopped at: `PlanFile.problems()`
lists each with the file, the field and the value, so one `plan validate` shows them all.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.categories import builtin_categories
from simulator.errors import ConfigError
from simulator.judge.rubric import builtin_rubrics, resolve_rubrics
from simulator.persona import Persona
from simulator.plan import Domain, RunPlan
from simulator.validation import all_errors, read_yaml

SHARE_TOLERANCE = 1e-3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Turns(_Strict):
    min: int = Field(3, ge=1)
    """Fewest user messages of a conversation."""
    max: int = Field(8, ge=1)
    """Most user messages of a conversation."""


class DomainSpec(_Strict):
    share: float = Field(gt=0, le=1)
    """Share of each persona x bot pair's conversations; the shares add up to 1."""
    topics: tuple[str, ...] = ()
    """Topics of the domain; empty keeps the plan's or the persona's topics."""
    description: str = ""


class CategorySpec(_Strict):
    share: float = Field(gt=0, le=1)
    """Share of each persona x bot pair's conversations; the shares add up to 1."""
    description: str = ""
    examples: tuple[str, ...] = ()
    """Example user messages; a built-in category (seed 001's) brings its own."""
    topics: tuple[str, ...] = ()


class BotLimit(_Strict):
    rpm: float = Field(gt=0)
    """Requests per minute sent to the bot."""


class Budgets(_Strict):
    max_turns: int | None = Field(None, ge=1)
    """Stop starting conversations once this many turns are recorded."""
    max_cost_usd: float | None = Field(None, ge=0)
    """Stop starting conversations once LLM calls have cost this much."""


class EngineSpec(_Strict):
    kind: Literal["scripted", "llm"] = "scripted"
    model: str | None = None
    """The persona model, for kind `llm`."""


class JudgeSpec(_Strict):
    model: str
    rubrics: tuple[str, ...] = ()
    """Built-in rubric ids or YAML files; empty means reply_quality and training_value."""


class PlanFile(_Strict):
    """The contents of a plan.yaml; see the README's plan reference."""

    name: str | None = None
    bots_file: Path | None = None
    """bots.yaml of the run, relative to the plan file."""
    personas_dir: Path | None = None
    """Folder of persona YAML files merged over the built-ins, relative to the plan file."""
    personas: tuple[str, ...] | None = None
    """Persona ids; default every known persona."""
    bots: tuple[str, ...] | None = None
    """Bot ids from the bots file; default every bot in it."""
    conversations: int = Field(5, ge=1)
    """Conversations per persona x bot pair."""
    turns: Turns = Turns()
    seed: int = 0
    concurrency: int = Field(16, ge=1)
    topics: dict[str, float] = {}
    """Topic -> weight: every persona talks about these; default each persona's own."""
    emotional_states: dict[str, float] = {}
    """State -> weight: the states conversations start in; default each persona's own."""
    domains: dict[str, DomainSpec] = {}
    """Domain -> share (seed 002's technical, creative, analytical, instructional,
    conversational); recorded as each conversation's category."""
    categories: dict[str, CategorySpec] = {}
    """Intent category -> share (seed 001's rag_query, professional, psychological,
    learning, social, emotional, aspirational, chitchat, or your own with examples): each
    conversation opens with one of its examples and its messages carry the category."""
    goals: tuple[str, ...] = ()
    """Goals the conversations pursue (one drawn per conversation); default the persona's."""
    knowledge: Path | None = None
    """Folder of .md / .txt files (relative to the plan file) the conversations ask about
    (the `rag_query` ones, when there are categories)."""
    rate_limits: dict[str, BotLimit] = {}
    budgets: Budgets = Budgets()
    persona_engine: EngineSpec = EngineSpec()
    judge: JudgeSpec | None = None

    @classmethod
    def read(cls, path: Path) -> PlanFile:
        """Parse `path`; a ConfigError listing every schema problem if it does not parse."""
        data = read_yaml(path)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise PlanInvalid([f"{path}: expected a mapping of plan fields, got "
                               f"{type(data).__name__}"])
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            # The fields that did parse are still checked, so one pass lists every problem.
            broken = {error["loc"][0] for error in exc.errors() if error["loc"]}
            try:
                rest = cls.model_validate({k: v for k, v in data.items() if k not in broken})
            except ValidationError:
                rest = None
            raise PlanInvalid(all_errors(path, exc), rest) from exc

    def problems(
        self, source: Path, personas: Collection[str], bots: Collection[str]
    ) -> list[str]:
        """What is wrong beyond the schema: names that do not exist, shares, bounds."""
        found: list[str] = []

        def problem(field: str, value: object, expected: str) -> None:
            found.append(f"{source}: {field} = {value!r}; expected {expected}")

        for index, persona_id in enumerate(self.personas or ()):
            if persona_id not in personas:
                problem(f"personas.{index}", persona_id,
                        f"a known persona ({', '.join(sorted(personas))})")
        for index, bot_id in enumerate(self.bots or ()):
            if bot_id not in bots:
                problem(f"bots.{index}", bot_id, f"a bot of the bots file ({', '.join(bots)})")
        for bot_id in self.rate_limits:
            if bot_id not in bots:
                problem(f"rate_limits.{bot_id}", bot_id, "a bot of the bots file")
        if self.turns.max < self.turns.min:
            problem("turns.max", self.turns.max, f"at least turns.min ({self.turns.min})")
        for field, weights in (("topics", self.topics), ("emotional_states",
                                                         self.emotional_states)):
            for name, weight in weights.items():
                if not (weight > 0 and math.isfinite(weight)):
                    problem(f"{field}.{name}", weight, "a positive weight")
        for field, kinds in (("domains", self.domains), ("categories", self.categories)):
            total = sum(kind.share for kind in kinds.values())
            if kinds and abs(total - 1) > SHARE_TOLERANCE:
                found.append(f"{source}: {field}: the shares add up to {total:g}; "
                             "expected them to add up to 1")
        if self.domains and self.categories:
            found.append(f"{source}: domains and categories are both given; expected one of "
                         "them (both label a conversation's category)")
        builtins = builtin_categories()
        for name, spec in self.categories.items():
            if not spec.examples and name not in builtins:
                problem(f"categories.{name}.examples", [], "some examples (or a built-in "
                        f"category: {', '.join(builtins)})")
        if self.persona_engine.kind == "llm" and not self.persona_engine.model:
            found.append(f"{source}: persona_engine.model is missing; kind llm needs a model")
        if self.judge is not None:
            for index, rubric in enumerate(self.judge.rubrics):
                try:
                    resolve_rubrics((rubric,))
                except ConfigError:
                    problem(f"judge.rubrics.{index}", rubric,
                            f"a built-in rubric ({', '.join(sorted(builtin_rubrics()))}) or "
                            "a rubric .yaml file")
        if self.persona_engine.kind == "scripted" and self.persona_engine.model:
            problem("persona_engine.model", self.persona_engine.model,
                    "no model with kind scripted (set kind: llm)")
        return found

    def run_plan(self, personas: Mapping[str, Persona], bots: Collection[str]) -> RunPlan:
        """The RunPlan this file declares, once `problems()` found none."""
        return RunPlan(
            persona_ids=self.personas or tuple(personas),
            bot_ids=self.bots or tuple(bots),
            conversations=self.conversations,
            min_turns=self.turns.min,
            max_turns=self.turns.max,
            concurrency=self.concurrency,
            seed=self.seed,
            persona_engine=self.persona_engine.kind,
            persona_model=self.persona_engine.model,
            judge_model=self.judge.model if self.judge else None,
            rubrics=self.judge.rubrics if self.judge else (),
            max_cost_usd=self.budgets.max_cost_usd,
            name=self.name,
            topic_weights=tuple(self.topics.items()),
            state_weights=tuple(self.emotional_states.items()),
            domains=self._domains(),
            max_total_turns=self.budgets.max_turns,
            goals=self.goals,
            bot_rpm=tuple((bot_id, limit.rpm) for bot_id, limit in self.rate_limits.items()),
        )


    def _domains(self) -> tuple[Domain, ...]:
        domains = [Domain(name, spec.share, spec.topics) for name, spec in self.domains.items()]
        builtins = builtin_categories()
        for name, spec in self.categories.items():
            known = builtins.get(name)
            domains.append(Domain(
                name, spec.share, spec.topics,
                spec.description or (known.description if known else ""),
                spec.examples or (known.examples if known else ()),
            ))
        return tuple(domains)


class PlanInvalid(ConfigError):
    """A plan file with problems; `problems` has one line for each. `parsed` is the plan
    without its unparsable fields, when that much parses, for checking the rest."""

    def __init__(self, problems: list[str], parsed: PlanFile | None = None) -> None:
        self.problems = problems
        self.parsed = parsed
        more = f" (and {len(problems) - 1} more; `sparring plan validate` lists them)" \
            if len(problems) > 1 else ""
        super().__init__(problems[0] + more)
