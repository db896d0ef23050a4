"""Options shared by several commands, and what they resolve to."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
import platformdirs

from bridge.config import BotsFile, demo_bots_file, load_bots_file
from bridge.models import LLMEndpoint
from simulator.errors import StorageError
from simulator.persona import Persona, load_personas
from simulator.usage import PriceTable
from storage.database import default_db_path
from tui.session import LLMSettings

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_BOTS_FILE = Path("bots.yaml")
PERSONAS_ENV = "SPARRING_PERSONAS"


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


def engine_options(function: F) -> F:
    """What plays the personas, what judges, and what the run may spend on models."""
    options = [
        click.option("--persona-engine", default="scripted", show_default=True,
                     type=click.Choice(["scripted", "llm"]),
                     help="What plays the personas: offline scripts, or a chat model."),
        click.option("--persona-model", default=None, metavar="MODEL",
                     help="Model playing the personas with --persona-engine llm."),
        click.option("--judge-model", default=None, metavar="MODEL",
                     help="Model scoring turns and conversations on rubrics. "
                     "Default: no LLM judge."),
        click.option("--rubric", "rubrics", multiple=True, metavar="ID|FILE",
                     help="Judge rubric: a built-in id or a YAML file (repeatable). "
                     "Default: reply_quality and training_value."),
        click.option("--max-cost", type=float, default=None, metavar="USD",
                     help="Stop starting conversations once LLM calls have cost this much."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def llm_options(function: F) -> F:
    """Where persona and judge models are reached, their rate limits and prices."""
    options = [
        click.option("--llm-base-url", default=None, metavar="URL",
                     help="OpenAI-compatible endpoint of the persona and judge models. "
                     "Default: $OPENAI_BASE_URL, else OpenAI."),
        click.option("--llm-api-key-env", default="OPENAI_API_KEY", show_default=True,
                     metavar="VAR", help="Environment variable holding the endpoint's API key."),
        click.option("--llm-timeout", default=60.0, show_default=True, metavar="SECONDS",
                     help="Timeout of one model call."),
        click.option("--llm-rpm", type=float, default=None, metavar="N",
                     help="Requests per minute allowed on the endpoint."),
        click.option("--llm-tpm", type=float, default=None, metavar="N",
                     help="Tokens per minute allowed on the endpoint."),
        click.option("--prices", "prices_path", default=None, metavar="FILE",
                     type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     help="YAML of model prices (USD per 1M tokens) merged over the built-ins."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def resolve_endpoint(
    llm_base_url: str | None,
    llm_api_key_env: str,
    llm_timeout: float,
    llm_rpm: float | None,
    llm_tpm: float | None,
) -> LLMEndpoint:
    return LLMEndpoint(llm_base_url, llm_api_key_env, llm_timeout, llm_rpm, llm_tpm)


def model_settings(options: dict[str, Any]) -> tuple[dict[str, Any], LLMSettings]:
    """The values of `engine_options` and `llm_options`, as RunPlan fields and LLMSettings."""
    fields = {
        "persona_engine": options["persona_engine"],
        "persona_model": options["persona_model"],
        "judge_model": options["judge_model"],
        "rubrics": options["rubrics"],
        "max_cost_usd": options["max_cost"],
    }
    endpoint = resolve_endpoint(options["llm_base_url"], options["llm_api_key_env"],
                                options["llm_timeout"], options["llm_rpm"], options["llm_tpm"])
    if options["prices_path"] is not None:
        PriceTable.load(options["prices_path"])  # a bad file stops us before anything starts
    return fields, LLMSettings(endpoint, options["prices_path"])


def resolve_db(db: Path | None) -> Path:
    return db if db is not None else default_db_path()


def existing_db(db: Path | None) -> Path:
    """The database a reading command needs; a one-line error when there is none yet, so a
    mistyped --db never leaves an empty database behind."""
    path = resolve_db(db)
    if not path.is_file():
        raise StorageError(f"{path}: no database yet; start one with `sparring run` "
                           "(or check --db)")
    return path


def resolve_bots(path: Path | None) -> BotsFile:
    if path is not None:
        return load_bots_file(path)
    if DEFAULT_BOTS_FILE.is_file():
        return load_bots_file(DEFAULT_BOTS_FILE)
    return demo_bots_file()


def user_personas_dir() -> Path:
    """`$SPARRING_PERSONAS`, else `personas/` in the user config directory: personas
    edited in the app live here and are loaded by every command."""
    if os.environ.get(PERSONAS_ENV):
        return Path(os.environ[PERSONAS_ENV]).expanduser()
    return Path(platformdirs.user_config_dir("sparring", appauthor=False)) / "personas"


def resolve_personas(persona_dirs: Sequence[Path]) -> dict[str, Persona]:
    """Built-ins, then the user's personas folder (if it exists), then each `--personas`."""
    user_dir = user_personas_dir()
    return load_personas([user_dir, *persona_dirs] if user_dir.is_dir() else persona_dirs)
