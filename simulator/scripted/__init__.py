"""The scripted persona engine: offline, seeded, deterministic synthetic users.

Messages are composed from fragment grammars (`grammar`: the templates of `openings`,
`questions`, `reactions` and `complaints`, the pieces of `vocabulary`, the word classes of
`wordclasses`) chosen by the persona's preferences and mood, about a concrete subject
(`subjects`) with the specifics real users mention (`details`), in the writing habits this
user drew for the conversation (`idiolect`, `paraphrase`). Each bot reply is scored for fit
(`fit`), which drives engagement and emotion (`mood`), the next move (`policy`) and the
verdict (`verdict`).
"""

from __future__ import annotations

from simulator.scripted.engine import ScriptedEngine
from simulator.scripted.session import ScriptedSession

__all__ = ["ScriptedEngine", "ScriptedSession"]
