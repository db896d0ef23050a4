"""Finding the JSON object in a model's answer, however it was wrapped."""

from __future__ import annotations

import json
from typing import Any

_decoder = json.JSONDecoder()


def find_json_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in `text`, or None.

    Models wrap JSON in code fences, lead with a sentence, or trail a remark; this scans
    for each `{` and returns the first position that decodes to an object.
    """
    start = text.find("{")
    while start != -1:
        try:
            value, _ = _decoder.raw_decode(text, start)
        except (ValueError, RecursionError):  # not JSON; or a 5,000-digit number, deep nesting
            start = text.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    return None
