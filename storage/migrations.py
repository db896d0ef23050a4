"""Schema migrations, one numbered SQL file each, tracked by `PRAGMA user_version`."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from simulator.errors import StorageError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def _statements(sql: str) -> list[str]:
    """The statements of `sql`; a trigger's body keeps its inner semicolons."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    statements, current = [], ""
    for part in without_comments.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip().removesuffix(";"))
            current = ""
    return statements


def load_migrations() -> list[Migration]:
    """Every migration shipped with the package, in order."""
    folder = resources.files("storage") / "migrations"
    migrations = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            migrations.append(Migration(int(match[1]), match[2], entry.read_text("utf-8")))
    expected = list(range(1, len(migrations) + 1))
    if [m.version for m in migrations] != expected:
        raise StorageError(f"migration files are not numbered 1..{len(migrations)}")
    return migrations


async def migrate(db: aiosqlite.Connection, source: str) -> int:
    """Bring the database up to the newest schema; each step is one transaction."""
    migrations = load_migrations()
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    if current > len(migrations):
        raise StorageError(
            f"{source}: schema version {current} is newer than this Sparring knows "
            f"({len(migrations)}); upgrade Sparring or point --db elsewhere"
        )
    for migration in migrations[current:]:
        await db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(migration.sql):
                await db.execute(statement)
            await db.execute(f"PRAGMA user_version = {migration.version:d}")
        except BaseException:
            await db.rollback()
            raise
        await db.commit()
    return len(migrations)
