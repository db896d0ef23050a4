"""Planning variations of a conversation and retelling its need with a scripted persona."""

from __future__ import annotations

from simulator.augment import CONTEXTS, VARIATION_STATES, Parent, headline, plan_variations
from simulator.engine import Brief, ConversationSetting
from simulator.persona import builtin_personas
from simulator.scripted import ScriptedEngine
from simulator.scripted.retelling import RetellingSession

PERSONAS = builtin_personas()
PARENT = Parent(id="p1", bot_id="elena", persona_id="casual_casey", topic=None,
                emotional_state="curious",
                user_messages=("hello there, how do I reset my router?", "it still blinks red"))


def test_variations_keep_the_need_and_change_persona_state_and_context() -> None:
    targets = plan_variations(PARENT, list(PERSONAS.values()), 3, seed=7, bot_id="jake")
    assert len(targets) == 3
    assert {t.persona_id for t in targets} <= set(PERSONAS) - {"casual_casey"}
    assert len({t.persona_id for t in targets}) == 3
    assert all(t.emotional_state in VARIATION_STATES and t.emotional_state != "curious"
               for t in targets)
    assert len({t.context for t in targets}) == 3 and all(t.context in CONTEXTS for t in targets)
    assert all(t.need == PARENT.user_messages and t.parent_id == "p1" and t.bot_id == "jake"
               and t.count == 1 for t in targets)
    assert targets[0].topic == headline(PARENT.user_messages[0])
    assert plan_variations(PARENT, list(PERSONAS.values()), 3, seed=7, bot_id="jake") == targets
    assert plan_variations(PARENT, list(PERSONAS.values()), 3, seed=8, bot_id="jake") != targets


def test_the_parents_persona_is_used_when_it_is_the_only_one() -> None:
    targets = plan_variations(PARENT, [PERSONAS["casual_casey"]], 2, seed=0, bot_id="jake")
    assert [t.persona_id for t in targets] == ["casual_casey", "casual_casey"]


def test_a_conversation_without_user_messages_has_no_variations() -> None:
    empty = Parent("p2", "elena", None, "x", None, ())
    assert plan_variations(empty, list(PERSONAS.values()), 3, seed=0, bot_id="elena") == []


def _setting(messages: tuple[str, ...], state: str = "frustrated", max_turns: int = 10,
             seed: int = 1) -> ConversationSetting:
    return ConversationSetting("c1", "routers", state, seed, 1, max_turns,
                               Brief(messages, "I'm on my phone between two meetings"))


async def test_retelling_tells_the_need_in_order_then_ends() -> None:
    persona = PERSONAS["analytical_alex"]
    session = ScriptedEngine().session(persona, _setting(PARENT.user_messages))
    assert isinstance(session, RetellingSession)
    opening = await session.opening()
    assert opening.intent == "opening"
    assert "how do I reset my router?" in opening.text.replace("How do", "how do")
    assert "hello there" not in opening.text.lower()
    assert "phone between two meetings" in opening.text
    second = await session.next_message("Unplug it for thirty seconds, then plug it back in.")
    assert second is not None and "blinks red" in second.text
    assert await session.next_message("Then call your provider.") is None
    verdict = await session.verdict()
    assert 1 <= verdict.satisfaction <= 5


async def test_retelling_stops_at_max_turns_and_is_seeded() -> None:
    messages = tuple(f"question number {i}?" for i in range(6))
    persona = PERSONAS["casual_casey"]

    async def texts(seed: int) -> list[str]:
        session = ScriptedEngine().session(persona, _setting(messages, max_turns=3, seed=seed))
        sent = [(await session.opening()).text]
        while (message := await session.next_message("sure, here you go")) is not None:
            sent.append(message.text)
        return sent

    first = await texts(1)
    assert len(first) == 3
    assert first == await texts(1)
    assert first != await texts(2)


async def test_a_greeting_alone_is_kept() -> None:
    session = ScriptedEngine().session(PERSONAS["analytical_alex"],
                                       _setting(("hi there",), state="calm"))
    opening = await session.opening()
    assert opening.text.lower().rstrip(".!").endswith("hi there")
