"""`openai-chat`: OpenAI fine-tuning chat JSONL, every line checked before it is written."""

from __future__ import annotations

from itertools import chain, cycle
from json.encoder import encode_basestring
from pathlib import Path

from storage.exchange.records import ConversationRecord
from storage.exchange.sink import ExportContext, JsonlWriter, dialogue

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


def _blank(text: str) -> bool:
    return not text or text.isspace()


def _message(role: str, content: str) -> str:
    return f'{{"role": "{role}", "content": {encode_basestring(content)}}}'


def chat_line(record: ConversationRecord, context: ExportContext) -> tuple[str | None, str | None]:
    """The conversation as one line of JSON text, or None and why it is not valid fine-tuning
    chat: the optional system prompt, then the persona as `user` and the bot as `assistant`.

    The same text and verdict as building the line as a dict, checking it with
    `line_problem` and writing it with `json.dumps(..., ensure_ascii=False)`, in half the
    time (a tenth of the export's): built here, the structure is right by construction, so
    only the contents are checked and encoded (`tests/test_storage/test_exchange_formats.py`
    compares the two).
    """
    turns = dialogue(record, context)
    if not turns:
        return None, "no user message" if context.system_prompt else "no messages"
    messages = []
    if context.system_prompt:
        if _blank(context.system_prompt):
            return None, "empty content"
        messages.append(_message("system", context.system_prompt))
    for turn in turns:
        reply = turn.bot_reply or ""
        if _blank(turn.user_message) or _blank(reply):
            return None, "empty content"
        messages += (_message("user", turn.user_message), _message("assistant", reply))
    return f'{{"messages": [{", ".join(messages)}]}}', None


class OpenAIChatWriter:
    def __init__(self, path: Path, context: ExportContext) -> None:
        self._out = JsonlWriter(path)
        self._context = context

    def write(self, record: ConversationRecord, split: str | None) -> int:
        line, problem = chat_line(record, self._context)
        if line is None:
            self._context.skipped[f"invalid chat line: {problem}"] += 1
            return 0
        self._out.text(line)
        return 1

    def close(self) -> None:
        self._out.close()
