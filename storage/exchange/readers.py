"""Reading the exchange formats back: format detection, strict parsing, one problem per bad
line (`file:line: what is wrong; what was expected`).

`openai-chat` and `sharegpt` are read a line at a time; `turns-csv` rows are grouped by
conversation_id (so a conversation's rows need not be adjacent) and ordered by turn_idx.
Each reader yields `Conversation`s and `Problem`s in file order.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from simulator.errors import SparringError
from simulator.metrics.catalog import SPECS, Metric
from storage.exchange.dialogue import dialogue
from storage.exchange.fields import (
    BadRecord,
    Rating,
    optional_number,
    optional_text,
    read_lineage,
    read_ratings,
    required_text,
)

ImportFormat = Literal["openai-chat", "sharegpt", "turns-csv"]
IMPORT_FORMATS: tuple[ImportFormat, ...] = ("openai-chat", "sharegpt", "turns-csv")
REQUIRED_CSV_COLUMNS = ("conversation_id", "turn_idx", "user_message", "bot_reply")
OPENAI_ROLES = ("system", "user", "assistant")
SHAREGPT_ROLES = ("system", "human", "gpt")

class ImportFailed(SparringError):
    """The file cannot be imported at all (unreadable, unknown format)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad line (or CSV row) of the file."""

    line: int
    message: str

    def render(self, name: str) -> str:
        return f"{name}:{self.line}: {self.message}"


@dataclass(slots=True)
class Turn:
    idx: int
    user_message: str
    bot_reply: str | None
    """None for the user's last message when nobody answered it (the log ends there)."""
    user_emotion: str | None = None
    user_intent: str | None = None
    latency_ms: float | None = None
    ttft_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ratings: list[Rating] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    """Metric values carried by the file itself (turns-csv `m.*` / `judge.*` columns)."""


@dataclass(slots=True)
class Conversation:
    line: int
    id: str | None
    lineage: dict[str, Any]
    turns: list[Turn]
    dropped_system: bool = False
    score: float | None = None
    """The conversation score the file carries (sharegpt `score`), kept over a recomputed one."""
    empty_messages: int = 0
    """Empty messages of the line, skipped."""
    dropped_trailing: bool = False
    """Its last, unanswered user message was dropped (the importer's choice)."""

    @property
    def trailing_user(self) -> bool:
        """The conversation ends on the user's message, unanswered."""
        return bool(self.turns) and self.turns[-1].bot_reply is None


# --- format detection ---------------------------------------------------------------------

def detect_format(path: Path) -> ImportFormat:
    """By extension, then by the keys of the first JSON line."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "turns-csv"
    if suffix not in (".jsonl", ".json", ".ndjson"):
        raise ImportFailed(f"{path}: cannot tell the format from the extension {suffix!r}; "
                           "pass --format openai-chat, sharegpt or turns-csv")
    try:
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, 1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except (ValueError, RecursionError):  # not JSON, or beyond what json reads
                    continue
                if isinstance(record, dict) and "messages" in record:
                    return "openai-chat"
                if isinstance(record, dict) and "conversations" in record:
                    return "sharegpt"
                raise ImportFailed(f"{path}:{number}: neither `messages` (openai-chat) nor "
                                   "`conversations` (sharegpt) found; pass --format")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path}: not UTF-8 text ({exc.reason})") from exc
    raise ImportFailed(f"{path}: no JSON line to tell the format from; pass --format")


# --- JSONL readers ------------------------------------------------------------------------

def json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                reason = exc.msg.removesuffix(" at")
                yield number, Problem(number, f"not valid JSON ({reason} at column "
                                      f"{exc.colno}); expected one JSON object per line")
                continue
            except (ValueError, RecursionError) as exc:  # a 5,000-digit number, deep nesting
                reason = ("nested too deeply" if isinstance(exc, RecursionError)
                          else "a number too long to read")
                yield number, Problem(number, f"not valid JSON ({reason}); expected one JSON "
                                      "object per line")
                continue
            if not isinstance(record, dict):
                yield number, Problem(number, f"expected a JSON object, got "
                                      f"{type(record).__name__}")
                continue
            yield number, record


def dialogue_pairs(messages: object, key: str, role_key: str, text_key: str,
           roles: tuple[str, str, str]) -> tuple[list[tuple[str, str]], bool]:
    """(user, bot) pairs from a strictly alternating message list, and whether a system
    message led it. `roles` = (system, user, bot) spelled in this format."""
    system, user, bot = roles
    if not isinstance(messages, list):
        raise BadRecord(f"{key} = {messages!r:.60}; expected a list of messages")
    start = 0
    if messages and isinstance(messages[0], dict) and messages[0].get(role_key) == system:
        required_text(messages[0].get(text_key), f"{key}[0].{text_key}")
        start = 1
    body = messages[start:]
    if not body:
        raise BadRecord(f"{key} has no {user} message; expected {user} / {bot} pairs")
    for offset, message in enumerate(body):
        index = start + offset
        if not isinstance(message, dict):
            raise BadRecord(f"{key}[{index}] = {message!r:.60}; expected an object")
        expected = user if offset % 2 == 0 else bot
        role = message.get(role_key)
        if role not in (user, bot):
            raise BadRecord(f"{key}[{index}].{role_key} = {role!r}; expected {user} or {bot}")
        if role != expected:
            raise BadRecord(f"{key}[{index}].{role_key} = {role!r}; expected {expected} "
                       f"({user} and {bot} must alternate, starting with {user})")
        required_text(message.get(text_key), f"{key}[{index}].{text_key}")
    if len(body) % 2:
        raise BadRecord(f"{key}[{len(messages) - 1}].{role_key} = {user!r} has no {bot} reply; "
                   "expected the conversation to end with the bot's reply")
    texts = [message[text_key] for message in body]
    return list(zip(texts[::2], texts[1::2], strict=True)), start == 1


def read_openai_chat(path: Path, rater: str) -> Iterator[Conversation | Problem]:
    for number, record in json_lines(path):
        if isinstance(record, Problem):
            yield record
            continue
        try:
            talk = dialogue(record.get("messages"), "messages", "role", "content", OPENAI_ROLES)
        except BadRecord as exc:
            yield Problem(number, str(exc))
            continue
        turns = [Turn(i, user, bot) for i, (user, bot) in enumerate(talk.pairs)]
        yield Conversation(number, None, {}, turns, talk.system, empty_messages=talk.empty)


def read_sharegpt(path: Path, rater: str) -> Iterator[Conversation | Problem]:
    for number, record in json_lines(path):
        if isinstance(record, Problem):
            yield record
            continue
        try:
            yield sharegpt_record(number, record, rater, real_log=True)
        except BadRecord as exc:
            yield Problem(number, str(exc))


def sharegpt_record(number: int, record: dict[str, Any], rater: str,
                    real_log: bool = False) -> Conversation:
    """One sharegpt line. `real_log` (import) takes the messages as `dialogue` does: a last
    human message without a reply, empty messages skipped; else (`sparring validate`'s
    training data) they must be `gpt`-answered pairs of non-empty messages."""
    empty = 0
    if real_log:
        talk = dialogue(record.get("conversations"), "conversations", "from", "value",
                        SHAREGPT_ROLES)
        pairs: list[tuple[str, str | None]] = talk.pairs
        system, empty = talk.system, talk.empty
    else:
        answered, system = dialogue_pairs(record.get("conversations"), "conversations", "from",
                                          "value", SHAREGPT_ROLES)
        pairs = list(answered)
    ids = {optional_text(record.get(key), key) for key in ("conversation_id", "id")} - {None}
    if len(ids) > 1:
        raise BadRecord(f"id = {record.get('id')!r} and conversation_id = "
                   f"{record.get('conversation_id')!r} differ; expected one conversation id")
    turns = [Turn(i, user, bot) for i, (user, bot) in enumerate(pairs)]
    replies = sum(turn.bot_reply is not None for turn in turns)
    ratings = record.get("ratings") or {}
    if not isinstance(ratings, dict):
        raise BadRecord(f"ratings = {ratings!r:.60}; expected an object keyed by bot turn index")
    for key, values in ratings.items():
        where = f"ratings[{key!r}]"
        if not (isinstance(key, str) and key.isdigit() and int(key) < replies):
            raise BadRecord(f"{where}: no bot turn {key!r}; expected 0 to {replies - 1}")
        if not isinstance(values, dict):
            raise BadRecord(f"{where} = {values!r:.60}; expected an object")
        unknown = set(values) - {"thumb", "stars", "flagged", "note", "rater"}
        if unknown:
            raise BadRecord(f"{where}.{sorted(unknown)[0]} is not a known rating; expected thumb, "
                       "stars, flagged, note or rater")
        turns[int(key)].ratings = read_ratings(values, where, rater)
    score = optional_number(record.get("score"), "score", float)
    return Conversation(number, ids.pop() if ids else None, read_lineage(record), turns, system,
                        score, empty)


# --- turns-csv reader ---------------------------------------------------------------------

def csv_turn(row: dict[str, str], rater: str) -> Turn:
    metrics = []
    for column, value in row.items():
        if column.startswith(("m.", "judge.")) and value != "":
            number = optional_number(value, column, float)
            if column.startswith("judge."):
                metrics.append(Metric(column.removeprefix("judge."), number, "judge"))
            else:
                name = column.removeprefix("m.")
                spec = SPECS.get(name)
                metrics.append(Metric(name, number, spec.source if spec else "heuristic"))
    turn_idx = optional_number(row["turn_idx"], "turn_idx", int)
    if turn_idx is None or turn_idx < 0:
        raise BadRecord(f"turn_idx = {row['turn_idx']!r}; expected an integer >= 0")
    return Turn(
        turn_idx, required_text(row["user_message"], "user_message"),
        required_text(row["bot_reply"], "bot_reply"),
        optional_text(row.get("user_emotion"), "user_emotion"),
        optional_text(row.get("user_intent"), "user_intent"),
        optional_number(row.get("latency_ms"), "latency_ms", float),
        optional_number(row.get("ttft_ms"), "ttft_ms", float),
        optional_number(row.get("prompt_tokens"), "prompt_tokens", int),
        optional_number(row.get("completion_tokens"), "completion_tokens", int),
        read_ratings(dict(row), "", rater), metrics,
    )


@dataclass(slots=True)
class _Group:
    line: int
    lineage: dict[str, Any]
    turns: dict[int, tuple[int, Turn]] = field(default_factory=dict)
    bad: bool = False


def read_turns_csv(path: Path, rater: str) -> Iterator[Conversation | Problem]:
    """Rows grouped by conversation_id (in first-seen order), turns ordered by turn_idx.
    Every bad row is reported; a conversation with a bad row is not imported."""
    groups: dict[str, _Group] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in REQUIRED_CSV_COLUMNS if name not in header]
        if missing:
            yield Problem(1, f"column {missing[0]!r} is missing; expected the turns-csv "
                          f"columns ({', '.join(REQUIRED_CSV_COLUMNS)}, ...)")
            return
        start = reader.line_num + 1
        for row in reader:
            number, start = start, reader.line_num + 1
            conversation_id = row.get("conversation_id") or ""
            group = groups.get(conversation_id)
            try:
                fields = len(header) - sum(v is None for v in row.values())
                fields += len(row.get(None) or ())  # type: ignore[call-overload]
                if fields != len(header):
                    raise BadRecord(f"row has {fields} fields; expected {len(header)} as in the "
                               "header")
                if not conversation_id.strip():
                    raise BadRecord("conversation_id is empty; expected the conversation's id")
                turn, lineage = csv_turn(row, rater), read_lineage(row)
                if group is not None:
                    _same_conversation(group, conversation_id, turn, lineage)
            except BadRecord as exc:
                yield Problem(number, str(exc))
                if group is None and conversation_id.strip():
                    groups[conversation_id] = _Group(number, {}, bad=True)
                elif group is not None:
                    group.bad = True
                continue
            if group is None:
                group = groups[conversation_id] = _Group(number, lineage)
            group.turns[turn.idx] = (number, turn)
    for conversation_id, group in groups.items():
        if not group.bad:
            turns = [group.turns[idx][1] for idx in sorted(group.turns)]
            yield Conversation(group.line, conversation_id, group.lineage, turns)


def _same_conversation(group: _Group, conversation_id: str, turn: Turn,
                       lineage: dict[str, Any]) -> None:
    if turn.idx in group.turns:
        raise BadRecord(f"turn_idx = {turn.idx} of conversation {conversation_id!r} is also on "
                   f"line {group.turns[turn.idx][0]}; expected each turn once")
    if group.lineage and lineage != group.lineage:
        changed = next(k for k in lineage if lineage[k] != group.lineage.get(k))
        raise BadRecord(f"{changed} = {lineage[changed]!r} differs from {group.lineage[changed]!r} "
                   f"on line {group.line}; expected one lineage per conversation")


READERS = {"openai-chat": read_openai_chat, "sharegpt": read_sharegpt,
            "turns-csv": read_turns_csv}
