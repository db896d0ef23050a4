"""The reply extraction path: a bot's HTTP body and reply_path, a model's JSON answer.

A body a bot sends is untrusted: the webhook connector either reads a reply from it or
raises a BotError with a one-line reason, which the runner records on the turn.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from hypothesis import example, given
from hypothesis import strategies as st

from bridge.config import HttpBot
from bridge.reply_path import extract_reply
from bridge.webhook import WebhookConnector
from simulator.connector import BotContext
from simulator.json_reply import find_json_object
from simulator.judge.parse import parse_judgement
from simulator.judge.rubric import builtin_rubrics
from simulator.llm_persona.engine import parse_answer
from tests.support import serve_on_loopback
from tests.test_fuzz.support import AWKWARD_TEXT, FUZZ, parsed_or_clean_error, values

PATH_PARTS = st.one_of(AWKWARD_TEXT, st.sampled_from(["reply", "data", "0", "-1", "1", "text"]),
                       st.text(max_size=5))
PATHS = st.lists(PATH_PARTS, max_size=4).map(".".join)
PAYLOADS = st.one_of(values(), st.fixed_dictionaries({"reply": values()}),
                     st.fixed_dictionaries({"data": st.lists(values(), max_size=3)}))
CONTEXT = BotContext("conv-1", "casual_casey", ())


@FUZZ
@given(payload=PAYLOADS, path=PATHS)
@example(payload={"data": ["a", "b", "c"]}, path="data.²")  # was ValueError: int('²')
@example(payload={"data": ["a", "b", "c"]}, path="data.--1")  # was ValueError: int('--1')
@example(payload={"\n": None}, path=" ")  # a key with a line break split the message
def test_reply_paths(payload: Any, path: str) -> None:
    text = parsed_or_clean_error(lambda: extract_reply(payload, path))
    assert text is None or isinstance(text, str)


MODEL_TEXT = st.one_of(
    st.text(max_size=80),
    values().map(json.dumps),
    st.tuples(st.text(max_size=10), values().map(json.dumps), st.text(max_size=10)).map("".join),
    st.sampled_from(["{" * 5000, "{\"a\": " + "1" * 5000 + "}", "```json\n{\"message\": 1}\n```"]),
)


@FUZZ
@given(text=MODEL_TEXT)
@example(text="{" + '"a": ' + "1" * 5000 + "}")  # was ValueError: the int digits limit
@example(text='{"a": ' + "[" * 100_000)  # was RecursionError
def test_model_answers(text: str) -> None:
    found = find_json_object(text)
    assert found is None or isinstance(found, dict)
    answer = parse_answer(text, "calm", 0.5)
    assert 0.0 <= answer.engagement <= 1.0
    for rubric in builtin_rubrics().values():
        parsed_or_clean_error(lambda rubric=rubric: parse_judgement(text, rubric))


class Webhook:
    """A loopback bot answering whatever body and status the example sets, and a connector to
    it; one event loop and one server for every example."""

    def __init__(self) -> None:
        self.runner = asyncio.Runner()
        self.body = b"{}"
        self.status = 200
        self.runner.run(self._start())

    async def _answer(self, _request: web.Request) -> web.Response:
        return web.Response(body=self.body, status=self.status, content_type="application/json")

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/chat", self._answer)
        self.site_runner, url = await serve_on_loopback(app)
        self.session = aiohttp.ClientSession()
        self.url = f"{url}/chat"

    def reply(self, body: bytes, status: int, reply_path: str) -> None:
        self.body, self.status = body, status
        config = HttpBot(kind="http", url=self.url, retries=0, timeout_s=5, reply_path=reply_path)
        connector = WebhookConnector("fuzzed", config, self.session)
        reply = parsed_or_clean_error(lambda: self.runner.run(connector.reply(CONTEXT, "hi")))
        assert reply is None or isinstance(reply.text, str)

    def close(self) -> None:
        self.runner.run(self.session.close())
        self.runner.run(self.site_runner.cleanup())
        self.runner.close()


@pytest.fixture(scope="module")
def webhook() -> Iterator[Webhook]:
    webhook = Webhook()
    yield webhook
    webhook.close()


BODIES = st.one_of(
    PAYLOADS.map(lambda payload: json.dumps(payload).encode()),
    st.binary(max_size=60), st.text(max_size=60).map(str.encode),
    st.sampled_from([b"1" * 5000, b"[" * 100_000, b'{"reply": "\xff\xfe"}', b""]),
)


@FUZZ
@given(body=BODIES, status=st.sampled_from([200, 201, 204, 400, 404, 429, 500, 503]),
       reply_path=st.one_of(st.just("reply"), PATHS))
@example(body=b"1" * 5000, status=200, reply_path="reply")  # was ValueError (digits limit)
@example(body=b"[" * 100_000, status=200, reply_path="reply")  # was RecursionError
def test_webhook_bodies(webhook: Webhook, body: bytes, status: int, reply_path: str) -> None:
    webhook.reply(body, status, reply_path)
