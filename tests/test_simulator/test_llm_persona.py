"""The `llm` persona engine over the real openai client and the local model server: the
prompt, the transcript, turn bounds, guarded re-asks, plain-text answers and the verdict."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bridge.demo.model_server import ModelServer
from bridge.demo.standin import standin_answer
from simulator.engine import INTENT_MEANINGS, ConversationSetting, UserMessage, Verdict
from simulator.errors import ModelError
from simulator.llm_persona.engine import (
    LLMPersonaEngine,
    LLMPersonaSession,
    PersonaGuardError,
    parse_answer,
    sounds_like_assistant,
)
from simulator.llm_persona.guards import correction
from simulator.llm_persona.prompt import (
    NO_ANSWER,
    OPENING_CUE,
    PERSONA_PROMPT_MARK,
    TRANSCRIPT_HEADER,
    too_early_nudge,
    verdict_request,
)
from simulator.persona import builtin_personas
from tests.llm_support import Responder, Script, openai_model, persona_answer

PERSONAS = builtin_personas()
CASEY = PERSONAS["casual_casey"]
BIG_SEED = 2**40 + 12345
BRIEF_REPLIES = [
    "Dune Part Two is great fun, and it is on at the Rialto tonight.",
    "Board games are a good pick: try Ticket to Ride with friends.",
    "A short hike up the hill behind town takes about an hour.",
    "Sure, pizza and a movie at home is a fine plan for Saturday.",
    "Climbing gyms often have a free first session on weekends.",
    "Try a new café each Sunday, it makes a nice little ritual.",
]


def setting(min_turns: int = 2, max_turns: int = 4, topic: str = "movies",
            seed: int = BIG_SEED) -> ConversationSetting:
    return ConversationSetting("conv-llm-1", topic, "relaxed", seed, min_turns, max_turns)


@asynccontextmanager
async def session_on(
    responder: Responder = standin_answer, situation: ConversationSetting | None = None,
) -> AsyncIterator[tuple[ModelServer, LLMPersonaSession]]:
    async with ModelServer(responder=responder) as server, openai_model(server) as model:
        yield server, LLMPersonaEngine(model).session(CASEY, situation or setting())


def last_messages(body: dict[str, Any], count: int) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in body["messages"][-count:]]


def asked(body: dict[str, Any]) -> str:
    """The one `user` message of a persona request (the transcript and the request)."""
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user"]
    content = body["messages"][1]["content"]
    assert isinstance(content, str)
    return content


async def test_the_system_prompt_names_the_persona_topic_and_preferences() -> None:
    async with session_on() as (server, session):
        await session.opening()
    sent = server.requests[0]
    system, cue = sent["messages"]
    assert system["role"] == "system"
    prompt = system["content"]
    assert prompt.startswith(PERSONA_PROMPT_MARK)
    for expected in ("name: Casual Casey", "topic: movies", "brief (about",
                     "writes in a style that is: casual", "formality: friendly",
                     "hobbies, weekend plans, movies", "feeling at the start: relaxed",
                     "at least 2, at most 4", "never the assistant"):
        assert expected in prompt
    assert cue == {"role": "user", "content": OPENING_CUE}
    assert sent["seed"] == BIG_SEED & 0x7FFFFFFF
    assert sent["temperature"] == 0.9


async def test_the_conversation_reaches_the_model_as_a_labelled_transcript() -> None:
    script = Script(persona_answer("any good movies on?", intent="opening"),
                    persona_answer("oh nice, is it long?", emotion="interested"))
    async with session_on(script) as (server, session):
        first = await session.opening()
        second = await session.next_message("Dune Part Two is on tonight.")
    assert (first.text, second.text) == ("any good movies on?", "oh nice, is it long?")
    assert asked(server.requests[0]) == OPENING_CUE
    content = asked(server.requests[1])
    assert content.startswith(f"{TRANSCRIPT_HEADER}\nYOU (Casual Casey): any good movies on?\n"
                              "ASSISTANT: Dune Part Two is on tonight.\n\n")
    assert "next message of Casual Casey, the user" in content


async def test_a_stand_in_conversation_stays_in_character_and_carries_the_json_state() -> None:
    script = Script()  # records the stand-in's answers
    situation = setting(min_turns=2, max_turns=5)
    async with session_on(script, situation) as (server, session):
        sent: list[UserMessage] = [await session.opening()]
        replies = iter(BRIEF_REPLIES)
        while (message := await session.next_message(next(replies))) is not None:
            sent.append(message)
    assert 2 <= len(sent) <= 5
    for message, given in zip(sent, script.given, strict=False):
        answer = json.loads(given)
        assert message.text == answer["message"] and message.text.strip()
        assert not sounds_like_assistant(message.text)
        assert message.emotion == answer["emotion"]
        assert message.engagement == answer["engagement"]
        assert message.intent in INTENT_MEANINGS
    assert sent[0].intent == "opening"
    given_intents = [json.loads(given)["intent"] for given in script.given[1:len(sent)]]
    assert [message.intent for message in sent[1:]] == given_intents
    if len(sent) < situation.max_turns:  # the persona left: its last answer said so
        assert json.loads(script.given[-1])["end"] is True
        assert server.calls == len(sent) + 1
    else:  # at the maximum the session ends without asking
        assert server.calls == len(sent)


async def test_leaving_before_min_turns_is_overruled_with_a_re_ask() -> None:
    leaving = persona_answer("ok bye", emotion="bored", end=True)
    script = Script(persona_answer("movies?", intent="opening"), leaving,
                    persona_answer("fine, what else is on?", emotion="bored", intent="react"))
    async with session_on(script, setting(min_turns=3, max_turns=5)) as (server, session):
        await session.opening()
        message = await session.next_message("Dune is on tonight.")
    assert message is not None
    assert (message.text, message.intent, message.emotion) == (
        "fine, what else is on?", "react", "bored")
    assert server.calls == 3
    assert asked(server.requests[2]).endswith(f"\n{too_early_nudge()}")
    assert not asked(server.requests[1]).endswith(too_early_nudge())


async def test_an_opening_that_wants_to_leave_is_asked_again() -> None:
    script = Script(persona_answer("", end=True), persona_answer("movies tonight?"))
    async with session_on(script) as (server, session):
        opening = await session.opening()
    assert opening.text == "movies tonight?" and opening.intent == "opening"
    assert server.calls == 2
    assert asked(server.requests[1]) == f"{OPENING_CUE}\n{too_early_nudge()}"


async def test_leaving_after_min_turns_ends_the_session_without_a_re_ask() -> None:
    script = Script(persona_answer("movies?"), persona_answer("cool thx", end=True))
    async with session_on(script, setting(min_turns=1, max_turns=5)) as (server, session):
        await session.opening()
        assert await session.next_message("Dune is on tonight.") is None
    assert server.calls == 2


async def test_the_session_ends_at_max_turns_without_asking() -> None:
    script = Script(persona_answer("movies?"), persona_answer("and tomorrow?"),
                    persona_answer("never asked"))
    async with session_on(script, setting(min_turns=1, max_turns=2)) as (server, session):
        await session.opening()
        assert await session.next_message(BRIEF_REPLIES[0]) is not None
        calls = server.calls
        assert await session.next_message(BRIEF_REPLIES[1]) is None
    assert calls == server.calls == 2
    assert script.answers == [persona_answer("never asked")]


@pytest.mark.parametrize("slip", [
    "Hi there! How can I help you today?",
    "As an AI, I think movies are great.",
    "I'd be happy to help you pick a film.",
    "Let me know if you need anything else!",
    "Is there anything else you would like to talk about?",
])
async def test_an_assistant_voiced_answer_is_re_asked_with_a_correction(slip: str) -> None:
    wrong = persona_answer(slip, intent="opening")
    script = Script(wrong, persona_answer("any good movies out?", intent="opening"))
    async with session_on(script) as (server, session):
        opening = await session.opening()
    assert opening.text == "any good movies out?"
    assert server.calls == 2
    note = correction("role_break", "Casual Casey", slip)
    assert "Casual Casey is the user" in note and slip in note
    assert asked(server.requests[1]) == f"{OPENING_CUE}\n{note}"


async def test_a_model_stuck_in_the_assistant_role_ends_the_conversation_unsent() -> None:
    stuck = persona_answer("How can I help you today?")
    async with session_on(Script(stuck, stuck, stuck, stuck)) as (server, session):
        with pytest.raises(PersonaGuardError, match=r"casual_casey in 3 attempts.*role_break"):
            await session.opening()
    assert server.calls == 3


async def test_plain_text_answers_are_used_as_the_message() -> None:
    script = Script('"hey, any good movies lately?"', "lol ok, and popcorn?")
    async with session_on(script) as (_server, session):
        opening = await session.opening()
        follow_up = await session.next_message("Dune Part Two.")
    assert opening == UserMessage("hey, any good movies lately?", "relaxed", 0.7, "opening")
    assert follow_up == UserMessage("lol ok, and popcorn?", "relaxed", 0.7, "follow_up")


async def test_empty_answers_end_the_conversation_with_a_model_error_naming_the_persona(
) -> None:
    script = Script('{"message": ""}', '{"message": "   ", "emotion": "bored"}', "")
    async with session_on(script) as (server, session):
        with pytest.raises(ModelError, match=r"casual_casey.*empty"):
            await session.opening()
    assert server.calls == 3


async def test_next_message_before_opening_is_a_programming_error() -> None:
    async with session_on() as (_server, session):
        with pytest.raises(RuntimeError, match="before opening"):
            await session.next_message("hello")


@pytest.mark.parametrize(("text", "expected"), [
    ('{"message": " hi ", "emotion": " Annoyed ", "engagement": 0.4, "intent": "complain"}',
     ("hi", "annoyed", 0.4, "complain", False)),
    ('```json\n{"message": "so?", "engagement": 1.7, "end": true}\n```',
     ("so?", "calm", 1.0, "follow_up", True)),
    ('{"message": "meh", "engagement": -0.2, "intent": "shout", "end": "true"}',
     ("meh", "calm", 0.0, "follow_up", False)),
    ('{"message": "ok", "engagement": true, "emotion": ""}', ("ok", "calm", 0.5, "follow_up",
                                                              False)),
    ("just text, no json", ("just text, no json", "calm", 0.5, "follow_up", False)),
])
def test_parse_answer_keeps_previous_state_for_missing_or_bad_fields(
    text: str, expected: tuple[object, ...]
) -> None:
    answer = parse_answer(text, "calm", 0.5)
    assert (answer.message, answer.emotion, answer.engagement, answer.intent,
            answer.end) == expected


@pytest.mark.parametrize(("answer", "verdict"), [
    ('{"satisfaction": 4, "reason": " Good chat. "}', Verdict(4, "Good chat.")),
    ('{"satisfaction": 9, "reason": "loved it"}', Verdict(5, "loved it")),
    ('{"satisfaction": 0}', Verdict(1, "")),
    ('{"satisfaction": -3, "reason": 7}', Verdict(1, "")),
    ('{"satisfaction": 3.6, "reason": "ok"}', Verdict(4, "ok")),
    ('Sure! {"satisfaction": 2, "reason": "meh"} hope that helps', Verdict(2, "meh")),
    ("I'd say a four", None),
    ('{"satisfaction": "4", "reason": "as text"}', None),
    ('{"satisfaction": true}', None),
    ('{"reason": "no score at all"}', None),
    ("[4]", None),
])
async def test_verdict_parses_and_clamps_satisfaction(answer: str, verdict: Verdict | None) -> None:
    script = Script(persona_answer("movies?"), answer)
    async with session_on(script) as (server, session):
        await session.opening()
        assert await session.verdict() == verdict
    request = server.requests[-1]
    assert request["max_tokens"] == 150
    assert asked(request) == (f"{TRANSCRIPT_HEADER}\nYOU (Casual Casey): movies?\n"
                              f"ASSISTANT: {NO_ANSWER}\n\n{verdict_request()}")


async def test_verdict_follows_the_whole_conversation() -> None:
    script = Script(persona_answer("movies?"), persona_answer("is it long?", end=False),
                    '{"satisfaction": 5, "reason": "short and sweet"}')
    async with session_on(script, setting(min_turns=1, max_turns=2)) as (server, session):
        await session.opening()
        await session.next_message("Dune is on.")
        assert await session.next_message("Yes, 166 minutes.") is None
        assert await session.verdict() == Verdict(5, "short and sweet")
    content = asked(server.requests[-1])
    assert content == (f"{TRANSCRIPT_HEADER}\nYOU (Casual Casey): movies?\n"
                       "ASSISTANT: Dune is on.\nYOU (Casual Casey): is it long?\n"
                       f"ASSISTANT: Yes, 166 minutes.\n\n{verdict_request()}")


@pytest.mark.parametrize("value", ["NaN", "Infinity"])
async def test_verdict_with_a_non_finite_satisfaction_is_none(value: str) -> None:
    script = Script(persona_answer("movies?"), f'{{"satisfaction": {value}, "reason": "?"}}')
    async with session_on(script) as (_server, session):
        await session.opening()
        assert await session.verdict() is None


async def test_every_re_asked_answer_passes_the_same_checks_and_each_rejection_is_emitted(
) -> None:
    from simulator.events import Event, MessageRejected

    seen: list[Event] = []
    script = Script(persona_answer("any good movies on?"),
                    persona_answer("any good movies on?"),  # repeat
                    persona_answer("Hi there! How can I assist you today?"),  # role break
                    persona_answer("ok and is it long?"))
    async with ModelServer(responder=script) as server, openai_model(server) as model:
        session = LLMPersonaEngine(model, emit=seen.append, run_id="run-1").session(
            CASEY, setting())
        await session.opening()
        message = await session.next_message("Dune Part Two is on tonight.")
    assert message is not None and message.text == "ok and is it long?"
    assert [(e.guard, e.attempt, e.ended) for e in seen if isinstance(e, MessageRejected)] == [
        ("repeat", 1, False), ("role_break", 2, False)]
    assert asked(server.requests[2]).endswith(
        correction("repeat", "Casual Casey", "any good movies on?"))
    assert asked(server.requests[3]).endswith(
        correction("role_break", "Casual Casey", "Hi there! How can I assist you today?"))
