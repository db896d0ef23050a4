"""The runner: expands a plan into conversations and drives them concurrently."""

from __future__ import annotations

import asyncio
import math
import random
import uuid
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from simulator.connector import BotConnector
from simulator.conversation import Conversation, ConversationJob
from simulator.engine import Brief, ConversationSetting, PersonaEngine
from simulator.errors import ConfigError
from simulator.events import (
    Event,
    EventSink,
    RunFinished,
    RunStarted,
    RunStatus,
    TurnRecorded,
)
from simulator.judge.judge import Judge
from simulator.knowledge import Passage
from simulator.local_work import bounded_local_work
from simulator.persona import Persona
from simulator.plan import Domain, RunPlan, Target, conversation_id, derive_seed

OPERATOR_STOP = "interrupted by the operator"
GROUNDED_CATEGORY = "rag_query"
"""With categories and a knowledge base, the category whose conversations are grounded."""

_Planned = tuple[str, str, ConversationSetting, Target | None]
"""A planned conversation before it gets its id: persona id, bot id, setting, target."""


def _draw(rng: random.Random, weights: Sequence[tuple[str, float]], default: Sequence[str]) -> str:
    """A weighted choice among `weights`, or a uniform one among `default` without them."""
    if not weights:
        return rng.choice(default)
    names, values = zip(*weights, strict=True)
    return rng.choices(names, values)[0]


class Runner:
    """Runs one plan: persona x bot x N conversations, at most `concurrency` at once.

    `cancel()` (from a signal handler, say) stops the run at once: conversations in
    flight are recorded as cancelled. `stop(reason)` (the cost budget, say) only stops
    new conversations from starting. Either way the run ends as `interrupted`, with the
    reason recorded. Given `done` (the ids an earlier attempt holds), it resumes `run_id`:
    it plans the same conversations and holds only the others.
    """

    def __init__(
        self,
        plan: RunPlan,
        personas: Mapping[str, Persona],
        bots: Mapping[str, BotConnector],
        engine: PersonaEngine,
        sinks: Sequence[EventSink],
        *,
        run_id: str | None = None,
        judge: Judge | None = None,
        done: Collection[str] | None = None,
        turns_done: int = 0,
        passages: Sequence[Passage] = (),
    ) -> None:
        persona_ids = {*plan.persona_ids, *(target.persona_id for target in plan.targets)}
        bot_ids = {*plan.bot_ids, *(target.bot_id for target in plan.targets)}
        missing = sorted(p for p in persona_ids if p not in personas)
        missing += sorted(b for b in bot_ids if b not in bots)
        if missing:
            raise ConfigError(f"plan names unknown persona or bot: {', '.join(missing)}")
        self.plan = plan
        self.run_id = run_id or str(uuid.uuid4())
        self._personas = personas
        self._bots = bots
        self._engine = engine
        self._judge = judge
        self._sinks = tuple(sinks)
        self._passages = tuple(passages)
        """The knowledge base (`plan.knowledge_dir`, read by the caller) to ground in."""
        self._turns = turns_done
        """Turns recorded, for the plan's turn budget (a resumed run's kept ones included)."""
        self._resumed = done is not None
        self._done = frozenset(done or ())
        """Conversation ids already held from an earlier attempt (resume): not run again."""
        self._workers: list[asyncio.Task[None]] = []
        self._running = asyncio.Event()
        self._running.set()
        self._stop_reason: str | None = None
        self._cut_short = False
        """True once a conversation was cancelled or a job was left unstarted."""

    def emit(self, event: Event) -> None:
        for sink in self._sinks:
            sink.emit(event)
        limit = self.plan.max_total_turns
        if limit is not None and isinstance(event, TurnRecorded):
            self._turns += 1
            if self._turns >= limit:
                self.stop(f"turn budget of {limit} reached")

    def jobs(self) -> Iterator[ConversationJob]:
        """The conversations still to hold: the plan's (or its shard's), less those `done`."""
        index, count = self.plan.shard or (0, 1)
        for ordinal, job in enumerate(self.planned()):
            if ordinal % count == index and job.setting.conversation_id not in self._done:
                yield job

    def planned(self) -> Iterator[ConversationJob]:
        """Every conversation of the plan, round-robin so a partial run is balanced: over
        the persona x bot pairs, or over the plan's targets when it has them. Id, topic,
        emotional state and seed follow from the run id, the run seed and the job's place
        in the plan alone, so a resumed run plans exactly the same conversations."""
        plan = self.plan
        settings = self._target_settings() if plan.targets else self._matrix_settings()
        for ordinal, (persona_id, bot_id, setting, target) in enumerate(settings):
            setting = replace(setting, conversation_id=conversation_id(self.run_id, ordinal))
            parent_id = target.parent_id if target else None
            yield ConversationJob(self.run_id, self._personas[persona_id], bot_id, setting,
                                  source="augmented" if parent_id else "synthetic",
                                  parent_id=parent_id)

    def _matrix_settings(self) -> Iterator[_Planned]:
        plan = self.plan
        domains = {persona_id: self._domain_order(persona_id) for persona_id in plan.persona_ids}
        for index in range(plan.conversations):
            for persona_id in plan.persona_ids:
                persona = self._personas[persona_id]
                # The bot is not part of the seed: conversation `index` of a persona opens
                # the same way with every bot, a paired comparison of the bots (and the
                # same prompt answered twice, for preference pairs).
                seed = derive_seed(plan.seed, persona_id, index)
                rng = random.Random(seed)
                domain = domains[persona_id][index] if plan.domains else None
                if domain is not None and domain.topics:
                    topic = rng.choice(domain.topics)
                else:
                    topic = _draw(rng, plan.topic_weights, persona.conversation_topics)
                setting = self._setting(
                    seed, topic, _draw(rng, plan.state_weights, persona.emotions or ("neutral",)),
                    category=domain.name if domain is not None else None,
                )
                goals = plan.goals or persona.goals
                if goals:
                    setting = replace(setting, goal=goals[int(rng.random() * len(goals))])
                if self._passages and (domain is None or domain.name == GROUNDED_CATEGORY
                                       or not plan.domains):
                    passage = self._passages[int(rng.random() * len(self._passages))]
                    setting = replace(setting, passage=passage, topic=passage.title,
                                      category_text=passage.text if domain else "")
                elif domain is not None and domain.examples:
                    # An intent category: open with one of its examples, then talk on.
                    example = domain.examples[int(rng.random() * len(domain.examples))]
                    setting = replace(setting, brief=Brief((example,), "", continue_after=True),
                                      category_text=" ".join((domain.description,
                                                              *domain.examples)))
                for bot_id in plan.bot_ids:
                    yield persona_id, bot_id, setting, None

    def _domain_order(self, persona_id: str) -> list[Domain]:
        """The domain of each of a persona's conversations: every domain exactly its share
        (largest remainders), in an order seeded by the run seed and the persona."""
        plan = self.plan
        if not plan.domains:
            return []
        n = plan.conversations
        exact = [domain.share * n for domain in plan.domains]
        counts = [math.floor(x) for x in exact]
        by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
        for i in by_remainder[: n - sum(counts)]:
            counts[i] += 1
        order = [domain for domain, count in zip(plan.domains, counts, strict=True)
                 for _ in range(count)]
        random.Random(derive_seed(plan.seed, persona_id, "domains")).shuffle(order)
        return order

    def _target_settings(self) -> Iterator[_Planned]:
        targets = self.plan.targets
        for index in range(max(target.count for target in targets)):
            for target in targets:
                if index >= target.count:
                    continue
                seed = derive_seed(self.plan.seed, target.persona_id, target.topic,
                                   target.emotional_state, target.parent_id or "",
                                   target.offset + index,
                                   *((target.category,) if target.category else ()))
                brief = Brief(target.need, target.context or "") if target.need else None
                setting = self._setting(seed, target.topic, target.emotional_state, brief,
                                        category=target.category)
                yield target.persona_id, target.bot_id, setting, target

    def _setting(
        self, seed: int, topic: str, emotional_state: str, brief: Brief | None = None,
        category: str | None = None,
    ) -> ConversationSetting:
        return ConversationSetting(
            conversation_id="",
            topic=topic,
            emotional_state=emotional_state,
            seed=seed,
            min_turns=self.plan.min_turns,
            max_turns=self.plan.max_turns,
            brief=brief,
            category=category,
        )

    async def run(self) -> RunStatus:
        self.emit(RunStarted(self.run_id, self.plan, datetime.now(UTC),
                             resumed=self._resumed, done=len(self._done)))
        jobs = self.jobs()

        async def worker() -> None:
            for job in jobs:
                if self._stop_reason is not None:
                    self._cut_short = True
                    return
                await self._running.wait()
                bot = self._bots[job.bot_id]
                finished = await Conversation(job, bot, self._engine, self.emit, self._judge,
                                              gate=self._running).run()
                if finished.status == "cancelled" and self._stop_reason is not None:
                    self._cut_short = True

        width = min(self.plan.concurrency, self.plan.total_conversations)
        with bounded_local_work():
            self._workers = [asyncio.create_task(worker()) for _ in range(width)]
        status: RunStatus = "completed"
        try:
            results = await asyncio.gather(*self._workers, return_exceptions=True)
        except asyncio.CancelledError:
            self.cancel()
            await asyncio.gather(*self._workers, return_exceptions=True)
            self._finish("interrupted")
            raise
        if self._cut_short:
            status = "interrupted"
        elif any(isinstance(r, BaseException) for r in results):
            status = "failed"
        self._finish(status)
        errors = [r for r in results if isinstance(r, Exception)]
        if errors:
            raise errors[0]
        return status

    def _finish(self, status: RunStatus) -> None:
        self.emit(RunFinished(self.run_id, status, datetime.now(UTC), self.stop_reason))

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def pause(self) -> None:
        """Hold every conversation before its next message; nothing is lost or cancelled."""
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def stop_reason(self) -> str | None:
        """Why the run was cut short, once it was."""
        return self._stop_reason if self._cut_short else None

    def stop(self, reason: str) -> None:
        """Start no further conversations; those in flight run to their end."""
        if self._stop_reason is None:
            self._stop_reason = reason

    def cancel(self, reason: str = OPERATOR_STOP) -> None:
        """Stop starting conversations and cancel those in flight. Idempotent."""
        self.stop(reason)
        self._cut_short = True
        self._running.set()
        for task in self._workers:
            task.cancel()
