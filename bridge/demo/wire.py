"""The demo server's wire formats: request parsing and OpenAI-shaped response bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.text import word_count

FINGERPRINT = "sparring-demo"
MODELS_CREATED = 1735689600
"""The `created` stamp of every demo model (2025-01-01T00:00:00Z)."""

_TOKEN = re.compile(r"\S+\s*")
_CHUNK_SIZES = (2, 1, 3, 2, 2, 1, 3)
"""Words per streamed delta, cycled, so chunk boundaries look organic but stay fixed."""


class WireError(ValueError):
    """A request the demo server refuses with 400."""

    def __init__(self, message: str, code: str = "invalid_request") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class CompletionRequest:
    """The parts of an OpenAI chat-completion request the demo bots use."""

    model: str
    message: str
    history: tuple[tuple[str, str], ...]
    stream: bool
    include_usage: bool
    max_tokens: int | None
    prompt_words: int


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    """A plain-JSON webhook request: one message, optionally its conversation and history."""

    message: str
    conversation_id: str | None
    history: tuple[tuple[str, str], ...] | None


def estimate_tokens(words: int) -> int:
    """Tokens for `words` words, at the usual four tokens per three words."""
    return (words * 4 + 1) // 3


def _content_text(content: object, where: str) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = [
            part["text"]
            for part in content
            if isinstance(part, dict) and isinstance(part.get("text"), str)
        ]
        return "\n".join(parts)
    raise WireError(f"{where}.content must be a string or a list of content parts")


def _positive_int(body: Mapping[str, Any], *keys: str) -> int | None:
    for key in keys:
        value = body.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise WireError(f"{key} must be a positive integer")
        return value
    return None


def parse_completion(body: object) -> CompletionRequest:
    """Validate an OpenAI chat-completion body; raises WireError."""
    if not isinstance(body, dict):
        raise WireError("the request body must be a JSON object")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise WireError("model must be a non-empty string", "missing_model")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise WireError("messages must be a non-empty list", "missing_messages")
    turns: list[tuple[str, str]] = []
    for index, item in enumerate(messages):
        where = f"messages[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("role"), str):
            raise WireError(f"{where} must be an object with a string role")
        turns.append((item["role"], _content_text(item.get("content"), where)))
    last_user = max((i for i, (role, _) in enumerate(turns) if role == "user"), default=-1)
    if last_user < 0:
        raise WireError("messages must contain a user message")
    stream = body.get("stream", False)
    if not isinstance(stream, bool):
        raise WireError("stream must be a boolean")
    options = body.get("stream_options")
    include_usage = isinstance(options, dict) and options.get("include_usage") is True
    return CompletionRequest(
        model=model,
        message=turns[last_user][1],
        history=tuple(t for t in turns[:last_user] if t[0] in ("user", "assistant")),
        stream=stream,
        include_usage=include_usage,
        max_tokens=_positive_int(body, "max_completion_tokens", "max_tokens"),
        prompt_words=sum(word_count(text) for _, text in turns),
    )


def parse_webhook(body: object) -> WebhookRequest:
    """Validate a webhook body {"message", "conversation_id"?, "history"?}; raises WireError."""
    if not isinstance(body, dict):
        raise WireError("the request body must be a JSON object")
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        raise WireError("message must be a non-empty string")
    conversation_id = body.get("conversation_id")
    if conversation_id is not None and not isinstance(conversation_id, str):
        raise WireError("conversation_id must be a string")
    raw_history = body.get("history")
    history: tuple[tuple[str, str], ...] | None = None
    if raw_history is not None:
        if not isinstance(raw_history, list):
            raise WireError("history must be a list of {role, content} objects")
        pairs: list[tuple[str, str]] = []
        for index, item in enumerate(raw_history):
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("role"), str)
                or not isinstance(item.get("content"), str)
            ):
                raise WireError(f"history[{index}] must be an object with string role, content")
            pairs.append((item["role"], item["content"]))
        history = tuple(pairs)
    return WebhookRequest(message, conversation_id, history)


def truncate(text: str, max_tokens: int | None) -> tuple[str, str]:
    """`text` cut to fit `max_tokens` (words at 4/3 tokens each), and the finish reason."""
    if max_tokens is None:
        return text, "stop"
    allowed = max(1, max_tokens * 3 // 4)
    tokens = _TOKEN.findall(text)
    if len(tokens) <= allowed:
        return text, "stop"
    return "".join(tokens[:allowed]).rstrip(), "length"


def deltas(text: str) -> Iterator[str]:
    """`text` as the word groups of a stream; joined, they give `text` back exactly."""
    tokens = _TOKEN.findall(text)
    lead = text[: len(text) - len(text.lstrip())]
    index = 0
    size = 0
    while index < len(tokens):
        count = _CHUNK_SIZES[size % len(_CHUNK_SIZES)]
        piece = "".join(tokens[index:index + count])
        yield lead + piece if index == 0 else piece
        index += count
        size += 1


def usage(prompt_words: int, reply: str) -> dict[str, int]:
    """The `usage` object, estimated from word counts."""
    prompt = estimate_tokens(prompt_words)
    completion = estimate_tokens(word_count(reply))
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def completion_body(
    completion_id: str, created: int, model: str, reply: str, finish: str, used: dict[str, int]
) -> dict[str, Any]:
    """A `chat.completion` object."""
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "system_fingerprint": FINGERPRINT,
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": reply, "refusal": None},
            "logprobs": None,
            "finish_reason": finish,
        }],
        "usage": used,
    }


def chunk_body(
    completion_id: str,
    created: int,
    model: str,
    delta: dict[str, str],
    finish: str | None = None,
) -> dict[str, Any]:
    """A `chat.completion.chunk` object carrying one delta."""
    return {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "system_fingerprint": FINGERPRINT,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
    }


def usage_chunk_body(
    completion_id: str, created: int, model: str, used: dict[str, int]
) -> dict[str, Any]:
    """The final chunk sent when the client asked for `stream_options.include_usage`."""
    return {**chunk_body(completion_id, created, model, {}), "choices": [], "usage": used}


def openai_error(message: str, kind: str, code: str) -> dict[str, Any]:
    """An OpenAI-style error body."""
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def model_list(bots: tuple[str, ...]) -> dict[str, Any]:
    """The `GET /v1/models` body."""
    return {"object": "list", "data": [model_card(bot) for bot in bots]}


def model_card(bot: str) -> dict[str, Any]:
    """One model object."""
    return {"id": bot, "object": "model", "created": MODELS_CREATED, "owned_by": FINGERPRINT}
