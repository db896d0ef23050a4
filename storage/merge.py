"""`sparring merge`: the union of several databases (the shards of a plan, say) in one.

Runs and conversations have UUIDs, so rows from different machines never collide. A run
or conversation already in the output is left alone, so merging a file twice adds nothing.
Every input must have exactly this Sparring's schema and is checked before anything is
written; each input is merged in one transaction, so none is ever half merged.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import StorageError
from storage.database import Database
from storage.migrations import load_migrations

_NEW_RUNS = "SELECT id FROM src.runs WHERE id NOT IN (SELECT id FROM main.runs)"
_NEW_CONVERSATIONS = ("SELECT id FROM src.conversations "
                      "WHERE id NOT IN (SELECT id FROM main.conversations)")
_COPIES = (
    ("runs", f"id IN ({_NEW_RUNS})"),
    ("conversations", "id IN (SELECT id FROM new_conversations)"),
    ("turns", "conversation_id IN (SELECT id FROM new_conversations)"),
    ("metrics", "conversation_id IN (SELECT id FROM new_conversations)"),
    ("ratings", "conversation_id IN (SELECT id FROM new_conversations)"),
    ("judge_errors", "conversation_id IN (SELECT id FROM new_conversations)"),
    ("llm_usage", "(run_id IN (SELECT id FROM new_runs) OR (run_id IS NULL AND "
     "conversation_id IN (SELECT id FROM new_conversations)))"),
)
"""Tables in parent-before-child order, each with the rows it takes from an input."""
_SKIP_COLUMNS = {"llm_usage": {"id"}}
"""Row ids local to each file, renumbered in the output."""


@dataclass(frozen=True, slots=True)
class MergeReport:
    source: Path
    runs: int
    conversations: int
    turns: int


async def merge_databases(out: Path, sources: list[Path]) -> list[MergeReport]:
    """Union `sources` into `out` (created if missing); one report per source."""
    await asyncio.to_thread(_check_inputs, out, sources, len(load_migrations()))
    reports = []
    async with Database(out) as db:
        conn = db.conn
        columns = {table: await _columns(db, table) for table, _ in _COPIES}
        for source in sources:
            await conn.execute("ATTACH DATABASE ? AS src", (str(source),))
            try:
                async with db.transaction():
                    reports.append(await _copy(db, source, columns))
            finally:
                await conn.execute("DETACH DATABASE src")
    return reports


async def _copy(db: Database, source: Path, columns: dict[str, list[str]]) -> MergeReport:
    conn = db.conn
    await conn.execute(f"CREATE TEMP TABLE new_runs AS {_NEW_RUNS}")
    await conn.execute(f"CREATE TEMP TABLE new_conversations AS {_NEW_CONVERSATIONS}")
    counts: dict[str, int] = {}
    for table, where in _COPIES:
        names = ", ".join(c for c in columns[table] if c not in _SKIP_COLUMNS.get(table, ()))
        cursor = await conn.execute(
            f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table} WHERE {where}"
        )
        counts[table] = cursor.rowcount
    await conn.execute("INSERT OR IGNORE INTO main.judge_cache SELECT * FROM src.judge_cache")
    await conn.execute("DROP TABLE temp.new_runs")
    await conn.execute("DROP TABLE temp.new_conversations")
    return MergeReport(source, counts["runs"], counts["conversations"], counts["turns"])


async def _columns(db: Database, table: str) -> list[str]:
    async with db.conn.execute(f"PRAGMA main.table_info({table})") as cursor:
        return [row[1] for row in await cursor.fetchall()]


def _check_inputs(out: Path, sources: list[Path], version: int) -> None:
    if out.resolve() in {source.resolve() for source in sources}:
        raise StorageError(f"{out}: is also an input; merge into a new file")
    for source in sources:
        _check_schema(source, version)


def _check_schema(source: Path, version: int) -> None:
    if not source.is_file():
        raise StorageError(f"{source}: no such database")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as conn:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{source}: not a Sparring database ({exc})") from exc
    if "runs" not in tables:
        raise StorageError(f"{source}: not a Sparring database (it has no runs table)")
    if found > version:
        raise StorageError(f"{source}: schema version {found} is newer than this Sparring "
                           f"knows ({version}); upgrade Sparring, then merge")
    if found != version:
        raise StorageError(
            f"{source}: schema version {found}, expected {version}; open it once with this "
            "Sparring (`sparring stats --db FILE`) to upgrade it, then merge"
        )
