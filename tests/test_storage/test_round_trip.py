"""Export -> import -> export through the real exporter and importer gives the same file.

The source is a real recorded run (demo bots) with operator ratings, a flagged turn and
judge scores written through the recorder, so the sharegpt `score` is a judge mean for some
conversations and the heuristic conversation quality for the others. What may legitimately
differ is normalised and nothing else: `run_id` (imports belong to no run, so it comes back
empty) and, for `openai-chat`, the order of the lines (the format carries no ids or times, so
imported conversations get fresh ids and the import time).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.events import JudgeScored
from simulator.metrics.catalog import Metric
from simulator.persona import builtin_personas
from storage.database import Database
from storage.exchange.export import ExportOptions
from storage.exchange.importer import ImportOptions, import_file
from storage.exchange.readers import IMPORT_FORMATS, ImportFormat
from storage.exchange.records import ExportFilter
from storage.ratings import RatingStore
from storage.recorder import Recorder
from tests.test_storage.exchange_support import csv_rows, jsonl, query, run_export

OPTIONS = {
    "defaults": ExportOptions(),
    "flagged, system prompt, weights": ExportOptions(
        where=ExportFilter(include_flagged=True), system_prompt="You are a support bot.",
        weights={"synthetic": 3.5, "real": 100.0}),
}
JUDGE_SCORES = (0.625, 0.875)
"""reply_quality.overall of every turn of two conversations (exact in binary, so their
means are too)."""


@pytest.fixture
async def source(recorded_db: Path) -> Path:
    """The recorded run, rated by two operators, one turn flagged, two conversations judged."""
    ids = [row[0] for row in query(recorded_db, "SELECT id FROM conversations WHERE status = "
                                   "'completed' ORDER BY started_at, id")]
    async with Database(recorded_db) as db:
        maria, sam = RatingStore(db, rater="maria"), RatingStore(db, rater="sam")
        await maria.set(ids[0], 0, "thumb", 1)
        await maria.set(ids[0], 1, "stars", 4)
        await sam.set(ids[1], 0, "thumb", -1)
        await sam.set(ids[1], 0, "note", note='too vague, "generic"\nsecond line')
        await maria.set(ids[2], 1, "flag", 1)
        await maria.set(ids[2], 1, "stars", 2)
        recorder = Recorder(db)
        for conversation_id, score in zip(ids[3:5], JUDGE_SCORES, strict=True):
            for (idx,) in query(recorded_db, "SELECT idx FROM turns WHERE conversation_id = ?",
                                (conversation_id,)):
                recorder.emit(JudgeScored(
                    conversation_id, idx, "reply_quality", 1, "judge-model",
                    (Metric("reply_quality.overall", score, "judge"),), "fine"))
        await recorder.close()
    return recorded_db


def without_run(text: str, run_id: str, fmt: ImportFormat) -> str:
    """The export as it comes back from an import: no run."""
    if fmt == "sharegpt":
        return text.replace(f'"run_id": "{run_id}"', '"run_id": null')
    return text.replace(run_id, "")


@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
@pytest.mark.parametrize("fmt", IMPORT_FORMATS)
async def test_export_import_export_is_lossless(source: Path, tmp_path: Path,
                                                fmt: ImportFormat, options: ExportOptions) -> None:
    suffix = ".csv" if fmt == "turns-csv" else ".jsonl"
    first, second = tmp_path / f"first{suffix}", tmp_path / f"second{suffix}"
    summary = await run_export(source, fmt, first, options)
    async with Database(tmp_path / "imported.db") as db:
        report = await import_file(db, first, ImportOptions(
            bot_id="jake" if fmt == "openai-chat" else None, personas=builtin_personas()))
    assert not report.problems
    assert report.conversations == sum(f.conversations for f in summary.files) > 0
    await run_export(tmp_path / "imported.db", fmt, second, options)

    run_id = query(source, "SELECT id FROM runs")[0][0]
    expected = without_run(first.read_text(encoding="utf-8"), run_id, fmt)
    again = second.read_text(encoding="utf-8")
    if fmt == "openai-chat":
        assert sorted(again.splitlines()) == sorted(expected.splitlines())
    else:
        assert again == expected
    _assert_carried(first, fmt, options)


def _assert_carried(path: Path, fmt: ImportFormat, options: ExportOptions) -> None:
    """The first export holds what the round trip is meant to keep (so the test bites)."""
    flagged = options.where.include_flagged
    if fmt == "sharegpt":
        lines = jsonl(path)
        ratings = [r for line in lines for r in line["ratings"].values()]
        assert {"thumb": 1, "rater": "maria"} in ratings
        assert {"thumb": -1, "note": 'too vague, "generic"\nsecond line', "rater": "sam"} \
            in ratings
        assert ({"stars": 2, "rater": "maria", "flagged": True} in ratings) == flagged
        assert {line["score"] for line in lines} >= set(JUDGE_SCORES)
    elif fmt == "turns-csv":
        columns, rows = csv_rows(path)
        assert "judge.reply_quality.overall" in columns and "m.persona_engagement" in columns
        assert any(row["stars"] == "4" and row["rater"] == "maria" for row in rows)
        assert any(row["flagged"] == "True" for row in rows) == flagged
    else:
        system = {"role": "system", "content": "You are a support bot."}
        assert all((line["messages"][0] == system) == bool(options.system_prompt)
                   for line in jsonl(path))
