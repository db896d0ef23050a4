"""`sparring show` (one conversation, in full) and `sparring conversations` (finding ids)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from storage.browse import (
    ConversationFilter,
    ConversationRow,
    list_conversations,
    resolve_conversation,
)
from storage.database import Database
from storage.queries import resolve_run
from storage.transcripts import ConversationDetail, conversation_detail
from tui.commands.options import db_option, existing_db, personas_option, resolve_personas
from tui.console import console
from tui.transcript_text import transcript_document, transcript_renderable

SHORT_ID = 8


@click.command()
@click.argument("conversation_ref", metavar="CONVERSATION")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON document (the keys are listed in the README) and nothing "
              "else.")
@personas_option
@db_option
def show(conversation_ref: str, as_json: bool, persona_dirs: tuple[Path, ...],
         db: Path | None) -> None:
    """Print one conversation: header, every turn, its metrics and ratings.

    CONVERSATION is a conversation id or a unique prefix of one (`sparring conversations`
    lists them). Failed turns show why; ratings show who gave them.
    """
    path = existing_db(db)

    async def load() -> ConversationDetail:
        async with Database(path) as database:
            found = await conversation_detail(
                database, await resolve_conversation(database, conversation_ref))
        assert found is not None  # resolve_conversation found it and nothing deletes here
        return found

    detail = asyncio.run(load())
    if as_json:
        click.echo(json.dumps(transcript_document(detail), ensure_ascii=False, indent=2))
        return
    persona_id = detail.transcript.conversation.persona_id
    persona = resolve_personas(persona_dirs).get(persona_id or "")
    console.print(transcript_renderable(detail, persona.name if persona else
                                        (persona_id or "user")))


@click.command()
@click.option("--run", "run_ref", default=None,
              help="Run id, unique prefix, or `latest`. Default: every run in the database.")
@click.option("--failed", is_flag=True, help="Only conversations that ended failed.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many to list, newest first.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the list as JSON (full ids) and nothing else.")
@db_option
def conversations(run_ref: str | None, failed: bool, limit: int, as_json: bool,
                  db: Path | None) -> None:
    """List conversations with short ids for `sparring show`, newest first."""
    path = existing_db(db)

    async def query() -> list[ConversationRow]:
        async with Database(path) as database:
            run_id = await resolve_run(database, run_ref) if run_ref else None
            where = ConversationFilter(run_id=run_id, status="failed" if failed else None)
            return await list_conversations(database, where, limit=limit)

    rows = asyncio.run(query())
    if as_json:
        click.echo(json.dumps([_row_document(row) for row in rows], ensure_ascii=False,
                              indent=2))
        return
    width = short_width([row.id for row in rows])
    table = Table("id", "run", "persona", "bot", "topic", "status")
    table.add_column("turns", justify="right")
    table.add_column("quality", justify="right")
    table.add_column("started")
    for row in rows:
        table.add_row(row.id[:width], (row.run_id or "-")[:SHORT_ID], Text(row.persona_id or "-"),
                      Text(row.bot_id), Text(row.topic or "-"), row.status, str(row.turns),
                      "-" if row.quality is None else f"{row.quality:.2f}", row.started_at[:19])
    console.print(table)
    if not rows:
        console.print("no conversations match")


def short_width(ids: list[str]) -> int:
    """The shortest prefix length from SHORT_ID up that tells every listed id apart."""
    width = SHORT_ID
    while width < 36 and len({cid[:width] for cid in ids}) < len(ids):
        width += 1
    return width


def _row_document(row: ConversationRow) -> dict[str, object]:
    return {"id": row.id, "run_id": row.run_id, "source": row.source,
            "persona_id": row.persona_id, "bot_id": row.bot_id, "topic": row.topic,
            "status": row.status, "turns": row.turns, "quality": row.quality,
            "satisfaction": row.satisfaction, "started_at": row.started_at}
