"""The language-model port: how the LLM persona engine and the judge ask a model.

The simulator owns this protocol; `bridge/` implements it over the openai SDK, and
`simulator/usage.py` wraps any implementation to meter tokens, cost and budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]
Purpose = Literal["persona", "judge", "augment"]


@dataclass(frozen=True, slots=True)
class PromptMessage:
    """One chat message sent to a model."""

    role: Role
    content: str


@dataclass(frozen=True, slots=True)
class CompletionRequest:
    """One chat-completion call: the messages, why it is made, and for which conversation."""

    messages: tuple[PromptMessage, ...]
    purpose: Purpose
    conversation_id: str | None = None
    max_tokens: int = 400
    temperature: float | None = None
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class Completion:
    """A model's answer with the token counts the endpoint reported."""

    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: float


class LanguageModel(Protocol):
    """A chat model; raises `ModelError` (or `BudgetExceeded`) when it cannot answer."""

    model: str

    async def complete(self, request: CompletionRequest) -> Completion: ...
