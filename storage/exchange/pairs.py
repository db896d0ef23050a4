"""`preference-pairs`: DPO pairs of bot replies to the same prompt with different scores.

A prompt is the conversation up to and including a user message; bot turns are grouped by
a hash of it (so the same seeded opening sent to two bots forms a group). Only hashes and
(conversation id, turn index, scores, split) are held while streaming; the texts of the
chosen pairs are fetched at the end. A turn's score is, by the first basis both replies
have: stars ((s-1)/4), thumb (+1 -> 1, -1 -> 0), the judge's `reply_quality.overall`, the
mean of the heuristic `length_fit` and `relevance`. Replies pair when their scores differ
by at least the margin; each reply is used once per prompt (best with worst, inwards),
and a pair whose prompt and both replies repeat an earlier one is written once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.exchange.formats import OpenAIMessage, PreferencePairLine
from storage.exchange.records import ConversationRecord, TurnRecord, turn_kept
from storage.exchange.sink import ExportContext, JsonlWriter, RecordWriter, dialogue
from storage.exchange.weights import weight_for

BASES = ("stars", "thumb", "judge", "heuristic")
JUDGE_COLUMN = "judge.reply_quality.overall"
HEURISTIC_COLUMNS = ("m.length_fit", "m.relevance")


def turn_scores(turn: TurnRecord) -> tuple[float | None, ...]:
    """The turn's score on each basis of BASES (None where it has none), all on 0-1."""
    heuristic = [turn.metrics[c] for c in HEURISTIC_COLUMNS if c in turn.metrics]
    return ((turn.stars - 1) / 4 if turn.stars is not None else None,
            (1.0 if turn.thumb > 0 else 0.0) if turn.thumb is not None else None,
            turn.metrics.get(JUDGE_COLUMN),
            sum(heuristic) / len(heuristic) if len(heuristic) == len(HEURISTIC_COLUMNS)
            else None)


@dataclass(frozen=True, slots=True)
class Candidate:
    conversation_id: str
    idx: int
    scores: tuple[float | None, ...]
    split: str | None


@dataclass(frozen=True, slots=True)
class Pair:
    chosen: Candidate
    rejected: Candidate
    basis: str
    chosen_score: float
    rejected_score: float


def _chunk(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(8, "big") + data


@dataclass(slots=True)
class PromptIndex:
    """Prompt hash -> the bot turns that answered it."""

    context: ExportContext
    groups: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, record: ConversationRecord, split: str | None) -> None:
        running = hashlib.sha256(_chunk(self.context.system_prompt or ""))
        for turn in dialogue(record, self.context):
            running.update(_chunk(turn.user_message))
            if turn_kept(turn, self.context.where):
                candidate = Candidate(record.id, turn.idx, turn_scores(turn), split)
                self.groups.setdefault(running.hexdigest(), []).append(candidate)
            running.update(_chunk(turn.bot_reply or ""))

    def pairs(self, margin: float) -> Iterator[Pair]:
        for group in self.groups.values():
            used: set[tuple[str, int]] = set()
            for b, basis in enumerate(BASES):
                scored = sorted(
                    (c for c in group if c.scores[b] is not None
                     and (c.conversation_id, c.idx) not in used),
                    key=lambda c: (-(c.scores[b] or 0.0), c.conversation_id, c.idx))
                low, high = 0, len(scored) - 1
                while low < high:
                    best, worst = scored[low], scored[high]
                    best_score, worst_score = best.scores[b] or 0.0, worst.scores[b] or 0.0
                    if best_score - worst_score < margin - 1e-9:
                        break
                    used.update({(best.conversation_id, best.idx),
                                 (worst.conversation_id, worst.idx)})
                    yield Pair(best, worst, basis, best_score, worst_score)
                    low, high = low + 1, high - 1


class PairWriter:
    """One pairs file (one split); lines come from `write_pairs` once all turns are seen."""

    def __init__(self, path: Path, context: ExportContext) -> None:
        self.out = JsonlWriter(path)

    def write(self, record: ConversationRecord, split: str | None) -> int:
        return 0

    def close(self) -> None:
        self.out.close()


def _prompt(conn: sqlite3.Connection, pair: Pair, system_prompt: str | None
            ) -> tuple[list[OpenAIMessage], str, str]:
    messages: list[OpenAIMessage] = []
    if system_prompt:
        messages.append({"role": "system", "content": system_prompt})
    chosen = ""
    for idx, user, reply in conn.execute(
            "SELECT idx, user_message, bot_reply FROM turns WHERE conversation_id = ? "
            "AND idx <= ? ORDER BY idx", (pair.chosen.conversation_id, pair.chosen.idx)):
        messages.append({"role": "user", "content": user})
        if idx < pair.chosen.idx:
            messages.append({"role": "assistant", "content": reply or ""})
        else:
            chosen = reply or ""
    row = conn.execute("SELECT bot_reply FROM turns WHERE conversation_id = ? AND idx = ?",
                       (pair.rejected.conversation_id, pair.rejected.idx)).fetchone()
    return messages, chosen, (row[0] or "") if row else ""


def _lineage(conn: sqlite3.Connection, conversation_id: str) -> tuple[str, str, str | None]:
    row = conn.execute("SELECT source, bot_id, persona_id FROM conversations WHERE id = ?",
                       (conversation_id,)).fetchone()
    return row[0], row[1], row[2]


def write_pairs(conn: sqlite3.Connection, writers: Mapping[str | None, RecordWriter],
                index: PromptIndex, margin: float,
                conversations: Counter[str | None]) -> Counter[str | None]:
    """Write every pair to its split's file; returns lines per split, counts conversations."""
    context = index.context
    rows: Counter[str | None] = Counter()
    seen: dict[str | None, set[str]] = {}
    written: set[bytes] = set()
    for pair in index.pairs(margin):
        split = pair.chosen.split
        if pair.rejected.split != split:
            context.skipped["pairs across splits"] += 1
            continue
        prompt, chosen, rejected = _prompt(conn, pair, context.system_prompt)
        if chosen == rejected:
            context.skipped["pairs with identical replies"] += 1
            continue
        key = hashlib.blake2b(json.dumps([prompt, chosen, rejected]).encode(),
                              digest_size=16).digest()
        if key in written:  # the same opening answered alike in two conversations
            context.skipped["duplicate pairs"] += 1
            continue
        written.add(key)
        chosen_source, chosen_bot, persona = _lineage(conn, pair.chosen.conversation_id)
        rejected_source, rejected_bot, _ = _lineage(conn, pair.rejected.conversation_id)
        line: PreferencePairLine = {
            "prompt": prompt, "chosen": chosen, "rejected": rejected,
            "chosen_score": pair.chosen_score, "rejected_score": pair.rejected_score,
            "basis": pair.basis,  # type: ignore[typeddict-item]
            "chosen_conversation_id": pair.chosen.conversation_id,
            "rejected_conversation_id": pair.rejected.conversation_id,
        }
        extra: dict[str, Any] = {
            "chosen_turn_idx": pair.chosen.idx, "rejected_turn_idx": pair.rejected.idx,
            "chosen_bot_id": chosen_bot, "rejected_bot_id": rejected_bot,
            "persona_id": persona,
            "weight": min(weight_for(context.weights, chosen_source),
                          weight_for(context.weights, rejected_source)),
            "split": split,
        }
        writer = writers[split]
        assert isinstance(writer, PairWriter)
        writer.out.line({**line, **extra})
        rows[split] += 1
        seen.setdefault(split, set()).update({pair.chosen.conversation_id,
                                              pair.rejected.conversation_id})
    for split, ids in seen.items():
        conversations[split] = len(ids)
    return rows
