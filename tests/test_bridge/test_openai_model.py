"""OpenAIModel through the real openai SDK against the local model server: answers and
token counts, retries on 429 honouring Retry-After, timeouts, what is never retried, and
the endpoint and pool that hand out models."""

from __future__ import annotations

import asyncio

import pytest

from bridge.demo.model_server import Fault, ModelServer, estimate_tokens
from bridge.models import LLMEndpoint, ModelPool
from bridge.openai_model import OpenAIModel
from bridge.rate_limit import RateLimiter
from bridge.rate_limit import estimate_tokens as estimate_call_tokens
from bridge.retry import RetryPolicy, parse_retry_after
from simulator.errors import ConfigError, ModelError
from simulator.llm import CompletionRequest, PromptMessage
from tests.faults_support import FaultyBotServer
from tests.llm_support import openai_model

REQUEST = CompletionRequest(
    (PromptMessage("system", "Answer briefly."), PromptMessage("user", "hello there")),
    purpose="judge",
)
SLOW_BACKOFF = RetryPolicy(retries=3, base_delay_s=1000.0, max_delay_s=1000.0)
"""Backoff so long that a test using it only finishes if Retry-After is honoured."""


async def test_a_completion_carries_text_model_and_the_servers_token_counts() -> None:
    async with ModelServer(responder=lambda _body: "a plain answer") as server, \
            openai_model(server, "gpt-test") as model:
        completion = await model.complete(REQUEST)
    assert completion.text == "a plain answer"
    assert completion.model == "gpt-test"
    assert completion.prompt_tokens == estimate_tokens("Answer briefly.") + estimate_tokens(
        "hello there")
    assert completion.completion_tokens == estimate_tokens("a plain answer")
    assert completion.latency_ms > 0
    sent = server.requests[0]
    assert sent["model"] == "gpt-test"
    assert sent["messages"] == [{"role": "system", "content": "Answer briefly."},
                                {"role": "user", "content": "hello there"}]


async def test_seed_temperature_and_max_tokens_reach_the_server() -> None:
    tuned = CompletionRequest(REQUEST.messages, "persona", "conv-1", max_tokens=77,
                              temperature=0.25, seed=1234)
    async with ModelServer() as server, openai_model(server) as model:
        await model.complete(tuned)
        await model.complete(REQUEST)
    assert (server.requests[0]["seed"], server.requests[0]["temperature"]) == (1234, 0.25)
    assert server.requests[0]["max_tokens"] == 77
    assert "seed" not in server.requests[1] and "temperature" not in server.requests[1]
    assert server.requests[1]["max_tokens"] == REQUEST.max_tokens


async def test_a_429_storm_is_retried_after_the_servers_retry_after() -> None:
    storm = [Fault.status(429, retry_after=0.01)] * 3
    async with ModelServer(faults=storm, responder=lambda _body: "made it") as server, \
            openai_model(server, retry=SLOW_BACKOFF) as model:
        # Backoff alone would wait up to 1000 s; the guard turns a hang into a failure.
        async with asyncio.timeout(30):
            completion = await model.complete(REQUEST)
    assert completion.text == "made it"
    assert server.calls == 4


async def test_a_429_storm_longer_than_the_retries_gives_up_with_the_details() -> None:
    storm = [Fault.status(429, retry_after=0.01)] * 5
    retry = RetryPolicy(retries=2, base_delay_s=0.001)
    async with ModelServer(faults=storm) as server, openai_model(server, retry=retry) as model:
        with pytest.raises(ModelError) as caught:
            await model.complete(REQUEST)
    error = caught.value
    assert error.status == 429 and error.retryable
    assert error.retry_after == 0.01
    assert error.attempts == server.calls == 3
    assert "HTTP 429" in str(error) and "after 3 attempts" in str(error)
    assert len(server.faults) == 2


def test_retry_policy_delay_follows_retry_after_up_to_its_cap() -> None:
    policy = RetryPolicy(base_delay_s=100.0, max_delay_s=100.0, max_retry_after_s=2.0)
    assert policy.delay(0, ModelError("x", retryable=True, retry_after=0.05)) == 0.05
    assert policy.delay(3, ModelError("x", retryable=True, retry_after=0.0)) == 0.0
    assert policy.delay(0, ModelError("x", retryable=True, retry_after=500.0)) == 2.0
    jittered = RetryPolicy(base_delay_s=0.5, max_delay_s=3.0)
    without = ModelError("x", retryable=True)
    assert all(0 <= jittered.delay(0, without) <= 0.5 for _ in range(50))
    assert all(0 <= jittered.delay(10, without) <= 3.0 for _ in range(50))


@pytest.mark.parametrize(("header", "seconds"), [
    ("0.05", 0.05), ("2", 2.0), ("-3", 0.0), ("", None), (None, None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", None),
])
def test_parse_retry_after(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds


async def test_a_server_slower_than_the_timeout_is_a_retryable_model_error() -> None:
    faults = [Fault.delay(30.0), Fault.delay(30.0)]
    retry = RetryPolicy(retries=1, base_delay_s=0.001)
    async with ModelServer(faults=faults) as server, \
            openai_model(server, timeout_s=0.2, retry=retry) as model:
        with pytest.raises(ModelError) as caught:
            await model.complete(REQUEST)
    error = caught.value
    assert error.retryable and error.status is None
    assert error.attempts == server.calls == 2
    assert "did not answer within 0.2 s" in str(error)


@pytest.mark.parametrize("status", [400, 401, 404])
async def test_client_errors_are_not_retried(status: int) -> None:
    async with ModelServer(faults=[Fault.status(status)]) as server, \
            openai_model(server) as model:
        with pytest.raises(ModelError) as caught:
            await model.complete(REQUEST)
    assert caught.value.status == status
    assert not caught.value.retryable
    assert caught.value.attempts == 1 and server.calls == 1


async def test_server_errors_are_retried() -> None:
    faults = [Fault.status(503), Fault.status(500)]
    async with ModelServer(faults=faults, responder=lambda _body: "back") as server, \
            openai_model(server) as model:
        completion = await model.complete(REQUEST)
    assert completion.text == "back" and server.calls == 3


async def closed_endpoint() -> str:
    async with ModelServer() as server:
        return server.base_url


async def test_an_unreachable_endpoint_is_a_retryable_model_error() -> None:
    model = OpenAIModel("standin", base_url=await closed_endpoint(),
                        retry=RetryPolicy(retries=1, base_delay_s=0.001))
    try:
        with pytest.raises(ModelError) as caught:
            await model.complete(REQUEST)
    finally:
        await model.close()
    assert caught.value.retryable and caught.value.attempts == 2
    assert caught.value.status is None


async def test_an_unreachable_endpoint_is_reported_as_unreachable() -> None:
    model = OpenAIModel("standin", base_url=await closed_endpoint(), timeout_s=60.0,
                        retry=RetryPolicy(retries=0))
    try:
        with pytest.raises(ModelError) as caught:
            await model.complete(REQUEST)
    finally:
        await model.close()
    assert "unreachable" in str(caught.value)
    assert "did not answer within" not in str(caught.value)


async def test_a_call_larger_than_the_token_budget_waits_for_a_full_bucket() -> None:
    limiter = RateLimiter(requests_per_minute=60, tokens_per_minute=100)
    async with asyncio.timeout(30):  # aiolimiter refuses amounts above its capacity
        await limiter.acquire(10_000)
    assert estimate_call_tokens(prompt_chars=400, max_tokens=300) == 400


async def test_fewer_than_one_request_per_minute_still_lets_the_first_call_through() -> None:
    limiter = RateLimiter(requests_per_minute=0.5)
    async with asyncio.timeout(30):
        await limiter.acquire(10)


def test_an_endpoint_without_key_or_url_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("SPARRING_TEST_LLM_KEY", raising=False)
    endpoint = LLMEndpoint(api_key_env="SPARRING_TEST_LLM_KEY")
    with pytest.raises(ConfigError, match=r"SPARRING_TEST_LLM_KEY is not set.*--llm-base-url"):
        endpoint.api_key()
    assert LLMEndpoint("http://127.0.0.1:9/v1", "SPARRING_TEST_LLM_KEY").api_key() is None
    monkeypatch.setenv("SPARRING_TEST_LLM_KEY", "sk-from-env")
    assert endpoint.api_key() == "sk-from-env"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert endpoint.resolved_base_url == "http://127.0.0.1:9/v1"
    assert LLMEndpoint("http://127.0.0.1:8/v1").resolved_base_url == "http://127.0.0.1:8/v1"


async def test_the_pool_opens_one_client_per_model_and_closes_them_all() -> None:
    async with ModelServer() as server:
        async with ModelPool(LLMEndpoint(base_url=server.base_url)) as pool:
            persona, judge = pool.model("persona-model"), pool.model("judge-model")
            assert pool.model("persona-model") is persona and judge is not persona
            completion = await judge.complete(REQUEST)
            assert completion.model == "judge-model"
        await pool.aclose()  # idempotent
    assert [body["model"] for body in server.requests] == ["judge-model"]


@pytest.mark.parametrize(("fault", "problem"), [
    ("trickle", "model 'm' did not answer within 0.5 s"),
    ("invalid-json", "model 'm' answered with a body that is not JSON: "
                     "'<html>Internal oops</html>'"),
    ("latin1", "model 'm': unreadable answer: 'utf-8' codec can't decode byte 0xe9"),
])
async def test_a_misbehaving_model_is_a_one_line_model_error(
    faulty: FaultyBotServer, fault: str, problem: str
) -> None:
    model = OpenAIModel("m", base_url=f"{faulty.url}/{fault}", timeout_s=0.5,
                        retry=RetryPolicy(retries=0))
    try:
        with pytest.raises(ModelError) as caught:
            await asyncio.wait_for(model.complete(REQUEST), 15)  # the trickle lasts minutes
    finally:
        await model.close()
    assert str(caught.value).startswith(problem)
    assert "\n" not in str(caught.value)
