"""Samples of the JSONL formats, a line at a time.

A line is valid when the importer would read it (`readers.py`: roles alternate, starting
with the user and ending with the bot, no empty content, lineage and ratings well formed)
and, for `openai-chat`, when the exporter's own fine-tuning check passes too
(`openai_chat.line_problem`: exactly `{"messages": [...]}`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from storage.exchange.checks.dataset import DataFile, unreadable_text
from storage.exchange.checks.sample import (
    Sample,
    Stream,
    canonical,
    digest,
    is_non_finite,
    labels_of,
    number,
    split_field,
)
from storage.exchange.openai_chat import line_problem
from storage.exchange.pairs import BASES
from storage.exchange.readers import (
    BadRecord,
    Problem,
    dialogue_pairs,
    json_lines,
    required_text,
    sharegpt_record,
)

RATER = "validate"
OPENAI_ROLES = ("system", "user", "assistant")
SHAREGPT_ROLES = ("system", "human", "gpt")


def _records(file: DataFile) -> Iterator[tuple[Sample, dict[str, Any] | None]]:
    try:
        for number_, record in json_lines(file.path):
            sample = Sample(file.path.name, number_, "line", file.split)
            if isinstance(record, Problem):
                sample.problems.append(record.message)
                yield sample, None
            else:
                yield sample, record
    except UnicodeDecodeError as exc:
        raise unreadable_text(file.path, exc) from exc


def _opening(messages: object, role_key: str, text_key: str, user: str) -> int | None:
    if not isinstance(messages, list):
        return None
    for message in messages:
        if isinstance(message, dict) and message.get(role_key) == user:
            text = message.get(text_key)
            return digest(text) if isinstance(text, str) else None
    return None


def _non_finite(record: dict[str, Any]) -> list[str]:
    """Top-level numbers and the ratings' (`ratings.stars`)."""
    found = [key for key, value in record.items()
             if isinstance(value, float) and not math.isfinite(value)]
    ratings = record.get("ratings")
    if isinstance(ratings, dict):
        found.extend(f"ratings.{name}" for values in ratings.values() if isinstance(values, dict)
                     for name, value in values.items() if is_non_finite(value))
    return found


def _scores(sample: Sample, record: dict[str, Any], keys: tuple[str, ...]) -> None:
    values = []
    for key in keys:
        value = record.get(key)
        if value is None or is_non_finite(value):
            continue
        score = number(value)
        if score is None:
            sample.problems.append(f"{key} = {value!r:.40}; expected a number")
        else:
            values.append(score)
    sample.scores = tuple(values)


def openai_chat(file: DataFile, score: str | None) -> Stream:
    def samples() -> Iterator[Sample]:
        for sample, record in _records(file):
            if record is not None:
                messages = record.get("messages")
                try:
                    dialogue_pairs(messages, "messages", "role", "content", OPENAI_ROLES)
                    problem = line_problem(record)
                    if problem is not None:
                        sample.problems.append(f"{problem}; expected OpenAI fine-tuning chat")
                except BadRecord as exc:
                    sample.problems.append(str(exc))
                sample.content = digest(canonical(messages))
                sample.prompt = _opening(messages, "role", "content", "user")
            yield sample
    return Stream(samples())


def sharegpt(file: DataFile, score: str | None) -> Stream:
    key = score or "score"

    def samples() -> Iterator[Sample]:
        for sample, record in _records(file):
            if record is not None:
                turns = record.get("conversations")
                ident = None
                try:
                    ident = sharegpt_record(sample.line, record, RATER).id
                except BadRecord as exc:
                    sample.problems.append(str(exc))
                sample.content = digest(canonical(turns))
                sample.prompt = _opening(turns, "from", "value", "human")
                if ident:
                    sample.key, sample.key_text = digest(ident), f"id {ident}"
                    sample.conversation_ids = (ident,)
                sample.labels = labels_of(record)
                sample.non_finite = _non_finite(record)
                _scores(sample, record, (key,))
                split_field(sample, record.get("split"))
            yield sample
    return Stream(samples(), key)


def _pair_problem(record: dict[str, Any]) -> None:
    """Raises `BadRecord` for the first thing wrong with a preference pair."""
    prompt, chosen, rejected = record.get("prompt"), record.get("chosen"), record.get("rejected")
    required_text(chosen, "chosen")
    required_text(rejected, "rejected")
    if not isinstance(prompt, list) or not prompt:
        raise BadRecord(f"prompt = {prompt!r:.60}; expected a list of messages")
    last = prompt[-1].get("role") if isinstance(prompt[-1], dict) else None
    if last != "user":
        raise BadRecord(f"prompt[{len(prompt) - 1}].role = {last!r}; expected user (the prompt "
                   "ends with the message both replies answer)")
    dialogue_pairs([*prompt, {"role": "assistant", "content": chosen}], "prompt", "role", "content",
           OPENAI_ROLES)
    if chosen == rejected:
        raise BadRecord("chosen and rejected are the same reply; expected two different replies")
    if record.get("basis") not in BASES:
        raise BadRecord(f"basis = {record.get('basis')!r}; expected one of {', '.join(BASES)}")
    for side in ("chosen", "rejected"):
        required_text(record.get(f"{side}_conversation_id"), f"{side}_conversation_id")
    high, low = number(record.get("chosen_score")), number(record.get("rejected_score"))
    if high is not None and low is not None and high < low:
        raise BadRecord(f"chosen_score = {high:g} is below rejected_score = {low:g}; expected the "
                   "chosen reply to score higher")


def preference_pairs(file: DataFile, score: str | None) -> Stream:
    keys = (score,) if score else ("chosen_score", "rejected_score")

    def samples() -> Iterator[Sample]:
        for sample, record in _records(file):
            if record is not None:
                try:
                    _pair_problem(record)
                except BadRecord as exc:
                    sample.problems.append(str(exc))
                prompt = record.get("prompt")
                sample.content = digest(canonical(
                    [prompt, record.get("chosen"), record.get("rejected")]))
                sample.prompt = digest(canonical(prompt))
                ids = tuple(value for side in ("chosen", "rejected")
                            if isinstance(value := record.get(f"{side}_conversation_id"), str)
                            and value)
                sample.conversation_ids = ids
                if len(ids) == 2:
                    turns = (record.get("chosen_turn_idx"), record.get("rejected_turn_idx"))
                    sample.key = digest(canonical([ids, turns]))
                    sample.key_text = f"pair {ids[0]} turn {turns[0]} / {ids[1]} turn {turns[1]}"
                sample.labels = labels_of(record)
                sample.non_finite = _non_finite(record)
                _scores(sample, record, keys)
                split_field(sample, record.get("split"))
            yield sample
    return Stream(samples(), "/".join(keys))
