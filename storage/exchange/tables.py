"""Row formats: `messages-csv` (one user message per row) and `turns-csv` / `turns-parquet`
(one answered bot turn per row, the metrics as extra columns).

Parquet goes through `pyarrow.parquet.ParquetWriter` with one fixed schema (the metric
columns are found before the first row) and a row group per `PARQUET_BATCH` rows.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from storage.exchange.formats import LINEAGE_FIELDS, MESSAGES_CSV_COLUMNS, TURNS_COLUMNS
from storage.exchange.records import ConversationRecord, turn_kept
from storage.exchange.sink import ExportContext

PARQUET_BATCH = 5000

_INT = ("turn_idx", "prompt_tokens", "completion_tokens", "seed", "thumb", "stars")
_FLOAT = ("latency_ms", "ttft_ms", "weight")


def message_rows(record: ConversationRecord, context: ExportContext,
                 split: str | None) -> list[tuple[Any, ...]]:
    """`messages-csv` rows in MESSAGES_CSV_COLUMNS order: each message's own category and
    confidence (1.0 when written for the category), else the conversation's category (a
    plan's domain) with no confidence."""
    category = record.lineage.get("category")
    lineage = tuple(record.lineage[k] for k in LINEAGE_FIELDS if k != "category")
    weight = context.weight(record)
    rows = []
    for turn in record.turns:
        if not turn_kept(turn, context.where):
            context.skipped["flagged or unvalidated turns"] += 1
            continue
        rows.append((turn.user_message, turn.category or category or "",
                     turn.category_confidence, turn.idx,
                     *lineage, weight, split))
    return rows


def turn_rows(record: ConversationRecord, context: ExportContext,
              split: str | None) -> list[tuple[Any, ...]]:
    """`turns-*` rows in TURNS_COLUMNS + metric columns order: answered bot turns passing
    the turn filters."""
    lineage = tuple(record.lineage[k] for k in LINEAGE_FIELDS if k != "conversation_id")
    weight = context.weight(record)
    rows = []
    for turn in record.turns:
        if turn.bot_reply is None:
            context.skipped["unanswered bot turns"] += 1
            continue
        if not turn_kept(turn, context.where):
            context.skipped["flagged or unvalidated turns"] += 1
            continue
        rows.append((record.id, turn.idx, turn.user_message, turn.bot_reply, turn.user_emotion,
                     turn.user_intent, turn.latency_ms, turn.ttft_ms, turn.prompt_tokens,
                     turn.completion_tokens, *lineage, turn.thumb, turn.stars, turn.flagged,
                     turn.note, turn.rater, weight, split, *turn.metric_values))
    return rows


class CsvWriter:
    """`messages-csv` or `turns-csv`: a header, then one row per message or turn."""

    def __init__(self, path: Path, context: ExportContext, turns: bool) -> None:
        self._handle = path.open("w", encoding="utf-8", newline="")
        self._context = context
        self._build = turn_rows if turns else message_rows
        self._csv = csv.writer(self._handle)
        self._csv.writerow([*TURNS_COLUMNS, *context.metric_columns] if turns
                           else MESSAGES_CSV_COLUMNS)

    def write(self, record: ConversationRecord, split: str | None) -> int:
        rows = self._build(record, self._context, split)
        self._csv.writerows(rows)
        return len(rows)

    def close(self) -> None:
        self._handle.close()


def turns_schema(metric_columns: list[str]) -> pa.Schema:
    """The fixed Parquet schema of `turns-parquet`."""
    fields = []
    for column in TURNS_COLUMNS:
        if column in _INT:
            kind = pa.int64()
        elif column in _FLOAT:
            kind = pa.float64()
        elif column == "flagged":
            kind = pa.bool_()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    fields.extend(pa.field(column, pa.float64()) for column in metric_columns)
    return pa.schema(fields)


class ParquetWriter:
    """`turns-parquet`: rows buffered and written a row group at a time."""

    def __init__(self, path: Path, context: ExportContext) -> None:
        self._context = context
        self._schema = turns_schema(context.metric_columns)
        self._writer = pq.ParquetWriter(path, self._schema)
        self._rows: list[tuple[Any, ...]] = []

    def write(self, record: ConversationRecord, split: str | None) -> int:
        rows = turn_rows(record, self._context, split)
        self._rows.extend(rows)
        if len(self._rows) >= PARQUET_BATCH:
            self._flush()
        return len(rows)

    def _flush(self) -> None:
        if self._rows:
            columns = zip(*self._rows, strict=True)
            arrays = [pa.array(values, type=field.type)
                      for values, field in zip(columns, self._schema, strict=True)]
            self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        try:
            self._flush()
        finally:
            self._writer.close()
