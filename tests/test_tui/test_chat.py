"""Manual chat and live takeover, driven with keys; checked in the SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from simulator.plan import RunPlan
from tests.test_tui.app_support import make_app, slow_demo_bots, wait_until
from tui.screens.chat import ChatScreen
from tui.screens.transcript import TranscriptScreen, wait_for_rating_saves


@pytest.fixture(autouse=True)
def rater(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPARRING_RATER", "rita")


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


async def test_talk_to_jake_rate_a_turn_and_leave(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen), what="the chat")
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        assert isinstance(app.focused, Select)
        await pilot.press("enter", "j", "enter")  # open the list, jump to jake, pick him
        say_input = screen.query_one("#say", Input)
        await wait_until(pilot, lambda: app.focused is say_input, what="the chat to open")
        assert screen.bot_id == "jake" and screen.chat is not None
        conversation = screen.chat.conversation_id

        await pilot.press(*"hi jake", "enter")
        await wait_until(pilot, lambda: len(screen.turns) == 1, what="jake's first reply")
        await pilot.press(*"where should I go next?", "enter")
        await wait_until(pilot, lambda: len(screen.turns) == 2, what="jake's second reply")
        shown = [str(widget.render()) for widget in screen.query(".message")]
        assert len(shown) == 4 and shown[0].endswith("hi jake")
        assert shown[1].startswith("jake") and "waiting" not in shown[1]

        def stored() -> list[tuple]:
            return query(db_path, """
                SELECT c.source, c.run_id, c.persona_id, c.bot_id, t.idx, t.user_message,
                       t.user_intent, t.bot_reply IS NOT NULL
                FROM turns t JOIN conversations c ON c.id = t.conversation_id
                WHERE c.id = ? ORDER BY t.idx""", conversation)
        await wait_until(pilot, lambda: len(stored()) == 2, what="two stored turns")
        assert stored() == [
            ("human", None, "operator", "jake", 0, "hi jake", "operator", 1),
            ("human", None, "operator", "jake", 1, "where should I go next?", "operator", 1),
        ]

        await pilot.press("ctrl+r")  # the stored chat, where the rating keys work
        await wait_until(pilot, lambda: isinstance(app.screen, TranscriptScreen)
                         and app.screen.current == 1, what="the chat's transcript")
        header = str(app.screen.query_one("#summary", Static).render())
        assert header.startswith("operator ↔ jake")  # not "operator (operator)"
        await pilot.press("plus")
        await wait_for_rating_saves(app)
        assert query(db_path, "SELECT turn_idx, kind, value FROM ratings "
                     "WHERE conversation_id = ?", conversation) == [(1, "thumb", 1.0)]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="back in the chat")

        await pilot.press("escape")  # ends the chat
        await wait_until(pilot, lambda: not isinstance(app.screen, ChatScreen),
                         what="the chat to close")
        assert query(db_path, "SELECT status, turns, persona_engine FROM conversations "
                     "WHERE id = ?", conversation) == [("completed", 2, "operator")]


async def test_a_chat_left_without_a_word_stores_nothing(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(ChatScreen("elena"))
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen)
                         and app.screen.chat is not None, what="the chat to open")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ChatScreen),
                         what="the chat to close")
    assert query(db_path, "SELECT COUNT(*) FROM conversations") == [(0,)]


async def test_take_over_a_live_conversation_and_hand_it_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TranscriptScreen, "REFRESH_SECONDS", 0.1)
    app = make_app(db_path, bots_file=slow_demo_bots(300))
    async with app.run_test(size=(120, 36)) as pilot:
        live = app.start_run(RunPlan(("casual_casey",), ("jake",), conversations=1,
                                     min_turns=4, max_turns=4))
        await wait_until(pilot, lambda: query(db_path, "SELECT 1 FROM turns"), what="a turn")
        (conversation,) = query(db_path, "SELECT id FROM conversations")[0]
        app.open_conversation(conversation)
        await wait_until(pilot, lambda: isinstance(app.screen, TranscriptScreen)
                         and app.screen.transcript is not None, what="the transcript")
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert screen.check_action("take_over", ()) and not screen.check_action("hand_back", ())

        await pilot.press("o")
        operator = screen.query_one("#operator", Input)
        await wait_until(pilot, lambda: app.focused is operator, what="the operator's input")
        assert live.controls.takeovers.is_taken(conversation)
        await pilot.press(*"camera?", "enter")
        await wait_until(pilot, lambda: "1 sent, 1 answered" in str(operator.border_title),
                         what="the bot's answer to the operator")
        assert screen.current == max(turn.idx for turn in screen.turns)  # it follows along
        assert query(db_path, "SELECT user_intent, user_emotion FROM turns WHERE "
                     "conversation_id = ? AND user_message = 'camera?'", conversation) == [
            ("operator", "operator")]
        await pilot.press("ctrl+b")
        assert not live.controls.takeovers.is_taken(conversation)
        assert not screen.has_class("-taken") and not screen.check_action("hand_back", ())

        await wait_until(pilot, lambda: live.finished, limit_s=12, what="the run to finish")
        assert live.result is not None and live.result.status == "completed"
        await wait_until(pilot, lambda: screen.transcript is not None
                         and screen.transcript.conversation.status == "completed",
                         what="the transcript to show the end")
        assert not screen.check_action("take_over", ())
    turns = query(db_path, "SELECT idx, user_message, user_intent FROM turns "
                  "WHERE conversation_id = ? ORDER BY idx", conversation)
    assert [idx for idx, _, _ in turns] == list(range(len(turns)))
    operators = [(text, intent) for _, text, intent in turns if intent == "operator"]
    assert operators == [("camera?", "operator")]
    assert len(turns) == 5  # the persona's four and the operator's one
    assert query(db_path, "SELECT status FROM conversations") == [("completed",)]


async def test_quitting_mid_chat_still_writes_it(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(ChatScreen("elena"))
        await wait_until(pilot, lambda: isinstance(app.screen, ChatScreen)
                         and app.screen.chat is not None, what="the chat to open")
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        await pilot.press(*"hello", "enter")
        await wait_until(pilot, lambda: len(screen.turns) == 1, what="elena's reply")
    # the app is gone; the reply had come, so the chat ended normally
    assert query(db_path, "SELECT source, status, turns FROM conversations") == [
        ("human", "completed", 1)]
