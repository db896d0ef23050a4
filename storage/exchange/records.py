"""Stored conversations streamed for export: lineage, turns, metrics and ratings under a filter.

Reads through a plain `sqlite3` connection of its own (`open_reader`), so an export runs in
a worker thread inside one read transaction: a consistent snapshot even while a run is
still writing, and no event-loop round trip per row. One conversation is in memory at a
time; conversation-level filters are SQL, so the scope can be counted and split by id.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby, starmap
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from storage.exchange.formats import LINEAGE_FIELDS

JUDGE_SCORE = "reply_quality.overall"
"""The judge metric behind a conversation's score (seed 004: 0-1, keep at 0.7)."""
VALIDATED_STARS = 4
"""Seed 003: a turn is human-validated when rated at least this many stars."""


@dataclass(frozen=True, slots=True)
class ExportFilter:
    """Which conversations and turns to export; empty tuples and None mean any."""

    run_ids: tuple[str, ...] = ()
    persona_ids: tuple[str, ...] = ()
    bot_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("completed",)
    since: str | None = None
    """UTC ISO timestamp; conversations started at or after it."""
    until: str | None = None
    """UTC ISO timestamp; conversations started before it."""
    min_rating: int | None = None
    """Every star rating of the conversation >= this, and at least one."""
    min_score: float | None = None
    """Conversation score (mean judge reply_quality.overall, else conversation_quality)."""
    human_validated: bool = False
    include_flagged: bool = False


NO_METRICS: Mapping[str, float] = MappingProxyType({})
NOT_RATED = (None, None, None, False, None)
"""TurnRecord's rating fields of an unrated turn."""


class TurnRecord(NamedTuple):
    """One stored turn with its metrics and current ratings.

    A NamedTuple rather than a frozen dataclass: an export builds one per turn, a million
    for a large database, and a frozen dataclass's `__init__` costs four times as much.
    """

    idx: int
    user_message: str
    bot_reply: str | None
    user_emotion: str | None = None
    user_intent: str | None = None
    latency_ms: float | None = None
    ttft_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    category: str | None = None
    """The user message's intent category, when its conversation has one."""
    category_confidence: float | None = None
    metrics: Mapping[str, float] = NO_METRICS
    """By export column: `m.<name>` (heuristic, persona, human), `judge.<rubric>.<criterion>`."""
    thumb: int | None = None
    stars: int | None = None
    note: str | None = None
    flagged: bool = False
    rater: str | None = None
    """The raters of this turn's current ratings, comma-separated."""
    metric_values: tuple[float | None, ...] = ()
    """The values of the export's metric columns, in their order, when read pivoted (the
    row formats; see `conversations`)."""

    @property
    def validated(self) -> bool:
        return self.stars is not None and self.stars >= VALIDATED_STARS

    def ratings(self) -> dict[str, object]:
        """The set ratings only (for `sharegpt`)."""
        found = {"thumb": self.thumb, "stars": self.stars, "note": self.note,
                 "rater": self.rater}
        values: dict[str, object] = {k: v for k, v in found.items() if v is not None}
        if self.flagged:
            values["flagged"] = True
        return values


@dataclass(frozen=True, slots=True)
class Parts:
    """What a format writes besides the lineage and the turns' texts; what it does not write
    is not read (and left None or empty in the records)."""

    score: bool = True
    details: bool = True
    """The turns' emotions, intents, latencies and token counts."""
    metrics: bool = True
    ratings: bool = True
    categories: bool = False
    """Each user message's intent category and confidence."""


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    lineage: dict[str, Any]
    """Every LINEAGE_FIELDS key."""
    score: float | None
    """None also when not read (`Parts.score`)."""
    turns: tuple[TurnRecord, ...]

    @property
    def id(self) -> str:
        return str(self.lineage["conversation_id"])

    @property
    def source(self) -> str:
        return str(self.lineage["source"])


def metric_column(name: str, source: str) -> str:
    """A metric's export column: `judge.<name>` for the judge, `m.<name>` for the others."""
    return f"judge.{name}" if source == "judge" else f"m.{name}"


METRIC_COLUMN = "CASE WHEN m.source = 'judge' THEN 'judge.' ELSE 'm.' END || m.name"
"""`metric_column` in SQL."""


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection for one export; the first SELECT starts its snapshot."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA query_only = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("BEGIN")
    return conn


_SCORE = f"""COALESCE(
  (SELECT AVG(m.value) FROM metrics m WHERE m.conversation_id = c.id AND m.turn_idx >= 0
     AND m.source = 'judge' AND m.name = '{JUDGE_SCORE}'),
  (SELECT m.value FROM metrics m WHERE m.conversation_id = c.id AND m.turn_idx = -1
     AND m.source = 'heuristic' AND m.name = 'conversation_quality'))"""

_STARS = "(SELECT {agg} FROM ratings r WHERE r.conversation_id = c.id AND r.kind = 'stars')"


def _in(column: str, values: tuple[str, ...], key: str, params: dict[str, Any]) -> str:
    names = []
    for i, value in enumerate(values):
        params[f"{key}{i}"] = value
        names.append(f":{key}{i}")
    return f"{column} IN ({', '.join(names)})"


def scope_sql(where: ExportFilter, conversation_level: bool) -> tuple[str, dict[str, Any]]:
    """`WHERE` clause and parameters over `conversations c`.

    `conversation_level` (conversation formats): a flagged turn drops the whole conversation
    and `human_validated` means every star rating >= 4 with at least one; otherwise both
    act on single turns (see `turn_kept`).
    """
    params: dict[str, Any] = {}
    clauses = ["EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id)"]
    for column, values, key in (("c.run_id", where.run_ids, "run"),
                                ("c.persona_id", where.persona_ids, "persona"),
                                ("c.bot_id", where.bot_ids, "bot"),
                                ("c.source", where.sources, "source"),
                                ("c.status", where.statuses, "status")):
        if values:
            clauses.append(_in(column, values, key, params))
    if where.since is not None:
        clauses.append("c.started_at >= :since")
        params["since"] = where.since
    if where.until is not None:
        clauses.append("c.started_at < :until")
        params["until"] = where.until
    min_stars = where.min_rating
    if where.human_validated and conversation_level:
        min_stars = max(min_stars or 0, VALIDATED_STARS)
    if min_stars is not None:
        clauses.append(f"{_STARS.format(agg='MIN(r.value)')} >= :min_stars")
        params["min_stars"] = min_stars
    if where.min_score is not None:
        clauses.append(f"{_SCORE} >= :min_score")
        params["min_score"] = where.min_score
    if conversation_level and not where.include_flagged:
        clauses.append("NOT EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id "
                       "AND r.kind = 'flag')")
    return " AND ".join(clauses), params


def turn_kept(turn: TurnRecord, where: ExportFilter) -> bool:
    """The turn-level rules of the row formats: flagged rows out, validated rows only."""
    if turn.flagged and not where.include_flagged:
        return False
    return not where.human_validated or turn.validated


def count_scope(conn: sqlite3.Connection, where: ExportFilter, conversation_level: bool) -> int:
    clause, params = scope_sql(where, conversation_level)
    row = conn.execute(f"SELECT COUNT(*) FROM conversations c WHERE {clause}", params).fetchone()
    return int(row[0])


def scope_keys(conn: sqlite3.Connection, where: ExportFilter, conversation_level: bool,
               stratify: str) -> Iterator[tuple[str, str, str]]:
    """(conversation id, stratum, group) of every conversation in scope: all a split needs.
    The group is the persona and seed (conversations that open alike), else the id."""
    column = "c.category" if stratify == "category" else "c.persona_id"
    clause, params = scope_sql(where, conversation_level)
    yield from conn.execute(
        f"SELECT c.id, COALESCE({column}, ''), CASE WHEN c.seed IS NULL THEN 'id:' || c.id "
        "ELSE 'seed:' || COALESCE(c.persona_id, '') || ':' || c.seed END "
        f"FROM conversations c WHERE {clause}", params)


MetricColumns = Mapping[str, Sequence[tuple[str, str]]]
"""Export metric columns -> the (name, source) pairs stored under each, sorted."""


def metric_columns(conn: sqlite3.Connection, where: ExportFilter,
                   conversation_level: bool) -> MetricColumns:
    """The turn metric columns present in scope, sorted, with the (name, source) pairs
    stored under each (one DISTINCT scan of their rows)."""
    clause, params = scope_sql(where, conversation_level)
    rows = conn.execute(
        "SELECT DISTINCT m.name, m.source FROM metrics m JOIN conversations c "
        f"ON c.id = m.conversation_id WHERE m.turn_idx >= 0 AND {clause}", params)
    columns: dict[str, list[tuple[str, str]]] = {}
    for name, source in sorted(rows):
        columns.setdefault(metric_column(name, source), []).append((name, source))
    return dict(sorted(columns.items()))


_LINEAGE = ", ".join(f"c.{f}" if f != "conversation_id" else "c.id" for f in LINEAGE_FIELDS)
_DETAILS = ("user_emotion", "user_intent", "latency_ms", "ttft_ms", "prompt_tokens",
            "completion_tokens")


def _turn_columns(parts: Parts) -> list[str]:
    """TurnRecord's leading fields that `parts` needs, as the turns' columns.

    Long replies spill into overflow pages, where the details then are: not reading them
    saves a page read per turn; and each column not selected (even a NULL) saves creating
    its value in Python.
    """
    columns = ["idx", "user_message", "bot_reply"]
    if parts.details or parts.categories:
        columns += _DETAILS if parts.details else ["NULL"] * len(_DETAILS)
    if parts.categories:
        columns += ["category", "category_confidence"]
    return columns


_METRICS = (f"SELECT m.turn_idx, {METRIC_COLUMN}, m.value FROM metrics m "
            "WHERE m.conversation_id = ? AND m.turn_idx >= 0 "
            "ORDER BY m.turn_idx, m.name, m.source")  # the primary key's order: no sort


def _pivot_sql(columns: MetricColumns) -> tuple[str, list[str]]:
    """One row per turn, `(turn_idx, *values of columns)`, and its leading parameters (the
    conversation id follows): Python gets one row a turn instead of a dozen and builds no
    dict. Of sources sharing an `m.` column, the last alphabetically wins."""
    values, params = [], []
    for pairs in columns.values():
        options = []
        for name, source in reversed(pairs):
            options.append("MAX(value) FILTER (WHERE name = ? AND source = ?)")
            params += [name, source]
        values.append(options[0] if len(options) == 1 else f"COALESCE({', '.join(options)})")
    return (f"SELECT turn_idx, {', '.join(values)} FROM metrics WHERE conversation_id = ? "
            "AND turn_idx >= 0 GROUP BY turn_idx", params)  # in primary key order: no sort


_RATINGS = ("SELECT turn_idx, kind, value, note, rater FROM ratings WHERE conversation_id = ? "
            "ORDER BY created_at")


_TURN_IDX, _COLUMN_VALUE = itemgetter(0), itemgetter(1, 2)


def _metrics(conn: sqlite3.Connection, conversation_id: str) -> dict[int, dict[str, float]]:
    """Metric values by turn index and column (of sources sharing an `m.` column, the last
    alphabetically wins). Grouped in C: a turn has a dozen metric rows."""
    rows = conn.execute(_METRICS, (conversation_id,))
    return {idx: dict(map(_COLUMN_VALUE, group)) for idx, group in groupby(rows, _TURN_IDX)}


def _ratings(conn: sqlite3.Connection, conversation_id: str) -> dict[int, tuple[Any, ...]]:
    """Current ratings by turn index as (thumb, stars, note, flagged, raters): the newest of
    each kind, any rater; the raters comma-separated in the order they first rated."""
    found: dict[int, list[Any]] = {}
    raters: dict[int, dict[str, None]] = {}
    for turn_idx, kind, value, note, rater in conn.execute(_RATINGS, (conversation_id,)):
        turn = found.setdefault(turn_idx, [None, None, None, False])
        raters.setdefault(turn_idx, {})[rater] = None
        if kind == "thumb":
            turn[0] = int(value)
        elif kind == "stars":
            turn[1] = int(value)
        elif kind == "note":
            turn[2] = note
        else:
            turn[3] = True
    return {idx: (*turn, ",".join(raters[idx])) for idx, turn in found.items()}


def conversations(conn: sqlite3.Connection, where: ExportFilter, conversation_level: bool,
                  parts: Parts = Parts(), pivot: MetricColumns | None = None
                  ) -> Iterator[ConversationRecord]:
    """Every conversation in scope with all its turns, oldest first, one at a time, with
    the `parts` the format writes; with `pivot`, each turn's `metric_values` holds the
    values of those metric columns (None where absent)."""
    clause, params = scope_sql(where, conversation_level)
    listing = conn.execute(
        f"SELECT {_LINEAGE}, {_SCORE if parts.score else 'NULL'} FROM conversations c "
        f"WHERE {clause} ORDER BY c.started_at, c.id", params)
    columns = _turn_columns(parts)
    turns_sql = (f"SELECT {', '.join(columns)} FROM turns WHERE conversation_id = ? "
                 "ORDER BY idx")
    padding = (None,) * (TurnRecord._fields.index("metrics") - len(columns))
    no_values: tuple[None, ...] = ()
    if pivot:
        pivot_sql, pivot_params = _pivot_sql(pivot)
        no_values = (None,) * len(pivot)
    for row in listing:
        lineage = dict(zip(LINEAGE_FIELDS, row[:-1], strict=True))
        conversation_id = lineage["conversation_id"]
        values = _metrics(conn, conversation_id) if parts.metrics else {}
        rated = _ratings(conn, conversation_id) if parts.ratings else {}
        rows = conn.execute(turns_sql, (conversation_id,))
        if not (parts.metrics or parts.ratings or pivot):
            yield ConversationRecord(lineage, row[-1], tuple(starmap(TurnRecord, rows)))
            continue
        pivoted: dict[int, tuple[float | None, ...]] = {}
        if pivot:
            pivoted = {turn_values[0]: turn_values[1:] for turn_values in
                       conn.execute(pivot_sql, (*pivot_params, conversation_id))}
        turns = []
        for turn in rows:
            idx = turn[0]
            turns.append(TurnRecord(*turn, *padding, values.get(idx, NO_METRICS),
                                    *rated.get(idx, NOT_RATED), pivoted.get(idx, no_values)))
        yield ConversationRecord(lineage, row[-1], tuple(turns))
