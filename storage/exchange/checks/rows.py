"""Samples of the row formats: `turns-csv`, `turns-parquet` (a bot turn per row) and
`messages-csv` (a user message per row), a row at a time (Parquet a batch at a time).

A turn row is valid when the importer would read it (`readers.py`: non-empty texts, a
turn index, numbers where numbers belong, ratings in range, known sources). A turn's score
is, unless `--score` names a column, the judge's `reply_quality.overall` when the file has
that column, else the turn's quality: the `conversation_quality` formula over the row's own
heuristic metrics.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from simulator.errors import ConfigError
from simulator.metrics.scoring import QUALITY_WEIGHTS, conversation_quality
from storage.exchange.checks.dataset import DataFile, DatasetUnreadable, unreadable_text
from storage.exchange.checks.sample import (
    Sample,
    Stream,
    digest,
    labels_of,
    non_finite_fields,
    number,
    split_field,
)
from storage.exchange.readers import (
    REQUIRED_CSV_COLUMNS,
    BadRecord,
    csv_turn,
    optional_number,
    read_lineage,
    read_ratings,
    required_text,
)
from storage.exchange.tables import PARQUET_BATCH, turns_schema

RATER = "validate"
JUDGE_SCORE = "judge.reply_quality.overall"
TURN_QUALITY = "turn quality"
MESSAGES_NUMERIC = ("confidence", "turn_idx", "seed", "weight")
Row = Mapping[str, Any]
Scorer = Callable[[Row], tuple[float, ...]]


def _turn_quality(row: Row) -> tuple[float, ...]:
    means = {name: value for name in QUALITY_WEIGHTS
             if (value := number(row.get(f"m.{name}"))) is not None}
    return (conversation_quality(means, 0.0),) if means else ()


def _scorer(columns: list[str], score: str | None, path: Path) -> tuple[str | None, Scorer]:
    if score is not None and score not in columns:
        raise ConfigError(f"--score = {score!r}; {path.name} has no such column; expected a "
                          f"numeric column such as {JUDGE_SCORE} or m.relevance")
    column = score or (JUDGE_SCORE if JUDGE_SCORE in columns else None)
    if column is not None:
        def scorer(row: Row) -> tuple[float, ...]:
            value = number(row.get(column))
            return () if value is None else (value,)
        return column, scorer
    if any(f"m.{name}" in columns for name in QUALITY_WEIGHTS):
        return TURN_QUALITY, _turn_quality
    return None, lambda row: ()


def _numeric_turn_columns(columns: list[str]) -> list[str]:
    metrics = [c for c in columns if c.startswith(("m.", "judge."))]
    schema = turns_schema(metrics)
    return [f.name for f in schema if pa.types.is_integer(f.type) or
            pa.types.is_floating(f.type)]


def _fill(sample: Sample, row: Row, numeric: list[str], scorer: Scorer,
          text_column: str) -> None:
    """What every row format shares: identity, content, prompt, labels, numbers, split."""
    conversation_id = row.get("conversation_id")
    if isinstance(conversation_id, str) and conversation_id.strip():
        sample.conversation_ids = (conversation_id,)
        sample.key = digest(f"{conversation_id}\x00{row.get('turn_idx')}")
        sample.key_text = f"conversation {conversation_id} turn {row.get('turn_idx')}"
    text = row.get(text_column)
    if isinstance(text, str) and text.strip():
        sample.prompt = digest(text)
    sample.content = digest(repr([v for k, v in row.items() if k != "split"]))
    sample.labels = labels_of(row)
    sample.non_finite = non_finite_fields(row, numeric)
    sample.scores = scorer(row)
    split_field(sample, row.get("split"))


def _turn_problem(row: Row) -> None:
    csv_turn(dict(row), RATER)
    read_lineage(row)
    if not str(row.get("conversation_id") or "").strip():
        raise BadRecord("conversation_id is empty; expected the conversation's id")


def _typed_turn_problem(row: Row) -> None:
    """`_turn_problem` for Parquet, whose schema already makes every number a number."""
    required_text(row.get("user_message"), "user_message")
    required_text(row.get("bot_reply"), "bot_reply")
    turn_idx = row.get("turn_idx")
    if not isinstance(turn_idx, int) or turn_idx < 0:
        raise BadRecord(f"turn_idx = {turn_idx!r}; expected an integer >= 0")
    read_ratings(dict(row), "", RATER)
    read_lineage(row)
    if not str(row.get("conversation_id") or "").strip():
        raise BadRecord("conversation_id is empty; expected the conversation's id")


def _message_problem(row: Row) -> None:
    required_text(row.get("message"), "message")
    turn_idx = optional_number(row.get("turn_idx"), "turn_idx", int)
    if turn_idx is not None and turn_idx < 0:
        raise BadRecord(f"turn_idx = {row['turn_idx']!r}; expected an integer >= 0")
    confidence = optional_number(row.get("confidence"), "confidence", float)
    if confidence is not None and not 0 <= confidence <= 1:
        raise BadRecord(f"confidence = {row['confidence']!r}; expected 0 to 1")
    read_lineage(row)


def _check(sample: Sample, problem: Callable[[Row], None], row: Row,
           non_finite: list[str]) -> None:
    """NaN and infinities are left to the non-finite check, not reported twice."""
    try:
        problem({**row, **dict.fromkeys(non_finite)} if non_finite else row)
    except BadRecord as exc:
        sample.problems.append(str(exc))


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), [])
    except UnicodeDecodeError as exc:
        raise unreadable_text(path, exc) from exc


def _csv_stream(file: DataFile, score: str | None, turns: bool) -> Stream:
    path = file.path
    header = _csv_header(path)
    required = REQUIRED_CSV_COLUMNS if turns else ("message",)
    missing = [name for name in required if name not in header]
    if missing:
        kind = "turns-csv" if turns else "messages-csv"
        raise DatasetUnreadable(f"{path}:1: column {missing[0]!r} is missing; expected the "
                                f"{kind} columns ({', '.join(required)}, ...)")
    notes = [f"{path.name}: the header repeats column {name!r}"
             for name, count in Counter(header).items() if count > 1]
    numeric = _numeric_turn_columns(header) if turns else list(MESSAGES_NUMERIC)
    if score is not None and score not in numeric:
        numeric.append(score)
    score_name, scorer = _scorer(header, score, path)
    problem = _turn_problem if turns else _message_problem
    text_column = "user_message" if turns else "message"

    def samples() -> Iterator[Sample]:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            try:
                if reader.fieldnames is None:  # reads the header
                    return
                start = reader.line_num + 1
                for row in reader:
                    line, start = start, reader.line_num + 1
                    sample = Sample(path.name, line, "line", file.split)
                    fields = len(header) - sum(v is None for v in row.values())
                    fields += len(row.get(None) or ())  # type: ignore[call-overload]
                    if fields != len(header):
                        sample.problems.append(f"row has {fields} fields; expected "
                                               f"{len(header)} as in the header")
                    _fill(sample, row, numeric, scorer, text_column)
                    if fields == len(header):
                        _check(sample, problem, row, sample.non_finite)
                    yield sample
            except UnicodeDecodeError as exc:
                raise unreadable_text(path, exc) from exc
            except csv.Error as exc:
                raise DatasetUnreadable(f"{path}:{reader.line_num}: {exc}; expected CSV") \
                    from exc
    return Stream(samples(), score_name, notes)


def turns_csv(file: DataFile, score: str | None) -> Stream:
    return _csv_stream(file, score, turns=True)


def messages_csv(file: DataFile, score: str | None) -> Stream:
    return _csv_stream(file, score, turns=False)


def turns_parquet(file: DataFile, score: str | None) -> Stream:
    path = file.path
    try:
        with path.open("rb") as handle:
            schema = pq.ParquetFile(handle).schema_arrow
    except (OSError, pa.ArrowException) as exc:
        raise DatasetUnreadable(f"{path}: not a readable Parquet file ({exc}); expected "
                                "turns-parquet") from exc
    columns = schema.names
    missing = [name for name in REQUIRED_CSV_COLUMNS if name not in columns]
    if missing:
        raise DatasetUnreadable(f"{path}: column {missing[0]!r} is missing; expected the "
                                f"turns-parquet columns ({', '.join(REQUIRED_CSV_COLUMNS)}, "
                                "...)")
    numeric = [f.name for f in schema if pa.types.is_floating(f.type)]
    if score is not None and score not in numeric:
        numeric.append(score)
    score_name, scorer = _scorer(columns, score, path)

    def samples() -> Iterator[Sample]:
        number_ = 0
        with path.open("rb") as handle:
            for batch in pq.ParquetFile(handle).iter_batches(batch_size=PARQUET_BATCH):
                for row in batch.to_pylist():
                    number_ += 1
                    sample = Sample(path.name, number_, "row", file.split)
                    _fill(sample, row, numeric, scorer, "user_message")
                    _check(sample, _typed_turn_problem, row, sample.non_finite)
                    yield sample
    return Stream(samples(), score_name)
