"""The built-in demo bots: their voices, and the HTTP server over real local sockets."""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from collections.abc import AsyncIterator

import aiohttp
import openai
import pytest
from openai import AsyncOpenAI

from bridge.demo import DEMO_BOTS, DemoBotServer, UnknownBotError, compose_reply
from bridge.demo.grammar import DYNAMIC_SLOTS, Filler, expand
from bridge.demo.voices import VOICES
from simulator.text import word_count

MESSAGES = (
    "hey",
    "What's the best camera for travel photography?",
    "Tell me about bioluminescence in the deep sea.",
    "Why do neural networks need so much data? I've read about scaling laws but I'm not sure "
    "how gradient descent interacts with dataset size, or whether more compute always helps "
    "or whether there are diminishing returns at some point.",
    "ok cool",
    "Can you recommend a weekend hike near Seattle?",
    "What movies do you like?",
    "How do coral reefs recover after bleaching events?",
    "I'm working on a fantasy world and need help with the lore of its northern kingdoms.",
    "Do you think remote work is here to stay?",
)
SAD = (
    "I'm feeling really sad and lonely since my dog died last week.",
    "I'm so anxious about my exams, I can't sleep and I feel overwhelmed.",
    "I've been stuck on my novel for months and it's so frustrating.",
)
EMPATHY = re.compile(
    r"sorry|I hear|understand|valid|makes (?:total |complete )?sense|okay to feel|warmth|"
    r"stressful|heavy|heard|gentle",
    re.IGNORECASE,
)


def words(text: str) -> int:
    return word_count(text)


def mean_words(bot: str, messages: tuple[str, ...], prefix: str = "", suffix: str = "") -> float:
    return statistics.mean(words(compose_reply(bot, prefix + m + suffix)) for m in messages)


@pytest.fixture
async def server() -> AsyncIterator[DemoBotServer]:
    async with DemoBotServer() as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def client(server: DemoBotServer) -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(
        base_url=server.openai_base_url, api_key="demo", max_retries=0
    ) as openai_client:
        yield openai_client


# --- the voices -------------------------------------------------------------------------


def test_compose_is_deterministic_and_depends_on_its_inputs() -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello!"}]
    for bot in DEMO_BOTS:
        first = compose_reply(bot, "How do coral reefs recover?", history)
        assert first == compose_reply(bot, "How do coral reefs recover?", history)
        assert first == compose_reply(bot, "How do coral reefs recover?", [
            ("user", "hi"), ("assistant", "hello!"),
        ])
        assert first != compose_reply(bot, "How do coral reefs recover?")
        assert first != compose_reply(bot, "How do kelp forests recover?", history)


def test_unknown_bot_is_refused() -> None:
    with pytest.raises(UnknownBotError):
        compose_reply("hal9000", "open the pod bay doors")


def test_every_template_expands() -> None:
    rng = random.Random(7)
    fixed = {"topic": "coral", "topic2": "reefs", "echo": "coral and reefs"}
    for voice in VOICES.values():
        filler = Filler(fixed, voice.slots, rng)
        pools = [
            voice.greetings, voice.thanks, voice.answer_open, voice.answer_yesno,
            voice.statement, voice.brief, voice.body, voice.detail, voice.ask, voice.check_in,
            voice.close, *voice.comfort.values(), *voice.slots.values(),
        ]
        for pool in pools:
            assert pool, voice.bot_id
            for template in pool:
                text = expand(template, filler)
                assert "{" not in text and "}" not in text, (voice.bot_id, template)
        assert not DYNAMIC_SLOTS & set(voice.slots)
        assert len(voice.terms) >= 10


def test_bots_differ_in_length() -> None:
    means = {bot: mean_words(bot, MESSAGES) for bot in DEMO_BOTS}
    assert means["jake"] < means["elena"] < means["marcus"]
    assert means["jake"] < means["dream"] < means["marcus"]
    for bot, (low, high) in ((b, VOICES[b].band) for b in DEMO_BOTS):
        assert low * 0.9 <= means[bot] <= high, bot


def test_reply_length_follows_message_length() -> None:
    for bot in DEMO_BOTS:
        short = mean_words(bot, ("hi", "ok", "cool!", "go on", "nice"))
        long = mean_words(bot, (MESSAGES[3], MESSAGES[3] + " Also, what about data quality?"))
        assert short < long, bot


def test_replies_reuse_the_message_words() -> None:
    for bot in DEMO_BOTS:
        for message, word in (
            ("How do coral reefs recover after bleaching events?", "coral"),
            ("Tell me about bioluminescence in the deep sea.", "bioluminescence"),
            ("Can you recommend a weekend hike near Seattle?", "Seattle"),
        ):
            assert word.lower() in compose_reply(bot, message).lower(), (bot, message)


def test_elena_and_dream_acknowledge_feelings() -> None:
    for bot in ("elena", "dream"):
        for message in SAD:
            assert EMPATHY.search(compose_reply(bot, message)), (bot, message)
    neutral = [compose_reply("elena", m) for m in MESSAGES if m != "hey"]
    assert sum(bool(EMPATHY.search(reply)) for reply in neutral) <= 2
    for message in SAD:  # Jake brushes it off and moves on, still brief
        assert words(compose_reply("jake", message)) <= 50


def test_short_version_request_shortens() -> None:
    for bot in DEMO_BOTS:
        normal = mean_words(bot, MESSAGES)
        brief = mean_words(bot, MESSAGES, prefix="Short version please: ")
        tldr = mean_words(bot, MESSAGES, suffix=" tl;dr?")
        assert brief < 0.7 * normal, bot
        assert tldr < 0.7 * normal, bot


def test_later_turns_stay_shorter_after_a_brevity_request() -> None:
    history = [
        {"role": "user", "content": "That was too long. Short version?"},
        {"role": "assistant", "content": "Sure."},
    ]
    for bot in ("elena", "marcus", "dream"):
        fresh = statistics.mean(words(compose_reply(bot, m)) for m in MESSAGES)
        after = statistics.mean(words(compose_reply(bot, m, history)) for m in MESSAGES)
        assert after < fresh, bot


def test_detail_request_lengthens() -> None:
    for bot in DEMO_BOTS:
        normal = mean_words(bot, MESSAGES)
        detailed = mean_words(bot, MESSAGES, suffix=" Please go into more detail, with sources.")
        assert detailed > 1.2 * normal, bot


def test_questions_get_answers_and_jake_shouts() -> None:
    assert compose_reply("jake", "Is Iceland worth it?").count("!") >= 2
    marcus = compose_reply("marcus", MESSAGES[3])
    assert re.search(r"^1\. ", marcus, re.MULTILINE) and re.search(r"^2\. ", marcus, re.MULTILINE)
    assert "thou" in compose_reply("dream", "What is a dream?").lower()


def test_composing_is_cheap() -> None:
    calls = [(bot, message) for bot in DEMO_BOTS for message in MESSAGES + SAD] * 8
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for bot, message in calls:
            compose_reply(bot, message)
        best = min(best, (time.process_time() - started) / len(calls))
    assert best < 0.0005  # the budget is 0.3 ms; typically ~0.1 ms, slack for slow runners


# --- the server -------------------------------------------------------------------------


@pytest.mark.parametrize("bot", DEMO_BOTS)
async def test_each_bot_answers_on_both_routes(
    bot: str, server: DemoBotServer, client: AsyncOpenAI, http: aiohttp.ClientSession
) -> None:
    message = "What should I learn about first?"
    completion = await client.chat.completions.create(
        model=bot, messages=[{"role": "user", "content": message}]
    )
    content = completion.choices[0].message.content
    assert content == compose_reply(bot, message)
    assert completion.model == bot
    assert completion.object == "chat.completion"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.choices[0].message.role == "assistant"
    assert completion.usage is not None
    assert completion.usage.completion_tokens == round(words(content) * 4 / 3)
    assert completion.usage.prompt_tokens == round(words(message) * 4 / 3)

    async with http.post(server.chat_url(bot), json={"message": message}) as response:
        assert response.status == 200
        body = await response.json()
    assert body["bot"] == bot
    assert body["reply"] == content
    assert isinstance(body["conversation_id"], str)


async def test_openai_route_uses_the_history(client: AsyncOpenAI) -> None:
    history = [
        {"role": "system", "content": "You are a demo."},
        {"role": "user", "content": "Hi!"},
        {"role": "assistant", "content": "Hello there."},
    ]
    completion = await client.chat.completions.create(
        model="elena", messages=[*history, {"role": "user", "content": "Tell me about kelp."}]
    )
    expected = compose_reply("elena", "Tell me about kelp.", history[1:])
    assert completion.choices[0].message.content == expected


async def test_webhook_remembers_a_conversation(
    server: DemoBotServer, http: aiohttp.ClientSession
) -> None:
    url = server.chat_url("dream")
    async with http.post(url, json={"message": "Hello", "conversation_id": "c-1"}) as response:
        first = (await response.json())["reply"]
    async with http.post(url, json={"message": "What is fear?", "conversation_id": "c-1"}) as r:
        second = await r.json()
    assert second["conversation_id"] == "c-1"
    history = [("user", "Hello"), ("assistant", first)]
    assert second["reply"] == compose_reply("dream", "What is fear?", history)
    explicit = {"message": "What is fear?", "history": [], "conversation_id": "c-1"}
    async with http.post(url, json=explicit) as response:
        assert (await response.json())["reply"] == compose_reply("dream", "What is fear?")


async def test_models_and_health(
    server: DemoBotServer, client: AsyncOpenAI, http: aiohttp.ClientSession
) -> None:
    models = await client.models.list()
    assert [model.id for model in models.data] == list(DEMO_BOTS)
    assert (await client.models.retrieve("jake")).id == "jake"
    async with http.get(f"{server.base_url}/health") as response:
        assert await response.json() == {"status": "ok", "bots": list(DEMO_BOTS)}


async def test_streaming_matches_the_plain_reply(client: AsyncOpenAI) -> None:
    messages = [{"role": "user", "content": "How does a transformer architecture work?"}]
    plain = await client.chat.completions.create(model="marcus", messages=messages)
    stream = await client.chat.completions.create(
        model="marcus", messages=messages, stream=True, stream_options={"include_usage": True}
    )
    pieces: list[str] = []
    finish: str | None = None
    usage = None
    async for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
            finish = choice.finish_reason or finish
    assert len(pieces) > 10
    assert "".join(pieces) == plain.choices[0].message.content
    assert finish == "stop"
    assert usage == plain.usage


async def test_max_tokens_truncates(client: AsyncOpenAI) -> None:
    completion = await client.chat.completions.create(
        model="marcus", messages=[{"role": "user", "content": "Explain attention."}],
        max_tokens=20,
    )
    assert completion.choices[0].finish_reason == "length"
    assert len((completion.choices[0].message.content or "").split()) == 15


async def test_unknown_bot_is_404(
    server: DemoBotServer, client: AsyncOpenAI, http: aiohttp.ClientSession
) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        await client.chat.completions.create(
            model="hal9000", messages=[{"role": "user", "content": "hi"}]
        )
    assert caught.value.code == "model_not_found"
    async with http.post(server.chat_url("hal9000"), json={"message": "hi"}) as response:
        assert response.status == 404
        assert "hal9000" in (await response.json())["error"]


async def test_malformed_requests_are_400(
    server: DemoBotServer, http: aiohttp.ClientSession, client: AsyncOpenAI
) -> None:
    completions = f"{server.openai_base_url}/chat/completions"
    async with http.post(completions, data=b"{not json") as response:
        assert response.status == 400
        error = (await response.json())["error"]
        assert error["type"] == "invalid_request_error" and error["code"] == "invalid_json"
        assert error["message"]
    async with http.post(completions, json={"model": "jake", "messages": "hi"}) as response:
        assert response.status == 400
    with pytest.raises(openai.BadRequestError):
        await client.chat.completions.create(
            model="jake", messages=[{"role": "assistant", "content": "no user here"}]
        )
    for body in (b"{not json", b'{"message": 3}', b"[]"):
        async with http.post(server.chat_url("jake"), data=body) as response:
            assert response.status == 400
            assert isinstance((await response.json())["error"], str)
    assert server.request_count == 0  # refused requests are not counted


async def _failures(fail_rate: float, requests: int) -> tuple[int, int]:
    async with DemoBotServer(fail_rate=fail_rate) as server, aiohttp.ClientSession() as http:

        async def one(i: int) -> int:
            body = {"message": f"message {i}"}
            async with http.post(server.chat_url("jake"), json=body) as response:
                if response.status == 503:
                    assert "error" in await response.json()
                return response.status

        statuses = await asyncio.gather(*(one(i) for i in range(requests)))
        assert set(statuses) <= {200, 503}
        return statuses.count(503), server.failure_count


async def test_fail_rate_is_roughly_right_and_reproducible() -> None:
    failed, counted = await _failures(0.5, 60)
    assert 18 <= failed <= 42
    assert counted == failed
    assert await _failures(0.5, 60) == (failed, counted)
    assert (await _failures(0.0, 10))[0] == 0
    assert (await _failures(1.0, 10))[0] == 10


async def test_fail_rate_on_the_openai_route() -> None:
    async with (
        DemoBotServer(fail_rate=1.0) as server,
        AsyncOpenAI(base_url=server.openai_base_url, api_key="demo", max_retries=0) as client,
    ):
        with pytest.raises(openai.InternalServerError) as caught:
            await client.chat.completions.create(
                model="elena", messages=[{"role": "user", "content": "hi"}]
            )
    assert caught.value.status_code == 503


async def test_latency_options_delay_replies() -> None:
    async with (
        DemoBotServer(latency_ms=120, latency_per_word_ms=2) as server,
        aiohttp.ClientSession() as http,
    ):
        started = time.perf_counter()
        async with http.post(server.chat_url("jake"), json={"message": "hi"}) as response:
            reply = (await response.json())["reply"]
        elapsed = time.perf_counter() - started
    assert elapsed >= 0.12 + 0.002 * len(reply.split()) - 0.005
    assert elapsed < 1.0


async def test_streaming_latency_gives_a_time_to_first_token() -> None:
    async with (
        DemoBotServer(latency_ms=80, latency_per_word_ms=3) as server,
        AsyncOpenAI(base_url=server.openai_base_url, api_key="demo", max_retries=0) as client,
    ):
        started = time.perf_counter()
        stream = await client.chat.completions.create(
            model="elena", messages=[{"role": "user", "content": "Tell me about tides."}],
            stream=True,
        )
        first: float | None = None
        text = ""
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                first = first or time.perf_counter() - started
                text += chunk.choices[0].delta.content
        total = time.perf_counter() - started
    assert first is not None and first >= 0.075
    assert total >= 0.08 + 0.003 * len(text.split()) * 0.9


async def test_start_and_close_are_idempotent() -> None:
    server = DemoBotServer()
    with pytest.raises(RuntimeError):
        _ = server.port
    await server.start()
    port = server.port
    await server.start()
    assert server.port == port
    assert server.base_url == f"http://127.0.0.1:{port}"
    assert server.openai_base_url == f"http://127.0.0.1:{port}/v1"
    assert server.chat_url("jake") == f"http://127.0.0.1:{port}/bots/jake/chat"
    await server.close()
    await server.close()
    assert not server.started
    with pytest.raises(ValueError):
        DemoBotServer(fail_rate=1.5)
