"""The scripted persona engine: the embedded default, no model and no network needed."""

from __future__ import annotations

from dataclasses import replace

from simulator.engine import Brief, ConversationSetting
from simulator.persona import Persona
from simulator.scripted.goals import goal_message
from simulator.scripted.grounded import grounded_question
from simulator.scripted.retelling import RetellingSession
from simulator.scripted.session import ScriptedSession


class ScriptedEngine:
    """Offline, seeded, deterministic persona engine: the embedded default."""

    name: str = "scripted"

    def session(self, persona: Persona, setting: ConversationSetting) -> ScriptedSession:
        """A new session for `persona` in `setting` (retelling its brief, asking about its
        knowledge-base passage or for its goal, when it has one); sessions share no state."""
        if setting.passage is not None and setting.brief is None:
            question = grounded_question(setting.passage, setting.seed)
            setting = replace(setting, brief=Brief((question,), "", continue_after=True))
        elif setting.goal and setting.brief is None:
            ask = goal_message(setting.goal, setting.seed)
            setting = replace(setting, brief=Brief((ask,), "", continue_after=True))
        if setting.brief is not None:
            return RetellingSession(persona, setting)
        return ScriptedSession(persona, setting)
