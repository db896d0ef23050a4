"""The conversations screen, driven with keys: the list, its filters, opening a transcript."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from bridge.config import BotsFile, DemoBot, DemoServerSettings, PythonBot
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.browse import ConversationFilter
from tests.test_tui.app_support import make_app, slow_demo_bots, wait_until
from tui.screens.conversations import ConversationsScreen
from tui.screens.transcript import TranscriptScreen
from tui.session import execute_run
from tui.widgets.filter_bar import FilterBar

ANY = ConversationFilter()


def fast_bots() -> BotsFile:
    """The demo bot `jake` answering at once, and a bot whose every reply fails."""
    return BotsFile(
        source="tests", demo_server=DemoServerSettings(),
        bots={"jake": DemoBot(kind="demo", bot="jake"),
              "broken": PythonBot(kind="python", target="tests.sample_bots:broken")},
    )


async def record(db_path: Path) -> list[str]:
    """Run A: casey x jake (2 completed), casey x broken (2 failed); run B: alex x jake (1)."""
    runs = []
    for plan in (
        RunPlan(("casual_casey",), ("jake", "broken"), conversations=2, min_turns=3,
                max_turns=3, concurrency=4),
        RunPlan(("analytical_alex",), ("jake",), conversations=1, min_turns=3, max_turns=3),
    ):
        result = await execute_run(plan, builtin_personas(), fast_bots(), db_path,
                                   handle_signals=False)
        runs.append(result.run_id)
    return runs


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("recorded") / "template.db"
    return path, asyncio.run(record(path))


@pytest.fixture
def db(recorded: tuple[Path, list[str]], tmp_path: Path) -> Path:
    """A fresh copy of the recorded database for one test."""
    copy = tmp_path / "sparring.db"
    shutil.copy(recorded[0], copy)
    return copy


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


async def open_conversations(pilot: Pilot[None]) -> ConversationsScreen:
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConversationsScreen),
                     what="the conversations screen")
    screen = pilot.app.screen
    assert isinstance(screen, ConversationsScreen)
    await shown(pilot, screen, ANY)
    return screen


async def shown(pilot: Pilot[None], screen: ConversationsScreen,
                where: ConversationFilter) -> int:
    """Wait until the table shows the rows of `where`; their number."""
    await wait_until(pilot, lambda: screen.where == where and screen.shown == where,
                     what=f"rows of {where}")
    table = screen.query_one(DataTable)
    assert table.row_count == len(screen.rows)
    return table.row_count


async def test_lists_every_conversation_newest_first(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_conversations(pilot)
        assert await shown(pilot, screen, ANY) == 5
        newest_first = [row[0] for row in query(
            db, "SELECT id FROM conversations ORDER BY started_at DESC")]
        assert [row.id for row in screen.rows] == newest_first
        table = screen.query_one(DataTable)
        cells = [str(cell) for cell in table.get_row(newest_first[0])]
        assert cells[:4] == ["analytical_alex", "jake", screen.rows[0].topic, "completed"]
        assert table.border_title == "5 conversations · enter opens"


async def test_filters_narrow_the_list(db: Path, recorded: tuple[Path, list[str]]) -> None:
    run_a, run_b = recorded[1]
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_conversations(pilot)
        bar = screen.query_one(FilterBar)

        bar.query_one("#persona", Select).value = "analytical_alex"
        assert await shown(pilot, screen, replace(ANY, persona_id="analytical_alex")) == 1
        bar.query_one("#persona", Select).clear()
        bar.query_one("#status", Select).value = "failed"
        assert await shown(pilot, screen, replace(ANY, status="failed")) == 2
        assert {row.bot_id for row in screen.rows} == {"broken"}
        bar.query_one("#status", Select).clear()
        await shown(pilot, screen, ANY)

        screen.show_run(run_b)
        assert await shown(pilot, screen, replace(ANY, run_id=run_b)) == 1
        screen.show_run(run_a)
        assert await shown(pilot, screen, replace(ANY, run_id=run_a)) == 4
        screen.show_run(None)
        await shown(pilot, screen, ANY)

        qualities = sorted(value for (value,) in query(
            db, "SELECT value FROM metrics WHERE turn_idx = -1 "
            "AND name = 'conversation_quality' AND source = 'heuristic'"))
        typed = f"{qualities[-2] - 0.0005:.4f}"  # just under the second best
        threshold = float(typed)
        await pilot.press("slash")
        assert isinstance(app.focused, Select) and app.focused.id == "run"
        bar.query_one("#min-quality", Input).focus()
        await pilot.press(*typed)
        expected = sum(value >= threshold for value in qualities)
        assert expected == 2
        assert await shown(pilot, screen, replace(ANY, min_quality=threshold)) == expected
        assert all(row.quality is not None and row.quality >= threshold for row in screen.rows)
        await pilot.press("escape")  # back to the list: letters are keys again
        assert isinstance(app.focused, DataTable)
        bar.query_one("#min-quality", Input).clear()
        await shown(pilot, screen, ANY)


async def test_unrated_and_flagged_toggles(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_conversations(pilot)
        await pilot.press("u")  # failed conversations have no answered turn to rate
        assert await shown(pilot, screen, replace(ANY, unrated=True)) == 3

        done = screen.rows[0].id
        for (idx,) in query(db, "SELECT idx FROM turns WHERE conversation_id = ?", done):
            await app.ratings.set(done, idx, "stars", 4)
        await app.ratings.set(screen.rows[1].id, 0, "flag")
        screen.reload()
        await wait_until(pilot, lambda: done not in {row.id for row in screen.rows},
                         what="the rated conversation to leave the unrated list")
        assert len(screen.rows) == 2

        await pilot.press("f")
        assert await shown(pilot, screen, replace(ANY, unrated=True, flagged=True)) == 1
        await pilot.press("u")
        assert await shown(pilot, screen, replace(ANY, flagged=True)) == 1
        cells = [str(cell) for cell in screen.query_one(DataTable).get_row(screen.rows[0].id)]
        assert cells[8] == "⚑ 1"


async def test_enter_opens_the_highlighted_transcript(db: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_conversations(pilot)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TranscriptScreen),
                         what="the transcript")
        transcript = app.screen
        assert isinstance(transcript, TranscriptScreen)
        assert transcript.conversation_id == screen.rows[1].id
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, what="the list again")


async def test_a_live_run_streams_into_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ConversationsScreen, "REFRESH_SECONDS", 0.2)
    # Each conversation runs about a second, well over a refresh and a recorder flush, so
    # it is seen while still running even on a loaded machine.
    app = make_app(tmp_path / "live.db", bots_file=slow_demo_bots(300))
    plan = RunPlan(("casual_casey",), ("jake",), conversations=3, min_turns=3, max_turns=3,
                   concurrency=1)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_conversations(pilot)
        assert screen.rows == []
        app.start_run(plan)
        await wait_until(pilot, lambda: any(row.status == "running" for row in screen.rows),
                         what="a running conversation in the list")
        await wait_until(pilot, lambda: len(screen.rows) == 3 and all(
            row.status == "completed" for row in screen.rows), what="the finished run")
        assert app.live is not None and app.live.finished
        assert app.live.run_id in screen.query_one(FilterBar).run_ids

