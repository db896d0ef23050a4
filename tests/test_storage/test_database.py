from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.errors import StorageError
from storage.database import Database
from storage.migrations import load_migrations
from storage.queries import overall_statistics


async def test_fresh_database_is_migrated_in_wal_mode(db_path: Path) -> None:
    async with Database(db_path) as db:
        async with db.conn.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with db.conn.execute("PRAGMA user_version") as cursor:
            assert (await cursor.fetchone())[0] == len(load_migrations())
        async with db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ) as cursor:
            tables = {row[0] for row in await cursor.fetchall()}
    assert {"runs", "conversations", "turns", "metrics", "ratings", "llm_usage"} <= tables


async def test_reopening_does_not_migrate_again(db_path: Path) -> None:
    async with Database(db_path):
        pass
    async with Database(db_path) as db:
        async with db.conn.execute("SELECT COUNT(*) FROM runs") as cursor:
            assert (await cursor.fetchone())[0] == 0


async def test_newer_schema_is_refused_with_both_versions(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    known = len(load_migrations())
    with pytest.raises(StorageError, match=rf"schema version 99 is newer than .* \({known}\)"):
        await Database(db_path).open()


async def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot create its folder"):
        await Database(blocker / "sparring.db").open()


async def test_statistics_of_an_empty_database(db_path: Path) -> None:
    async with Database(db_path) as db:
        total = await overall_statistics(db)
    assert (total.conversations, total.turns, total.failed_turns, total.error_rate) == (0, 0, 0, 0)
    assert total.mean_quality is None
