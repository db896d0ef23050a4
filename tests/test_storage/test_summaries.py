"""The per-conversation summaries (migration 0008) stay equal to what the base rows say,
through every write path, and the fast queries give what the old aggregating ones gave."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from simulator.persona import builtin_personas
from storage.browse import ConversationFilter, list_conversations, next_unrated
from storage.database import Database, run_scoped
from storage.exchange.importer import ImportOptions, import_file
from storage.merge import merge_databases
from storage.migrations import load_migrations
from storage.queries import RunReport, run_report
from storage.ratings import RatingStore
from storage.resume import clear_partial

DATA = Path(__file__).parents[1] / "data" / "import"

SUMMARY_COLUMNS = ("recorded_turns, failed_turns, answered_turns, latency_sum, latency_n, "
                   "rated_turns, flagged_turns, flagged_answered_turns, thumbs_up, thumbs_down, "
                   "stars_sum, stars_n, quality, engagement")

_ANSWERED_RATINGS = ("FROM ratings r JOIN turns t ON t.conversation_id = r.conversation_id "
                     "AND t.idx = r.turn_idx WHERE r.conversation_id = c.id "
                     "AND t.bot_reply IS NOT NULL")
RECOMPUTED = f"""
SELECT c.id,
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id),
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.bot_reply IS NULL
     AND t.error IS NOT NULL),
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.bot_reply IS NOT NULL),
  (SELECT SUM(t.latency_ms) FROM turns t WHERE t.conversation_id = c.id
     AND t.bot_reply IS NOT NULL),
  (SELECT COUNT(t.latency_ms) FROM turns t WHERE t.conversation_id = c.id
     AND t.bot_reply IS NOT NULL),
  (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.bot_reply IS NOT NULL
     AND EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id
                 AND r.turn_idx = t.idx AND r.kind IN ('thumb', 'stars'))),
  (SELECT COUNT(DISTINCT r.turn_idx) FROM ratings r WHERE r.conversation_id = c.id
     AND r.kind = 'flag'),
  (SELECT COUNT(DISTINCT r.turn_idx) {_ANSWERED_RATINGS} AND r.kind = 'flag'),
  (SELECT COUNT(*) {_ANSWERED_RATINGS} AND r.kind = 'thumb' AND r.value > 0),
  (SELECT COUNT(*) {_ANSWERED_RATINGS} AND r.kind = 'thumb' AND r.value < 0),
  (SELECT SUM(r.value) {_ANSWERED_RATINGS} AND r.kind = 'stars'),
  (SELECT COUNT(r.value) {_ANSWERED_RATINGS} AND r.kind = 'stars'),
  (SELECT value FROM metrics m WHERE m.conversation_id = c.id AND m.turn_idx = -1
     AND m.name = 'conversation_quality' AND m.source = 'heuristic'),
  (SELECT value FROM metrics m WHERE m.conversation_id = c.id AND m.turn_idx = -1
     AND m.name = 'engagement_score' AND m.source = 'persona')
FROM conversations c ORDER BY c.id
"""
"""Every summary column as the old read queries computed it from turns, ratings, metrics
(a failed turn has an error; a turn with neither reply nor error is an imported log's last,
unanswered message, no failure: migration 0010)."""

JUDGE_RECOMPUTED = """
SELECT m.conversation_id, m.name, COALESCE(json_extract(m.detail, '$.rubric'), ''), c.run_id,
       COUNT(*), SUM(m.value), MIN(m.value), MAX(m.value)
FROM metrics m JOIN conversations c ON c.id = m.conversation_id
WHERE m.source = 'judge' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""

# The queries as they were before the summaries, to compare results with.
OLD_PAIRS = """
WITH turn_counts AS (
    SELECT t.conversation_id, COUNT(*) AS turns,
           SUM(t.bot_reply IS NULL AND t.error IS NOT NULL) AS failed_turns,
           SUM(CASE WHEN t.bot_reply IS NOT NULL THEN t.latency_ms END) AS latency_sum,
           COUNT(CASE WHEN t.bot_reply IS NOT NULL THEN t.latency_ms END) AS latency_n
    FROM turns t JOIN conversations c ON c.id = t.conversation_id
    WHERE (:run IS NULL OR c.run_id = :run) GROUP BY t.conversation_id
)
SELECT {group_cols}, COUNT(*), COALESCE(SUM(c.status = 'failed'), 0),
       COALESCE(SUM(tc.turns), 0), COALESCE(SUM(tc.failed_turns), 0),
       AVG(CASE WHEN c.status != 'cancelled' THEN q.value END),
       AVG(CASE WHEN c.status != 'cancelled' THEN e.value END), AVG(c.satisfaction),
       SUM(tc.latency_sum) / NULLIF(SUM(tc.latency_n), 0)
FROM conversations c
LEFT JOIN turn_counts tc ON tc.conversation_id = c.id
LEFT JOIN metrics q ON q.conversation_id = c.id AND q.turn_idx = -1
     AND q.name = 'conversation_quality' AND q.source = 'heuristic'
LEFT JOIN metrics e ON e.conversation_id = c.id AND e.turn_idx = -1
     AND e.name = 'engagement_score' AND e.source = 'persona'
WHERE (:run IS NULL OR c.run_id = :run)
{group_by}
"""
OLD_JUDGE = """
SELECT m.name, json_extract(m.detail, '$.rubric'), COUNT(*), AVG(m.value), MIN(m.value),
       MAX(m.value)
FROM metrics m JOIN conversations c ON c.id = m.conversation_id
WHERE m.source = 'judge' AND (:run IS NULL OR c.run_id = :run)
GROUP BY m.name, json_extract(m.detail, '$.rubric') ORDER BY m.name
"""
OLD_PROGRESS = """
WITH answered AS (
    SELECT t.conversation_id, t.idx FROM turns t JOIN conversations c ON c.id = t.conversation_id
    WHERE t.bot_reply IS NOT NULL AND (:run IS NULL OR c.run_id = :run)
), rated AS (
    SELECT r.* FROM ratings r JOIN answered a
    ON a.conversation_id = r.conversation_id AND a.idx = r.turn_idx
)
SELECT (SELECT COUNT(*) FROM answered),
       (SELECT COUNT(*) FROM (SELECT DISTINCT conversation_id, turn_idx FROM rated
                              WHERE kind IN ('thumb', 'stars'))),
       (SELECT COUNT(DISTINCT conversation_id || ':' || turn_idx) FROM rated
        WHERE kind = 'flag'),
       (SELECT COUNT(*) FROM rated WHERE kind = 'thumb' AND value > 0),
       (SELECT COUNT(*) FROM rated WHERE kind = 'thumb' AND value < 0),
       (SELECT AVG(value) FROM rated WHERE kind = 'stars')
"""
OLD_LIST = """
SELECT * FROM (
SELECT c.id, c.run_id, c.source, c.persona_id, c.bot_id, c.topic, c.status, c.turns,
       q.value AS quality, c.satisfaction,
       (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id AND t.bot_reply IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id
                          AND r.turn_idx = t.idx AND r.kind IN ('thumb', 'stars')))
          AS unrated_turns,
       (SELECT COUNT(DISTINCT r.turn_idx) FROM ratings r WHERE r.conversation_id = c.id
          AND r.kind = 'flag') AS flagged_turns,
       c.started_at
FROM conversations c
LEFT JOIN metrics q ON q.conversation_id = c.id AND q.turn_idx = -1
     AND q.name = 'conversation_quality' AND q.source = 'heuristic'
WHERE (:run IS NULL OR c.run_id = :run)) WHERE 1 {extra}
ORDER BY started_at DESC, id
"""
OLD_QUEUE = """
SELECT t.conversation_id, t.idx FROM turns t JOIN conversations c ON c.id = t.conversation_id
WHERE t.bot_reply IS NOT NULL AND c.status != 'running' AND (:run IS NULL OR c.run_id = :run)
  AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = t.conversation_id
                  AND r.turn_idx = t.idx AND r.kind IN ('thumb', 'stars'))
ORDER BY c.started_at, c.id, t.idx
"""


def _rows(db: Path, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def assert_summaries_match(db: Path) -> None:
    """Every conversation's summary columns and judge summaries equal the recomputation."""
    assert _rows(db, f"SELECT id, {SUMMARY_COLUMNS} FROM conversations ORDER BY id") == \
        _rows(db, RECOMPUTED)
    assert _rows(db, "SELECT * FROM judge_summaries ORDER BY 1, 2, 3") == \
        _rows(db, JUDGE_RECOMPUTED)


def _approx(row: tuple) -> tuple:
    """`row` with its floats compared to within rounding: a sum of floats (the means) depends
    on the order they are added in; the totals add the pairs' sums, the judge figures the
    conversations', and every run's figures read an index in its own order."""
    return tuple(pytest.approx(value, rel=1e-12) if isinstance(value, float) else value
                 for value in row)


async def assert_queries_match_old(path: Path) -> None:
    """run_report, the list and the review queue give what the aggregating queries gave."""
    run_ids = [None, *(row[0] for row in _rows(path, "SELECT id FROM runs"))]
    async with Database(path) as db:
        for run_id in run_ids:
            params = {"run": run_id}
            report: RunReport = await run_report(db, run_id)
            pairs = OLD_PAIRS.format(group_cols="c.persona_id, c.bot_id", group_by=(
                "GROUP BY c.persona_id, c.bot_id ORDER BY c.persona_id, c.bot_id"))
            assert [dataclasses.astuple(p) for p in report.pairs] == [
                _approx(row) for row in _rows(path, pairs, params)]
            total = OLD_PAIRS.format(group_cols="'*', '*'", group_by="")
            assert dataclasses.astuple(report.total) == _approx(_rows(path, total, params)[0])
            assert [dataclasses.astuple(j) for j in report.judge] == [
                _approx(row) for row in _rows(path, OLD_JUDGE, params)]
            total_answered, rated, *rest = _rows(path, OLD_PROGRESS, params)[0]
            assert dataclasses.astuple(report.ratings) == (rated, total_answered, *rest)
            for extra, where in [("", ConversationFilter(run_id=run_id)),
                                 ("AND unrated_turns > 0",
                                  ConversationFilter(run_id=run_id, unrated=True)),
                                 ("AND flagged_turns > 0",
                                  ConversationFilter(run_id=run_id, flagged=True))]:
                listed = await list_conversations(db, where)
                started = [row.started_at for row in listed]
                assert started == sorted(started, reverse=True)  # ties: in no set order
                got = sorted((dataclasses.astuple(row) for row in listed),
                             key=lambda row: (row[12], row[0]), reverse=True)
                want = sorted(_rows(path, OLD_LIST.format(extra=extra), params),
                              key=lambda row: (row[12], row[0]), reverse=True)
                assert got == want
            queue, position = [], await next_unrated(db, run_id)
            while position is not None:
                queue.append(position)
                position = await next_unrated(db, run_id, after=position)
            assert queue == _rows(path, run_scoped(OLD_QUEUE, run_id), params)


async def _import(db: Database, name: str, **options: Any) -> None:
    await import_file(db, DATA / name, ImportOptions(personas=builtin_personas(), **options))


async def test_every_write_path_keeps_the_summaries(recorded_db: Path, tmp_path: Path) -> None:
    assert_summaries_match(recorded_db)
    async with Database(recorded_db) as db:
        await _import(db, "sharegpt.jsonl")
        await _import(db, "turns.csv")
        await _import(db, "chat.jsonl", bot_id="support")
    assert_summaries_match(recorded_db)
    (run_id,) = _rows(recorded_db, "SELECT id FROM runs")[0]
    conversations = [cid for (cid,) in _rows(
        recorded_db, "SELECT id FROM conversations WHERE run_id = ? ORDER BY started_at, id",
        (run_id,))]
    first, second, doomed = conversations[0], conversations[1], conversations[-1]
    async with Database(recorded_db) as db:
        async with db.transaction() as conn:  # a failed turn, and a turn with no latency
            await conn.execute("UPDATE turns SET bot_reply = NULL, error = 'timed out', "
                               "latency_ms = NULL WHERE conversation_id = ? AND idx = 1",
                               (first,))
            await conn.execute("UPDATE turns SET latency_ms = NULL WHERE conversation_id = ? "
                               "AND idx = 0", (second,))
        ana, ben = RatingStore(db, rater="ana"), RatingStore(db, rater="ben")
        await ana.set(first, 0, "thumb", 1)
        await ana.set(first, 0, "thumb", -1)  # changed
        await ben.set(first, 0, "stars", 4)
        await ana.set(first, 1, "thumb", 1)  # the failed turn: counted nowhere but flags
        await ana.set(first, 1, "flag")
        await ana.set(second, 0, "stars", 2)
        await ana.set(second, 0, "flag")
        await ana.set(second, 0, "note", note="vague")
        await ben.set(second, 1, "thumb", 1)
        await ben.clear(second, 1, "thumb")  # cleared
        await ana.set(doomed, 0, "stars", 5)
        assert_summaries_match(recorded_db)
        async with db.transaction() as conn:  # judge scores, one re-judged (INSERT OR REPLACE)
            for conversation, turn, value in [(first, 0, 0.25), (first, 1, 0.5),
                                              (doomed, 0, 0.75), (first, 0, 1.0)]:
                await conn.execute(
                    "INSERT OR REPLACE INTO metrics (conversation_id, turn_idx, name, source, "
                    "value, detail) VALUES (?, ?, 'reply_quality.overall', 'judge', ?, ?)",
                    (conversation, turn, value, json.dumps({"rubric": "reply_quality@1"})))
            await conn.execute(
                "INSERT OR REPLACE INTO metrics (conversation_id, turn_idx, name, source, value) "
                "SELECT conversation_id, turn_idx, name, source, value / 2 FROM metrics "
                "WHERE conversation_id = ? AND turn_idx = -1", (second,))
            await conn.execute("UPDATE conversations SET status = 'cancelled' WHERE id = ?",
                               (doomed,))
        assert_summaries_match(recorded_db)
        assert await clear_partial(db, run_id) == 1  # resume deletes the cancelled one
    assert_summaries_match(recorded_db)
    assert _rows(recorded_db, "SELECT COUNT(*) FROM judge_summaries WHERE conversation_id = ?",
                 (doomed,)) == [(0,)]
    assert _rows(recorded_db, "SELECT scored, total FROM judge_summaries WHERE "
                 "conversation_id = ?", (first,)) == [(2, 1.5)]
    await assert_queries_match_old(recorded_db)

    merged = tmp_path / "merged.db"
    async with Database(merged) as db:
        await _import(db, "sharegpt.jsonl")
    await merge_databases(merged, [recorded_db])
    assert_summaries_match(merged)
    await assert_queries_match_old(merged)


async def test_the_backfill_summarises_an_existing_database(recorded_db: Path) -> None:
    """A database written before migration 0008 gets its summaries when next opened."""
    conn = sqlite3.connect(recorded_db)
    names = conn.execute("SELECT type, name FROM sqlite_master WHERE type = 'trigger' "
                         "OR name LIKE 'refresh_%' OR name LIKE 'judge_summaries%' "
                         "OR name IN ('conversations_unrated', 'conversations_flagged', "
                         "'conversations_started', 'conversations_pair_figures')").fetchall()
    for kind, name in sorted(names, key=lambda row: row[0] != "trigger"):
        conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for column in SUMMARY_COLUMNS.split(", "):
        conn.execute(f"ALTER TABLE conversations DROP COLUMN {column}")
    conn.execute("ALTER TABLE turns DROP COLUMN notes")  # added by a later migration
    conn.executescript("""
        PRAGMA user_version = 7;
        UPDATE turns SET bot_reply = NULL, error = 'timed out' WHERE idx = 1;
        INSERT INTO metrics (conversation_id, turn_idx, name, source, value, detail)
        SELECT id, 0, 'reply_quality.overall', 'judge', 0.5, '{"rubric": "r@1"}'
        FROM conversations;
        INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, created_at)
        SELECT conversation_id || 'r' || idx, conversation_id, idx, 'ana', 'thumb', 1,
               '2025-01-01'
        FROM turns WHERE idx < 2;
        INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, created_at)
        SELECT id || 'f', id, 1, 'ana', 'flag', NULL, '2025-01-01' FROM conversations;
    """)
    conn.close()
    async with Database(recorded_db):
        pass
    assert _rows(recorded_db, "PRAGMA user_version") == [(len(load_migrations()),)]
    assert _rows(recorded_db, "SELECT COUNT(*) FROM judge_summaries") != [(0,)]
    assert _rows(recorded_db, "SELECT SUM(rated_turns), SUM(flagged_turns) "
                 "FROM conversations") != [(0, 0)]
    assert_summaries_match(recorded_db)
    await assert_queries_match_old(recorded_db)
