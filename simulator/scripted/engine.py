"""The scripted persona engine: the embedded default, no model and no network needed."""

from __future__ import annotations

from simulator.engine import ConversationSetting
from simulator.persona import Persona
from simulator.scripted.retelling import RetellingSession
from simulator.scripted.session import ScriptedSession


class ScriptedEngine:
    """Offline, seeded, deterministic persona engine: the embedded default."""

    name: str = "scripted"

    def session(self, persona: Persona, setting: ConversationSetting) -> ScriptedSession:
        """A new session for `persona` in `setting` (retelling its brief, when it has one);
        sessions share no state."""
        if setting.brief is not None:
            return RetellingSession(persona, setting)
        return ScriptedSession(persona, setting)
