"""Rubrics: what a judge scores, on which scales, with which instructions."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from simulator.errors import ConfigError
from simulator.metrics.catalog import MetricSpec
from simulator.validation import one_line_error, read_yaml

RubricScope = Literal["turn", "conversation"]


class Criterion(BaseModel):
    """One scored aspect, on a numeric scale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Metric-safe name (`directness`); stored as `<rubric id>.<name>`."""
    description: str
    """What the judge should look for."""
    min: float = 1
    """Lowest score on the scale."""
    max: float = 5
    """Highest score on the scale."""

    @model_validator(mode="after")
    def _scale_is_ordered(self) -> Criterion:
        if self.max <= self.min:
            raise ValueError(f"max ({self.max:g}) must be greater than min ({self.min:g})")
        return self

    @property
    def scale(self) -> str:
        return f"{self.min:g} to {self.max:g}"


class Rubric(BaseModel):
    """Named criteria a judge scores a bot turn or a whole conversation on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable identifier, the prefix of its metric names."""
    version: int = Field(ge=1)
    """Bump when criteria or instructions change; stored with every judge score."""
    scope: RubricScope
    """`turn` scores each bot reply; `conversation` scores the whole transcript."""
    instructions: str
    """What the judge is told before the criteria."""
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _criteria_are_unique(self) -> Rubric:
        names = [criterion.name for criterion in self.criteria]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"criterion names must be unique; repeated: {', '.join(repeated)}")
        return self

    @property
    def fingerprint(self) -> str:
        """Hash of the full definition: part of the judge cache key."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def metric_name(self, criterion: Criterion) -> str:
        return f"{self.id}.{criterion.name}"

    def metric_specs(self) -> list[MetricSpec]:
        """The catalogue entries of this rubric's judge metrics."""
        return [
            MetricSpec(self.metric_name(c), self.scope, c.min, c.max, "judge",
                       f"{' '.join(c.description.split())} ({self.id} v{self.version})")
            for c in self.criteria
        ]


def load_rubric_file(path: Path) -> Rubric:
    """Read one rubric YAML file; its `id` defaults to the file name's stem."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of rubric fields, got {type(data).__name__}")
    data.setdefault("id", path.stem)
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(one_line_error(path, exc)) from exc


def builtin_rubrics() -> dict[str, Rubric]:
    """The rubrics shipped with Sparring, by id."""
    rubrics = {}
    for entry in sorted((resources.files("simulator") / "rubrics").iterdir(), key=str):
        if entry.name.endswith(".yaml"):
            with resources.as_file(entry) as path:
                rubric = load_rubric_file(path)
            rubrics[rubric.id] = rubric
    return rubrics


def resolve_rubrics(names_or_paths: tuple[str, ...]) -> list[Rubric]:
    """Built-in rubric ids or YAML paths; none given means the built-in defaults."""
    builtins = builtin_rubrics()
    if not names_or_paths:
        return [builtins[name] for name in DEFAULT_RUBRICS]
    chosen = []
    for item in names_or_paths:
        if item in builtins:
            chosen.append(builtins[item])
        elif item.endswith((".yaml", ".yml")):
            chosen.append(load_rubric_file(Path(item)))
        else:
            known = ", ".join(sorted(builtins))
            raise ConfigError(f"--rubric {item!r} is neither a built-in rubric ({known}) "
                              "nor a .yaml file")
    return chosen


DEFAULT_RUBRICS = ("reply_quality", "training_value")
"""Used when a judge model is set and no `--rubric` is given."""
