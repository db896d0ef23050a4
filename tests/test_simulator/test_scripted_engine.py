"""The scripted persona engine: determinism, turn bounds, reactions to replies, verdicts."""

from __future__ import annotations

import re
from collections.abc import Callable
from statistics import mean

import pytest

from simulator.engine import ConversationSetting, PersonaEngine, UserMessage, Verdict
from simulator.persona import Persona, builtin_personas
from simulator.scripted import ScriptedEngine, ScriptedSession
from simulator.scripted.salience import salient_terms

Bot = Callable[[str], str]
CONTRACTION = re.compile(r"\b(?:I'm|I've|what's|don't|it's|that's|can't|you're)\b", re.I)

DETAILED = (
    "The thermohaline circulation is driven by differences in temperature and salinity. In the "
    "North Atlantic, cold salty water sinks at roughly 15 million cubic meters per second, a flow "
    "measured by the RAPID array since 2004. Research suggests the Atlantic Meridional "
    "Overturning Circulation has weakened by about 15% since the mid-twentieth century, although "
    "the evidence is debated. The mechanism involves density gradients, wind stress and mixing; "
    "models such as CMIP6 estimate a further decline of 24 to 39 percent by 2100. "
) * 2
ONE_LINER = "It's about heat and salt."
CHATTY = "Ha, nice! Try a board game cafe with friends this weekend, it's so fun, right?"

INTENTS = {"opening", "clarify", "deepen", "tangent", "validate", "complain", "react", "follow_up"}


def constant(reply: str) -> Bot:
    return lambda message: reply


def echo_short(message: str) -> str:
    """A brief, friendly reply that picks up the longest word of the message."""
    longest = max(message.split(), key=len).strip("?!.,'\"")
    return f"Oh nice, {longest} is fun! I'd just try it this weekend, you'll love it."


@pytest.fixture(scope="module")
def personas() -> dict[str, Persona]:
    return builtin_personas()


def setting(
    seed: int, topic: str, *, min_turns: int = 3, max_turns: int = 10, state: str = "curious"
) -> ConversationSetting:
    return ConversationSetting(
        conversation_id=f"c{seed}",
        topic=topic,
        emotional_state=state,
        seed=seed,
        min_turns=min_turns,
        max_turns=max_turns,
    )


async def converse(
    persona: Persona, bot: Bot, seed: int, **bounds: int
) -> tuple[list[UserMessage], Verdict, ScriptedSession]:
    topic = persona.conversation_topics[seed % len(persona.conversation_topics)]
    session = ScriptedEngine().session(persona, setting(seed, topic, **bounds))
    messages = [await session.opening()]
    while (message := await session.next_message(bot(messages[-1].text))) is not None:
        messages.append(message)
    return messages, await session.verdict(), session


async def test_engine_satisfies_the_protocol(personas: dict[str, Persona]) -> None:
    engine: PersonaEngine = ScriptedEngine()
    assert engine.name == "scripted"
    session = engine.session(personas["analytical_alex"], setting(1, "ocean science"))
    opening = await session.opening()
    assert opening.intent == "opening"
    assert opening.emotion == "curious"
    assert 0.0 <= opening.engagement <= 1.0


async def test_same_seed_same_transcript_and_different_seeds_differ(
    personas: dict[str, Persona],
) -> None:
    def bot(message: str) -> str:
        return [DETAILED, ONE_LINER, CHATTY][len(message) % 3]

    for persona in personas.values():
        first, verdict, _ = await converse(persona, bot, seed=7)
        again, verdict_again, _ = await converse(persona, bot, seed=7)
        assert first == again
        assert verdict == verdict_again
        others = {
            tuple(m.text for m in (await converse(persona, bot, seed=s))[0]) for s in range(10)
        }
        assert len(others) >= 8, persona.id


async def test_turn_bounds_are_respected(personas: dict[str, Persona]) -> None:
    bots = [constant(DETAILED), constant(ONE_LINER), constant(""), echo_short]
    for seed in range(60):
        min_turns, max_turns = 1 + seed % 5, 5 + seed % 7
        for persona in personas.values():
            messages, _, session = await converse(
                persona, bots[seed % 4], seed, min_turns=min_turns, max_turns=max_turns
            )
            assert min_turns <= len(messages) <= max_turns
            assert session.sent == len(messages)
            assert all(m.intent in INTENTS and 0.0 <= m.engagement <= 1.0 for m in messages)
            assert await session.next_message(DETAILED) is None


async def test_max_turns_ends_even_a_delighted_persona(personas: dict[str, Persona]) -> None:
    for seed in range(10):
        messages, _, _ = await converse(
            personas["analytical_alex"], constant(DETAILED), seed, min_turns=4, max_turns=4
        )
        assert len(messages) == 4


def test_salient_terms_prefer_names_quantities_and_rare_pairs() -> None:
    reply = (
        "Near the Gulf Stream, the thermohaline circulation moves water about 3.5 km deep, "
        "and honestly that is really important."
    )
    terms = salient_terms(reply, limit=3)
    assert terms[0] == "Gulf Stream"
    assert set(terms) == {"Gulf Stream", "3.5 km", "thermohaline circulation"}
    assert "Gulf Stream" not in salient_terms(reply, avoid=("gulf stream",))


async def test_clarify_quotes_a_term_from_the_bot_reply(personas: dict[str, Persona]) -> None:
    clarifications = []
    for seed in range(30):
        messages, _, _ = await converse(personas["analytical_alex"], constant(DETAILED), seed)
        clarifications += [m.text for m in messages if m.intent == "clarify"]
    assert len(clarifications) >= 5
    quoted = [text for text in clarifications if "'thermohaline circulation'" in text]
    assert quoted
    assert all(
        any(
            term in text
            for term in (
                "Atlantic",
                "thermohaline",
                "circulation",
                "15",
                "density",
                "twentieth",
                "mechanism",
                "temperature",
                "salinity",
                "differences",
                "North",
                "percent",
            )
        )
        for text in clarifications
    )


async def test_follow_ups_pick_up_the_reply_not_a_fixed_script(
    personas: dict[str, Persona],
) -> None:
    reply = (
        "Long-exposure photography at the Lofoten Islands works best around 30 seconds, "
        "when the aurora borealis is bright."
    )
    texts = []
    for seed in range(20):
        messages, _, _ = await converse(personas["explorer_evan"], constant(reply), seed)
        texts += [m.text.lower() for m in messages[1:]]
    picked = {
        term
        for term in ("lofoten islands", "30 seconds", "aurora borealis", "long-exposure")
        if any(term in text for text in texts)
    }
    assert len(picked) >= 2


async def test_casey_loses_patience_with_long_replies(personas: dict[str, Persona]) -> None:
    casey = personas["casual_casey"]
    long_runs = [await converse(casey, constant(DETAILED), seed) for seed in range(20)]
    short_runs = [await converse(casey, echo_short, seed) for seed in range(20)]
    assert mean(v.satisfaction for _, v, _ in long_runs) <= 2
    assert mean(v.satisfaction for _, v, _ in short_runs) >= 4
    assert (
        mean(s.engagement for _, _, s in long_runs)
        < mean(s.engagement for _, _, s in short_runs) - 0.3
    )
    assert "longer than I like" in long_runs[0][1].reason
    complaints = [m for messages, _, _ in long_runs for m in messages if m.intent == "complain"]
    assert len(complaints) >= 10
    assert {m.emotion for messages, _, _ in long_runs for m in messages[1:]} & {
        "impatient",
        "bored",
    }


async def test_alex_prefers_detailed_replies_and_pushes_for_detail(
    personas: dict[str, Persona],
) -> None:
    alex = personas["analytical_alex"]
    detailed = [await converse(alex, constant(DETAILED), seed) for seed in range(20)]
    terse = [await converse(alex, constant(ONE_LINER), seed) for seed in range(20)]
    assert min(v.satisfaction for _, v, _ in detailed) >= 4
    assert max(v.satisfaction for _, v, _ in terse) <= 2
    assert "too short" in terse[0][1].reason
    assert mean(len(m) for m, _, _ in detailed) > mean(len(m) for m, _, _ in terse)
    pushes = [m for messages, _, _ in terse for m in messages if m.intent == "deepen"]
    assert len(pushes) >= 10


async def test_alex_and_casey_write_recognisably_differently(
    personas: dict[str, Persona],
) -> None:
    def bot(message: str) -> str:
        return [DETAILED, ONE_LINER, CHATTY][len(message) % 3]

    def profile(persona: Persona) -> tuple[float, float, float]:
        return words_per_message[persona.id], lower_starts[persona.id], technical[persona.id]

    words_per_message: dict[str, float] = {}
    lower_starts: dict[str, float] = {}
    technical: dict[str, float] = {}
    markers = ("mechanism", "data", "evidence", "source", "precise", "measured", "studies")
    for persona in (personas["analytical_alex"], personas["casual_casey"]):
        texts = [m.text for seed in range(20) for m in (await converse(persona, bot, seed))[0]]
        words_per_message[persona.id] = mean(len(text.split()) for text in texts)
        lower_starts[persona.id] = mean(text[0].islower() for text in texts)
        technical[persona.id] = mean(any(w in text.lower() for w in markers) for text in texts)
    alex_words, alex_lower, alex_tech = profile(personas["analytical_alex"])
    casey_words, casey_lower, casey_tech = profile(personas["casual_casey"])
    assert alex_words > 2 * casey_words
    assert alex_lower == 0.0 and casey_lower > 0.6
    assert alex_tech > 0.3 > casey_tech


async def test_emma_seeks_validation_until_her_feelings_are_acknowledged(
    personas: dict[str, Persona],
) -> None:
    emma = personas["emotional_emma"]
    caring = (
        "That sounds really hard, and I understand why you feel that way. It's completely "
        "valid to feel like this, and you're not alone. Would it help to talk through what "
        "happened? I'm here for you, whenever you're ready."
    )
    cold = [m for seed in range(20) for m in (await converse(emma, constant(DETAILED), seed))[0]]
    warm = [m for seed in range(20) for m in (await converse(emma, constant(caring), seed))[0]]
    assert mean(m.intent == "validate" for m in cold) > 2 * mean(
        m.intent == "validate" for m in warm
    )
    assert mean(m.intent == "react" for m in warm) > mean(m.intent == "react" for m in cold)
    _, verdict, _ = await converse(emma, constant(caring), 3)
    assert verdict.satisfaction >= 4


async def test_evan_wanders_off_on_tangents(personas: dict[str, Persona]) -> None:
    def tangent_share(persona: Persona) -> float:
        return mean(m.intent == "tangent" for m in messages[persona.id])

    messages: dict[str, list[UserMessage]] = {}
    for pid in ("explorer_evan", "analytical_alex"):
        persona = personas[pid]
        messages[pid] = [
            m for seed in range(20) for m in (await converse(persona, constant(CHATTY), seed))[0]
        ]
    assert tangent_share(personas["explorer_evan"]) > 3 * tangent_share(personas["analytical_alex"])
    evan_topics = {t.lower() for t in personas["explorer_evan"].conversation_topics}
    tangents = [m.text.lower() for m in messages["explorer_evan"] if m.intent == "tangent"]
    assert any(topic in text for text in tangents for topic in evan_topics)


async def test_empty_reply_gets_a_complaint_repeating_the_question(
    personas: dict[str, Persona],
) -> None:
    for persona in personas.values():
        for seed in range(5):
            session = ScriptedEngine().session(persona, setting(seed, "ocean science"))
            await session.opening()
            asked = await session.next_message(DETAILED)
            assert asked is not None
            complaint = await session.next_message("   ")
            assert complaint is not None and complaint.intent == "complain"
            assert complaint.emotion == "confused"
            if "?" in asked.text:
                question = asked.text.split("?")[0].split(".")[-1].split("!")[-1].strip().lower()
                assert question in complaint.text.lower()
    _, verdict, _ = await converse(personas["casual_casey"], constant(""), 0)
    assert verdict.satisfaction == 1 and "empty" in verdict.reason


async def test_user_defined_personas_work_and_follow_their_preferences(
    personas: dict[str, Persona],
) -> None:
    clerk = Persona.model_validate(
        {
            "id": "terse_clerk",
            "name": "Terse Clerk",
            "personality": "Busy, wants answers fast",
            "preferences": {
                "response_length": "brief",
                "communication_style": "direct",
                "formality": "formal",
                "topic_depth": "surface",
                "emotional_support": "solution-focused",
            },
            "conversation_topics": ["Tax returns (2024)", "{curly} & odd", "ÜBER-long names"],
            "emotional_baseline": "busy, terse",
        }
    )
    for seed in range(20):
        messages, verdict, _ = await converse(clerk, constant(DETAILED), seed)
        assert all(m.text and "{" not in m.text.replace("{curly}", "") for m in messages)
        assert not any(CONTRACTION.search(m.text) for m in messages)
        assert verdict.satisfaction <= 2
    casey_twin = personas["casual_casey"].model_copy(
        update={"id": "twin", "conversation_topics": ("knitting", "board games")}
    )
    runs = [await converse(casey_twin, constant(DETAILED), seed) for seed in range(20)]
    assert mean(v.satisfaction for _, v, _ in runs) <= 2
    assert sum(m.intent == "complain" for messages, _, _ in runs for m in messages) >= 10


async def test_messages_are_composed_not_repeated(personas: dict[str, Persona]) -> None:
    for persona in personas.values():
        texts: list[str] = []
        for seed in range(15):
            messages, _, _ = await converse(persona, constant(ONE_LINER), seed, max_turns=12)
            run = [m.text for m in messages]
            assert all(text not in run[max(0, i - 3) : i] for i, text in enumerate(run))
            texts += run
        assert len(set(texts)) > 0.7 * len(texts), persona.id
