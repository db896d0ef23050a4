"""Looking up message templates by intent, communication style and complaint."""

from __future__ import annotations

from simulator.engine import Intent
from simulator.persona import CommunicationStyle
from simulator.scripted.complaints import COMPLAIN
from simulator.scripted.intents import Complaint, Table
from simulator.scripted.openings import OPENING, TANGENT
from simulator.scripted.questions import CLARIFY, DEEPEN, FOLLOW_UP
from simulator.scripted.reactions import REACT, VALIDATE

BY_INTENT: dict[Intent, Table] = {
    "opening": OPENING,
    "clarify": CLARIFY,
    "deepen": DEEPEN,
    "tangent": TANGENT,
    "validate": VALIDATE,
    "react": REACT,
    "follow_up": FOLLOW_UP,
}
"""Templates for every intent except `complain`, whose tables are keyed by `Complaint`."""

_TABLES: dict[str, Table] = {
    **BY_INTENT,
    **{f"complain:{kind}": table for kind, table in COMPLAIN.items()},
}
_WITHOUT_TERM: dict[str, Table] = {
    key: {
        style: tuple(t for t in rows if "{term}" not in t) or rows for style, rows in table.items()
    }
    for key, table in _TABLES.items()
}


def templates(
    intent: Intent, style: CommunicationStyle, have_term: bool, complaint: Complaint = "empty"
) -> tuple[str, ...]:
    """Templates for `intent` in `style`; without a term, those naming `{term}` are left out."""
    key = f"complain:{complaint}" if intent == "complain" else intent
    return (_TABLES if have_term else _WITHOUT_TERM)[key][style]
