"""The export dialog, driven with keys: ctrl+e, a path, the filters, progress and errors."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

import storage.exchange.export
from bridge.config import demo_bots_file
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tests.test_tui.app_support import make_app, wait_until
from tui.app import SparringApp
from tui.screens.export import ExportScreen
from tui.session import execute_run

PLAN = RunPlan(persona_ids=("casual_casey",), bot_ids=("jake",), conversations=3,
               min_turns=2, max_turns=3, concurrency=3)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("recorded") / "template.db"
    result = asyncio.run(execute_run(PLAN, builtin_personas(), demo_bots_file(), path,
                                     handle_signals=False))
    return path, result.run_id


@pytest.fixture
def db(recorded: tuple[Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "sparring.db"
    shutil.copy(recorded[0], copy)
    return copy


def notifications(app: SparringApp, severity: str | None = None) -> list[str]:
    return [n.message for n in app._notifications if severity in (None, n.severity)]


async def open_export(pilot: Pilot[None]) -> ExportScreen:
    await pilot.press("ctrl+e")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen),
                     what="the export dialog")
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def fill_path(pilot: Pilot[None], screen: ExportScreen, path: Path | str) -> None:
    field = screen.query_one("#export-path", Input)
    assert field.has_focus and field.value == "./sparring-export.jsonl"
    field.clear()
    await pilot.press(*str(path))
    assert field.value == str(path)


async def test_ctrl_e_exports_every_conversation_with_progress(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage.exchange.export, "PROGRESS_EVERY", 1)  # report every one
    seen: list[Message] = []
    app = make_app(db)
    out = tmp_path / "out.jsonl"
    async with app.run_test(size=(120, 36), message_hook=seen.append) as pilot:
        screen = await open_export(pilot)
        await fill_path(pilot, screen, out)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen),
                         what="the dialog to close")
        await wait_until(pilot, lambda: notifications(app), what="a toast")
        assert notifications(app) == [f"3 conversations written to {out}"]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["messages"][0]["role"] == "user" for line in lines)
    posted = list({id(m): m for m in seen}.values())  # a message is seen again as it bubbles
    progress = [(m.done, m.total) for m in posted if isinstance(m, ExportScreen.Progress)]
    assert progress and {total for _, total in progress} == {3}
    done = [count for count, _ in progress]
    assert done[-1] == 3 and done == sorted(done)


@pytest.mark.parametrize(("include_flagged", "expected"), [(False, 2), (True, 3)])
async def test_the_run_and_flag_filters(db: Path, recorded: tuple[Path, str], tmp_path: Path,
                                        include_flagged: bool, expected: int) -> None:
    with sqlite3.connect(db) as conn:
        flagged = conn.execute("SELECT id FROM conversations ORDER BY id LIMIT 1").fetchone()[0]
    app = make_app(db)
    out = tmp_path / "out.jsonl"
    async with app.run_test(size=(120, 36)) as pilot:
        await app.ratings.set(flagged, 0, "flag")
        screen = await open_export(pilot)
        await wait_until(pilot, lambda: screen.runs, what="the runs listed")
        screen.query_one("#export-run", Select).value = recorded[1]
        screen.query_one("#export-flagged", Checkbox).value = include_flagged
        await fill_path(pilot, screen, out)
        await pilot.click("#export-start")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen),
                         what="the dialog to close")
        await wait_until(pilot, lambda: notifications(app), what="a toast")
        assert notifications(app) == [f"{expected} conversations written to {out}"]
    assert len(out.read_text().splitlines()) == expected


async def test_min_stars_with_nothing_rated_writes_an_empty_file(
    db: Path, tmp_path: Path
) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#export-stars", Select).value = 4
        await fill_path(pilot, screen, tmp_path / "rated.jsonl")
        await pilot.press("enter")
        await wait_until(pilot, lambda: notifications(app), what="a toast")
        assert notifications(app) == [f"0 conversations written to {tmp_path / 'rated.jsonl'}"]
    assert (tmp_path / "rated.jsonl").read_text() == ""


async def test_errors_show_in_the_dialog_and_escape_closes_it(db: Path, tmp_path: Path) -> None:
    app = make_app(db)
    out = tmp_path / "missing" / "out.jsonl"
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_export(pilot)
        error = screen.query_one("#export-error", Static)
        assert not error.display
        await fill_path(pilot, screen, out)
        await pilot.press("enter")
        await wait_until(pilot, lambda: error.display, what="the error")
        assert str(error.content) == (f"{out}: cannot write the export (No such file or "
                                      "directory); choose another path")
        assert isinstance(app.screen, ExportScreen) and not screen.running
        screen.query_one("#export-path", Input).clear()
        await pilot.press("enter")
        assert str(error.content).startswith("Output file is empty")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen),
                         what="the dialog to close")
        assert notifications(app) == []
    assert not out.parent.exists()
