"""`sparring merge`: the shards of a plan (or any databases) unioned into one."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from storage.merge import merge_databases
from tui.console import console


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
def merge(out: Path, sources: tuple[Path, ...]) -> None:
    """Union databases into OUT (created if missing): runs, conversations, turns, metrics,
    ratings, LLM usage and the judge cache.

    Ids are UUIDs, so shards never collide; a run or conversation OUT already has is
    skipped, so merging a file twice adds nothing. Every input must have this Sparring's
    schema (open an older one once with any command to upgrade it).

    \b
    Example:
      sparring run --plan plan.yaml --shard 0/2 --db shard-0.db    # machine 1
      sparring run --plan plan.yaml --shard 1/2 --db shard-1.db    # machine 2
      sparring merge all.db shard-0.db shard-1.db
    """
    for report in asyncio.run(merge_databases(out, list(sources))):
        console.print(f"{report.source}: {report.runs} runs, {report.conversations} "
                      f"conversations, {report.turns} turns merged into {out}")
