"""The LLM judge: scores bot turns and conversations on rubrics, through a cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from simulator.connector import ChatMessage
from simulator.errors import BudgetExceeded, JudgeError, ModelError
from simulator.events import JudgeScored
from simulator.judge import prompt
from simulator.judge.cache import JudgeCache, MemoryJudgeCache, cache_key
from simulator.judge.parse import Judgement, parse_judgement
from simulator.judge.rubric import Rubric
from simulator.llm import CompletionRequest, LanguageModel, PromptMessage
from simulator.metrics.catalog import Metric
from simulator.persona import Persona


@dataclass(frozen=True, slots=True)
class Subject:
    """What is judged: a bot turn (`turn_idx` >= 0) or a whole conversation (-1).

    For a turn, `transcript` ends with the user message and the reply being scored.
    """

    conversation_id: str
    turn_idx: int
    persona: Persona
    topic: str
    transcript: tuple[ChatMessage, ...]
    goal: str | None = None
    """What the user wanted out of the conversation, when it had a goal."""


class Judge(Protocol):
    """Scores a subject on every rubric of its scope; errors come back as events too."""

    async def score(self, subject: Subject) -> list[JudgeScored]: ...


class LLMJudge:
    """A chat model applying rubrics; a malformed answer is retried, then recorded as an error.

    `attempts` bounds the calls per rubric and subject (the first plus corrections).
    """

    def __init__(
        self,
        model: LanguageModel,
        rubrics: Sequence[Rubric],
        *,
        cache: JudgeCache | None = None,
        attempts: int = 3,
    ) -> None:
        if not rubrics:
            raise JudgeError("a judge needs at least one rubric")
        self.model = model
        self.rubrics = tuple(rubrics)
        self._cache = cache or MemoryJudgeCache()
        self._attempts = attempts

    async def score(self, subject: Subject) -> list[JudgeScored]:
        scope = "turn" if subject.turn_idx >= 0 else "conversation"
        return [
            await self._score_on(rubric, subject)
            for rubric in self.rubrics
            if rubric.scope == scope
        ]

    async def _score_on(self, rubric: Rubric, subject: Subject) -> JudgeScored:
        messages = _prompt_for(rubric, subject)
        key = cache_key(self.model.model, rubric, messages)
        cached = await self._cache.get(key)
        try:
            judgement = cached or await self._ask(rubric, subject, messages)
        except (JudgeError, ModelError, BudgetExceeded) as exc:
            return self._event(rubric, subject, None, str(exc))
        if cached is None:
            await self._cache.put(key, judgement)
        return self._event(rubric, subject, judgement, None, cached=cached is not None)

    async def _ask(
        self, rubric: Rubric, subject: Subject, messages: tuple[PromptMessage, ...]
    ) -> Judgement:
        conversation = list(messages)
        problem = ""
        for _ in range(self._attempts):
            completion = await self.model.complete(CompletionRequest(
                messages=tuple(conversation),
                purpose="judge",
                conversation_id=subject.conversation_id,
                max_tokens=300,
                temperature=0.0,
            ))
            try:
                return parse_judgement(completion.text, rubric)
            except JudgeError as exc:
                problem = str(exc)
                conversation += [PromptMessage("assistant", completion.text),
                                 PromptMessage("user", prompt.correction(problem))]
        raise JudgeError(f"unusable judge answer after {self._attempts} attempts: {problem}")

    def _event(
        self,
        rubric: Rubric,
        subject: Subject,
        judgement: Judgement | None,
        error: str | None,
        *,
        cached: bool = False,
    ) -> JudgeScored:
        scores = () if judgement is None else tuple(
            Metric(rubric.metric_name(c), judgement.scores[c.name], "judge")
            for c in rubric.criteria
        )
        return JudgeScored(
            conversation_id=subject.conversation_id,
            turn_idx=subject.turn_idx,
            rubric_id=rubric.id,
            rubric_version=rubric.version,
            model=self.model.model,
            scores=scores,
            reason=judgement.reason if judgement else "",
            error=error,
            cached=cached,
        )


def _prompt_for(rubric: Rubric, subject: Subject) -> tuple[PromptMessage, ...]:
    if subject.turn_idx < 0:
        return prompt.conversation_prompt(
            rubric, subject.persona, subject.topic, subject.transcript, subject.goal
        )
    *history, user, reply = subject.transcript
    return prompt.turn_prompt(
        rubric, subject.persona, subject.topic, history, user.content, reply.content,
        subject.goal
    )
