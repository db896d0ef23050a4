"""Which files make up the export at PATH, and their format.

PATH is one export file, or the `--out` of a split export (`data.jsonl` standing for
`data.train.jsonl`, `data.val.jsonl`, `data.test.jsonl` beside it), or a folder holding
one split export. The format is told as the importer tells it: by the extension, then by
the first JSON line's keys (or, for CSV, the header's columns).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import SparringError
from storage.exchange.formats import FORMATS, Format
from storage.exchange.splits import SPLIT_NAMES, split_path

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
SPLITS = SPLIT_NAMES[3]


class DatasetUnreadable(SparringError):
    """The export cannot be read at all: missing, not text, or of no known format."""


@dataclass(frozen=True, slots=True)
class DataFile:
    path: Path
    split: str | None


@dataclass(frozen=True, slots=True)
class Dataset:
    format: Format
    files: tuple[DataFile, ...]


def split_of(path: Path) -> str | None:
    """`data.train.jsonl` -> `train`."""
    name = Path(path.stem).suffix.removeprefix(".")
    return name if name in SPLITS else None


def _split_set(out: Path) -> tuple[DataFile, ...]:
    return tuple(DataFile(split_path(out, name), name) for name in SPLITS
                 if split_path(out, name).is_file())


def _in_folder(folder: Path) -> tuple[DataFile, ...]:
    trains = sorted(p for p in folder.iterdir() if p.is_file() and split_of(p) == "train")
    if len(trains) != 1:
        found = ", ".join(p.name for p in trains) or "none"
        raise DatasetUnreadable(f"{folder}: expected one split export (a *.train.* file) in "
                                f"the folder, found {found}; pass the export's file instead")
    train = trains[0]
    return _split_set(train.with_name(Path(train.stem).stem + train.suffix))


def files_at(path: Path) -> tuple[DataFile, ...]:
    if path.is_dir():
        return _in_folder(path)
    if path.is_file():
        return (DataFile(path, split_of(path)),)
    files = _split_set(path)
    if not files:
        raise DatasetUnreadable(
            f"{path}: no such file, nor split files beside it ({split_path(path, 'train').name}"
            f", ...); expected an export written by `sparring export`")
    if files[0].split != "train":
        raise DatasetUnreadable(f"{split_path(path, 'train')}: missing; a split export has "
                                "a train file")
    return files


def unreadable_text(path: Path, exc: UnicodeDecodeError) -> DatasetUnreadable:
    """Names the first line that is not UTF-8 (found again, byte by byte)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as bad:
                return DatasetUnreadable(
                    f"{path}:{number}: byte 0x{raw[bad.start]:02x} at column {bad.start + 1} "
                    "is not UTF-8; expected UTF-8 text")
    return DatasetUnreadable(f"{path}: not UTF-8 text ({exc.reason}); expected UTF-8 text")


def _first_object(path: Path) -> tuple[int, dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            try:
                record = json.loads(text) if text.strip() else None
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                return number, record
    raise DatasetUnreadable(f"{path}: no JSON object to tell the format from; pass --format")


def _detect_jsonl(path: Path) -> Format:
    number, record = _first_object(path)
    if "messages" in record:
        return "openai-chat"
    if "conversations" in record:
        return "sharegpt"
    if "prompt" in record and "chosen" in record:
        return "preference-pairs"
    raise DatasetUnreadable(f"{path}:{number}: none of `messages` (openai-chat), "
                            "`conversations` (sharegpt), `prompt` + `chosen` "
                            "(preference-pairs) found; pass --format")


def _detect_csv(path: Path) -> Format:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    if "bot_reply" in header:
        return "turns-csv"
    if "message" in header:
        return "messages-csv"
    raise DatasetUnreadable(f"{path}:1: neither `bot_reply` (turns-csv) nor `message` "
                            "(messages-csv) is a column; pass --format")


def detect(path: Path) -> Format:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return "turns-parquet"
        if suffix == ".csv":
            return _detect_csv(path)
        if suffix in JSONL_SUFFIXES:
            return _detect_jsonl(path)
    except UnicodeDecodeError as exc:
        raise unreadable_text(path, exc) from exc
    except (OSError, csv.Error) as exc:
        raise DatasetUnreadable(f"{path}: cannot be read ({exc}); expected an export file") \
            from exc
    raise DatasetUnreadable(f"{path}: cannot tell the format from the extension {suffix!r}; "
                            f"pass --format ({', '.join(FORMATS)})")


def locate(path: Path, format: Format | None = None) -> Dataset:
    """The export's files (train first) and format (detected on the first file)."""
    files = files_at(path)
    return Dataset(format or detect(files[0].path), files)
