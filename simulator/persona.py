"""Personas: synthetic users with stable preferences, loaded from YAML.

The four personas of seed 000 ship as package data; users add YAML files in a folder,
merged over the built-ins by ``id``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from simulator.errors import ConfigError
from simulator.validation import one_line_error, read_yaml

ResponseLength = Literal["brief", "moderate", "detailed", "varied"]
CommunicationStyle = Literal["technical", "casual", "empathetic", "adventurous", "direct", "formal"]
Formality = Literal["professional", "friendly", "warm", "casual", "formal"]
TopicDepth = Literal["surface", "moderate", "deep", "exploratory"]
EmotionalSupport = Literal["validation-focused", "solution-focused", "minimal"]


class Preferences(BaseModel):
    """What a persona wants from a bot's replies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    response_length: ResponseLength
    """Preferred reply length: brief (<= ~40 words) to detailed (~120-400 words)."""
    communication_style: CommunicationStyle
    """The register the persona writes in and hopes to be answered in."""
    formality: Formality
    """How formal the persona is."""
    topic_depth: TopicDepth = "moderate"
    """How deep the persona wants to go into a topic."""
    emotional_support: EmotionalSupport | None = None
    """What kind of emotional support the persona looks for, if any."""


class Noise(BaseModel):
    """How untidy a persona's messages are, each a chance per message in [0, 1]; all 0 (the
    default) leaves messages exactly as the engine wrote them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    typos: float = Field(0.0, ge=0, le=1)
    """A typo or two: swapped, dropped or doubled letters."""
    lowercase: float = Field(0.0, ge=0, le=1)
    """The whole message in lower case."""
    no_punctuation: float = Field(0.0, ge=0, le=1)
    """No final punctuation and no apostrophes."""
    fragments: float = Field(0.0, ge=0, le=1)
    """Cut short after its first clause."""
    topic_drift: float = Field(0.0, ge=0, le=1)
    """An aside about another of the persona's topics, tacked on."""
    off_topic: float = Field(0.0, ge=0, le=1)
    """A tool-like or unrelated request instead of the message (never the opening)."""

    @property
    def active(self) -> bool:
        return any(value > 0 for value in self.model_dump().values())


class Persona(BaseModel):
    """A synthetic user: who they are, what they talk about, how they like to be answered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    """Stable identifier, lower-case (`analytical_alex`)."""
    name: str
    """Display name."""
    personality: str
    """One sentence on temperament and habits."""
    preferences: Preferences
    """Stable reply preferences."""
    conversation_topics: tuple[str, ...] = Field(min_length=1)
    """Topics the persona opens conversations about."""
    emotional_baseline: str
    """Comma-separated emotional descriptors (`calm, focused, intellectually engaged`)."""
    goals: tuple[str, ...] = ()
    """Optional goals the persona pursues across conversations."""
    noise: Noise = Noise()
    """Human imperfection on a dial (typos, lower case, fragments, drift, off-topic asks)."""

    @field_validator("conversation_topics")
    @classmethod
    def _topics_not_blank(cls, topics: tuple[str, ...]) -> tuple[str, ...]:
        if any(not topic.strip() for topic in topics):
            raise ValueError("topics must be non-empty strings")
        return topics

    @property
    def emotions(self) -> tuple[str, ...]:
        """The baseline split into single descriptors."""
        return tuple(part.strip() for part in self.emotional_baseline.split(",") if part.strip())

    @property
    def definition_hash(self) -> str:
        """Short hash of the full definition, stored as lineage with every conversation."""
        data = self.model_dump(mode="json")
        if not self.noise.active:  # keeps the hashes of personas written before noise existed
            del data["noise"]
        canonical = json.dumps(data, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def load_persona_file(path: Path) -> Persona:
    """Read one persona YAML file; its `id` defaults to the file name's stem."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ConfigError(f"{path}: expected a mapping of persona fields, got {kind}")
    data.setdefault("id", path.stem)
    try:
        return Persona.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(one_line_error(path, exc)) from exc


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ConfigError(f"{directory}: persona folder does not exist")
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def load_persona_dir(directory: Path) -> dict[str, Persona]:
    """Every persona in a folder, by id; a duplicate id is an error."""
    personas: dict[str, Persona] = {}
    for path in _yaml_files(directory):
        persona = load_persona_file(path)
        if persona.id in personas:
            raise ConfigError(f"{path}: id = {persona.id!r} is already defined in this folder")
        personas[persona.id] = persona
    return personas


def builtin_personas() -> dict[str, Persona]:
    """The four personas of seed 000, shipped as package data."""
    folder = resources.files("simulator") / "personas"
    personas = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".yaml"):
            with resources.as_file(entry) as path:
                persona = load_persona_file(path)
            personas[persona.id] = persona
    return personas


def load_personas(extra_dirs: Iterable[Path] = ()) -> dict[str, Persona]:
    """Built-ins, with each folder's personas merged over them by id."""
    personas = builtin_personas()
    for directory in extra_dirs:
        personas.update(load_persona_dir(directory))
    return personas


def select_personas(catalog: dict[str, Persona], ids: Iterable[str]) -> list[Persona]:
    """The named personas in order; an unknown id lists the known ones."""
    chosen = []
    for persona_id in ids:
        if persona_id not in catalog:
            known = ", ".join(sorted(catalog))
            raise ConfigError(f"--persona {persona_id!r} is not a known persona; known: {known}")
        chosen.append(catalog[persona_id])
    return chosen
