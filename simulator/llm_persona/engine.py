"""The `llm` persona engine: a chat model plays the persona, one JSON answer per message."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

from simulator.engine import ConversationSetting, Intent, UserMessage, Verdict
from simulator.errors import ModelError
from simulator.json_reply import find_json_object
from simulator.llm import CompletionRequest, LanguageModel, PromptMessage
from simulator.llm_persona import prompt
from simulator.persona import Persona

_ASSISTANT_VOICE = re.compile(
    r"\b(how (can|may) i (help|assist)|as an ai\b|i'?d be (happy|glad) to help|"
    r"is there anything else|let me know if you (need|have)|i'?m here to help)",
    re.IGNORECASE,
)
"""Phrases that give away a model that slipped into the assistant's role."""


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
    data: dict[str, Any] = find_json_object(text) or {"message": text.strip().strip('"')}
    message = data.get("message")
    raw_engagement = data.get("engagement")
    raw_emotion = data.get("emotion")
    intent = data.get("intent")
    if isinstance(raw_engagement, int | float) and not isinstance(raw_engagement, bool):
        engagement = min(1.0, max(0.0, float(raw_engagement)))
    return PersonaAnswer(
        message=message.strip() if isinstance(message, str) else "",
        emotion=raw_emotion.strip().lower() if isinstance(raw_emotion, str) and raw_emotion.strip()
        else emotion,
        engagement=engagement,
        intent=intent if isinstance(intent, str) and intent in prompt.PERSONA_INTENTS
        else "follow_up",
        end=data.get("end") is True,
    )


def sounds_like_assistant(message: str) -> bool:
    return bool(_ASSISTANT_VOICE.search(message))


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
        messages = prompt.transcript_messages(self.persona, self.setting, self._exchanges)
        if self._pending is not None:  # the bot failed on the last message
            messages.append(PromptMessage("assistant", self._pending))
            messages.append(PromptMessage("user", "(The assistant did not answer.)"))
        messages.append(PromptMessage("user", prompt.verdict_request(self.setting.goal)))
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

        An empty answer, a wish to leave too early, or an answer in the assistant's voice
        is asked again once, with a note saying what was wrong.
        """
        messages = prompt.transcript_messages(self.persona, self.setting, self._exchanges)
        completion = await self.model.complete(self._request(messages))
        answer = parse_answer(completion.text, self._emotion, self._engagement)
        if answer.end and may_end:
            return None
        if answer.end or not answer.message or sounds_like_assistant(answer.message):
            nudge = prompt.too_early_nudge() if answer.end else prompt.out_of_character_nudge(
                self.persona
            )
            retry = [*messages, PromptMessage("assistant", completion.text),
                     PromptMessage("user", nudge)]
            completion = await self.model.complete(self._request(retry))
            answer = parse_answer(completion.text, self._emotion, self._engagement)
        if not answer.message:
            raise ModelError(
                f"persona model {self.model.model!r} gave no message for "
                f"{self.persona.id}: {completion.text[:120]!r}"
            )
        return answer

    def _send(self, answer: PersonaAnswer, intent: Intent) -> UserMessage:
        self._emotion, self._engagement = answer.emotion, answer.engagement
        self._pending = prompt.answer_json(
            answer.message, answer.emotion, answer.engagement, intent
        )
        return UserMessage(answer.message, answer.emotion, answer.engagement, intent)


class LLMPersonaEngine:
    """Personas played by any OpenAI-compatible chat model."""

    name = "llm"

    def __init__(self, model: LanguageModel, *, temperature: float | None = 0.9) -> None:
        self.model = model
        self.temperature = temperature

    def session(self, persona: Persona, setting: ConversationSetting) -> LLMPersonaSession:
        return LLMPersonaSession(self.model, persona, setting, self.temperature)
