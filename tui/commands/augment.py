"""`sparring augment`: variations of real or highly rated conversations, replayed live."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import click

from bridge.config import BotsFile
from simulator.augment import Parent, plan_variations
from simulator.errors import ConfigError
from simulator.persona import select_personas
from simulator.plan import RunPlan
from storage.database import Database
from storage.parents import HIGH_STARS, ParentQuery, find_parents
from storage.queries import resolve_run
from tui.commands.options import (
    bots_option,
    db_option,
    engine_options,
    existing_db,
    llm_options,
    model_settings,
    personas_option,
    resolve_bots,
    resolve_personas,
)
from tui.commands.run import exit_for, headless_run
from tui.console import err_console

EXIT_NOTHING = 1


@click.command()
@click.option("--conversation", "conversation_ids", multiple=True, metavar="ID",
              help="Vary this conversation (id or unique prefix; repeatable). "
              "Default: every real or highly rated one.")
@click.option("--run", "run_ref", default=None, metavar="RUN",
              help="Only conversations of this run (id, prefix or `latest`).")
@click.option("--min-stars", default=HIGH_STARS, show_default=True,
              help="Highly rated: every star rating at least this (or every thumb up).")
@click.option("--min-score", type=float, default=None, metavar="X",
              help="Also vary conversations with conversation_quality >= X "
              "(0.7 is a common keep threshold).")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Vary at most N conversations (oldest first).")
@click.option("-n", "--variations", default=3, show_default=True, type=click.IntRange(min=1),
              help="Variations of each conversation.")
@click.option("-p", "--persona", "persona_ids", multiple=True,
              help="Persona to retell the need (repeatable). Default: every known persona.")
@click.option("-b", "--bot", "bot_id", default=None,
              help="Replay against this bot. Default: each conversation's own bot.")
@click.option("--max-turns", default=12, show_default=True, type=click.IntRange(min=1),
              help="Most user messages of a variation.")
@click.option("-c", "--concurrency", default=16, show_default=True, type=click.IntRange(min=1),
              help="Conversations in flight at once.")
@click.option("--seed", default=0, show_default=True,
              help="The same seed gives the same personas, states, contexts and messages.")
@engine_options
@llm_options
@bots_option
@personas_option
@db_option
def augment(
    conversation_ids: tuple[str, ...],
    run_ref: str | None,
    min_stars: int,
    min_score: float | None,
    limit: int | None,
    variations: int,
    persona_ids: tuple[str, ...],
    bot_id: str | None,
    max_turns: int,
    concurrency: int,
    seed: int,
    bots_path: Path | None,
    persona_dirs: tuple[Path, ...],
    db: Path | None,
    **model_options: Any,
) -> None:
    """Make variations of real or highly rated conversations and replay them against a bot.

    Each variation keeps its parent's need (the user's messages) and changes who asks, in
    which emotional state and situation; the bot's replies are real, and the variation is
    stored as source `augmented`, linked to its parent. Scripted personas retell the need
    in their own voice; with --persona-engine llm a model rewrites it in character.

    \b
    Examples:
      sparring import real_chats.jsonl --bot support
      sparring augment -n 5                        # every real or highly rated one
      sparring augment --conversation 3f2a9c1e --persona-engine llm --persona-model gpt-4o-mini
      sparring augment --run latest --min-score 0.7 --limit 50

    Exit status: 0 done, 1 nothing to augment, 2 bad input, 3 stopped by --max-cost.
    """
    catalog = resolve_personas(persona_dirs)
    personas = select_personas(catalog, persona_ids or tuple(catalog))
    bots_file = resolve_bots(bots_path)
    if bot_id is not None and bot_id not in bots_file.bots:
        raise ConfigError(f"--bot = {bot_id!r}: not in {bots_file.source} "
                          f"(known: {', '.join(bots_file.bots)})")
    db_path = existing_db(db)
    parents = asyncio.run(_parents(db_path, ParentQuery(
        conversation_ids=conversation_ids, min_stars=min_stars, min_score=min_score,
        limit=limit,
    ), run_ref))
    parents = [parent for parent in parents if parent.user_messages]
    if not parents:
        err_console.print(
            f"nothing to augment in {db_path}: no completed real conversation, none rated "
            f"{min_stars}+ stars or thumbs up; import some (`sparring import`), rate some, "
            "or pass --min-score or --conversation"
        )
        raise SystemExit(EXIT_NOTHING)
    targets = [
        target
        for parent in parents
        for target in plan_variations(parent, personas, variations, seed,
                                      _bot_for(parent, bot_id, bots_file))
    ]
    plan_fields, llm = model_settings(model_options)
    plan = RunPlan.of_targets(
        targets,
        conversations=variations,
        min_turns=1,
        max_turns=max_turns,
        concurrency=concurrency,
        seed=seed,
        **plan_fields,
    )
    err_console.print(
        f"[bold]sparring augment[/] {len(parents)} conversations x {variations} variations = "
        f"{plan.total_conversations} conversations, replayed from {bots_file.source} "
        f"-> {db_path}"
    )
    exit_for(asyncio.run(headless_run(plan, catalog, bots_file, db_path, llm)))


async def _parents(db_path: Path, query: ParentQuery, run_ref: str | None) -> list[Parent]:
    async with Database(db_path) as db:
        if run_ref is not None:
            query = ParentQuery(query.conversation_ids, await resolve_run(db, run_ref),
                                query.min_stars, query.min_score, query.limit)
        return await find_parents(db, query)


def _bot_for(parent: Parent, bot_id: str | None, bots_file: BotsFile) -> str:
    if bot_id is not None:
        return bot_id
    if parent.bot_id not in bots_file.bots:
        raise ConfigError(
            f"conversation {parent.id[:8]}: its bot {parent.bot_id!r} is not in "
            f"{bots_file.source}; pass --bot to replay it against one that is"
        )
    return parent.bot_id
