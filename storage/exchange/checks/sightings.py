"""What was seen before a sample: its content, identity, prompt and conversations, and in
which split each was first seen. One pass over the export, one digest per entry (about 100
bytes each), so a million samples stay well inside memory."""

from __future__ import annotations

from dataclasses import dataclass

from storage.exchange.checks.sample import Sample, digest


@dataclass(frozen=True, slots=True)
class Seen:
    """For one sample: the split where each part was first seen, or None when it is new.
    Split names are as in the samples (None for an unsplit file is kept as "")."""

    content: str | None
    key: str | None
    prompt: str | None
    conversations: tuple[str | None, ...]
    """One per `Sample.conversation_ids`."""


class _FirstSplit:
    """digest -> the split it was first seen in."""

    def __init__(self) -> None:
        self._first: dict[int, str] = {}

    def see(self, value: int | None, split: str) -> str | None:
        if value is None:
            return None
        first = self._first.get(value)
        if first is None:
            self._first[value] = split
        return first


class Sightings:
    def __init__(self) -> None:
        self._content = _FirstSplit()
        self._key = _FirstSplit()
        self._prompt = _FirstSplit()
        self._conversation = _FirstSplit()

    def see(self, sample: Sample) -> Seen:
        split = sample.split or ""
        return Seen(
            self._content.see(sample.content, split),
            self._key.see(sample.key, split),
            self._prompt.see(sample.prompt, split),
            tuple(self._conversation.see(digest(c), split) for c in sample.conversation_ids),
        )
