"""What the database holds per persona x topic x emotional state x bot cell."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.coverage import Cell, Sample
from storage.database import Database

_SQL = """
SELECT c.persona_id, c.topic, c.emotional_state, c.bot_id, {category},
       COUNT(*), COUNT(q.value), AVG(q.value), SUM(q.value * q.value)
  FROM conversations c
  LEFT JOIN metrics q ON q.conversation_id = c.id AND q.turn_idx = -1
   AND q.name = 'conversation_quality' AND q.source = 'heuristic'
 WHERE c.status = 'completed' AND c.persona_id IS NOT NULL AND c.topic IS NOT NULL
   {where}
 GROUP BY 1, 2, 3, 4, 5
"""


async def cell_samples(
    db: Database, *, run_id: str | None = None, sources: Sequence[str] = (),
    by_category: bool = False,
) -> dict[Cell, Sample]:
    """Completed conversations and their quality per cell, of one run or all, of the given
    sources or all; with `by_category`, cells are told apart by category too."""
    clauses, params = [], []
    if run_id is not None:
        clauses.append("AND c.run_id = ?")
        params.append(run_id)
    if sources:
        clauses.append(f"AND c.source IN ({', '.join('?' * len(sources))})")
        params.extend(sources)
    samples: dict[Cell, Sample] = {}
    sql = _SQL.format(where=" ".join(clauses), category="c.category" if by_category else "NULL")
    async with db.conn.execute(sql, params) as cursor:
        async for persona, topic, state, bot, category, count, scored, mean, squares in cursor:
            variance = None
            if scored >= 2:
                variance = max(squares - scored * mean * mean, 0.0) / (scored - 1)
            samples[Cell(persona, topic, state or "neutral", bot, category)] = Sample(
                count, scored, mean, variance
            )
    return samples
