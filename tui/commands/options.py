"""Options shared by several commands, and what they resolve to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from bridge.config import BotsFile, demo_bots_file, load_bots_file
from simulator.persona import Persona, load_personas
from storage.database import default_db_path

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_BOTS_FILE = Path("bots.yaml")


def db_option(function: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="SQLite database file. Default: $SPARRING_DB, else sparring.db in the user data "
        "directory (`sparring runs` prints it).",
    )(function)


def bots_option(function: F) -> F:
    return click.option(
        "--bots",
        "bots_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="bots.yaml to read. Default: ./bots.yaml if present, else the built-in demo bots.",
    )(function)


def personas_option(function: F) -> F:
    return click.option(
        "--personas",
        "persona_dirs",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of persona YAML files, merged over the built-ins (repeatable).",
    )(function)


def resolve_db(db: Path | None) -> Path:
    return db if db is not None else default_db_path()


def resolve_bots(path: Path | None) -> BotsFile:
    if path is not None:
        return load_bots_file(path)
    if DEFAULT_BOTS_FILE.is_file():
        return load_bots_file(DEFAULT_BOTS_FILE)
    return demo_bots_file()


def resolve_personas(persona_dirs: Sequence[Path]) -> dict[str, Persona]:
    return load_personas(persona_dirs)
