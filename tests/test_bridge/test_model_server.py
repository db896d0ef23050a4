"""The local model server and the stand-in model, through the real `openai` client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import aiohttp
import openai
import pytest
from openai import AsyncOpenAI

from bridge.demo.model_server import Fault, ModelServer, estimate_tokens
from bridge.demo.standin import standin_answer
from simulator.connector import ChatMessage
from simulator.engine import INTENT_MEANINGS, ConversationSetting
from simulator.judge.prompt import conversation_prompt, turn_prompt
from simulator.judge.rubric import Rubric, builtin_rubrics
from simulator.llm import PromptMessage
from simulator.llm_persona.prompt import (
    ANSWER_KEYS,
    OPENING_CUE,
    answer_json,
    transcript_messages,
    verdict_request,
)
from simulator.persona import Persona, builtin_personas
from simulator.text import word_count

PERSONAS = builtin_personas()
RUBRICS = builtin_rubrics()
SHORT_REPLY = "Try a hike around Lake Tahoe this weekend."
LONG_REPLY = "The Gulf Stream carries warm water north along the coast of America. " * 20
FITTING_REPLY = (
    "Thermohaline circulation moves heat poleward through deep water formation in the North "
    "Atlantic. " * 10
)


@pytest.fixture
async def server() -> AsyncIterator[ModelServer]:
    async with ModelServer() as running:
        yield running


@pytest.fixture
async def client(server: ModelServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0) as opened:
        yield opened


def body(messages: Any) -> dict[str, Any]:
    return {"model": "standin",
            "messages": [{"role": m.role, "content": m.content} for m in messages]}


def setting(min_turns: int = 3, max_turns: int = 6, topic: str = "hobbies") -> ConversationSetting:
    return ConversationSetting("conv-1", topic, "relaxed", 7, min_turns, max_turns)


def converse(persona: Persona, conversation: ConversationSetting,
             replies: list[str]) -> Iterator[tuple[list[PromptMessage], dict[str, Any]]]:
    """Play the stand-in persona against fixed bot replies: (prompt, parsed answer) per turn."""
    exchanges: list[tuple[str, str]] = []
    for reply in [*replies, None]:
        messages = transcript_messages(persona, conversation, exchanges)
        answer = json.loads(standin_answer(body(messages)))
        yield messages, answer
        if reply is None:
            return
        sent = answer_json(answer["message"], answer["emotion"], answer["engagement"],
                           answer["intent"])
        exchanges.append((sent, reply))


# --- the server ---------------------------------------------------------------------------


async def test_completion_has_the_openai_shape_and_usage(
    server: ModelServer, client: AsyncOpenAI
) -> None:
    completion = await client.chat.completions.create(
        model="any-model-name", messages=[{"role": "user", "content": "hello there"}],
        temperature=0.3, max_tokens=50,
    )
    assert completion.object == "chat.completion"
    assert completion.id.startswith("chatcmpl-")
    assert completion.model == "any-model-name"
    choice = completion.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content and choice.finish_reason == "stop"
    usage = completion.usage
    assert usage is not None
    assert usage.prompt_tokens == estimate_tokens("hello there") > 0
    assert usage.completion_tokens == estimate_tokens(choice.message.content) > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert server.calls == 1
    assert server.requests[0]["temperature"] == 0.3
    assert server.requests[0]["max_tokens"] == 50
    assert server.requests[0]["messages"] == [{"role": "user", "content": "hello there"}]


async def test_streaming_with_usage(client: AsyncOpenAI) -> None:
    stream = await client.chat.completions.create(
        model="standin", messages=[{"role": "user", "content": "tell me something"}],
        stream=True, stream_options={"include_usage": True},
    )
    text, finishes, usage = "", [], None
    async for chunk in stream:
        assert chunk.model == "standin"
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            if choice.finish_reason:
                finishes.append(choice.finish_reason)
    assert text.startswith("(stand-in model)")
    assert finishes == ["stop"]
    assert usage is not None and usage.completion_tokens == estimate_tokens(text)


async def test_models_and_health(server: ModelServer, client: AsyncOpenAI) -> None:
    models = [model.id async for model in client.models.list()]
    assert models == ["standin"]
    async with aiohttp.ClientSession() as session:
        async with session.get(server.base_url.removesuffix("/v1") + "/health") as response:
            assert response.status == 200
            assert (await response.json())["status"] == "ok"
        async with session.post(f"{server.base_url}/chat/completions", data=b"{nope") as bad:
            assert bad.status == 400
            assert (await bad.json())["error"]["code"] == "invalid_request"


async def test_custom_responder_and_max_tokens() -> None:
    answers = iter(["first", "second " * 40])

    def scripted(_body: dict[str, Any]) -> str:
        return next(answers)

    async with ModelServer(responder=scripted) as server:
        async with AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0) as client:
            messages = [{"role": "user", "content": "hi"}]
            first = await client.chat.completions.create(model="m", messages=messages)
            cut = await client.chat.completions.create(model="m", messages=messages,
                                                       max_tokens=5)
    assert first.choices[0].message.content == "first"
    assert cut.choices[0].finish_reason == "length"
    assert cut.usage is not None and cut.usage.completion_tokens == 5


async def test_a_failing_responder_answers_500() -> None:
    def broken(_body: dict[str, Any]) -> str:
        raise RuntimeError("scripted failure")

    async with ModelServer(responder=broken) as server:
        async with AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0) as client:
            with pytest.raises(openai.InternalServerError, match="scripted failure"):
                await client.chat.completions.create(
                    model="m", messages=[{"role": "user", "content": "hi"}])


async def test_rate_limit_fault_carries_retry_after(server: ModelServer,
                                                    client: AsyncOpenAI) -> None:
    server.fault(Fault.status(429, retry_after=0.05))
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(openai.RateLimitError) as caught:
        await client.chat.completions.create(model="m", messages=messages)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "0.05"
    assert caught.value.code == "rate_limit_exceeded"
    completion = await client.chat.completions.create(model="m", messages=messages)
    assert completion.choices[0].message.content
    assert server.calls == 2 and not server.faults


async def test_faults_are_used_up_in_order() -> None:
    async with ModelServer(faults=[Fault.status(500), Fault.text("not json")]) as server:
        async with AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0) as client:
            messages = [{"role": "user", "content": "hi"}]
            with pytest.raises(openai.InternalServerError):
                await client.chat.completions.create(model="m", messages=messages)
            malformed = await client.chat.completions.create(model="m", messages=messages)
            normal = await client.chat.completions.create(model="m", messages=messages)
    assert malformed.choices[0].message.content == "not json"
    assert normal.choices[0].message.content != "not json"


async def test_delay_fault_trips_the_client_timeout(server: ModelServer) -> None:
    server.faults.extend([Fault.delay(5.0)])
    async with AsyncOpenAI(base_url=server.base_url, api_key="x", max_retries=0,
                           timeout=0.2) as client:
        with pytest.raises(openai.APITimeoutError):
            await client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}])


async def test_close_is_idempotent() -> None:
    server = ModelServer()
    await server.close()
    async with server:
        port = server.port
        await server.start()
        assert server.port == port
    await server.close()
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_faults_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="400-599"):
        Fault.status(200)
    with pytest.raises(ValueError):
        Fault.delay(-1)
    with pytest.raises(ValueError):
        ModelServer(latency_ms=-5)


# --- the stand-in persona -----------------------------------------------------------------


@pytest.mark.parametrize("persona_id", sorted(PERSONAS))
def test_persona_answers_have_the_asked_format(persona_id: str) -> None:
    turns = list(converse(PERSONAS[persona_id], setting(2, 4), [SHORT_REPLY, LONG_REPLY,
                                                                 FITTING_REPLY, SHORT_REPLY]))
    opening = turns[0][1]
    assert opening["intent"] == "opening" and opening["end"] is False
    for _, answer in turns:
        assert tuple(answer) == ANSWER_KEYS
        assert isinstance(answer["message"], str) and answer["message"]
        assert len(answer["emotion"].split()) == 1
        assert 0.0 <= answer["engagement"] <= 1.0
        assert answer["intent"] in INTENT_MEANINGS
        assert isinstance(answer["end"], bool)
    ends = [answer["end"] for _, answer in turns]
    assert not any(ends[:2]), "never before min_turns"
    assert ends[4], "always at max_turns"


def test_casual_opening_is_short_and_lowercase() -> None:
    (_, opening), *_ = converse(PERSONAS["casual_casey"], setting(topic="movies"), [])
    assert word_count(opening["message"]) <= 10
    assert opening["message"] == opening["message"].lower()
    assert "movies" in opening["message"]


def test_technical_opening_asks_for_mechanisms_or_data() -> None:
    (_, opening), *_ = converse(PERSONAS["analytical_alex"], setting(topic="ocean science"), [])
    assert "ocean science" in opening["message"]
    assert any(w in opening["message"] for w in ("mechanism", "data", "numbers", "measured"))


def test_follow_up_quotes_the_reply_or_pushes_back_on_its_length() -> None:
    alex = PERSONAS["analytical_alex"]
    (_, _), (_, follow_up), *_ = converse(alex, setting(5, 9), [FITTING_REPLY])
    assert "Thermohaline circulation" in follow_up["message"] or "North Atlantic" in (
        follow_up["message"])
    assert follow_up["intent"] != "complain"
    casey = PERSONAS["casual_casey"]
    (_, opening), (_, complaint), *_ = converse(casey, setting(5, 9), [LONG_REPLY])
    assert complaint["intent"] == "complain"
    assert complaint["engagement"] < opening["engagement"]


def test_end_is_true_at_max_turns_and_verdict_reflects_fit() -> None:
    casey = PERSONAS["casual_casey"]
    turns = list(converse(casey, setting(1, 3), [SHORT_REPLY] * 3))
    assert turns[-1][1]["end"] is True
    messages = [*turns[-1][0], PromptMessage("user", verdict_request())]
    happy = json.loads(standin_answer(body(messages)))
    assert set(happy) == {"satisfaction", "reason"}
    assert happy["satisfaction"] in range(1, 6) and happy["reason"]
    unhappy_turns = list(converse(casey, setting(1, 3), [LONG_REPLY] * 3))
    unhappy = json.loads(standin_answer(
        body([*unhappy_turns[-1][0], PromptMessage("user", verdict_request())])))
    assert 1 <= unhappy["satisfaction"] < happy["satisfaction"] <= 5


def test_stand_in_is_deterministic_and_varies_with_the_conversation() -> None:
    evan = PERSONAS["explorer_evan"]
    messages = transcript_messages(evan, setting(5, 9), [("{}", FITTING_REPLY)])
    assert standin_answer(body(messages)) == standin_answer(body(messages))
    opening = body(transcript_messages(evan, setting(topic="travel"), []))
    openings = {json.loads(standin_answer({**opening, "seed": seed}))["message"]
                for seed in range(12)}
    assert len(openings) > 1, "the request's seed varies the wording"


async def test_persona_through_the_openai_client(client: AsyncOpenAI) -> None:
    messages = transcript_messages(PERSONAS["emotional_emma"], setting(topic="relationships"),
                                   [])
    completion = await client.chat.completions.create(
        model="standin", messages=[{"role": m.role, "content": m.content} for m in messages],
        temperature=0.8,
    )
    answer = json.loads(completion.choices[0].message.content or "")
    assert answer["intent"] == "opening" and "relationships" in answer["message"]
    assert messages[1].content == OPENING_CUE


# --- the stand-in judge -------------------------------------------------------------------


def check_scores(rubric: Rubric, answer: dict[str, Any]) -> dict[str, float]:
    scores = answer["scores"]
    assert set(scores) == {criterion.name for criterion in rubric.criteria}
    assert answer["reason"]
    for criterion in rubric.criteria:
        value = scores[criterion.name]
        assert criterion.min <= value <= criterion.max
        if criterion.max - criterion.min >= 2:
            assert isinstance(value, int)
        else:
            assert round(value, 2) == value
    return scores


@pytest.mark.parametrize("reply", [SHORT_REPLY, LONG_REPLY, ""])
def test_judge_scores_every_turn_criterion_within_its_scale(reply: str) -> None:
    rubric = RUBRICS["reply_quality"]
    messages = turn_prompt(rubric, PERSONAS["casual_casey"], "hobbies", [],
                           "any ideas for a hike this weekend?", reply)
    check_scores(rubric, json.loads(standin_answer(body(messages))))


def test_judge_prefers_the_reply_that_answers_the_user() -> None:
    rubric = RUBRICS["reply_quality"]

    def score(reply: str) -> float:
        messages = turn_prompt(rubric, PERSONAS["casual_casey"], "hobbies", [],
                               "any ideas for a hike this weekend?", reply)
        return check_scores(rubric, json.loads(standin_answer(body(messages))))["overall"]

    assert score(SHORT_REPLY) > score(LONG_REPLY) > score("")


def test_judge_scores_a_conversation() -> None:
    rubric = RUBRICS["training_value"]
    history = [ChatMessage("user", "any good movies this weekend?"),
               ChatMessage("assistant", "Dune Part Two is a great movie for the weekend."),
               ChatMessage("user", "cool, is it long?"),
               ChatMessage("assistant", "Yes, it is long:\n166 minutes.")]
    messages = conversation_prompt(rubric, PERSONAS["casual_casey"], "movies", history)
    answer = standin_answer(body(messages))
    assert answer == standin_answer(body(messages))
    check_scores(rubric, json.loads(answer))


@pytest.mark.parametrize("make", [
    lambda: turn_prompt(RUBRICS["reply_quality"], PERSONAS["analytical_alex"], "AI research",
                        [], "what is backpropagation?", "Gradient descent on a loss."),
    lambda: conversation_prompt(RUBRICS["training_value"], PERSONAS["emotional_emma"],
                                "relationships", []),
])
def test_judge_handles_odd_prompts(make: Callable[[], tuple[PromptMessage, ...]]) -> None:
    messages = make()
    rubric = RUBRICS["reply_quality" if "reply_quality" in messages[0].content
                     else "training_value"]
    check_scores(rubric, json.loads(standin_answer(body(messages))))
