"""Ratings, the conversation browser and the review queue, on a real recorded run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge.config import demo_bots_file
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.browse import ConversationFilter, list_conversations, load_transcript, next_unrated
from storage.database import Database
from storage.queries import run_report
from storage.ratings import RatingStore, rating_progress
from tui.session import execute_run

PLAN = RunPlan(persona_ids=("casual_casey", "analytical_alex"), bot_ids=("jake",),
               conversations=2, min_turns=2, max_turns=3, concurrency=4, seed=3)


@pytest.fixture
async def recorded(db_path: Path) -> Path:
    await execute_run(PLAN, builtin_personas(), demo_bots_file(), db_path, handle_signals=False)
    return db_path


async def test_rating_again_replaces_and_clear_removes(recorded: Path) -> None:
    async with Database(recorded) as db:
        first = await next_unrated(db)
        assert first is not None
        store = RatingStore(db, rater="ana")
        await store.set(*first, "thumb", 1)
        await store.set(*first, "thumb", -1)
        await store.set(*first, "stars", 4)
        await store.set(*first, "note", note="too chatty")
        await store.set(*first, "flag")
        await RatingStore(db, rater="ben").set(*first, "stars", 2)
        ratings = (await store.for_conversation(first[0]))[first[1]]
        assert (ratings.thumb, ratings.note, ratings.flagged) == (-1, "too chatty", True)
        async with db.conn.execute(
            "SELECT rater, kind, value FROM ratings ORDER BY rater, kind"
        ) as cursor:
            rows = [tuple(row) for row in await cursor.fetchall()]
        assert rows == [("ana", "flag", None), ("ana", "note", None), ("ana", "stars", 4.0),
                        ("ana", "thumb", -1.0), ("ben", "stars", 2.0)]
        await store.clear(*first, "flag")
        assert not (await store.for_conversation(first[0]))[first[1]].flagged
        progress = await rating_progress(db)
        assert (progress.rated, progress.flagged, progress.thumbs_down) == (1, 0, 1)
        assert progress.mean_stars == pytest.approx(3.0)
        report = await run_report(db)
        assert report.ratings == progress


async def test_review_queue_walks_every_unrated_turn_once_in_order(recorded: Path) -> None:
    async with Database(recorded) as db:
        async with db.conn.execute(
            "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL"
        ) as cursor:
            (answered,) = await cursor.fetchone()
        seen, position = [], await next_unrated(db)
        while position is not None:
            seen.append(position)
            position = await next_unrated(db, after=position)
        assert len(seen) == len(set(seen)) == answered
        store = RatingStore(db, rater="ana")
        await store.set(*seen[0], "stars", 5)
        assert await next_unrated(db) == seen[1]


async def test_browser_filters_and_transcripts(recorded: Path) -> None:
    async with Database(recorded) as db:
        every = await list_conversations(db, ConversationFilter())
        assert len(every) == 4
        casey = await list_conversations(db, ConversationFilter(persona_id="casual_casey"))
        assert {row.persona_id for row in casey} == {"casual_casey"} and len(casey) == 2
        best = max(row.quality or 0 for row in every)
        top = await list_conversations(db, ConversationFilter(min_quality=best))
        assert [row.quality for row in top] == [best]
        target = casey[0]
        await RatingStore(db).set(target.id, 0, "flag")
        flagged = await list_conversations(db, ConversationFilter(flagged=True))
        assert [row.id for row in flagged] == [target.id]
        transcript = await load_transcript(db, target.id)
        assert transcript is not None
        assert len(transcript.turns) == target.turns
        assert transcript.turns[0].ratings.flagged
        assert "length_fit" in transcript.turns[0].metrics
        assert "conversation_quality" in transcript.conversation_metrics
        assert await load_transcript(db, "no-such-id") is None
