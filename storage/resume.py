"""Picking up a run: what it planned, what it holds, and clearing what is to be held again.

The rule (documented in the README): a conversation that ended, `completed` or `failed`,
is kept; one that did not (`running` after a kill, `cancelled` after Ctrl-C) is deleted with
its turns, metrics and ratings and held again from the start with the same seed. With
`retry_failed` (a run whose bot was down), the `failed` ones are deleted and held again too,
under the same ids and seeds, so the run holds each planned conversation once and an
export never sees the failed attempt beside the new one. Deleted conversations' LLM
spending stays on the run's account.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from simulator.errors import ConfigError, StorageError
from simulator.persona import Persona
from simulator.plan import RunPlan, conversation_id, plan_from_dict
from storage.database import Database

KEPT = ("completed", "failed")
RETRY_KEPT = ("completed",)
"""What `retry_failed` keeps: a failed conversation is held again."""


def kept_statuses(retry_failed: bool) -> tuple[str, ...]:
    return RETRY_KEPT if retry_failed else KEPT


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """An interrupted run as the database holds it."""

    run_id: str
    status: str
    plan: dict[str, Any]
    done: frozenset[str]
    """Ids of the conversations that ended and are kept."""
    partial: int
    """Conversations that did not end; `clear_partial` deletes them."""
    spent_usd: float
    turns: int
    """Turns the kept conversations hold (they count against a turn budget)."""
    persona_hashes: dict[str, str]
    """The persona definitions the run was recorded with, by persona id."""
    failed: int = 0
    """Conversations that ended failed (kept, or with `retry_failed` among `partial`)."""
    retry_failed: bool = False
    discarded_ratings: int = 0
    """Operator ratings on the conversations to be cleared (they go with them)."""
    parents: tuple[str, ...] = ()
    """Of the conversations to be cleared, those another conversation names as its parent."""

    @property
    def nothing_to_do(self) -> bool:
        """True for a completed run with nothing to hold again."""
        return self.status == "completed" and self.partial == 0


async def resume_point(db: Database, run_id: str, *, retry_failed: bool = False) -> ResumePoint:
    """Read what `run_id` planned and holds; refuse a run whose ids cannot be replanned.

    With `retry_failed`, failed conversations count as not done (to be held again)."""
    keep = kept_statuses(retry_failed)
    async with db.conn.execute("SELECT status, plan FROM runs WHERE id = ?", (run_id,)) as cur:
        row = await cur.fetchone()
    if row is None:
        raise StorageError(f"{db.path}: no run {run_id}")
    status, plan_json = row
    plan = json.loads(plan_json)
    async with db.conn.execute(
        "SELECT id, status, persona_id, persona_hash FROM conversations WHERE run_id = ?",
        (run_id,),
    ) as cursor:
        rows = await cursor.fetchall()
    total = plan_from_dict(plan).planned_conversations
    planned = {conversation_id(run_id, ordinal) for ordinal in range(total)}
    if any(row[0] not in planned for row in rows):
        raise StorageError(f"run {run_id[:8]} was recorded by a Sparring without resumable "
                           "conversation ids; start it again with `sparring run`")
    async with db.conn.execute(
        "SELECT COALESCE(SUM(cost_usd), 0) FROM llm_usage WHERE run_id = ?", (run_id,)
    ) as cursor:
        spent = (await cursor.fetchone())[0]
    kept = ", ".join("?" * len(keep))
    async with db.conn.execute(
        "SELECT COUNT(*) FROM turns t JOIN conversations c ON c.id = t.conversation_id "
        f"WHERE c.run_id = ? AND c.status IN ({kept})", (run_id, *keep),
    ) as cursor:
        turns = (await cursor.fetchone())[0]
    params = (run_id, *keep)
    async with db.conn.execute(
        f"SELECT COUNT(*) FROM ratings WHERE conversation_id IN ({_unkept(keep)})", params,
    ) as cursor:
        ratings = (await cursor.fetchone())[0]
    async with db.conn.execute(
        f"SELECT DISTINCT parent_id FROM conversations WHERE parent_id IN ({_unkept(keep)}) "
        "ORDER BY parent_id", params,
    ) as cursor:
        parents = tuple(str(row[0]) for row in await cursor.fetchall())
    return ResumePoint(
        run_id=run_id,
        status=status,
        plan=plan,
        done=frozenset(row[0] for row in rows if row[1] in keep),
        partial=sum(row[1] not in keep for row in rows),
        spent_usd=float(spent),
        turns=int(turns),
        persona_hashes={row[2]: row[3] for row in rows if row[2] and row[3]},
        failed=sum(row[1] == "failed" for row in rows),
        retry_failed=retry_failed,
        discarded_ratings=int(ratings),
        parents=parents,
    )


def _unkept(keep: tuple[str, ...]) -> str:
    """The run's conversations (`?` run id, then `keep`) whose status is not kept."""
    return ("SELECT id FROM conversations WHERE run_id = ? "
            f"AND status NOT IN ({', '.join('?' * len(keep))})")


async def clear_partial(db: Database, run_id: str, *, retry_failed: bool = False) -> int:
    """Delete the run's conversations that did not end (with `retry_failed`, also those that
    failed) in one transaction; how many there were."""
    keep = kept_statuses(retry_failed)
    unfinished = _unkept(keep)
    params = (run_id, *keep)
    async with db.transaction() as conn:
        await conn.execute(
            f"UPDATE llm_usage SET conversation_id = NULL WHERE conversation_id IN ({unfinished})",
            params,
        )
        cursor = await conn.execute(f"DELETE FROM conversations WHERE id IN ({unfinished})",
                                    params)
        return cursor.rowcount


def check_resumable(plan: RunPlan, catalog: dict[str, Persona], point: ResumePoint) -> None:
    """Refuse, before anything is deleted, a run whose budget is spent, whose personas are
    unknown or changed since it started, or whose conversations to clear are parents."""
    run = point.run_id[:8]
    if point.parents:
        hint = "; resume without --retry-failed to keep it" if point.retry_failed else ""
        raise StorageError(f"run {run}: conversation {point.parents[0]} is the parent of "
                           f"augmented conversations, so it cannot be deleted and held "
                           f"again{hint}")
    if plan.max_cost_usd is not None and point.spent_usd >= plan.max_cost_usd:
        raise ConfigError(f"run {run} has spent its LLM budget (${point.spent_usd:.4f} of "
                          f"${plan.max_cost_usd:g}); pass --max-cost with a higher budget "
                          "to finish it")
    if plan.max_total_turns is not None and point.turns >= plan.max_total_turns:
        raise ConfigError(f"run {run} has used its turn budget ({point.turns} of "
                          f"{plan.max_total_turns}); pass --max-total-turns with a higher "
                          "one to finish it")
    needed = dict.fromkeys([*plan.persona_ids, *(t.persona_id for t in plan.targets)])
    for persona_id in needed:
        persona = catalog.get(persona_id)
        if persona is None:
            raise ConfigError(f"run {run} needs persona {persona_id!r}, which is not known; "
                              "pass the --personas folder the run had")
        recorded = point.persona_hashes.get(persona_id)
        if recorded is not None and recorded != persona.definition_hash:
            raise ConfigError(
                f"persona {persona_id!r} changed since run {run} started (definition "
                f"{recorded} then, {persona.definition_hash} now); resuming would mix two "
                "definitions in one run"
            )
