"""The scripted persona engine: offline, seeded, deterministic synthetic users.

Messages are composed from fragment grammars (`phrasebook`, `vocabulary`) chosen by the
persona's preferences and mood; each bot reply is scored for fit (`fit`), which drives
engagement and emotion (`mood`), the next move (`policy`) and the verdict (`verdict`).
"""

from __future__ import annotations

from simulator.scripted.engine import ScriptedEngine
from simulator.scripted.session import ScriptedSession

__all__ = ["ScriptedEngine", "ScriptedSession"]
