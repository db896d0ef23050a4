"""The dashboard: pause, resume and cancel with keys; stored figures; ratings; small terminals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from simulator.plan import RunPlan
from tests.test_tui.app_support import make_app, slow_demo_bots, wait_until
from tui.app import SparringApp
from tui.screens.conversations import ConversationsScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.new_run import NewRunScreen
from tui.widgets.figures import Figure, QualityMatrix


def small_plan(**changes: object) -> RunPlan:
    fields: dict[str, object] = {
        "persona_ids": ("analytical_alex",), "bot_ids": ("elena",), "conversations": 2,
        "min_turns": 2, "max_turns": 2, "concurrency": 2, "seed": 7,
    }
    return RunPlan(**{**fields, **changes})  # type: ignore[arg-type]


def dashboard(app: SparringApp) -> DashboardScreen:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


async def ticks(pilot: Pilot[None], screen: DashboardScreen, n: int) -> None:
    """Let the dashboard refresh its live figures `n` more times."""
    target = screen.ticks + n
    await wait_until(pilot, lambda: screen.ticks >= target, what=f"{n} ticks")


async def test_pause_holds_resume_continues_and_cancel_interrupts(db_path: Path) -> None:
    plan = small_plan(conversations=3, min_turns=6, max_turns=6)
    app = make_app(db_path, bots_file=slow_demo_bots(200), start_plan=plan)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.live is not None and app.live.stats.turns >= 1,
                         what="the first turn")
        live = app.live
        assert live is not None
        screen = dashboard(app)
        title = screen.query_one("#run-title", Static)

        await pilot.press("p")
        assert live.state == "paused"
        # Replies already in flight (200 ms each) still land: wait until the count settles.
        await ticks(pilot, screen, 2)
        held = -1
        while live.stats.turns != held:
            held = live.stats.turns
            await ticks(pilot, screen, 2)
        await ticks(pilot, screen, 4)
        assert live.stats.turns == held
        assert str(title.content).endswith("· paused")
        runs = screen.query_one("#runs", DataTable)
        assert runs.get_cell(live.run_id, "status") == "paused"

        await pilot.press("p")
        assert live.state == "running"
        await wait_until(pilot, lambda: live.stats.turns > held, what="turns after resuming")
        await ticks(pilot, screen, 1)
        assert str(title.content).endswith("· running")
        assert runs.get_cell(live.run_id, "status") == "running"

        await pilot.press("x")
        await wait_until(pilot, lambda: live.finished, what="the run to stop")
        assert live.state == "interrupted"
        await ticks(pilot, screen, 1)
        assert str(title.content).endswith("· interrupted")
        note = screen.query_one("#run-note", Static)
        assert str(note.content) == "interrupted by the operator"
        run_id = live.run_id

    with sqlite3.connect(db_path) as conn:
        status = conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
        statuses = [row[0] for row in conn.execute(
            "SELECT status FROM conversations WHERE run_id = ?", (run_id,)
        )]
    assert status == "interrupted"
    assert "cancelled" in statuses
    assert "running" not in statuses


async def test_a_stored_run_shows_its_figures_and_new_ratings_within_a_second(
    db_path: Path,
) -> None:
    first = make_app(db_path, start_plan=small_plan())
    async with first.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: first.live is not None and first.live.finished,
                         what="the run")
        assert first.live is not None and first.live.run_id is not None
        run_id = first.live.run_id

    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = dashboard(app)
        title = screen.query_one("#run-title", Static)
        await wait_until(pilot, lambda: str(title.content).startswith(f"Run {run_id[:8]}"),
                         what="the stored run's figures")
        assert " · completed · " in str(title.content)
        assert screen.query_one("#fig-conversations", Figure).value == "2 (0 failed)"
        assert screen.query_one(QualityMatrix).get_cell("analytical_alex", "elena").endswith(
            "· 2"
        )
        runs = screen.query_one("#runs", DataTable)
        assert runs.get_row(run_id)[1] == "completed"

        ratings = screen.query_one("#fig-ratings", Figure)
        await wait_until(pilot, lambda: ratings.value.startswith("0 / 4 bot turns rated"),
                         what="rating progress")
        with sqlite3.connect(db_path) as conn:
            conversation_id = conn.execute("SELECT id FROM conversations LIMIT 1").fetchone()[0]
        await app.ratings.set(conversation_id, 0, "thumb", 1)
        await app.ratings.set(conversation_id, 1, "flag")
        await wait_until(pilot, lambda: ratings.value.startswith("1 / 4 bot turns rated"),
                         limit_s=2.5, what="the new rating")
        assert "1 flagged · 1 up · 0 down" in ratings.value

        await pilot.press("enter")  # the runs table has focus: open the run's conversations
        await wait_until(
            pilot, lambda: isinstance(app.screen, ConversationsScreen)
            and app.screen.where.run_id == run_id, what="the run's conversations",
        )


async def test_the_dashboard_and_the_form_fit_80_by_24(db_path: Path) -> None:
    app = make_app(db_path, start_plan=small_plan())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.live is not None and app.live.finished, what="run")
        screen = dashboard(app)
        assert screen.has_class("-narrow")
        await ticks(pilot, screen, 1)
        assert str(screen.query_one("#progress-text", Static).content) == "2 / 2"
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewRunScreen), what="the form")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="the dashboard")


async def test_a_run_that_fails_to_start_says_why(db_path: Path) -> None:
    app = make_app(db_path, start_plan=small_plan(persona_ids=("nobody",)))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.live is not None and app.live.finished, what="run")
        screen = dashboard(app)
        await ticks(pilot, screen, 1)
        assert str(screen.query_one("#run-title", Static).content).endswith("· failed")
        note = str(screen.query_one("#run-note", Static).content)
        assert "nobody" in note
        assert [n.message for n in app._notifications if n.severity == "error"] == [note]


async def test_r_finishes_an_interrupted_run_with_every_planned_conversation_once(
    db_path: Path,
) -> None:
    plan = small_plan(conversations=4, min_turns=3, max_turns=3, concurrency=2)
    first = make_app(db_path, bots_file=slow_demo_bots(150), start_plan=plan)
    async with first.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: first.live is not None
                         and first.live.stats.finished >= 1, what="one conversation")
        await pilot.press("x")
        assert first.live is not None
        await wait_until(pilot, lambda: first.live is not None and first.live.finished,
                         what="the run to stop")
        run_id = first.live.run_id
        assert run_id is not None

    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = dashboard(app)
        await wait_until(pilot, lambda: screen.shown_run_id() == run_id
                         and screen.check_action("resume_run", ()) is True,
                         what="the interrupted run on display, resumable")
        await pilot.press("r")
        await wait_until(pilot, lambda: app.live is not None, what="the resumed run")
        assert app.live is not None and app.live.resuming is not None
        kept = len(app.live.resuming.done)
        progress = screen.query_one("#progress-text", Static)
        await wait_until(pilot, lambda: str(progress.content).endswith(" / 4"), what="progress")
        assert int(str(progress.content).split(" / ")[0]) >= kept > 0
        await wait_until(pilot, lambda: app.live is not None and app.live.finished,
                         limit_s=20, what="the resumed run to finish")
        assert app.live is not None and app.live.run_id == run_id
        assert app.live.state == "completed"
        assert screen.check_action("resume_run", ()) is False  # completed: nothing to resume

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        conversations = conn.execute(
            "SELECT id, status, turns FROM conversations WHERE run_id = ?", (run_id,)
        ).fetchall()
    assert len(conversations) == 4 == len({row[0] for row in conversations})
    assert {(status, turns) for _, status, turns in conversations} == {("completed", 3)}
