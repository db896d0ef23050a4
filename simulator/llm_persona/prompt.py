"""The prompts that make a chat model play a persona.

The model plays the *user*, and it sees the conversation as a transcript inside one
`user` message (`ASSISTANT: ...` / `YOU (Casual Casey): ...`) with a request for the
user's next line. Chat-tuned models, small ones above all, answer a bot's turn sent as a
`user` message in the assistant's voice ("Hi there! How can I assist you today?"); asked
for the next line of a transcript they stay the user (benchmarks/realism.py measures
both). Every answer is one JSON object (`ANSWER_KEYS`), so the engine learns the persona's
emotion, engagement and intent along with the text, and when it wants to leave; a plain
line is taken as the message.
"""

from __future__ import annotations

import json
import random

from simulator.engine import INTENT_MEANINGS, ConversationSetting
from simulator.llm import PromptMessage
from simulator.metrics.length import PREFERRED_WORDS
from simulator.persona import Persona
from simulator.plan import derive_seed
from simulator.scripted.details import draw_person
from simulator.scripted.subjects import draw_subject

PERSONA_PROMPT_MARK = "You are playing a human user"
"""How every persona system prompt begins (the local stand-in model keys on it)."""

OPENING_CUE = "(The chat window is open and empty. Write your first message.)"
TRANSCRIPT_HEADER = "The conversation so far:"
BOT_LABEL = "ASSISTANT"
"""How the bot's turns are labelled in the transcript."""

ANSWER_KEYS = ("message", "emotion", "engagement", "intent", "end")

PERSONA_INTENTS: frozenset[str] = frozenset(INTENT_MEANINGS) - {"operator"}
"""The intents a persona may claim; `operator` marks only a human's messages."""

_STYLE_HINTS = {
    "technical": "precise terms, asks for data, sources and mechanisms",
    "casual": "short and relaxed, lowercase is fine, the odd emoji or 'lol'",
    "empathetic": "shares feelings and personal context, hopes to be understood",
    "adventurous": "playful, jumps between ideas, asks 'what if'",
    "direct": "gets to the point, no pleasantries",
    "formal": "complete sentences, polite and proper",
}


def persona_card(persona: Persona) -> str:
    """The persona as `key: value` lines."""
    prefs = persona.preferences
    low, high = PREFERRED_WORDS[prefs.response_length]
    lines = [
        f"name: {persona.name}",
        f"personality: {persona.personality}",
        f"topics you care about: {', '.join(persona.conversation_topics)}",
        f"wants replies that are: {prefs.response_length} (about {low}-{high} words)",
        f"writes in a style that is: {prefs.communication_style} "
        f"({_STYLE_HINTS[prefs.communication_style]})",
        f"formality: {prefs.formality}",
        f"topic depth wanted: {prefs.topic_depth}",
        f"emotional support wanted: {prefs.emotional_support or 'none in particular'}",
        f"usual mood: {persona.emotional_baseline}",
    ]
    if persona.goals:
        lines.append(f"goals: {'; '.join(persona.goals)}")
    return "\n".join(lines)


def system_prompt(persona: Persona, setting: ConversationSetting) -> str:
    """Who to play, in which situation, how to write and how to answer."""
    intents = "\n".join(f"  {name}: {meaning}" for name, meaning in INTENT_MEANINGS.items()
                        if name in PERSONA_INTENTS)
    return f"""{PERSONA_PROMPT_MARK} who is chatting with an AI assistant (a chatbot). \
You are the user, never the assistant: you do not offer help, explain things to the \
assistant or say you are an AI. Stay in character for the whole conversation.

## Who you are
{persona_card(persona)}

## This conversation
topic: {setting.topic}
{_scene(setting)}feeling at the start: {setting.emotional_state}
your messages: at least {setting.min_turns}, at most {setting.max_turns}

{_need_section(setting)}## How to write
- Write what this person would type into a chat box: their length, their register, \
their habits. Real users are brief more often than not.
- React to what the assistant actually said. Ask follow-ups, push back when a reply \
misses what you want (too long, too short, off-topic, wrong tone), change topic if you \
get bored.
- Your mood moves with the conversation; report it honestly.
- Leave when this person would: satisfied, bored or fed up.

## Answer format
Answer with one JSON object and nothing else:
{{"message": "<what you type>", "emotion": "<one word for how you feel now>", \
"engagement": <0.0 to 1.0, how keen you are to go on>, "intent": "<one of the intents \
below>", "end": <true to leave the chat now without sending anything, else false>}}
Intents:
{intents}"""


def _scene(setting: ConversationSetting) -> str:
    """What makes this conversation unlike the persona's others: a concrete subject within
    the topic and someone from the user's life, drawn from the conversation's seed (the
    scripted engine's tables), so a model does not write the same chat a hundred times;
    and the goal, when the conversation has one."""
    rng = random.Random(derive_seed(setting.seed, "llm-scene"))
    scene = (f"what exactly: {draw_subject(setting.topic, rng)}\n"
             f"someone in your life who may come up: {draw_person(rng)}\n")
    if setting.goal:
        scene += (f"your goal: {setting.goal} (pursue it; leave once you have it or give "
                  "up on it)\n")
    return scene


def _need_section(setting: ConversationSetting) -> str:
    """For an augmented conversation: the need to pursue, taken from a real conversation;
    for a grounded one: the passage the user wants to know about."""
    brief = setting.brief
    if setting.passage is not None and brief is None:
        return f"""## What you want to know about
You saw this in the assistant's documentation ("{setting.passage.title}") but did not read it \
closely. Ask about it as a user would: you do not know the answers, and you never quote it.
{setting.passage.text}

"""
    if brief is None:
        return ""
    asked = "\n".join(f"- {message}" for message in brief.messages)
    situation = f"your situation: {brief.context}\n" if brief.context else ""
    return f"""## Your need
Another user came to the assistant with the need below; in this conversation it is your \
need. Pursue it as the person above would, in your own words and your own order, and do \
not copy their wording.
{situation}what they wrote:
{asked}

"""


def verdict_request(goal: str | None = None) -> str:
    """Asks the persona, still in character, how the conversation went (and, with a goal,
    whether it got what it came for)."""
    goal_key = (f', "goal_reached": <true if you managed to {goal}, else false>'
                if goal else "")
    return (
        "(The conversation is over. Stay in character and say how satisfied you are with "
        "the assistant.) Answer with one JSON object and nothing else: "
        '{"satisfaction": <1 (very unhappy) to 5 (delighted)>, '
        f'"reason": "<one sentence in your own voice>"{goal_key}}}'
    )


def you_label(persona: Persona) -> str:
    """How the persona's own turns are labelled in the transcript."""
    return f"YOU ({persona.name})"


def next_line_request(persona: Persona) -> str:
    return (f"Write the next message of {persona.name}, the user (never the assistant's "
            "reply), as the JSON object described above.")


def out_of_character_nudge(persona: Persona) -> str:
    """Sent when the model answered like an assistant instead of the user."""
    return (
        f"(That sounded like the assistant. You are {persona.name}, the user: write the "
        "message you would send, in the same JSON format.)"
    )


def too_early_nudge() -> str:
    """Sent when the model wants to leave before the conversation's minimum length."""
    return "(It is too early to leave: write your next message, in the same JSON format.)"


def shown(sent: str) -> str:
    """A persona turn as the transcript shows it: the message of a JSON answer, else the text."""
    try:
        data = json.loads(sent)
    except ValueError:
        return sent
    message = data.get("message") if isinstance(data, dict) else None
    return message if isinstance(message, str) else sent


def transcript(persona: Persona, exchanges: list[tuple[str, str]]) -> str:
    """The conversation as labelled lines, oldest first."""
    you = you_label(persona)
    lines = []
    for sent, reply in exchanges:
        lines += [f"{you}: {shown(sent)}", f"{BOT_LABEL}: {reply}"]
    return "\n".join(lines)


def transcript_messages(
    persona: Persona, setting: ConversationSetting, exchanges: list[tuple[str, str]],
    note: str | None = None,
) -> list[PromptMessage]:
    """System prompt, then one `user` message: the transcript and the request for the
    persona's next line (with `note`, a correction after a rejected answer).

    `exchanges` are (what the persona sent, as text or its JSON answer; the bot's reply).
    """
    if exchanges:
        body = (f"{TRANSCRIPT_HEADER}\n{transcript(persona, exchanges)}\n\n"
                f"{next_line_request(persona)}")
    else:
        body = OPENING_CUE
    if note:
        body += f"\n{note}"
    return [PromptMessage("system", system_prompt(persona, setting)),
            PromptMessage("user", body)]


NO_ANSWER = "(no answer: the assistant failed)"


def verdict_messages(
    persona: Persona, setting: ConversationSetting, exchanges: list[tuple[str, str]],
) -> list[PromptMessage]:
    """The whole conversation as a transcript, then the request for the persona's verdict."""
    return [PromptMessage("system", system_prompt(persona, setting)),
            PromptMessage("user", f"{TRANSCRIPT_HEADER}\n{transcript(persona, exchanges)}\n\n"
                                  f"{verdict_request(setting.goal)}")]


def answer_json(message: str, emotion: str, engagement: float, intent: str) -> str:
    """A persona answer re-serialised (the form earlier turns are kept in)."""
    return json.dumps({"message": message, "emotion": emotion,
                       "engagement": round(engagement, 2), "intent": intent, "end": False})
