"""A run's conversations as figures to compare (`sparring compare`)."""

from __future__ import annotations

from simulator.compare import ConversationFigures
from storage.database import Database

_SQL = """
SELECT c.id, c.persona_id, c.bot_id, m.name, AVG(m.value)
  FROM conversations c JOIN metrics m ON m.conversation_id = c.id
 WHERE c.run_id = ? AND c.status IN ('completed', 'failed')
 GROUP BY c.id, m.name
 ORDER BY c.id
"""


async def conversation_figures(db: Database, run_id: str) -> list[ConversationFigures]:
    """Every ended conversation of `run_id` with its metrics, turn metrics averaged."""
    figures: list[ConversationFigures] = []
    current: str | None = None
    values: dict[str, float] = {}
    async with db.conn.execute(_SQL, (run_id,)) as cursor:
        async for conversation_id, persona_id, bot_id, name, value in cursor:
            if conversation_id != current:
                current, values = conversation_id, {}
                figures.append(ConversationFigures(persona_id or "-", bot_id, values))
            values[name] = value
    return figures
