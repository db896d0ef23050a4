"""What every format writer shares: the export context and the writer protocol."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from storage.exchange.records import ConversationRecord, ExportFilter, TurnRecord
from storage.exchange.weights import weight_for


@dataclass(slots=True)
class ExportContext:
    """Settings of one export and the skip counts writers add to (reason -> count)."""

    where: ExportFilter
    weights: Mapping[str, float]
    system_prompt: str | None = None
    metric_columns: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def weight(self, record: ConversationRecord) -> float:
        return weight_for(self.weights, record.source)


class RecordWriter(Protocol):
    """Writes one output file (one split); `write` returns the lines or rows written."""

    def write(self, record: ConversationRecord, split: str | None) -> int: ...

    def close(self) -> None: ...


def dialogue(record: ConversationRecord, context: ExportContext) -> list[TurnRecord]:
    """The answered turns of a conversation up to its first unanswered one (what follows a
    failed bot turn lacks its context; an imported log's last user message has no reply);
    counts the cut."""
    turns: list[TurnRecord] = []
    for turn in record.turns:
        if turn.bot_reply is None:
            context.skipped["unanswered turns (failed, or the user's last message) and the turns "
                            "after them"] += len(record.turns) - len(turns)
            break
        turns.append(turn)
    return turns


_encode = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)`, without building an encoder per call."""


class JsonlWriter:
    """One JSON object per line, UTF-8."""

    def __init__(self, path: Path) -> None:
        self._handle = path.open("w", encoding="utf-8", newline="\n")

    def line(self, value: Mapping[str, Any]) -> None:
        self._handle.write(_encode(value) + "\n")

    def text(self, line: str) -> None:
        """A line already encoded as JSON."""
        self._handle.write(line + "\n")

    def close(self) -> None:
        self._handle.close()
