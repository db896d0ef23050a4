"""Support for the LLM-path tests: scripted model answers, clients, a fast demo, queries.

Every model here is the real `OpenAIModel` (the openai SDK) talking to the project's own
`ModelServer` on 127.0.0.1; only the answer texts are scripted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from pathlib import Path
from typing import Any

from bridge.config import BotsFile, load_bots_file
from bridge.demo.model_server import ModelServer
from bridge.demo.standin import standin_answer
from bridge.openai_model import OpenAIModel
from bridge.retry import RetryPolicy
from simulator.judge.prompt import JUDGE_PROMPT_MARK

Responder = Callable[[dict[str, Any]], str]

NO_WAIT = RetryPolicy(retries=2, base_delay_s=0.001, max_delay_s=0.005)
"""Retries without noticeable backoff, for tests that are not about backoff."""

FAST_DEMO_BOTS = """\
demo_server: {latency_ms: 0}
bots:
  elena: {kind: demo, bot: elena}
  jake: {kind: demo, bot: jake}
"""


def persona_answer(
    message: str,
    emotion: str = "curious",
    engagement: float = 0.6,
    intent: str = "follow_up",
    end: bool = False,
) -> str:
    """A persona model's answer in the JSON format the persona prompt asks for."""
    return json.dumps({"message": message, "emotion": emotion, "engagement": engagement,
                       "intent": intent, "end": end})


def judge_answer(reason: str = "fine", **scores: float) -> str:
    """A judge model's answer: `{"scores": {...}, "reason": ...}`."""
    return json.dumps({"scores": scores, "reason": reason})


class Script:
    """A responder giving `answers` in order, then `then(body)` (default: the stand-in)."""

    def __init__(self, *answers: str, then: Responder = standin_answer) -> None:
        self.answers = list(answers)
        self.then = then
        self.given: list[str] = []

    def __call__(self, body: dict[str, Any]) -> str:
        answer = self.answers.pop(0) if self.answers else self.then(body)
        self.given.append(answer)
        return answer


def system_text(body: dict[str, Any]) -> str:
    messages = body.get("messages") or [{}]
    content = messages[0].get("content", "")
    return content if isinstance(content, str) else ""


def is_judge_request(body: dict[str, Any]) -> bool:
    return system_text(body).startswith(JUDGE_PROMPT_MARK)


def routed(*, persona: Responder = standin_answer, judge: Responder = standin_answer) -> Responder:
    """A responder sending judge prompts to `judge` and everything else to `persona`."""
    return lambda body: judge(body) if is_judge_request(body) else persona(body)


def judge_requests(server: ModelServer) -> list[dict[str, Any]]:
    return [body for body in server.requests if is_judge_request(body)]


def persona_requests(server: ModelServer) -> list[dict[str, Any]]:
    return [body for body in server.requests if not is_judge_request(body)]


@asynccontextmanager
async def openai_model(
    server: ModelServer, name: str = "standin", **options: Any
) -> AsyncIterator[OpenAIModel]:
    """The real OpenAI client on `server`, closed on exit; retries without waiting."""
    options.setdefault("retry", NO_WAIT)
    model = OpenAIModel(name, base_url=server.base_url, api_key="sk-local", **options)
    try:
        yield model
    finally:
        await model.close()


def fast_bots(folder: Path) -> BotsFile:
    """The demo bots elena and jake with no simulated latency."""
    path = folder / "bots.yaml"
    path.write_text(FAST_DEMO_BOTS)
    return load_bots_file(path)


def query(db: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return [tuple(row) for row in conn.execute(sql, args).fetchall()]
