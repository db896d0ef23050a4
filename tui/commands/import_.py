"""`sparring import`: real conversations from the exchange formats into the database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from storage.database import Database
from storage.exchange.fields import SOURCES
from storage.exchange.importer import (
    DEFAULT_RATER,
    ImportOptions,
    ImportRejected,
    ImportReport,
    import_file,
)
from storage.exchange.readers import IMPORT_FORMATS, ImportFormat
from tui.commands.options import db_option, personas_option, resolve_db, resolve_personas

MAX_PROBLEMS = 20


def _print_problems(report: ImportReport) -> None:
    for line in report.rendered_problems(MAX_PROBLEMS):
        click.echo(line, err=True)


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "format_", type=click.Choice(IMPORT_FORMATS), default=None,
              help="Force the format. Default: by extension (.csv is turns-csv) and, for "
              "JSONL, by the first line (`messages`: openai-chat, `conversations`: sharegpt).")
@click.option("--skip-bad", is_flag=True,
              help="Import the good lines and report the bad ones. Default: any bad line "
              "imports nothing.")
@click.option("--drop-trailing-user", is_flag=True,
              help="Drop a conversation's last user message when nothing answers it. "
              "Default: keep it as the last turn, without a reply (stats count it as no bot "
              "error; exports leave it out of training examples).")
@click.option("--source", type=click.Choice(SOURCES), default=None,
              help="Source of every imported conversation. Default: the file's, else real.")
@click.option("--bot", "bot_id", default=None, metavar="ID",
              help="Bot of conversations whose lines name none (required for openai-chat).")
@click.option("--persona", "persona_id", default=None, metavar="ID",
              help="Persona of conversations whose lines name none (none by default).")
@click.option("--rater", default=DEFAULT_RATER, show_default=True,
              help="Rater of imported ratings that name none.")
@personas_option
@db_option
def import_(file: Path, format_: ImportFormat | None, skip_bad: bool,
            drop_trailing_user: bool, source: str | None,
            bot_id: str | None, persona_id: str | None, rater: str,
            persona_dirs: tuple[Path, ...], db: Path | None) -> None:
    """Import conversations from an openai-chat, sharegpt or turns-csv FILE.

    Lineage in the file is kept (conversation id, persona, bot, topic, ...; never the run),
    ratings too; heuristic metrics are computed as for recorded turns. Real logs are taken
    as they come: a conversation may end on the user's message (kept as its last turn,
    unanswered, unless --drop-trailing-user) and empty messages are skipped (the same
    speaker's messages either side of one join). A conversation id already in the
    database is skipped as a duplicate. Bad lines are listed with their line numbers;
    without --skip-bad nothing is imported then (exit code 2). System prompts are not
    stored. The summary counts each of these.
    """
    options = ImportOptions(format=format_, skip_bad=skip_bad, source=source, bot_id=bot_id,
                            persona_id=persona_id, rater=rater,
                            personas=resolve_personas(persona_dirs),
                            drop_trailing_user=drop_trailing_user)

    async def run() -> ImportReport:
        async with Database(resolve_db(db)) as database:
            return await import_file(database, file, options)

    try:
        report = asyncio.run(run())
    except ImportRejected as exc:
        _print_problems(exc.report)
        raise
    _print_problems(report)
    click.echo(report.summary())
