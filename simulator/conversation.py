"""One conversation: the persona and the bot take turns until the persona stops."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from simulator.categories import confidence
from simulator.connector import BotConnector, BotContext, BotReply, ChatMessage
from simulator.engine import (
    ConversationSetting,
    PersonaEngine,
    PersonaSession,
    UserMessage,
    Verdict,
)
from simulator.errors import BotError, BudgetExceeded, SparringError
from simulator.events import (
    ConversationFinished,
    ConversationStarted,
    ConversationStatus,
    Event,
    Source,
    TurnRecorded,
)
from simulator.judge.judge import Judge, Subject
from simulator.local_work import local_work
from simulator.metrics.catalog import Metric
from simulator.metrics.scoring import TurnOutcome, score_conversation, score_turn
from simulator.noise import NoisySession
from simulator.persona import Persona

_log = logging.getLogger(__name__)

CANCELLED = "cancelled before it ended (interrupted, or stopped by a budget)"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ConversationJob:
    """A conversation to hold: who talks to whom, in which setting."""

    run_id: str | None
    """None for a conversation outside any run (a manual chat)."""
    persona: Persona
    bot_id: str
    setting: ConversationSetting
    source: Source = "synthetic"
    parent_id: str | None = None
    """The conversation this one is a variation of (augmentation)."""


class Conversation:
    """Drives one job to its end, emitting a TurnRecorded per exchange."""

    def __init__(
        self,
        job: ConversationJob,
        bot: BotConnector,
        engine: PersonaEngine,
        emit: Callable[[Event], None],
        judge: Judge | None = None,
        *,
        gate: asyncio.Event | None = None,
    ) -> None:
        self.job = job
        self._bot = bot
        self._engine = engine
        self._emit = emit
        self._judge = judge
        self._gate = gate
        """While clear, the conversation waits before sending its next message (pause)."""
        self._judging: list[asyncio.Task[None]] = []
        self._history: list[ChatMessage] = []
        self._outcomes: list[TurnOutcome] = []
        self._error: str | None = None

    async def run(self) -> ConversationFinished:
        job, setting = self.job, self.job.setting
        self._emit(
            ConversationStarted(
                conversation_id=setting.conversation_id,
                run_id=job.run_id,
                persona_id=job.persona.id,
                persona_hash=job.persona.definition_hash,
                bot_id=job.bot_id,
                topic=setting.topic,
                emotional_state=setting.emotional_state,
                seed=setting.seed,
                source=job.source,
                persona_engine=self._engine.name,
                parent_id=job.parent_id,
                category=setting.category,
                noise=job.persona.noise.model_dump_json() if job.persona.noise.active else None,
                goal=setting.goal,
                started_at=_now(),
            )
        )
        session: PersonaSession = self._engine.session(job.persona, setting)
        if job.persona.noise.active:
            session = NoisySession(session, job.persona, setting)
        try:
            status, error, verdict = await self._converse(session)
            await self._judge_all()
        except asyncio.CancelledError:
            for task in self._judging:
                task.cancel()
            self._finish(session_verdict=None, status="cancelled", error=CANCELLED)
            raise
        return self._finish(verdict, status, error)

    async def _converse(
        self, session: PersonaSession
    ) -> tuple[ConversationStatus, str | None, Verdict | None]:
        """Exchange messages until the persona stops; how it ended and the verdict."""
        try:
            message: UserMessage | None = await session.opening()
            while message is not None:
                reply_text = await self._exchange(message)
                if reply_text is None:
                    return "failed", self._error, await self._verdict(session)
                message = await session.next_message(reply_text)
            return "completed", None, await self._verdict(session)
        except BudgetExceeded as exc:
            return "cancelled", str(exc), None
        except SparringError as exc:  # the persona model failed for good
            return "failed", str(exc), None
        except Exception as exc:  # a bug in an engine must not take the run down
            _log.exception("conversation %s failed", self.job.setting.conversation_id)
            return "failed", f"{type(exc).__name__}: {exc}", None

    async def _verdict(self, session: PersonaSession) -> Verdict | None:
        """The persona's verdict, when the bot said anything at all and the model can."""
        if not self._any_reply:
            return None
        try:
            return await session.verdict()
        except SparringError as exc:
            _log.warning("conversation %s: no verdict: %s", self.job.setting.conversation_id, exc)
            return None

    def _judge_later(self, turn_idx: int) -> None:
        """Score the turn just recorded in the background; the conversation goes on."""
        if self._judge is None:
            return
        subject = Subject(self.job.setting.conversation_id, turn_idx, self.job.persona,
                          self.job.setting.topic, tuple(self._history), self.job.setting.goal)
        self._judging.append(asyncio.create_task(self._score(subject)))

    async def _score(self, subject: Subject) -> None:
        assert self._judge is not None
        for event in await self._judge.score(subject):
            self._emit(event)

    async def _judge_all(self) -> None:
        """Wait for the turn judgements, then judge the whole conversation.

        Runs however the conversation ended, so no judgement outlives it; a judge bug is
        logged and costs only its own scores.
        """
        if self._judge is None:
            return
        if self._any_reply:
            subject = Subject(self.job.setting.conversation_id, -1, self.job.persona,
                              self.job.setting.topic, tuple(self._history),
                              self.job.setting.goal)
            self._judging.append(asyncio.create_task(self._score(subject)))
        for result in await asyncio.gather(*self._judging, return_exceptions=True):
            if isinstance(result, Exception):
                _log.error("judging conversation %s failed: %r",
                           self.job.setting.conversation_id, result)

    @property
    def _any_reply(self) -> bool:
        return any(not outcome.failed for outcome in self._outcomes)

    async def _exchange(self, message: UserMessage) -> str | None:
        """Send one message; record the turn; the reply text, or None if the bot failed."""
        if self._gate is not None:
            await self._gate.wait()
        index = len(self._outcomes)
        context = BotContext(
            self.job.setting.conversation_id, self.job.persona.id, tuple(self._history)
        )
        sent_at = _now()
        engagement = Metric("persona_engagement", round(message.engagement, 4), "persona")
        # Cancelled while waiting for the bot: no turn is recorded (it has no reply and it
        # is no bot failure); the conversation ends `cancelled` and a resume redoes it.
        started = time.perf_counter()
        try:
            reply = await self._bot.reply(context, message.text)
        except BotError as exc:
            self._error = str(exc)
            # Connectors without the retry loop leave latency unset: time the whole call.
            latency = exc.latency_ms
            if latency is None:
                latency = (time.perf_counter() - started) * 1000
            self._record(index, message, sent_at, None, self._error, (engagement,),
                         (exc.attempts, latency))
            return None
        earlier = [m.content for m in self._history if m.role == "assistant"]
        async with local_work():
            metrics = score_turn(self.job.persona, message.text, reply, earlier,
                                 message.engagement)
            self._record(index, message, sent_at, reply, None, metrics)
        self._history += [ChatMessage("user", message.text), ChatMessage("assistant", reply.text)]
        self._judge_later(index)
        return reply.text

    def _record(
        self,
        index: int,
        message: UserMessage,
        sent_at: datetime,
        reply: BotReply | None,
        error: str | None,
        metrics: tuple[Metric, ...],
        failure: tuple[int, float] | None = None,
    ) -> None:
        self._outcomes.append(TurnOutcome(metrics, failed=reply is None))
        setting = self.job.setting
        certainty = None
        if message.from_brief and setting.category is not None:
            certainty = 1.0
        elif setting.category_text:
            certainty = confidence(message.text, setting.category_text)
        self._emit(
            TurnRecorded(setting.conversation_id, index, message, sent_at, reply, error,
                         metrics, setting.category, certainty,
                         setting.passage.to_json() if setting.passage else None,
                         *(failure or (None, None)))
        )

    def _finish(
        self, session_verdict: Verdict | None, status: ConversationStatus, error: str | None
    ) -> ConversationFinished:
        setting = self.job.setting
        finished = ConversationFinished(
            conversation_id=setting.conversation_id,
            run_id=self.job.run_id,
            persona_id=self.job.persona.id,
            bot_id=self.job.bot_id,
            status=status,
            error=error,
            turns=len(self._outcomes),
            verdict=session_verdict,
            metrics=score_conversation(self._outcomes, setting.max_turns, session_verdict),
            finished_at=_now(),
        )
        self._emit(finished)
        return finished
