"""Importing conversations from the exchange formats (`openai-chat`, `sharegpt`, `turns-csv`).

A file is read twice when every line must be good: once to validate (keeping only the
problems), once to write; with `skip_bad` the one pass writes the good conversations and
reports the bad lines. Writes go in transactions of `BATCH` conversations. A conversation
id already in the database is a duplicate and skipped, so importing a file twice adds
nothing. Imported turns get the heuristic metrics of recorded ones (see `_score`).
"""

from __future__ import annotations

import csv
import json
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.connector import BotReply
from simulator.errors import SparringError
from simulator.metrics.catalog import Metric
from simulator.metrics.running import RunningScorer
from simulator.metrics.scoring import TurnOutcome, score_conversation
from simulator.persona import Persona
from simulator.text import counted
from storage.database import Database
from storage.exchange.readers import (
    READERS,
    Conversation,
    ImportFailed,
    ImportFormat,
    Problem,
    detect_format,
)

DEFAULT_RATER = "import"
BATCH = 500
"""Conversations per write transaction."""
IMPORT_CACHE_KIB = -65536
"""SQLite's page cache while importing (negative: KiB)."""

@dataclass(frozen=True, slots=True)
class ImportOptions:
    format: ImportFormat | None = None
    """None: detect from the extension and the first record."""
    skip_bad: bool = False
    source: str | None = None
    """Overrides the file's source (default `real` when the file has none)."""
    bot_id: str | None = None
    """Bot of conversations whose lines name none (required for openai-chat)."""
    persona_id: str | None = None
    rater: str = DEFAULT_RATER
    personas: dict[str, Persona] = field(default_factory=dict)
    """Known personas, for scoring the persona-dependent metrics."""
    drop_trailing_user: bool = False
    """Drop a conversation's last user message when nothing answers it, instead of keeping
    it as an unanswered last turn."""


@dataclass(slots=True)
class ImportReport:
    path: Path
    format: ImportFormat
    conversations: int = 0
    turns: int = 0
    duplicates: int = 0
    system_prompts: int = 0
    trailing_kept: int = 0
    """Conversations ending on an unanswered user message, kept as a turn without a reply."""
    trailing_dropped: int = 0
    """Such last messages dropped (`drop_trailing_user`)."""
    nothing_left: int = 0
    """Conversations not imported: an unanswered user message was all they held."""
    empty_messages: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def bad_lines(self) -> int:
        return len({problem.line for problem in self.problems})

    def rendered_problems(self, limit: int = 20) -> list[str]:
        """The first `limit` problems as `file:line: message`, then `... and N more`."""
        lines = [problem.render(str(self.path)) for problem in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return lines

    def summary(self) -> str:
        """Every count, in one line: what was imported, kept, dropped and skipped."""
        parts = [f"imported {counted(self.conversations, 'conversation')} "
                 f"({counted(self.turns, 'turn')}) from {self.path.name}",
                 f"{counted(self.duplicates, 'duplicate')} skipped"]
        if self.trailing_dropped:
            left = (f" ({counted(self.nothing_left, 'conversation')} held nothing else)"
                    if self.nothing_left else "")
            parts.append(f"{counted(self.trailing_dropped, 'unanswered last message')} "
                         f"dropped{left}")
        else:
            parts.append(f"{counted(self.trailing_kept, 'unanswered last message')} kept")
        parts.append(f"{counted(self.empty_messages, 'empty message')} skipped")
        parts.append(f"{counted(self.bad_lines, 'bad line')}"
                     + (" skipped" if self.problems else ""))
        if self.system_prompts:
            parts.append(f"{counted(self.system_prompts, 'system prompt')} dropped "
                         "(system prompts are not stored)")
        return "; ".join(parts)


class ImportRejected(SparringError):
    """Bad lines without `skip_bad`: nothing was imported."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(f"{report.path}: nothing imported: "
                         f"{counted(report.bad_lines, 'bad line')}; "
                         "fix them or pass --skip-bad to import the rest")


def without_trailing_user(conversation: Conversation) -> Conversation:
    """The conversation without its last, unanswered user message."""
    return replace(conversation, turns=conversation.turns[:-1], dropped_trailing=True)


def content_key(conversation: Conversation, bot_id: str | None) -> str:
    """A conversation's bot and messages, as one string."""
    bot = conversation.lineage.get("bot_id") or bot_id or ""
    return json.dumps([bot, [(t.user_message, t.bot_reply) for t in conversation.turns]])


def content_id(content: str, occurrence: int) -> str:
    """The id of a conversation whose file gives none (openai-chat): derived from its content
    and which occurrence of that content in the file it is, so importing the same file twice
    adds nothing the second time while identical conversations within a file all count."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sparring:import/{occurrence}/{content}"))


# --- scoring and writing ------------------------------------------------------------------

def _score(conversation: Conversation, persona: Persona | None) -> list[tuple[int, Metric]]:
    """Heuristic turn metrics as `score_turn` computes them, minus what is unknown: latency
    metrics without a latency, persona-fit metrics without a known persona, and the persona's
    engagement (a real user reports none). Values the file carries win. Conversation metrics
    come from `score_conversation`, without the persona-sourced ones; a score the file carries
    (sharegpt) is the conversation_quality, so the export's `score` and `--min-score` hold."""
    rows: list[tuple[int, Metric]] = []
    outcomes: list[TurnOutcome] = []
    scorer = RunningScorer(persona)
    for turn in conversation.turns:
        if turn.bot_reply is None:  # the user's last message, unanswered: nothing to score
            continue
        reply = BotReply(turn.bot_reply, turn.latency_ms or 0.0, turn.ttft_ms,
                         turn.prompt_tokens, turn.completion_tokens)
        computed = scorer.score(turn.user_message, reply, timed=turn.latency_ms is not None)
        if turn.metrics:
            given = {(metric.name, metric.source) for metric in turn.metrics}
            metrics = [*turn.metrics,
                       *(metric for metric in computed if (metric.name, "heuristic") not in given)]
        else:
            metrics = computed
        rows.extend((turn.idx, metric) for metric in metrics)
        outcomes.append(TurnOutcome(tuple(m for m in metrics if m.source == "heuristic"), False))
    summary = score_conversation(outcomes, max(1, len(outcomes)), None)
    for metric in summary:
        if metric.source != "heuristic":
            continue
        if metric.name == "conversation_quality" and conversation.score is not None:
            metric = Metric(metric.name, conversation.score)
        rows.append((-1, metric))
    return rows


class _Writer:
    """Batches conversations and writes each batch in one transaction."""

    def __init__(self, db: Database, report: ImportReport, options: ImportOptions) -> None:
        self._db = db
        self._report = report
        self._options = options
        self._pending: list[Conversation] = []

    async def add(self, conversation: Conversation) -> None:
        self._pending.append(conversation)
        if len(self._pending) >= BATCH:
            await self.flush()

    async def flush(self) -> None:
        """One transaction for the batch, one executemany per table. The turns go in before
        their conversations (foreign keys deferred to the commit), so migration 0008's
        per-turn trigger finds no row to update; each conversation's turn figures are then
        computed once (`refresh_turn_figures`), not once per turn. Rows go in key order:
        random conversation ids otherwise scatter every insert across the B-trees."""
        batch, self._pending = self._pending, []
        if not batch:
            return
        now = datetime.now(UTC).isoformat()
        rows = _Rows()
        async with self._db.transaction() as conn:
            ids = [conversation.id for conversation in batch]
            marks = ",".join("?" * len(ids))
            async with conn.execute(f"SELECT id FROM conversations WHERE id IN ({marks})",
                                    ids) as cursor:
                existing = {row[0] for row in await cursor.fetchall()}
            for conversation in batch:
                if conversation.id in existing:
                    self._report.duplicates += 1
                    continue
                if not conversation.turns:  # its one message was dropped, unanswered
                    self._report.trailing_dropped += 1
                    self._report.nothing_left += 1
                    continue
                self._rows(rows, conversation, now)
                existing.add(conversation.id)
            await conn.execute("PRAGMA defer_foreign_keys = ON")  # until this commit
            await conn.executemany(_TURN_SQL, sorted(rows.turns, key=_key2))
            await conn.executemany(_CONVERSATION_SQL, rows.conversations)
            await conn.executemany("INSERT INTO refresh_turn_figures VALUES (?)",
                                   [(row[0],) for row in rows.conversations])
            await conn.executemany(_METRIC_SQL, sorted(rows.metrics, key=_key4))
            await conn.executemany(_RATING_SQL, rows.ratings)

    def _rows(self, rows: _Rows, conversation: Conversation, now: str) -> None:
        lineage = conversation.lineage
        options = self._options
        persona_id = lineage.get("persona_id") or options.persona_id
        persona = options.personas.get(persona_id) if persona_id else None
        persona_hash = lineage.get("persona_hash") or (persona.definition_hash if persona
                                                       and not lineage.get("persona_id")
                                                       else None)
        started_at = lineage.get("started_at") or now
        cid = conversation.id
        rows.conversations.append(
            (cid, options.source or lineage.get("source") or "real", persona_id,
             persona_hash, lineage.get("bot_id") or options.bot_id, lineage.get("topic"),
             lineage.get("emotional_state"), lineage.get("category"), lineage.get("parent_id"),
             lineage.get("seed"), lineage.get("persona_engine"), lineage.get("noise"),
             lineage.get("goal"), len(conversation.turns), started_at, started_at))
        rows.turns.extend(
            (cid, t.idx, t.user_message, t.user_emotion, t.user_intent, t.bot_reply,
             started_at, t.latency_ms, t.ttft_ms, t.prompt_tokens, t.completion_tokens)
            for t in conversation.turns)
        rows.metrics.extend((cid, idx, m.name, m.source, m.value)
                            for idx, m in _score(conversation, persona))
        rows.ratings.extend(
            (str(uuid.uuid4()), cid, t.idx, r.rater, r.kind, r.value, r.note, now)
            for t in conversation.turns for r in t.ratings)
        self._report.conversations += 1
        self._report.turns += len(conversation.turns)
        self._report.system_prompts += conversation.dropped_system
        self._report.empty_messages += conversation.empty_messages
        self._report.trailing_kept += conversation.trailing_user
        self._report.trailing_dropped += conversation.dropped_trailing


@dataclass(slots=True)
class _Rows:
    """One batch's rows, per table."""

    conversations: list[tuple[Any, ...]] = field(default_factory=list)
    turns: list[tuple[Any, ...]] = field(default_factory=list)
    metrics: list[tuple[Any, ...]] = field(default_factory=list)
    ratings: list[tuple[Any, ...]] = field(default_factory=list)


def _key2(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[:2]


def _key4(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return row[:4]


_CONVERSATION_SQL = (
    "INSERT INTO conversations (id, run_id, source, persona_id, persona_hash, bot_id, "
    "topic, emotional_state, category, parent_id, seed, persona_engine, noise, goal, "
    "status, turns, started_at, finished_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, 'completed', ?, ?, ?)")
_TURN_SQL = (
    "INSERT INTO turns (conversation_id, idx, user_message, user_emotion, user_intent, "
    "bot_reply, sent_at, latency_ms, ttft_ms, prompt_tokens, completion_tokens) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_METRIC_SQL = ("INSERT OR REPLACE INTO metrics (conversation_id, turn_idx, name, source, "
               "value) VALUES (?, ?, ?, ?, ?)")
_RATING_SQL = ("INSERT OR REPLACE INTO ratings (id, conversation_id, turn_idx, rater, kind, "
               "value, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


async def _checked(db: Database, path: Path, fmt: ImportFormat,
                   options: ImportOptions) -> AsyncIterator[Conversation | Problem]:
    """The file's records with the cross-record checks: one use of each id in the file, a
    bot for every conversation, parents that exist (in the database or earlier in the file)."""
    first_line: dict[str, int] = {}
    repeats: Counter[str] = Counter()
    good: set[str] = set()
    for item in READERS[fmt](path, options.rater):
        if isinstance(item, Problem):
            yield item
            continue
        if item.id is not None and item.id in first_line:
            yield Problem(item.line, f"conversation_id = {item.id!r} is also on line "
                          f"{first_line[item.id]}; expected each conversation once")
            continue
        if options.drop_trailing_user and item.trailing_user:
            item = without_trailing_user(item)
        if item.id is None:
            content = content_key(item, options.bot_id)
            repeats[content] += 1
            item = replace(item, id=content_id(content, repeats[content]))
        first_line[item.id] = item.line  # type: ignore[index]
        if not (item.lineage.get("bot_id") or options.bot_id):
            yield Problem(item.line, "bot_id is missing; pass --bot to name the bot")
            continue
        parent = item.lineage.get("parent_id")
        if parent and parent not in good and not await _exists(db, parent):
            yield Problem(item.line, f"parent_id = {parent!r} is neither in the database nor "
                          "earlier in the file; import the parent first")
            continue
        good.add(item.id)  # type: ignore[arg-type]
        yield item


async def _exists(db: Database, conversation_id: str) -> bool:
    async with db.conn.execute("SELECT 1 FROM conversations WHERE id = ?",
                               (conversation_id,)) as cursor:
        return await cursor.fetchone() is not None


async def import_file(db: Database, path: Path, options: ImportOptions) -> ImportReport:
    """Import `path` into `db`; raises ImportRejected (nothing written) on bad lines unless
    `options.skip_bad`, in which case they are skipped and listed in the report."""
    fmt = options.format or detect_format(path)
    if fmt == "openai-chat" and not options.bot_id:
        raise ImportFailed(f"{path}: openai-chat lines carry no bot; pass --bot ID")
    report = ImportReport(path, fmt)
    try:
        if not options.skip_bad:
            report.problems = [item async for item in _checked(db, path, fmt, options)
                               if isinstance(item, Problem)]
            if report.problems:
                raise ImportRejected(report)
        writer = _Writer(db, report, options)
        async with db.conn.execute("PRAGMA cache_size") as cursor:
            (cache_size,) = await cursor.fetchone() or (-2000,)
        # The batch's inserts land all over the tables' B-trees (random ids); a 64 MiB
        # page cache (SQLite's default is 2 MiB) keeps them from re-reading pages.
        await db.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
        try:
            async for item in _checked(db, path, fmt, options):
                if isinstance(item, Problem):
                    report.problems.append(item)
                else:
                    await writer.add(item)
            await writer.flush()
        finally:
            await db.conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise ImportFailed(f"{path}: not a readable CSV file ({exc})") from exc
    return report
