"""`openai-chat`: OpenAI fine-tuning chat JSONL, every line checked before it is written."""

from __future__ import annotations

from itertools import chain, cycle
from pathlib import Path

from storage.exchange.formats import OpenAIChatLine, OpenAIMessage
from storage.exchange.records import ConversationRecord
from storage.exchange.sink import ExportContext, JsonlWriter, dialogue


def chat_messages(record: ConversationRecord, context: ExportContext) -> list[OpenAIMessage]:
    """The optional system prompt, then the persona as `user` and the bot as `assistant`."""
    messages: list[OpenAIMessage] = []
    if context.system_prompt:
        messages.append({"role": "system", "content": context.system_prompt})
    for turn in dialogue(record, context):
        messages.append({"role": "user", "content": turn.user_message})
        messages.append({"role": "assistant", "content": turn.bot_reply or ""})
    return messages


_LINE_KEYS = frozenset({"messages"})
_MESSAGE_KEYS = frozenset({"role", "content"})


def line_problem(line: object) -> str | None:
    """Why a line is not valid fine-tuning chat, or None: exactly `{"messages": [...]}`, an
    optional system message first, then user / assistant alternating from `user`, ending
    with `assistant`, every content a non-blank string."""
    if not isinstance(line, dict) or line.keys() != _LINE_KEYS:
        return "not exactly {\"messages\": [...]}"
    messages = line["messages"]
    if not isinstance(messages, list) or not messages:
        return "no messages"
    start = 1 if isinstance(messages[0], dict) and messages[0].get("role") == "system" else 0
    if len(messages) == start:
        return "no user message"
    roles = chain(("system",) * start, cycle(("user", "assistant")))
    for message, expected in zip(messages, roles, strict=False):  # `roles` never ends
        if not isinstance(message, dict) or message.keys() != _MESSAGE_KEYS:
            return "a message is not exactly {role, content}"
        content = message["content"]
        if not isinstance(content, str) or not content or content.isspace():
            return "empty content"
        if message["role"] != expected:
            return "roles do not alternate user / assistant"
    if messages[-1]["role"] != "assistant":
        return "does not end with an assistant message"
    return None


class OpenAIChatWriter:
    def __init__(self, path: Path, context: ExportContext) -> None:
        self._out = JsonlWriter(path)
        self._context = context

    def write(self, record: ConversationRecord, split: str | None) -> int:
        line: OpenAIChatLine = {"messages": chat_messages(record, self._context)}
        problem = line_problem(line)
        if problem is not None:
            self._context.skipped[f"invalid chat line: {problem}"] += 1
            return 0
        self._out.line(line)
        return 1

    def close(self) -> None:
        self._out.close()
