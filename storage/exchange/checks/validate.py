"""`validate(path) -> Report`: every dataset check over an export, in one streamed pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storage.exchange.checks import jsonl, rows
from storage.exchange.checks.context import Context
from storage.exchange.checks.dataset import DataFile, locate
from storage.exchange.checks.integrity import (
    DuplicatePrompts,
    Duplicates,
    FormatValidity,
    NonFinite,
)
from storage.exchange.checks.leakage import PromptLeakage, SplitLeakage, Stratification
from storage.exchange.checks.quality import (
    ClassDiversity,
    Distribution,
    SampleCount,
    ScoreTiers,
    ScoreVariance,
)
from storage.exchange.checks.results import Check, FileSummary, Report
from storage.exchange.checks.sample import Stream
from storage.exchange.checks.settings import Thresholds
from storage.exchange.checks.sightings import Sightings
from storage.exchange.formats import Format

STREAMS: dict[str, Callable[[DataFile, str | None], Stream]] = {
    "openai-chat": jsonl.openai_chat, "sharegpt": jsonl.sharegpt,
    "preference-pairs": jsonl.preference_pairs, "turns-csv": rows.turns_csv,
    "turns-parquet": rows.turns_parquet, "messages-csv": rows.messages_csv,
}


def validate(path: Path, thresholds: Thresholds | None = None,
             format: Format | None = None) -> Report:
    """Run every check on the export at `path` (a file, a split export's `--out`, or a
    folder holding one). Unreadable input raises `DatasetUnreadable`; a `--score` column
    the file lacks raises `ConfigError`."""
    dataset = locate(path, format)
    context = Context(dataset.format, thresholds or Thresholds())
    validity = FormatValidity(context)
    checks: list[Check] = [
        validity, SampleCount(context), ClassDiversity(context), ScoreVariance(context),
        ScoreTiers(context), Distribution(context), NonFinite(context), Duplicates(context),
        DuplicatePrompts(context), SplitLeakage(context), PromptLeakage(context),
        Stratification(context),
    ]
    sightings = Sightings()
    files = []
    for file in dataset.files:
        stream = STREAMS[dataset.format](file, context.thresholds.score)
        context.score_name = context.score_name or stream.score_name
        for note in stream.notes:
            validity.note(note)
        count = 0
        for sample in stream.samples:
            seen = sightings.see(sample)
            for check in checks:
                check.add(sample, seen)
            count += 1
        files.append(FileSummary(file.path, file.split, count))
    return Report(path, dataset.format, tuple(files), tuple(c.result() for c in checks))
