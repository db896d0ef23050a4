"""Persona edits go through a draft, `alex.yaml.draft` beside `alex.yaml`.

Every `sparring run` and `sparring tui` reads the personas folder, and one bad file there
stops them; so the app's editor never writes to a persona file itself. It edits the draft,
and only a draft that validates (and whose id no other file of the folder defines) takes the
file's place, in one rename. A bad draft stays beside the file, where no loader looks (they
read `*.yaml` and `*.yml`), and the next edit reopens it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from simulator.errors import ConfigError
from simulator.persona import Persona, load_persona_file
from simulator.validation import one_line_error, read_yaml

DRAFT_SUFFIX = ".draft"


def persona_files(directory: Path) -> list[Path]:
    """The persona YAML files of a folder, sorted (none if it does not exist)."""
    if not directory.is_dir():
        return []
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])


def draft_of(path: Path) -> Path:
    """Where the draft of the persona file `path` lives."""
    return path.with_name(path.name + DRAFT_SUFFIX)


@dataclass(frozen=True)
class Draft:
    """The draft of one persona file being edited."""

    target: Path
    """The persona file the draft replaces once it validates (it may not exist yet)."""
    path: Path
    """The draft itself, beside the target."""
    resumed: bool
    """An earlier draft reopened, rather than a fresh copy of the target."""


def start_draft(target: Path, fresh: str) -> Draft:
    """The draft for `target`: the one left by an earlier edit, else a copy of `target`, or
    `fresh` when `target` does not exist. OSError when the folder cannot be written."""
    draft = draft_of(target)
    if draft.is_file():
        return Draft(target, draft, resumed=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = target.read_text(encoding="utf-8") if target.is_file() else fresh
    draft.write_text(text, encoding="utf-8")
    return Draft(target, draft, resumed=False)


def validate_draft(draft: Draft) -> Persona:
    """The persona the draft defines, read as its target would be (the id defaults to the
    target's name); a ConfigError naming the draft, the field and the value if it is bad."""
    data = read_yaml(draft.path)
    if not isinstance(data, dict):
        raise ConfigError(f"{draft.path}: expected a mapping of persona fields, "
                          f"got {type(data).__name__}")
    data.setdefault("id", draft.target.stem)
    try:
        persona = Persona.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(one_line_error(draft.path, exc)) from exc
    for other in persona_files(draft.target.parent):
        if other == draft.target:
            continue
        try:
            found = load_persona_file(other)
        except ConfigError:
            continue  # a bad file of the user's own is not this draft's problem
        if found.id == persona.id:
            raise ConfigError(f"{draft.path}: id = {persona.id!r} is already defined in {other}")
    return persona


def commit_draft(draft: Draft) -> Persona:
    """Validate the draft and rename it over its target; on a ConfigError nothing moves."""
    persona = validate_draft(draft)
    os.replace(draft.path, draft.target)
    return persona
