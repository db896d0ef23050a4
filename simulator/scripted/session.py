"""A scripted persona in one conversation: offline, seeded, deterministic.

Each session holds its own `random.Random(setting.seed)`; the same persona, setting and
bot replies always give the same messages. From the seed it first draws what this user is
like in this conversation: its writing habits (`idiolect`), someone in its life
(`details`) and, per topic, a concrete subject (`subjects`). After each reply the session
scores its fit to the persona's preferences, updates engagement and emotion, decides
whether to stop, then plans and writes the next message from fragment grammars.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace

from simulator.engine import ConversationSetting, UserMessage, Verdict
from simulator.local_work import local_work
from simulator.persona import Persona
from simulator.scripted.details import draw_person
from simulator.scripted.fit import ReplyFit, length_direction, score_reply
from simulator.scripted.goals import goal_fit, goal_reached
from simulator.scripted.idiolect import Idiolect
from simulator.scripted.intents import Complaint
from simulator.scripted.mood import Mood
from simulator.scripted.policy import Plan, plan_next, should_stop, traits_for
from simulator.scripted.salience import content_stems, salient_terms
from simulator.scripted.subjects import draw_subject
from simulator.scripted.verdict import verdict_for
from simulator.scripted.voice import Scene, compose

_QUESTION = re.compile(r"[^.!?]*\?+")
_RECENT = 3
"""How many of its own last messages a persona avoids repeating word for word."""
_REDRAWS = 3


def _state_word(state: str, emotions: tuple[str, ...]) -> str:
    """The state as something one can feel: `seeking connection` becomes a one-word
    baseline emotion (`vulnerable`), since "I feel seeking connection" is not English."""
    first = state.split(" ", 1)[0].replace("_", " ")
    if " " in state and first.endswith("ing"):
        return next((word for word in emotions if " " not in word), state)
    return state


class ScriptedSession:
    """One persona in one conversation, played offline from `random.Random(setting.seed)`."""

    def __init__(self, persona: Persona, setting: ConversationSetting) -> None:
        self.persona = persona
        self.setting = setting
        self._goal_fit = 0.0
        """The best `goal_fit` of a bot reply so far (with a goal)."""
        self._rng = random.Random(setting.seed)
        self._traits = traits_for(persona.preferences)
        self._mood = Mood.start(persona, setting.emotional_state, self._rng)
        self._idiolect = Idiolect.draw(persona.preferences, self._rng)
        self._person = draw_person(self._rng)
        self._state = _state_word(setting.emotional_state, persona.emotions)
        self._topic = setting.topic
        self._subjects: dict[str, str] = {}
        self._focus = content_stems(setting.topic)
        self._last_question = ""
        self._picked: list[str] = []
        self._fits: list[ReplyFit] = []
        self._complaints: dict[Complaint, int] = {}
        self._recent: tuple[str, ...] = ()
        self._sent = 0
        self._finished = False

    @property
    def sent(self) -> int:
        """User messages sent so far, the opening included."""
        return self._sent

    @property
    def fits(self) -> tuple[ReplyFit, ...]:
        """The fit of every bot reply received so far."""
        return tuple(self._fits)

    @property
    def engagement(self) -> float:
        """The persona's current engagement, in [0, 1]."""
        return self._mood.engagement

    async def opening(self) -> UserMessage:
        """The first message, about `setting.topic`, in `setting.emotional_state`."""
        async with local_work():
            return self._send(Plan("opening"))

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        """The persona's answer to `bot_reply`, or None when it ends the conversation."""
        async with local_work():
            return self._answer(bot_reply)

    def _answer(self, bot_reply: str) -> UserMessage | None:
        if self._finished:
            return None
        fit, direction = self._take_in(bot_reply)
        if should_stop(
            self._sent, self.setting, self._mood.engagement, fit, self._traits, self._rng
        ):
            self._finished = True
            return None
        terms: list[str] = []
        if not fit.empty:
            terms = salient_terms(bot_reply, avoid=(*self._picked, self._topic))
        tangents = tuple(t for t in self.persona.conversation_topics if t != self._topic)
        plan = plan_next(fit, direction, self._traits, terms, tangents, self._complaints, self._rng)
        return self._send(plan)

    def _take_in(self, bot_reply: str) -> tuple[ReplyFit, int]:
        """Score the reply against the persona's preferences and let the mood follow."""
        preferences = self.persona.preferences
        fit = score_reply(bot_reply, preferences, self._focus)
        self._fits.append(fit)
        if self.setting.goal:
            self._goal_fit = max(self._goal_fit, goal_fit(self.setting.goal, bot_reply))
        direction = length_direction(fit, preferences)
        self._mood.update(fit, direction, self._traits, self._rng)
        return fit, direction

    def _subject_of(self, topic: str) -> str:
        """The conversation's subject for `topic`, drawn the first time it comes up."""
        if topic not in self._subjects:
            self._subjects[topic] = draw_subject(topic, self._rng)
        return self._subjects[topic]

    async def verdict(self) -> Verdict:
        """Satisfaction 1-5 from the mean fit of the bot's replies, and its main driver;
        with a goal, whether it was reached."""
        verdict = verdict_for(self._fits, self.persona.preferences)
        if self.setting.goal:
            verdict = replace(verdict, goal_reached=goal_reached(self._goal_fit,
                                                                 verdict.satisfaction))
        return verdict

    def _send(self, plan: Plan) -> UserMessage:
        prefs = self.persona.preferences
        subject = self._subject_of(self._topic)  # for a tangent: what it turns away from
        if plan.intent == "tangent" and plan.other:
            self._topic = plan.other
            if plan.other in self.persona.conversation_topics and self._rng.random() < 0.6:
                plan = replace(plan, other=self._subject_of(plan.other))
        self._picked.extend(phrase for phrase in (plan.term, plan.other) if phrase)
        if plan.intent == "complain":
            self._complaints[plan.complaint] = self._complaints.get(plan.complaint, 0) + 1
        scene = Scene(
            topic=self._topic,
            subject=subject,
            person=self._person,
            state=self._state,
            feeling=self._mood.feeling,
            last=self._last_question,
        )
        text = compose(plan, scene, prefs, self._traits, self._idiolect, self._rng)
        for _ in range(_REDRAWS):
            if text not in self._recent:
                break
            text = compose(plan, scene, prefs, self._traits, self._idiolect, self._rng)
        self._recent = (*self._recent[1 - _RECENT :], text)
        if plan.intent != "complain" or plan.complaint != "empty":
            question = _QUESTION.search(text)
            if question:
                self._last_question = question.group().strip()
            if plan.intent == "react" and question is None:
                self._focus = frozenset()
            else:
                self._focus = content_stems(f"{self._topic} {plan.term or ''}")
        self._sent += 1
        return UserMessage(
            text=text,
            emotion=self._mood.emotion,
            engagement=round(self._mood.engagement, 3),
            intent=plan.intent,
        )
