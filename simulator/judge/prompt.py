"""The prompts that ask a judge model to score a bot turn or a conversation on a rubric."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.connector import ChatMessage
from simulator.judge.rubric import Rubric
from simulator.llm import PromptMessage
from simulator.persona import Persona

JUDGE_PROMPT_MARK = "You are a strict, fair evaluator"
"""How every judge system prompt begins (the local stand-in model keys on it)."""


def system_prompt(rubric: Rubric) -> str:
    """The rubric, its criteria as `- name (min to max): description` lines, the format."""
    criteria = "\n".join(
        f"- {c.name} ({c.scale}): {' '.join(c.description.split())}" for c in rubric.criteria
    )
    example = ", ".join(f'"{c.name}": <number from {c.scale}>' for c in rubric.criteria)
    return f"""{JUDGE_PROMPT_MARK} of a chatbot's replies. Score only what the \
criteria ask, on their scales; use the whole scale.

Rubric: {rubric.id} (version {rubric.version})
{' '.join(rubric.instructions.split())}

Criteria:
{criteria}

Answer with one JSON object and nothing else:
{{"scores": {{{example}}}, "reason": "<one or two sentences>"}}"""


def _user_line(persona: Persona, topic: str, goal: str | None = None) -> str:
    prefs = persona.preferences
    wants = f" The user's goal: {goal}." if goal else ""
    return (
        f"The user ({persona.name}: {persona.personality}; wants {prefs.response_length} "
        f"replies, {prefs.communication_style} style, {prefs.formality} register) is "
        f"talking about: {topic}.{wants}"
    )


def _transcript(history: Sequence[ChatMessage]) -> str:
    speaker = {"user": "USER", "assistant": "BOT"}
    return "\n".join(f"{speaker[m.role]}: {m.content}" for m in history) or "(nothing yet)"


def turn_prompt(
    rubric: Rubric,
    persona: Persona,
    topic: str,
    history: Sequence[ChatMessage],
    user_message: str,
    reply: str,
    goal: str | None = None,
) -> tuple[PromptMessage, ...]:
    """Score `reply` to `user_message`, with the conversation before it as context."""
    body = (
        f"{_user_line(persona, topic, goal)}\n\n"
        f"Conversation so far:\n{_transcript(history)}\n\n"
        f"The user's latest message:\n{user_message}\n\n"
        f"The reply to score:\n{reply}"
    )
    return (PromptMessage("system", system_prompt(rubric)), PromptMessage("user", body))


def conversation_prompt(
    rubric: Rubric, persona: Persona, topic: str, history: Sequence[ChatMessage],
    goal: str | None = None,
) -> tuple[PromptMessage, ...]:
    """Score the whole conversation."""
    body = f"{_user_line(persona, topic, goal)}\n\nThe conversation:\n{_transcript(history)}"
    return (PromptMessage("system", system_prompt(rubric)), PromptMessage("user", body))


def correction(problem: str) -> str:
    """Sent after a malformed answer, before the judge's retry."""
    return f"Your answer could not be used: {problem}. Answer again with the JSON object only."
