"""Parsing one field of an imported record: typed values, ratings, lineage. A bad value
raises `BadRecord` with `field = value; what was expected`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from storage.exchange.formats import LINEAGE_FIELDS

SOURCES = ("synthetic", "real", "augmented", "human")


class BadRecord(Exception):
    """Raised inside a record parser; carries one problem message."""


@dataclass(frozen=True, slots=True)
class Rating:
    kind: Literal["thumb", "stars", "note", "flag"]
    value: float | None
    note: str | None
    rater: str


_INT64 = range(-(2**63), 2**63)
"""The integers SQLite stores."""


def _encodable(value: str, where: str) -> str:
    """`value`, unless it holds a lone surrogate (JSON's `"\\ud800"`), which SQLite cannot store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecord(f"{where} = {value!r:.60}; expected text without lone surrogates "
                        "(invalid Unicode)") from None
    return value


def required_text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise BadRecord(f"{where} = {value!r}; expected a non-empty string")
    if not value.strip():
        raise BadRecord(f"{where} is empty; expected a non-empty string")
    return _encodable(value, where)


def optional_number(value: object, where: str, kind: type[int] | type[float]) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadRecord(f"{where} = {value!r}; expected a number")
    try:
        if kind is int and isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            return _int64(int(value), value, where)  # exactly, not through a float (seeds)
        number = float(value) if isinstance(value, str) else value
        if not isinstance(number, int | float) or math.isnan(number):
            raise ValueError
        if kind is int:
            if number != int(number):
                raise ValueError
            return _int64(int(number), value, where)
        return float(number)
    except (TypeError, ValueError, OverflowError):
        expected = "an integer" if kind is int else "a number"
        raise BadRecord(f"{where} = {value!r}; expected {expected}") from None


def _int64(number: int, value: object, where: str) -> int:
    if number not in _INT64:
        raise BadRecord(f"{where} = {value!r:.60}; expected an integer that fits in 64 bits")
    return number


def optional_text(value: object, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{where} = {value!r}; expected a string")
    return _encodable(value, where)


def flag_value(value: object, where: str) -> bool:
    if value in (None, "", False, 0, "0", "false", "False"):
        return False
    if value in (True, 1, "1", "true", "True"):
        return True
    raise BadRecord(f"{where} = {value!r}; expected true or false")


def read_ratings(values: dict[str, object], where: str, default_rater: str) -> list[Rating]:
    """thumb (+1/-1), stars (1-5), flagged, note and rater of one bot turn."""
    def at(name: str) -> str:
        return f"{where}.{name}" if where else name

    rater = optional_text(values.get("rater"), at("rater")) or default_rater
    ratings: list[Rating] = []
    thumb = optional_number(values.get("thumb"), at("thumb"), int)
    if thumb is not None:
        if thumb not in (1, -1):
            raise BadRecord(f"{at('thumb')} = {values['thumb']!r}; expected 1 or -1")
        ratings.append(Rating("thumb", float(thumb), None, rater))
    try:
        stars = optional_number(values.get("stars"), at("stars"), int)
    except BadRecord:
        stars = 0
    if stars is not None:
        if not 1 <= stars <= 5:
            raise BadRecord(f"{at('stars')} = {values['stars']!r}; expected 1 to 5")
        ratings.append(Rating("stars", float(stars), None, rater))
    if flag_value(values.get("flagged"), at("flagged")):
        ratings.append(Rating("flag", 1.0, None, rater))
    note = optional_text(values.get("note"), at("note"))
    if note:
        ratings.append(Rating("note", None, note, rater))
    return ratings


def read_lineage(values: dict[str, Any], where: str = "") -> dict[str, Any]:
    """The lineage fields present (run_id is never kept: imports belong to no run)."""
    lineage: dict[str, Any] = {}
    for name in LINEAGE_FIELDS:
        if name in ("conversation_id", "run_id"):
            continue
        label = f"{where}{name}"
        if name == "seed":
            lineage[name] = optional_number(values.get(name), label, int)
        else:
            lineage[name] = optional_text(values.get(name), label)
    source = lineage.get("source")
    if source is not None and source not in SOURCES:
        raise BadRecord(f"{where}source = {source!r}; expected one of {', '.join(SOURCES)}")
    return lineage


