"""`sparring export`: stored conversations as training data, filtered, weighted and split."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simulator.errors import ConfigError
from storage.database import Database
from storage.exchange.export import ExportOptions, ExportSummary, export
from storage.exchange.formats import FORMATS, Format
from storage.exchange.records import ExportFilter
from storage.exchange.splits import STRATA, parse_split
from storage.exchange.weights import SOURCES, parse_weights
from storage.queries import resolve_run
from tui.commands.options import db_option, existing_db
from tui.console import console, err_console

STATUSES = ("completed", "running", "failed", "cancelled")


def _one_of(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(f"{flag} = {value!r}; expected one of {', '.join(allowed)}")
    return value


def parse_when(flag: str, text: str | None, *, end: bool = False) -> str | None:
    """An ISO date or date-time as a UTC ISO timestamp; a bare `--until` date includes the
    whole day."""
    if text is None:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day + timedelta(days=1) if end else day, time(),
                                      tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{flag} = {text!r}; expected an ISO date such as 2025-01-31 or "
                          "a date-time such as 2025-01-31T12:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def print_summary(summary: ExportSummary) -> None:
    """Per file: split, conversations, lines or rows; then what was skipped and the weights."""
    table = Table(title=f"export ({summary.format}): {summary.in_scope} conversations matched",
                  title_justify="left")
    table.add_column("file")
    table.add_column("split")
    table.add_column("conversations", justify="right")
    table.add_column("rows" if "csv" in summary.format or "parquet" in summary.format
                     else "lines", justify="right")
    for file in summary.files:
        table.add_row(str(file.path), file.split or "-", str(file.conversations),
                      str(file.rows))
    console.print(table)
    for reason, count in sorted(summary.skipped.items()):
        console.print(f"skipped {count}: {reason}")
    if summary.format != "openai-chat":
        weights = ", ".join(f"{k}={v:g}" for k, v in sorted(summary.weights.items()))
        console.print(f"weights: {weights}")


@click.command("export")
@click.option("--format", "format_", required=True, metavar="FORMAT",
              help=f"One of {', '.join(FORMATS)}.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; with --split, <stem>.train<ext>, <stem>.val<ext>, ...")
@click.option("--run", "run_refs", multiple=True, metavar="RUN",
              help="Run id, unique prefix, or `latest` (repeatable). Default: every run.")
@click.option("--persona", "personas", multiple=True, help="Persona id (repeatable).")
@click.option("--bot", "bots", multiple=True, help="Bot id (repeatable).")
@click.option("--source", "sources", multiple=True,
              help=f"Conversation source, one of {', '.join(SOURCES)} (repeatable).")
@click.option("--status", "statuses", multiple=True,
              help=f"Conversation status (repeatable; {', '.join(STATUSES)}). "
              "Default: completed.")
@click.option("--since", default=None, help="Started on or after this ISO date (UTC).")
@click.option("--until", default=None, help="Started on or before this ISO date (UTC).")
@click.option("--min-rating", type=int, default=None, metavar="N",
              help="Keep conversations with at least one star rating, every one >= N (1-5).")
@click.option("--min-score", type=float, default=None, metavar="X",
              help="Keep conversations scoring >= X (mean judge reply_quality.overall, else "
              "conversation_quality; 0-1; 0.7 is a common keep threshold).")
@click.option("--human-validated", is_flag=True,
              help="Only turns rated >= 4 stars (conversation formats: every rated turn "
              ">= 4, at least one).")
@click.option("--include-flagged", is_flag=True,
              help="Keep flagged turns (by default a flagged turn's row, or its whole "
              "conversation in conversation formats, is left out).")
@click.option("--weights", default=None, metavar="SRC=W,...",
              help="Sample weight by source over the defaults real=100, human=100, "
              "augmented=10, synthetic=10.")
@click.option("--split", "split_text", default=None, metavar="R,R[,R]",
              help="Train, val[, test] ratios summing to 1, such as 0.8,0.1,0.1.")
@click.option("--seed", default=0, show_default=True, help="Seed of the split shuffle.")
@click.option("--stratify", default="persona", show_default=True,
              help=f"Stratify splits by {' or '.join(STRATA)}.")
@click.option("--system-prompt", default=None, metavar="TEXT",
              help="System message put first in each conversation (openai-chat, sharegpt, "
              "preference-pairs).")
@click.option("--pair-margin", type=float, default=0.1, show_default=True, metavar="X",
              help="preference-pairs: minimum score difference (0-1) of a pair.")
@db_option
def export_command(format_: str, out: Path, run_refs: tuple[str, ...],
                   personas: tuple[str, ...], bots: tuple[str, ...], sources: tuple[str, ...],
                   statuses: tuple[str, ...], since: str | None, until: str | None,
                   min_rating: int | None, min_score: float | None, human_validated: bool,
                   include_flagged: bool, weights: str | None, split_text: str | None,
                   seed: int, stratify: str, system_prompt: str | None, pair_margin: float,
                   db: Path | None) -> None:
    """Export conversations as training data (JSONL, CSV or Parquet), with lineage and
    sample weights, filtered by run, persona, bot, source, date, rating and score, and
    optionally split into train / val / test files."""
    format_name: Format = _one_of("--format", format_, FORMATS)  # type: ignore[assignment]
    for source in sources:
        _one_of("--source", source, SOURCES)
    for status in statuses:
        _one_of("--status", status, STATUSES)
    _one_of("--stratify", stratify, STRATA)
    if min_rating is not None and not 1 <= min_rating <= 5:
        raise ConfigError(f"--min-rating = {min_rating}; expected 1 to 5 stars")
    if min_score is not None and not 0 <= min_score <= 1:
        raise ConfigError(f"--min-score = {min_score}; expected a score from 0 to 1")
    if not 0 <= pair_margin <= 1:
        raise ConfigError(f"--pair-margin = {pair_margin}; expected 0 to 1")
    where = ExportFilter(persona_ids=personas, bot_ids=bots, sources=sources,
                         statuses=statuses or ("completed",), since=parse_when("--since", since),
                         until=parse_when("--until", until, end=True), min_rating=min_rating,
                         min_score=min_score, human_validated=human_validated,
                         include_flagged=include_flagged)
    options = ExportOptions(
        where, parse_weights(weights),
        split=parse_split(split_text) if split_text is not None else None,
        seed=seed, stratify=stratify, system_prompt=system_prompt, pair_margin=pair_margin)
    path = existing_db(db)

    async def go() -> ExportSummary:
        async with Database(path) as database:
            run_ids = tuple([await resolve_run(database, ref) for ref in run_refs])
            scoped = replace(options, where=replace(where, run_ids=run_ids))
            with Progress(TextColumn("[bold]export"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn(), console=err_console) as bar:
                task = bar.add_task("export", total=None)
                return await export(
                    database, format_name, out, scoped,
                    lambda done, total: bar.update(task, completed=done, total=total))

    print_summary(asyncio.run(go()))
