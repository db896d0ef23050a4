"""Judging a stored run after the fact; unchanged turns come from the judge cache."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bridge.models import ModelPool
from simulator.connector import ChatMessage
from simulator.errors import ModelError
from simulator.events import Event, JudgeScored
from simulator.judge.judge import LLMJudge, Subject
from simulator.judge.rubric import resolve_rubrics
from simulator.persona import Persona
from simulator.usage import Budget, MeteredModel, PriceTable
from storage.database import Database
from storage.judge_cache import StoredJudgeCache
from storage.queries import resolve_run
from storage.recorder import Recorder
from storage.transcripts import StoredConversation, transcripts
from tui.session import LLMSettings

_log = logging.getLogger(__name__)

GIVE_UP_AFTER = 8
"""Judgements failing in a row (an unreachable endpoint, a wrong model) that stop the pass."""


@dataclass(slots=True)
class JudgeTally:
    """What a judging pass did: an event sink counting judgements."""

    run_id: str = ""
    scored: int = 0
    cached: int = 0
    failed: int = 0
    skipped_conversations: list[str] = field(default_factory=list)
    """Conversations whose persona is no longer known, so they could not be judged."""
    failing: int = 0
    """Judgements failed in a row, up to the latest."""
    last_error: str = ""

    def emit(self, event: Event) -> None:
        if isinstance(event, JudgeScored):
            if event.error is not None:
                self.failed += 1
            elif event.cached:
                self.cached += 1
            else:
                self.scored += 1


def subjects(conversation: StoredConversation, persona: Persona) -> Iterator[Subject]:
    """Each answered turn with the transcript up to it, then the whole conversation."""
    history: list[ChatMessage] = []
    for turn in conversation.turns:
        if turn.bot_reply is None:
            break
        history += [ChatMessage("user", turn.user_message),
                    ChatMessage("assistant", turn.bot_reply)]
        yield Subject(conversation.id, turn.idx, persona, conversation.topic or "",
                      tuple(history))
    if history:
        yield Subject(conversation.id, -1, persona, conversation.topic or "", tuple(history))


async def judge_stored_run(
    db_path: Path,
    run_ref: str,
    personas: dict[str, Persona],
    judge_model: str,
    rubric_refs: tuple[str, ...],
    llm: LLMSettings,
    *,
    max_cost_usd: float | None = None,
    concurrency: int = 8,
) -> JudgeTally:
    """Score every conversation of a run on the rubrics, storing scores and usage."""
    rubrics = resolve_rubrics(rubric_refs)
    budget = Budget(max_cost_usd)
    tally = JudgeTally()
    async with Database(db_path) as db, ModelPool(llm.endpoint) as models:
        tally.run_id = await resolve_run(db, run_ref)
        recorder = Recorder(db)

        def emit(event: Event) -> None:
            recorder.emit(event)
            tally.emit(event)
            if isinstance(event, JudgeScored):
                tally.failing = tally.failing + 1 if event.error is not None else 0
                if event.error is not None:
                    tally.last_error = event.error

        model = MeteredModel(models.model(judge_model), PriceTable.load(llm.prices_path),
                             budget, emit, run_id=tally.run_id)
        judge = LLMJudge(model, rubrics, cache=StoredJudgeCache(db))
        gate = asyncio.Semaphore(concurrency)

        async def judge_one(conversation: StoredConversation) -> None:
            persona = personas.get(conversation.persona_id or "")
            if persona is None:
                tally.skipped_conversations.append(conversation.id)
                return
            async with gate:
                for subject in subjects(conversation, persona):
                    if budget.exhausted or tally.failing >= GIVE_UP_AFTER:
                        return
                    for event in await judge.score(subject):
                        emit(event)

        try:
            async with asyncio.TaskGroup() as group:
                async for conversation in transcripts(db, tally.run_id):
                    group.create_task(judge_one(conversation))
        finally:
            await recorder.close()
    if tally.failing >= GIVE_UP_AFTER:
        raise ModelError(f"judging run {tally.run_id[:8]} stopped after {tally.failing} "
                         f"judgements in a row failed; the last: {tally.last_error}")
    return tally
