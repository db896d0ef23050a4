"""The scripted engine's augmented conversations: a persona retells another user's need.

The session sends the parent conversation's user messages in order, in its own voice: the
opening adds a lead-in for its emotional state and a sentence on its situation, later
messages may start with a reaction to the bot. The bot's replies still move the persona's
mood and verdict as in any scripted conversation. It ends when the need is told (or at the
plan's `max_turns`).
"""

from __future__ import annotations

import re

from simulator.engine import Brief, ConversationSetting, UserMessage
from simulator.local_work import local_work
from simulator.persona import Persona
from simulator.scripted.grammar import pick
from simulator.scripted.session import ScriptedSession
from simulator.scripted.voice import apply_voice, lower_first

STATE_LEADS: dict[str, tuple[str, ...]] = {
    "curious": ("Quick question, I've been wondering about this.", "I'm curious about something.",
                "Something I've wanted to ask for a while."),
    "frustrated": ("Ugh, this has been bugging me.", "I'm getting frustrated with this.",
                   "Okay, I'm a bit fed up here."),
    "anxious": ("Sorry, I'm a bit nervous about this.", "I'm kind of worried about this.",
                "This is stressing me out a little."),
    "hurried": ("Quick one, I don't have much time.", "In a rush here.", "Need a fast answer."),
    "confused": ("I'm honestly confused.", "I don't get this at all.",
                 "I keep going in circles on this."),
    "excited": ("Okay, I'm really excited about this!", "So glad I can finally ask this!",
                "This is going to be fun."),
    "skeptical": ("I'm not sure I buy the usual advice on this.",
                  "I've heard mixed things, so bear with me.", "Honestly a bit skeptical here."),
    "calm": ("No rush on this one.", "Just thinking something through.", "Hi there."),
}
"""Opening lead-ins by emotional state; other states get `I'm feeling {state} about this.`"""

_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there| all| everyone)?\b"
    r"[\s,!.]*",
    re.IGNORECASE,
)
"""A greeting that opens a message; the retelling persona opens in its own words."""
_REACTION_RATE = 0.5


class RetellingSession(ScriptedSession):
    """A scripted persona pursuing `setting.brief`'s need in its own voice."""

    def __init__(self, persona: Persona, setting: ConversationSetting) -> None:
        super().__init__(persona, setting)
        assert setting.brief is not None
        self.brief: Brief = setting.brief
        self._length = min(len(self.brief.messages), setting.max_turns)

    async def opening(self) -> UserMessage:
        async with local_work():
            return self._retell()

    def _answer(self, bot_reply: str) -> UserMessage | None:
        if self._finished:
            return None
        if self._sent >= self._length and self.brief.continue_after:
            return super()._answer(bot_reply)  # the need is told: talk on
        self._take_in(bot_reply)
        if self._sent >= self._length:
            self._finished = True
            return None
        return self._retell()

    def _retell(self) -> UserMessage:
        rng, prefs = self._rng, self.persona.preferences
        told = self.brief.messages[self._sent]
        need = _GREETING.sub("", told).strip() or told
        parts: list[str] = []
        if self._sent == 0 and not self.brief.continue_after:
            state = self.setting.emotional_state
            leads = STATE_LEADS.get(state, (f"I'm feeling {state} about this.",))
            parts.append(rng.choice(leads))
            if self.brief.context:
                context = self.brief.context
                parts.append(f"{context[0].upper()}{context[1:]}.")
        elif self._sent and rng.random() < _REACTION_RATE:
            parts.append(pick(self._idiolect.interjections, rng))
        if parts and parts[-1].endswith(","):
            need = lower_first(need)
        elif parts:
            need = need[0].upper() + need[1:]
        parts.append(need)
        text = apply_voice(
            " ".join(parts), prefs.communication_style, prefs.formality, self._idiolect, rng
        )
        self._sent += 1
        return UserMessage(
            text=text,
            emotion=self._mood.emotion,
            engagement=round(self._mood.engagement, 3),
            intent="opening" if self._sent == 1 else "follow_up",
            from_brief=True,
        )
