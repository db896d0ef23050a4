"""The judge cache: an unchanged turn, rubric and model is never sent to the model twice."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from simulator.judge.parse import Judgement
from simulator.judge.rubric import Rubric
from simulator.llm import PromptMessage


def cache_key(model: str, rubric: Rubric, messages: Sequence[PromptMessage]) -> str:
    """Hash of the model, the full rubric definition and the exact prompt."""
    digest = hashlib.sha256()
    for part in (model, rubric.fingerprint, *(f"{m.role}:{m.content}" for m in messages)):
        digest.update(part.encode())
        digest.update(b"\x1f")
    return digest.hexdigest()


class JudgeCache(Protocol):
    """Where judgements are kept between calls (memory, or the run's database)."""

    async def get(self, key: str) -> Judgement | None: ...

    async def put(self, key: str, judgement: Judgement) -> None: ...


class MemoryJudgeCache:
    """A judge cache for one process."""

    def __init__(self) -> None:
        self._entries: dict[str, Judgement] = {}

    async def get(self, key: str) -> Judgement | None:
        return self._entries.get(key)

    async def put(self, key: str, judgement: Judgement) -> None:
        self._entries[key] = judgement
