"""The `llm` persona engine: a chat model plays the persona, one JSON answer per message.

Every answer passes the guards (`guards.check_message`) before it is sent; a rejected one
is asked again with a correction, at most `MAX_ATTEMPTS` times per message, and then the
conversation ends with `PersonaGuardError` naming the checks that failed, rather than
send the bot junk. Each rejection is emitted as a `MessageRejected` event.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from simulator.engine import ConversationSetting, Intent, UserMessage, Verdict
from simulator.errors import ModelError
from simulator.events import Event, MessageRejected
from simulator.json_reply import find_json_object
from simulator.llm import CompletionRequest, LanguageModel, PromptMessage
from simulator.llm_persona import prompt
from simulator.llm_persona.guards import Guard, check_message, correction, sounds_like_assistant
from simulator.persona import Persona

__all__ = ["LLMPersonaEngine", "LLMPersonaSession", "PersonaAnswer", "PersonaGuardError",
           "parse_answer", "sounds_like_assistant"]

MAX_ATTEMPTS = 3
"""Answers asked for one message: the first and two re-asks with a correction."""

_LABEL = re.compile(r"^\s*(you|user|me)?\s*(\([^)]{1,40}\))?\s*:\s*", re.IGNORECASE)


class PersonaGuardError(ModelError):
    """The persona model gave no message that passed the guards: the conversation ends."""


@dataclass(frozen=True, slots=True)
class PersonaAnswer:
    """One parsed answer of the persona model."""

    message: str
    emotion: str
    engagement: float
    intent: Intent
    end: bool


def parse_answer(text: str, emotion: str, engagement: float) -> PersonaAnswer:
    """Read the model's JSON answer; plain text counts as the message itself.

    Missing or invalid fields keep the persona's previous emotion and engagement, so a
    sloppy model still yields a usable conversation.
    """
    data: dict[str, Any] = find_json_object(text) or {"message": _plain(text)}
    message = data.get("message")
    raw_engagement = data.get("engagement")
    raw_emotion = data.get("emotion")
    intent = data.get("intent")
    if isinstance(raw_engagement, int | float) and not isinstance(raw_engagement, bool):
        engagement = min(1.0, max(0.0, float(raw_engagement)))
    return PersonaAnswer(
        message=_LABEL.sub("", message, count=1).strip() if isinstance(message, str) else "",
        emotion=raw_emotion.strip().lower() if isinstance(raw_emotion, str) and raw_emotion.strip()
        else emotion,
        engagement=engagement,
        intent=intent if isinstance(intent, str) and intent in prompt.PERSONA_INTENTS
        else "follow_up",
        end=data.get("end") is True,
    )


def _plain(text: str) -> str:
    """A plain-text answer: its first non-empty line, without a `YOU (name):` label or quotes."""
    line = next((line for line in text.strip().splitlines() if line.strip()), "")
    return _LABEL.sub("", line, count=1).strip().strip('"')


@dataclass
class LLMPersonaSession:
    """One persona in one conversation, played by `model`.

    Turn bounds are the engine's, not the model's: a wish to leave before `min_turns` is
    overruled (the message, if any, is still sent), and the session ends at `max_turns`.
    """

    model: LanguageModel
    persona: Persona
    setting: ConversationSetting
    temperature: float | None
    emit: Callable[[Event], None] | None = None
    run_id: str | None = None
    _exchanges: list[tuple[str, str]] = field(default_factory=list)
    _pending: str | None = None
    """The persona's last answer (as JSON), waiting for the bot's reply."""
    _emotion: str = ""
    _engagement: float = 0.7

    def __post_init__(self) -> None:
        self._emotion = self.setting.emotional_state

    async def opening(self) -> UserMessage:
        answer = await self._ask(may_end=False)
        assert answer is not None
        return replace(self._send(answer, "opening"), from_brief=self.setting.brief is not None)

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        if self._pending is None:
            raise RuntimeError("next_message() before opening()")
        self._exchanges.append((self._pending, bot_reply))
        self._pending = None
        sent = len(self._exchanges)
        if sent >= self.setting.max_turns:
            return None
        answer = await self._ask(may_end=sent >= self.setting.min_turns)
        return None if answer is None else self._send(answer, answer.intent)

    async def verdict(self) -> Verdict | None:
        exchanges = list(self._exchanges)
        if self._pending is not None:  # the bot failed on the last message
            exchanges.append((self._pending, prompt.NO_ANSWER))
        messages = prompt.verdict_messages(self.persona, self.setting, exchanges)
        completion = await self.model.complete(self._request(messages, max_tokens=150))
        data = find_json_object(completion.text) or {}
        satisfaction, reason = data.get("satisfaction"), data.get("reason")
        if (not isinstance(satisfaction, int | float) or isinstance(satisfaction, bool)
                or not math.isfinite(satisfaction)):
            return None
        reached = data.get("goal_reached")
        return Verdict(
            satisfaction=min(5, max(1, round(satisfaction))),
            reason=reason.strip() if isinstance(reason, str) else "",
            goal_reached=reached if self.setting.goal and isinstance(reached, bool) else None,
        )

    def _request(self, messages: list[PromptMessage], max_tokens: int = 300) -> CompletionRequest:
        return CompletionRequest(
            messages=tuple(messages),
            purpose="persona",
            conversation_id=self.setting.conversation_id,
            max_tokens=max_tokens,
            temperature=self.temperature,
            seed=self.setting.seed & 0x7FFFFFFF,
        )

    async def _ask(self, *, may_end: bool) -> PersonaAnswer | None:
        """The persona's next answer, or None when it leaves (only if `may_end`).

        A wish to leave too early is asked again once; an answer failing a guard is asked
        again with a correction, and every answer (a re-asked one too) passes the same
        checks. After `MAX_ATTEMPTS` rejected answers, PersonaGuardError ends the
        conversation.
        """
        earlier = [text for sent, reply in self._exchanges
                   for text in (prompt.shown(sent), reply)]
        note: str | None = None
        failed: list[Guard] = []
        overruled = False
        attempt = 0
        while attempt < MAX_ATTEMPTS:
            attempt += 1
            messages = prompt.transcript_messages(self.persona, self.setting, self._exchanges,
                                                  note)
            completion = await self.model.complete(self._request(messages))
            answer = parse_answer(completion.text, self._emotion, self._engagement)
            if answer.end and may_end:
                return None
            if answer.end and not overruled:  # leaving too early: one re-ask, not counted
                overruled, attempt = True, attempt - 1
                note = prompt.too_early_nudge()
                continue
            guard = check_message(answer.message, earlier)
            if guard is None:
                return answer
            failed.append(guard)
            self._reject(guard, attempt, answer.message or completion.text)
            note = correction(guard, self.persona.name, answer.message or completion.text)
        raise PersonaGuardError(
            f"persona model {self.model.model!r} wrote no usable message for "
            f"{self.persona.id} in {MAX_ATTEMPTS} attempts (rejected: "
            f"{', '.join(sorted(set(failed)))})"
        )

    def _reject(self, guard: Guard, attempt: int, text: str) -> None:
        if self.emit is not None:
            self.emit(MessageRejected(self.run_id, self.setting.conversation_id, guard,
                                      attempt, text[:200], ended=attempt == MAX_ATTEMPTS))

    def _send(self, answer: PersonaAnswer, intent: Intent) -> UserMessage:
        self._emotion, self._engagement = answer.emotion, answer.engagement
        self._pending = prompt.answer_json(
            answer.message, answer.emotion, answer.engagement, intent
        )
        return UserMessage(answer.message, answer.emotion, answer.engagement, intent)


class LLMPersonaEngine:
    """Personas played by any OpenAI-compatible chat model."""

    name = "llm"

    def __init__(
        self,
        model: LanguageModel,
        *,
        temperature: float | None = 0.9,
        emit: Callable[[Event], None] | None = None,
        run_id: str | None = None,
    ) -> None:
        self.model = model
        self.temperature = temperature
        self.emit = emit
        """Receives a `MessageRejected` per guard firing (the run's event fan-out)."""
        self.run_id = run_id

    def session(self, persona: Persona, setting: ConversationSetting) -> LLMPersonaSession:
        return LLMPersonaSession(self.model, persona, setting, self.temperature,
                                 self.emit, self.run_id)
