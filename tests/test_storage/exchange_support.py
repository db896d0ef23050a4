"""A recorded two-persona, two-bot run shared by the export tests, and small readers."""

from __future__ import annotations

import asyncio
import csv
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from bridge.config import demo_bots_file
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from storage.exchange.export import ExportOptions, ExportSummary, export
from storage.exchange.formats import Format
from tui.session import execute_run

PLAN = RunPlan(persona_ids=("casual_casey", "analytical_alex"), bot_ids=("jake", "marcus"),
               conversations=3, min_turns=2, max_turns=4, concurrency=6, seed=1)

_TEMPLATES: dict[str, Path] = {}


def recorded_copy(folder: Path, cache: Path) -> Path:
    """A fresh copy of the recorded run (recorded once per `cache` folder)."""
    template = cache / "template.db"
    if not template.exists():
        asyncio.run(execute_run(PLAN, builtin_personas(), demo_bots_file(), template,
                                handle_signals=False))
    copy = folder / "sparring.db"
    shutil.copy(template, copy)
    return copy


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def execute(db: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, params)
    conn.close()


async def run_export(db_path: Path, format: Format, out: Path,
                     options: ExportOptions | None = None) -> ExportSummary:
    async with Database(db_path) as db:
        return await export(db, format, out, options)


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows
