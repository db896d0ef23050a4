"""The export entry point: `export(db, format, out, options, progress) -> ExportSummary`.

The whole export runs in one worker thread with its own read-only `sqlite3` connection
(`records.open_reader`): rows stream from SQLite cursors one conversation at a time, file
writes and encoding never touch the event loop, and the read transaction gives a
consistent snapshot even while a run is recording. The event loop only awaits the thread;
cancelling the awaiting task stops the thread at the next conversation and removes its
temporary files. Output files are written beside `out` under temporary names and renamed
only when every file of the export is complete (`files.AtomicFiles`).
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storage.database import Database
from storage.exchange import pairs, records
from storage.exchange.files import AtomicFiles, write_error
from storage.exchange.formats import Format
from storage.exchange.openai_chat import OpenAIChatWriter
from storage.exchange.records import ExportFilter
from storage.exchange.sharegpt import ShareGPTWriter
from storage.exchange.sink import ExportContext, RecordWriter
from storage.exchange.splits import assign_splits, split_names, split_path
from storage.exchange.tables import CsvWriter, ParquetWriter
from storage.exchange.weights import DEFAULT_WEIGHTS

Progress = Callable[[int, int], None]
"""Called with (conversations done, conversations in scope), from the export thread."""
PROGRESS_EVERY = 25
CONVERSATION_FORMATS = ("openai-chat", "sharegpt")
PARTS: dict[Format, records.Parts] = {
    "openai-chat": records.Parts(score=False, details=False, metrics=False, ratings=False),
    "sharegpt": records.Parts(details=False, metrics=False),
    "messages-csv": records.Parts(score=False, details=False, metrics=False, categories=True),
    "turns-csv": records.Parts(score=False, metrics=False),  # pivoted instead
    "turns-parquet": records.Parts(score=False, metrics=False),
    "preference-pairs": records.Parts(score=False, details=False),
}
"""What each format's writer reads of a conversation besides its lineage and texts."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    where: ExportFilter = field(default_factory=ExportFilter)
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    split: tuple[float, ...] | None = None
    """2 or 3 ratios summing to 1 (train, val[, test]); None writes one file."""
    seed: int = 0
    stratify: str = "persona"
    """`persona` or `category`."""
    system_prompt: str | None = None
    pair_margin: float = 0.1


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: Path
    split: str | None
    conversations: int
    rows: int
    """Lines (JSONL) or rows (CSV, Parquet) written."""


@dataclass(frozen=True, slots=True)
class ExportSummary:
    format: str
    files: tuple[FileSummary, ...]
    in_scope: int
    """Conversations matching the filters."""
    skipped: dict[str, int]
    """What was left out, by reason."""
    weights: dict[str, float]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)


class ExportCancelled(Exception):
    """Raised inside the export thread when the awaiting task was cancelled."""


def _open_writer(format: Format, path: Path, context: ExportContext) -> RecordWriter:
    if format == "openai-chat":
        return OpenAIChatWriter(path, context)
    if format == "sharegpt":
        return ShareGPTWriter(path, context)
    if format == "messages-csv":
        return CsvWriter(path, context, turns=False)
    if format == "turns-csv":
        return CsvWriter(path, context, turns=True)
    if format == "turns-parquet":
        return ParquetWriter(path, context)
    return pairs.PairWriter(path, context)


def _run(db_path: Path, format: Format, out: Path, options: ExportOptions,
         progress: Progress | None, cancel: threading.Event) -> ExportSummary:
    conversation_level = format in CONVERSATION_FORMATS
    where = options.where
    files = AtomicFiles()
    conn = records.open_reader(db_path)
    try:
        total = records.count_scope(conn, where, conversation_level)
        assignment: dict[str, str] | None = None
        names: tuple[str | None, ...] = (None,)
        if options.split is not None:
            names = split_names(options.split)
            keys = records.scope_keys(conn, where, conversation_level, options.stratify)
            assignment = assign_splits(keys, options.split, options.seed)
        context = ExportContext(where, dict(options.weights), options.system_prompt)
        pivot = None
        if format in ("turns-csv", "turns-parquet"):
            pivot = records.metric_columns(conn, where, conversation_level)
            context.metric_columns = list(pivot)
        paths = {name: out if name is None else split_path(out, name) for name in names}
        writers: dict[str | None, RecordWriter] = {}
        try:
            for name, path in paths.items():
                writers[name] = _open_writer(format, files.reserve(path), context)
            conversations: Counter[str | None] = Counter()
            rows: Counter[str | None] = Counter()
            index = pairs.PromptIndex(context) if format == "preference-pairs" else None
            done = 0
            for record in records.conversations(conn, where, conversation_level,
                                                PARTS[format], pivot):
                if cancel.is_set():
                    raise ExportCancelled
                split = assignment.get(record.id) if assignment is not None else None
                if index is not None:
                    index.add(record, split)
                else:
                    written = writers[split].write(record, split)
                    rows[split] += written
                    conversations[split] += bool(written)
                done += 1
                if progress is not None and done % PROGRESS_EVERY == 0:
                    progress(done, total)
            if index is not None:
                rows = pairs.write_pairs(conn, writers, index, options.pair_margin,
                                         conversations)
        finally:
            for writer in writers.values():
                writer.close()
        if progress is not None:
            progress(total, total)
        files.commit()
    except OSError as exc:
        files.discard()
        raise write_error(out, exc) from exc
    except BaseException:
        files.discard()
        raise
    finally:
        conn.close()
    summaries = tuple(FileSummary(paths[n], n, conversations[n], rows[n]) for n in names)
    return ExportSummary(format, summaries, total, dict(context.skipped), dict(options.weights))


async def export(db: Database, format: Format, out: Path, options: ExportOptions | None = None,
                 progress: Progress | None = None) -> ExportSummary:
    """Write the conversations of `db` selected by `options` to `out` (or its split files).

    Runs in a worker thread (see the module docstring). An unwritable `out` raises
    `StorageError`; on any error or cancellation nothing half-written remains.
    """
    cancel = threading.Event()
    job = asyncio.ensure_future(asyncio.to_thread(
        _run, db.path, format, out, options or ExportOptions(), progress, cancel))
    try:
        return await asyncio.shield(job)
    except asyncio.CancelledError:
        cancel.set()
        await asyncio.gather(job, return_exceptions=True)
        raise
