"""`sharegpt`: conversational JSONL with lineage, sample weight, score and ratings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storage.exchange.formats import ShareGPTMessage
from storage.exchange.records import ConversationRecord
from storage.exchange.sink import ExportContext, JsonlWriter, dialogue


def sharegpt_line(record: ConversationRecord, context: ExportContext,
                  split: str | None) -> dict[str, Any] | None:
    """The line per `formats.ShareGPTLine` (plus `score` and `split`); None when empty."""
    turns = dialogue(record, context)
    if not turns:
        return None
    messages: list[ShareGPTMessage] = []
    if context.system_prompt:
        messages.append({"from": "system", "value": context.system_prompt})
    ratings: dict[str, dict[str, object]] = {}
    for position, turn in enumerate(turns):
        messages.append({"from": "human", "value": turn.user_message})
        messages.append({"from": "gpt", "value": turn.bot_reply or ""})
        if turn.ratings():
            ratings[str(position)] = turn.ratings()
    return {"id": record.id, "conversations": messages, **record.lineage,
            "weight": context.weight(record), "ratings": ratings, "score": record.score,
            "split": split}


class ShareGPTWriter:
    def __init__(self, path: Path, context: ExportContext) -> None:
        self._out = JsonlWriter(path)
        self._context = context

    def write(self, record: ConversationRecord, split: str | None) -> int:
        line = sharegpt_line(record, self._context, split)
        if line is None:
            self._context.skipped["conversations without an answered turn"] += 1
            return 0
        self._out.line(line)
        return 1

    def close(self) -> None:
        self._out.close()
