"""The new-run form: a plan started from it runs and lands in SQLite; a bad plan stays inline."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, SelectionList, Static

from tests.test_tui.app_support import make_app, wait_until
from tui.screens.dashboard import DashboardScreen
from tui.screens.new_run import NewRunScreen
from tui.widgets.figures import Figure, QualityMatrix


async def test_a_run_started_from_the_form_is_recorded_and_shown(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewRunScreen), what="the form")
        form = app.screen
        # The persona list has focus; untick every persona but the first, then the bots.
        await pilot.press("down", "space", "down", "space", "down", "space")
        await pilot.press("tab", "down", "space", "down", "space", "down", "space")
        assert form.query_one("#personas", SelectionList).selected == ["analytical_alex"]
        assert form.query_one("#bots", SelectionList).selected == ["elena"]
        for field, value in {"conversations": "2", "min-turns": "2", "max-turns": "3"}.items():
            form.query_one(f"#{field}", Input).value = value
        await pilot.click("#start")

        await wait_until(pilot, lambda: app.live is not None and app.live.finished, what="run")
        assert app.live is not None and app.live.state == "completed"
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        progress = dashboard.query_one("#progress-text", Static)
        await wait_until(pilot, lambda: str(progress.content) == "2 / 2", what="progress")
        figure = dashboard.query_one("#fig-conversations", Figure)
        assert figure.value == "2 done · 0 in flight"
        matrix = dashboard.query_one(QualityMatrix)
        assert matrix.get_cell("analytical_alex", "elena").endswith("· 2")
        run_id = app.live.run_id

    with sqlite3.connect(db_path) as conn:
        runs = conn.execute("SELECT id, status FROM runs").fetchall()
        conversations = conn.execute(
            "SELECT persona_id, bot_id, status FROM conversations WHERE run_id = ?", (run_id,)
        ).fetchall()
        turns = conn.execute("SELECT COUNT(*) FROM turns").fetchone()[0]
    assert runs == [(run_id, "completed")]
    assert conversations == [("analytical_alex", "elena", "completed")] * 2
    assert 4 <= turns <= 6


async def test_min_turns_above_max_turns_is_shown_inline_and_starts_nothing(
    db_path: Path,
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewRunScreen), what="the form")
        form = app.screen
        error = form.query_one("#error", Static)
        assert not error.display
        form.query_one("#min-turns", Input).value = "5"
        form.query_one("#max-turns", Input).value = "2"
        await pilot.click("#start")
        await pilot.pause()

        assert app.screen is form
        assert error.display
        assert str(error.content) == "Max turns = 2; expected at least Min turns (5)"
        assert app.live is None

        form.query_one("#conversations", Input).value = "0"
        await wait_until(pilot, lambda: not error.display, what="an edit to clear the message")
        await pilot.pause()  # the hidden message moves the button: click it where it is now
        await pilot.click("#start")
        await wait_until(pilot, lambda: error.display, what="the second message")
        assert str(error.content) == (
            "Conversations per pair = '0'; expected a whole number, 1 or more"
        )

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), what="close")
        assert app.live is None
