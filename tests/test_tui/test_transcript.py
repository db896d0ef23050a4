"""The transcript screen, driven with keys: rating turns, notes, the review queue, live turns."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, TextArea

import tui.app
from bridge.config import demo_bots_file
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tests.test_tui.app_support import make_app, slow_demo_bots, wait_until
from tests.test_tui.test_conversations import record
from tui.app import SparringApp
from tui.screens.conversations import ConversationsScreen
from tui.screens.note import NoteScreen
from tui.screens.transcript import TranscriptScreen, wait_for_rating_saves

RATER = "rita"


class NotingApp(SparringApp):
    """The app, keeping every notification's message for the test to read."""

    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))  # not beside this module

    def __init__(self, db_path: Path) -> None:
        super().__init__(db_path, personas=builtin_personas(), bots_file=demo_bots_file())
        self.notes: list[str] = []

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        self.notes.append(message)
        super().notify(message, **kwargs)


@pytest.fixture(autouse=True)
def rater(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPARRING_RATER", RATER)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("recorded") / "template.db"
    asyncio.run(record(path))
    return path


@pytest.fixture
def db(recorded: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "sparring.db"
    shutil.copy(recorded, copy)
    return copy


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def stored(db: Path, conversation_id: str) -> set[tuple[int, str, float | None, str | None]]:
    """The ratings in the database file: (turn, kind, value, note), all by RATER."""
    rows = query(db, "SELECT turn_idx, kind, value, note, rater FROM ratings "
                 "WHERE conversation_id = ?", conversation_id)
    assert {row[4] for row in rows} <= {RATER}
    return {row[:4] for row in rows}


async def opened(pilot: Pilot[None], conversation_id: str) -> TranscriptScreen:
    """Wait for the transcript of `conversation_id` to be on screen and loaded."""
    def ready() -> bool:
        screen = pilot.app.screen
        return (isinstance(screen, TranscriptScreen) and screen.conversation_id == conversation_id
                and screen.transcript is not None and screen.current is not None)
    await wait_until(pilot, ready, what=f"the transcript of {conversation_id[:8]}")
    assert isinstance(pilot.app.screen, TranscriptScreen)
    return pilot.app.screen


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then wait until the ratings they wrote are committed."""
    await pilot.press(*keys)
    await wait_for_rating_saves(pilot.app)


async def test_rating_keys_save_at_once_and_show_on_the_card(db: Path) -> None:
    (conversation,) = query(db, "SELECT id FROM conversations WHERE persona_id = "
                            "'analytical_alex'")[0]
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_conversation(conversation)
        screen = await opened(pilot, conversation)
        assert screen.current == 0 and len(screen.turns) == 3
        assert screen.card(0).has_class("-current")

        await press(pilot, "plus")
        assert stored(db, conversation) == {(0, "thumb", 1.0, None)}
        assert screen.card(0).ratings_text == "👍"
        await press(pilot, "plus")  # the same thumb again takes it back
        assert stored(db, conversation) == set()
        assert screen.card(0).ratings_text.startswith("unrated")
        await press(pilot, "plus", "4")
        assert stored(db, conversation) == {(0, "thumb", 1.0, None), (0, "stars", 4.0, None)}

        await press(pilot, "j", "minus", "2")
        assert screen.current == 1 and not screen.card(0).has_class("-current")
        await press(pilot, "down", "5", "exclamation_mark")
        assert screen.current == 2
        assert stored(db, conversation) == {
            (0, "thumb", 1.0, None), (0, "stars", 4.0, None),
            (1, "thumb", -1.0, None), (1, "stars", 2.0, None),
            (2, "stars", 5.0, None), (2, "flag", None, None),
        }

        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), what="the note")
        await pilot.press(*"too terse", "ctrl+s")
        await opened(pilot, conversation)
        await wait_for_rating_saves(app)
        assert (2, "note", None, "too terse") in stored(db, conversation)

        assert screen.card(0).ratings_text == "👍 ★★★★☆"
        assert screen.card(0).border_title == "turn 1 · 👍 ★★★★☆"
        assert screen.card(1).ratings_text == "👎 ★★☆☆☆"
        assert screen.card(2).ratings_text == "★★★★★ ⚑ flagged\n✎ too terse"
        summary = str(screen.query_one("#summary").render())
        assert "rated 3/3" in summary and "⚑ 1" in summary

        await pilot.press("k", "m")  # cancelled: nothing changes
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), what="the note")
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press("escape")
        await opened(pilot, conversation)
        await press(pilot, "j", "m")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteScreen), what="the note")
        note = app.screen.query_one(TextArea)
        assert note.text == "too terse"
        note.clear()
        await pilot.press("ctrl+s")  # an empty note removes it
        await opened(pilot, conversation)
        await press(pilot, "exclamation_mark")  # and the flag goes again
        assert stored(db, conversation) == {
            (0, "thumb", 1.0, None), (0, "stars", 4.0, None),
            (1, "thumb", -1.0, None), (1, "stars", 2.0, None), (2, "stars", 5.0, None),
        }
        assert screen.card(2).ratings_text == "★★★★★"

        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, TranscriptScreen),
                         what="the screen before")


async def test_a_failed_turn_takes_a_flag_and_a_note_but_no_score(db: Path) -> None:
    (conversation,) = query(db, "SELECT id FROM conversations WHERE status = 'failed'")[0]
    app = NotingApp(db)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_conversation(conversation)
        screen = await opened(pilot, conversation)
        assert screen.turns[0].bot_reply is None
        assert "⚠" in str(screen.card(0).query_one(".bot-reply").render())
        await press(pilot, "plus", "3")
        assert stored(db, conversation) == set()
        assert any("did not answer" in note for note in app.notes)
        await press(pilot, "exclamation_mark")
        assert stored(db, conversation) == {(0, "flag", None, None)}


async def test_review_walks_the_unrated_turns_in_order(db: Path) -> None:
    queue = query(db, """
        SELECT t.conversation_id, t.idx FROM turns t JOIN conversations c
        ON c.id = t.conversation_id WHERE t.bot_reply IS NOT NULL
        ORDER BY c.started_at, c.id, t.idx""")
    assert len(queue) == 9  # three conversations of three answered turns
    app = NotingApp(db)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: hasattr(app, "ratings"), what="the database")
        skipped = queue.pop(4)  # rated elsewhere already: the queue passes it by
        await app.ratings.set(*skipped, "stars", 3)

        await pilot.press("u")  # from the dashboard: the oldest unrated turn
        for position, (conversation, idx) in enumerate(queue):
            screen = await opened(pilot, conversation)
            await wait_until(pilot, lambda s=screen, i=idx: s.current == i,  # type: ignore[misc]
                             what=f"turn {idx} of {conversation[:8]} (step {position})")
            assert len(app.screen_stack) == 2  # replaced, never piled up
            await pilot.press("plus", "u")
        await wait_until(pilot, lambda: "Every answered bot turn is rated." in app.notes,
                         what="the empty-queue toast")
        await wait_for_rating_saves(app)
    thumbs = query(db, "SELECT conversation_id, turn_idx FROM ratings WHERE kind = 'thumb'")
    assert sorted(thumbs) == sorted(queue)


async def test_a_running_conversation_grows_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TranscriptScreen, "REFRESH_SECONDS", 0.1)
    db = tmp_path / "live.db"
    app = make_app(db, bots_file=slow_demo_bots(150))
    async with app.run_test(size=(120, 36)) as pilot:
        app.start_run(RunPlan(("casual_casey",), ("jake",), conversations=1, min_turns=4,
                              max_turns=4))
        await wait_until(pilot, lambda: query(db, "SELECT 1 FROM turns"), what="a turn")
        (conversation,) = query(db, "SELECT id FROM conversations")[0]
        app.open_conversation(conversation)
        screen = await opened(pilot, conversation)
        assert screen.transcript is not None
        assert screen.transcript.conversation.status == "running"
        assert len(screen.turns) < 4
        await wait_until(pilot, lambda: len(screen.turns) == 4 and screen.transcript is not None
                         and screen.transcript.conversation.status == "completed",
                         what="every turn and the end of the conversation")
        assert screen.current == 0


async def test_renders_at_80_by_24(db: Path) -> None:
    (conversation,) = query(db, "SELECT id FROM conversations WHERE bot_id = 'jake' "
                            "ORDER BY started_at LIMIT 1")[0]
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ConversationsScreen)
                         and app.screen.shown is not None, what="the list")
        assert app.screen.query_one(DataTable).row_count == 5
        for select in app.screen.query(Select):
            assert select.region.width >= 12 and select.region.right <= 80
        app.open_conversation(conversation)
        screen = await opened(pilot, conversation)
        await pilot.pause()
        assert screen.has_class("-narrow")
        card = screen.card(0)
        messages, side = card.query_one(".messages"), card.query_one(".side")
        assert side.region.y > messages.region.y and side.region.width > 40
        assert card.region.right <= 80 and card.region.y < 24  # on screen, nothing cut off
        assert screen.query_one("#summary").region.height >= 3
