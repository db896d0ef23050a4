"""`sparring judge`: score a stored run with an LLM judge (cached per turn and rubric)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from tui.commands.options import (
    db_option,
    existing_db,
    llm_options,
    personas_option,
    resolve_endpoint,
    resolve_personas,
)
from tui.console import err_console
from tui.rejudge import judge_stored_run
from tui.session import LLMSettings


@click.command()
@click.option("--run", "run_ref", default="latest", show_default=True,
              help="Run id, unique prefix, or `latest`.")
@click.option("--judge-model", required=True, metavar="MODEL", help="The judge's model.")
@click.option("--rubric", "rubrics", multiple=True, metavar="ID|FILE",
              help="Built-in rubric id or YAML file (repeatable). "
              "Default: reply_quality and training_value.")
@click.option("--max-cost", type=float, default=None, metavar="USD",
              help="Stop judging once LLM calls have cost this much.")
@click.option("-c", "--concurrency", default=8, show_default=True,
              help="Conversations judged at once.")
@llm_options
@personas_option
@db_option
def judge(
    run_ref: str,
    judge_model: str,
    rubrics: tuple[str, ...],
    max_cost: float | None,
    concurrency: int,
    llm_base_url: str | None,
    llm_api_key_env: str,
    llm_timeout: float,
    llm_rpm: float | None,
    llm_tpm: float | None,
    prices_path: Path | None,
    persona_dirs: tuple[Path, ...],
    db: Path | None,
) -> None:
    """Score every turn and conversation of a stored run on rubrics.

    Scores land in the database as metrics with source `judge` and the rubric version;
    judging the same turn again with the same rubric and model is answered from the
    cache, without calling the model.
    """
    path = existing_db(db)
    llm = LLMSettings(
        resolve_endpoint(llm_base_url, llm_api_key_env, llm_timeout, llm_rpm, llm_tpm),
        prices_path,
    )
    tally = asyncio.run(judge_stored_run(
        path, run_ref, resolve_personas(persona_dirs), judge_model, rubrics, llm,
        max_cost_usd=max_cost, concurrency=concurrency,
    ))
    err_console.print(
        f"run {tally.run_id[:8]}: {tally.scored} judgements from {judge_model}, "
        f"{tally.cached} from the cache, {tally.failed} failed"
    )
    if tally.skipped_conversations:
        err_console.print(f"skipped {len(tally.skipped_conversations)} conversations whose "
                          "persona is unknown; pass its folder with --personas")
