"""Real human chats (the `chitchat-dataset` package) as OpenAI-style chat JSONL.

Each chat is two people taking turns; a speaker's consecutive utterances are one message
(joined by newlines). The first speaker is the `user`, the other the `assistant`, so a chat
that stops on the first speaker ends on an unanswered user message, as real logs do.
Chats of a single speaker (an opener nobody answered) or of fewer than MINIMUM_MESSAGES
messages are left out: 2,561 of the 7,168 remain.
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path
from typing import Any

MINIMUM_MESSAGES = 10
CHATS = 2_561
"""The chats the full conversion holds."""


def require_chitchat() -> dict[str, Any]:
    """The dataset, or the test skips (fails when CI is "true": CI installs the dev extra)."""
    from tests.optional import require_module

    require_module("chitchat_dataset", "pip install -e '.[dev]'")
    return chitchat_data()


def chitchat_data() -> dict[str, Any]:
    """The package's dataset.json (raises ImportError when the package is absent)."""
    package = import_module("chitchat_dataset")
    with (Path(package.__file__).parent / "dataset.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def chat_messages(chat: dict[str, Any]) -> list[dict[str, str]] | None:
    """The chat as openai-chat messages, or None when it is left out."""
    groups = chat["messages"]
    if len(groups) < MINIMUM_MESSAGES or len({group[0]["sender"] for group in groups}) != 2:
        return None
    first = groups[0][0]["sender"]
    return [{"role": "user" if group[0]["sender"] == first else "assistant",
             "content": "\n".join(utterance["text"] for utterance in group)}
            for group in groups]


def chitchat_chats(data: dict[str, Any]) -> list[list[dict[str, str]]]:
    """Every kept chat as openai-chat messages, in the dataset's order."""
    return [messages for messages in map(chat_messages, data.values()) if messages is not None]


def write_jsonl(path: Path, chats: list[list[dict[str, str]]]) -> None:
    """One openai-chat line per chat."""
    path.write_text("".join(json.dumps({"messages": messages}, ensure_ascii=False) + "\n"
                            for messages in chats), encoding="utf-8")
