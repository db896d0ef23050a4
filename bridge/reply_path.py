"""Extract a reply's text from a JSON payload by a dotted path (`data.choices.0.text`)."""

from __future__ import annotations

import re
from typing import Any

from simulator.errors import BotProtocolError
from simulator.validation import field_name

_INDEX = re.compile(r"-?[0-9]{1,18}")


def _text_of(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("text", "content", "message"):
            if isinstance(item.get(key), str):
                return item[key]
    return None


def extract_reply(payload: Any, path: str) -> str:
    """The text at `path`; a list there (webhook channels such as Rasa answer with a list of
    messages, sometimes empty or with images) has the texts of its items joined."""
    node = payload
    walked: list[str] = []
    for part in path.split(".") if path else []:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and _is_index(part, len(node)):
            node = node[int(part)]
        else:
            where = ".".join(walked) or "the top level"
            raise BotProtocolError(
                f"reply_path {path!r}: no {part!r} under {where} "
                f"(found {type(node).__name__}{_keys(node)})"
            )
        walked.append(part)
    if isinstance(node, list):
        return "\n".join(text for text in map(_text_of, node) if text)
    text = _text_of(node)
    if text is None:
        if isinstance(node, int | float) and not isinstance(node, bool):
            return str(node)
        raise BotProtocolError(
            f"reply_path {path!r} selects a {type(node).__name__}, not text"
        )
    return text


def _is_index(part: str, length: int) -> bool:
    """An ASCII list index in range (`isdigit` also passes `²`, which `int` refuses)."""
    return _INDEX.fullmatch(part) is not None and -length <= int(part) < length


def _keys(node: Any) -> str:
    if isinstance(node, dict):
        return " with keys " + ", ".join(list(map(field_name, node))[:8])
    if isinstance(node, list):
        return f" of {len(node)} items"
    return ""
