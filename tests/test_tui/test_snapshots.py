"""Snapshot tests of the main screens, on a database written with fixed ids and times.

Layout only: the figures come from fixed rows, so any difference is a rendering change.
Review a changed snapshot, then accept it with `pytest --snapshot-update`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from storage.database import Database
from tests.test_tui.app_support import make_app, wait_until

RUN = "5f1c2a9e-0000-4000-8000-000000000001"
TALKS = [
    ("c0a1b2c3-0000-4000-8000-000000000001", "casual_casey", "jake", "movies", 0.81, 5),
    ("c0a1b2c3-0000-4000-8000-000000000002", "analytical_alex", "marcus", "AI research", 0.64, 3),
]
EXCHANGES = [
    ("hey, seen anything good lately?", "Dude, yes! Go see the new heist movie, it's a blast!"),
    ("lol ok, is it long?", "Two hours, but it flies by. Grab popcorn!"),
    ("nice, thx", "Anytime, bro! Enjoy!"),
]


async def _write(path: Path) -> None:
    async with Database(path) as db, db.transaction() as conn:
        await conn.execute(
            "INSERT INTO runs (id, status, started_at, finished_at, seed, persona_engine, plan, "
            "sparring_version) VALUES (?, 'completed', '2026-11-23T09:00:00+00:00', "
            "'2026-11-23T09:00:05+00:00', 7, 'scripted', '{}', 'test')", (RUN,))
        for n, (cid, persona, bot, topic, quality, satisfaction) in enumerate(TALKS):
            started = f"2026-11-23T09:00:0{n}+00:00"
            await conn.execute(
                "INSERT INTO conversations (id, run_id, source, persona_id, persona_hash, bot_id, "
                "topic, emotional_state, seed, persona_engine, status, turns, satisfaction, "
                "verdict, started_at, finished_at) VALUES (?, ?, 'synthetic', ?, 'h', ?, ?, "
                "'curious', 1, 'scripted', 'completed', 3, ?, 'Short and to the point.', ?, ?)",
                (cid, RUN, persona, bot, topic, satisfaction, started, started))
            for idx, (user, reply) in enumerate(EXCHANGES):
                await conn.execute(
                    "INSERT INTO turns (conversation_id, idx, user_message, user_emotion, "
                    "user_intent, bot_reply, sent_at, latency_ms, attempts) VALUES "
                    "(?, ?, ?, 'playful', 'follow_up', ?, ?, ?, 1)",
                    (cid, idx, user, reply, started, 120.0 + 10 * idx))
                for name, value in (("length_fit", 1.0), ("relevance", 0.4),
                                    ("latency_score", 1.0), ("persona_engagement", 0.7)):
                    source = "persona" if name == "persona_engagement" else "heuristic"
                    await conn.execute(
                        "INSERT INTO metrics (conversation_id, turn_idx, name, source, value) "
                        "VALUES (?, ?, ?, ?, ?)", (cid, idx, name, source, value))
            for name, value in (("conversation_quality", quality), ("engagement_score", 0.7),
                                ("mean_latency_ms", 130.0)):
                await conn.execute(
                    "INSERT INTO metrics (conversation_id, turn_idx, name, source, value) "
                    "VALUES (?, -1, ?, 'heuristic', ?)", (cid, name, value))
        first = TALKS[0][0]
        for idx, kind, value, note in ((0, "thumb", 1, None), (0, "stars", 4, None),
                                       (1, "flag", None, None), (1, "note", None, "too long")):
            await conn.execute(
                "INSERT INTO ratings (id, conversation_id, turn_idx, rater, kind, value, note, "
                "created_at) VALUES (?, ?, ?, 'ana', ?, ?, ?, '2026-11-23T10:00:00+00:00')",
                (f"r{idx}{kind}", first, idx, kind, value, note))


@pytest.fixture
def snapshot_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the app shows the database path; keep it short and fixed
    monkeypatch.setenv("SPARRING_RATER", "ana")
    path = Path("snap.db")
    asyncio.run(_write(path))
    return path


def _settled(press: tuple[str, ...]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: pilot.app.screen.query("DataTable"), what="a table")
        for key in press:
            await pilot.press(key)
            await pilot.pause(0.3)
        await pilot.pause(0.5)

    return run_before


def test_dashboard(snap_compare: Any, snapshot_db: Path) -> None:
    assert snap_compare(make_app(snapshot_db), terminal_size=(120, 36),
                        run_before=_settled(()))


def test_conversations(snap_compare: Any, snapshot_db: Path) -> None:
    assert snap_compare(make_app(snapshot_db), terminal_size=(120, 36),
                        run_before=_settled(("c",)))


def test_transcript_with_ratings(snap_compare: Any, snapshot_db: Path) -> None:
    assert snap_compare(make_app(snapshot_db), terminal_size=(120, 36),
                        run_before=_settled(("c", "down", "enter")))
