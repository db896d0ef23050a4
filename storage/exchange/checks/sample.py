"""One line or row of an export as every check sees it, whatever the format."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

LABEL_FIELDS = ("persona_id", "bot_id", "category", "topic", "emotional_state", "source")
"""The lineage labels a sample may carry (class diversity, distributions, strata)."""
NON_FINITE_TEXT = frozenset({"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity",
                             "+infinity", "-infinity"})


@dataclass(slots=True)
class Sample:
    """What the checks need of one sample; texts are kept only as 64-bit digests."""

    file: str
    line: int
    """Line number (JSONL, CSV: the row's first physical line) or row number (Parquet)."""
    unit: Literal["line", "row"]
    split: str | None
    """From the file name, else from the sample's own `split` field."""
    problems: list[str] = field(default_factory=list)
    """Why the sample is not valid for its format (empty when it is)."""
    content: int | None = None
    """Digest of the training content (conversation formats) or of the row without `split`."""
    key: int | None = None
    """Digest of the sample's identity (conversation id, + turn index for rows)."""
    key_text: str = ""
    conversation_ids: tuple[str, ...] = ()
    prompt: int | None = None
    """Digest of the prompt: the opening user message, the row's user message, the pair's
    prompt messages."""
    scores: tuple[float, ...] = ()
    """Finite scores (two for a preference pair)."""
    labels: dict[str, str] = field(default_factory=dict)
    non_finite: list[str] = field(default_factory=list)
    """Numeric fields holding NaN or an infinity."""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.unit == "line" else \
            f"{self.file} row {self.line}"


@dataclass(slots=True)
class Stream:
    """The samples of one file and what its header told."""

    samples: Iterator[Sample]
    score_name: str | None = None
    notes: list[str] = field(default_factory=list)
    """File-level remarks that do not invalidate a sample (a repeated header column)."""


def digest(text: str) -> int:
    data = text.encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def labels_of(values: Mapping[str, Any]) -> dict[str, str]:
    return {name: value for name in LABEL_FIELDS
            if isinstance(value := values.get(name), str) and value.strip()}


def is_non_finite(value: object) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    return isinstance(value, str) and value.strip().lower() in NON_FINITE_TEXT


def non_finite_fields(values: Mapping[str, Any], names: Iterable[str]) -> list[str]:
    return [name for name in names if is_non_finite(values.get(name))]


def number(value: object) -> float | None:
    """A finite number from a JSON, CSV or Parquet value; None when blank, not a number
    or not finite."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def split_field(sample: Sample, value: object) -> None:
    """Check a sample's `split` field against its file's, or take it when the file has none."""
    if value in (None, ""):
        return
    if sample.split is None:
        sample.split = str(value)
    elif value != sample.split:
        sample.problems.append(f"split = {value!r}; expected {sample.split!r} as in the "
                               "file name")
