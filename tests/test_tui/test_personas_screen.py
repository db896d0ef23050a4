"""The personas screen, driven with keys: browsing, the detail pane, editing and reloading.

The real editor runs inside `App.suspend()`, which the headless test driver cannot do, so
the tests put a function that rewrites the file in the screen's `edit_file`. The editor is
handed a draft beside the persona file; what `sparring run` and `sparring tui` would read
(`resolve_personas`) is checked after every bad edit.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from textual.app import SuspendNotSupported
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tests.test_tui.app_support import make_app, slow_demo_bots, wait_until
from tui.app import SparringApp
from tui.commands.options import resolve_personas
from tui.persona_drafts import draft_of
from tui.screens.personas import PersonasScreen, definition_yaml, user_personas_dir


@pytest.fixture
def personas_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "personas"
    monkeypatch.setenv("SPARRING_PERSONAS", str(folder))
    return folder


def text_of(static: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(static.content)
    return console.export_text()


def notifications(app: SparringApp, severity: str | None = None) -> list[str]:
    return [n.message for n in app._notifications if severity in (None, n.severity)]


async def open_personas(pilot: Pilot[None]) -> PersonasScreen:
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PersonasScreen),
                     what="the personas screen")
    screen = pilot.app.screen
    assert isinstance(screen, PersonasScreen)
    return screen


def rewriting(change: Callable[[dict], object]) -> Callable[[Path], None]:
    """An editor that applies `change` to the file's YAML mapping and saves it."""

    def edit(path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    return edit


def entries(folder: Path) -> list[str]:
    """The names in a folder (none if it does not exist)."""
    return sorted(path.name for path in folder.iterdir()) if folder.is_dir() else []


def package_text(persona_id: str) -> str:
    return (resources.files("simulator") / "personas" / f"{persona_id}.yaml").read_text()


async def test_the_list_and_the_detail_of_the_highlighted_persona(
    db_path: Path, personas_dir: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)
        table = screen.query_one("#persona-list", DataTable)
        assert [key.value for key in table.rows] == list(builtin_personas())
        assert table.get_row_at(0)[0].plain == "analytical_alex"
        shown = text_of(screen.query_one("#persona-definition", Static))
        alex = builtin_personas()["analytical_alex"]
        for expected in (alex.name, alex.personality[:30], "response length",
                         alex.preferences.response_length, alex.preferences.formality,
                         alex.conversation_topics[0], alex.definition_hash,
                         "built in (package data)", str(personas_dir)):
            assert expected in shown, expected
        await pilot.press("down")
        await wait_until(pilot, lambda: screen.current is not None
                         and screen.current.id == "casual_casey", what="casey highlighted")
        shown = text_of(screen.query_one("#persona-definition", Static))
        assert "Casual Casey" in shown and "hobbies" in shown
        assert not screen.query_one("#persona-error", Static).display


async def test_editing_a_builtin_copies_it_and_a_valid_edit_takes_effect(
    db_path: Path, personas_dir: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)
        await pilot.press("down")  # casual_casey
        await wait_until(pilot, lambda: screen.current is not None
                         and screen.current.id == "casual_casey", what="casey highlighted")
        seen: list[str] = []

        def edit(path: Path) -> None:
            seen.append(path.read_text(encoding="utf-8"))
            rewriting(lambda data: data["preferences"].update(response_length="detailed"))(path)

        screen.edit_file = edit
        await pilot.press("e")
        copy = personas_dir / "casual_casey.yaml"
        assert seen == [package_text("casual_casey")]  # the copy, as shipped
        await wait_until(pilot, lambda: notifications(app), what="a toast")
        casey = app.personas["casual_casey"]
        assert casey.preferences.response_length == "detailed"
        assert casey.definition_hash != builtin_personas()["casual_casey"].definition_hash
        assert "response_length: detailed" in copy.read_text()
        assert not draft_of(copy).exists()  # the draft became the file
        assert "response_length: brief" in package_text("casual_casey")  # untouched
        assert notifications(app) == [f"Casual Casey (casual_casey) updated from {copy}"]
        table = screen.query_one("#persona-list", DataTable)
        assert table.get_row("casual_casey")[3].plain == "detailed"
        shown = text_of(screen.query_one("#persona-definition", Static))
        assert casey.definition_hash in shown and str(copy) in shown
        assert text_of(screen.query_one("#persona-note", Static)).strip() == (
            f"casual_casey: {copy} is in effect")
        assert not screen.query_one("#persona-error", Static).display

        # A second edit opens the same file, in place.
        screen.edit_file = rewriting(lambda data: data.update(goals=["find a new hobby"]))
        await pilot.press("e")
        assert app.personas["casual_casey"].goals == ("find a new hobby",)
        assert app.personas["casual_casey"].preferences.response_length == "detailed"


async def test_an_invalid_edit_stays_a_draft_and_nothing_bad_is_left_to_load(
    db_path: Path, personas_dir: Path
) -> None:
    app = make_app(db_path)
    before = builtin_personas()["analytical_alex"]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)
        screen.edit_file = rewriting(lambda data: data["preferences"].update(
            response_length="huge"))
        await pilot.press("e")
        copy = personas_dir / "analytical_alex.yaml"
        draft = personas_dir / "analytical_alex.yaml.draft"
        error = (f"{draft}: preferences.response_length = 'huge'; expected one of brief, "
                 f"moderate, detailed, varied (your edit stays in that draft; {copy} was not "
                 "written; e reopens the draft)")
        await wait_until(pilot, lambda: notifications(app, "error"), what="an error toast")
        assert notifications(app, "error") == [error]
        assert app.personas["analytical_alex"] == before
        assert not copy.exists() and "response_length: huge" in draft.read_text()
        assert resolve_personas(()) == builtin_personas()  # the next run starts as before
        shown = screen.query_one("#persona-error", Static)
        assert shown.display and text_of(shown).strip() == error
        assert screen.error == error
        assert text_of(screen.query_one("#persona-note", Static)).strip() == (
            f"analytical_alex: editing {draft}, a draft of a copy (the original is untouched)")
        assert (f"built in (package data); a draft at {draft} is not in effect (e reopens it)"
                in text_of(screen.query_one("#persona-definition", Static)))

        # Editing again reopens the draft (not a fresh copy) and a fix clears the error.
        opened: list[str] = []

        def fix(path: Path) -> None:
            opened.append(path.read_text())
            rewriting(lambda data: data["preferences"].update(response_length="varied"))(path)

        screen.edit_file = fix
        await pilot.press("e")
        assert "response_length: huge" in opened[0]
        assert app.personas["analytical_alex"].preferences.response_length == "varied"
        assert "response_length: varied" in copy.read_text() and not draft.exists()
        assert not screen.query_one("#persona-error", Static).display
        assert screen.error == ""
        assert resolve_personas(())["analytical_alex"] == app.personas["analytical_alex"]


async def test_a_bad_edit_of_a_file_in_effect_keeps_the_last_good_file(
    db_path: Path, personas_dir: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)
        screen.edit_file = rewriting(lambda data: data.update(goals=["compare two laptops"]))
        await pilot.press("e")
        good = personas_dir / "analytical_alex.yaml"
        good_text = good.read_text()
        in_effect = app.personas["analytical_alex"]
        assert in_effect.goals == ("compare two laptops",)

        def break_yaml(path: Path) -> None:
            path.write_text(path.read_text() + "goals: [unclosed\n")

        screen.edit_file = break_yaml
        await pilot.press("e")
        draft = draft_of(good)
        assert screen.error.startswith(f"{draft}: not valid YAML at line ")
        assert f"{good} is unchanged" in screen.error
        assert good.read_text() == good_text and draft.read_text().endswith("[unclosed\n")
        assert app.personas["analytical_alex"] == in_effect
        assert resolve_personas(())["analytical_alex"] == in_effect
        assert (f"{good}; a draft at {draft} is not in effect (e reopens it)"
                in text_of(screen.query_one("#persona-definition", Static)))
        await pilot.press("r")  # reloading the folder reads the good file, not the draft
        assert screen.error == "" and app.personas["analytical_alex"] == in_effect

        # A draft that takes another file's id would make the folder unloadable: refused.
        screen.edit_file = rewriting(lambda data: data.update(id="analytical_alex"))
        await pilot.press("down")  # casual_casey
        await wait_until(pilot, lambda: screen.current is not None
                         and screen.current.id == "casual_casey", what="casey highlighted")
        await pilot.press("e")
        casey_draft = personas_dir / "casual_casey.yaml.draft"
        assert screen.error.startswith(
            f"{casey_draft}: id = 'analytical_alex' is already defined in {good} ")
        assert not (personas_dir / "casual_casey.yaml").exists()
        assert resolve_personas(()) == {**builtin_personas(), "analytical_alex": in_effect}


async def test_an_editor_that_cannot_run_is_reported(
    db_path: Path, personas_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", str(personas_dir / "no-such-editor"))
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)

        def cannot_start(path: Path) -> None:
            raise FileNotFoundError(2, "No such file or directory")

        screen.edit_file = cannot_start
        await pilot.press("e")
        assert "could not be started (No such file or directory)" in screen.error
        assert entries(personas_dir) == []  # no draft left
        with pytest.raises(SuspendNotSupported):  # the headless driver cannot suspend
            screen.launch_editor(personas_dir / "analytical_alex.yaml")
        screen.edit_file = screen.launch_editor
        await pilot.press("e")
        assert "cannot hand over to an editor" in screen.error
        assert app.personas == builtin_personas()
        assert entries(personas_dir) == []

        screen.edit_file = remove  # an editor that deletes the draft: nothing changes
        await pilot.press("e")
        draft = personas_dir / "analytical_alex.yaml.draft"
        assert screen.error == (f"{draft} was deleted in the editor; "
                                f"{personas_dir / 'analytical_alex.yaml'} was not written")
        assert entries(personas_dir) == []


async def test_the_editor_waits_while_a_run_is_live(db_path: Path, personas_dir: Path) -> None:
    plan = RunPlan(("casual_casey",), ("jake",), conversations=1, min_turns=4, max_turns=4)
    app = make_app(db_path, bots_file=slow_demo_bots(300), start_plan=plan)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.live is not None and app.live.run_id is not None,
                         what="the run to start")
        screen = await open_personas(pilot)
        opened: list[Path] = []
        screen.edit_file = opened.append
        await pilot.press("e")
        await wait_until(pilot, lambda: notifications(app, "warning"), what="a warning")
        assert "A run is in progress" in notifications(app, "warning")[0]
        assert opened == []
        assert app.live is not None
        app.live.cancel()
        await wait_until(pilot, lambda: app.live is not None and app.live.finished,
                         what="the run to end")
        await pilot.press("e")
        assert opened == [personas_dir / "analytical_alex.yaml.draft"]


@pytest.fixture
def folder_of_three(personas_dir: Path) -> Path:
    """A changed Emma, a new persona `zed`, and a file that is not YAML."""
    personas_dir.mkdir()
    emma = builtin_personas()["emotional_emma"]
    changed = emma.model_copy(update={"name": "Emma Two"})
    (personas_dir / "emotional_emma.yaml").write_text(definition_yaml(changed))
    (personas_dir / "zed.yaml").write_text(
        definition_yaml(emma).replace("emotional_emma", "zed").replace("Emotional Emma", "Zed"))
    (personas_dir / "broken.yaml").write_text("name: [unclosed\n")
    return personas_dir


def remove(path: Path) -> None:
    path.unlink()


async def test_reload_reads_the_folder_and_names_the_first_bad_file(
    db_path: Path, folder_of_three: Path
) -> None:
    personas_dir = folder_of_three
    emma = builtin_personas()["emotional_emma"]
    app = make_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_personas(pilot)
        assert app.personas["emotional_emma"] == emma  # nothing is read until r
        await pilot.press("r")
        assert app.personas["emotional_emma"].name == "Emma Two"
        assert "zed" in app.personas
        assert screen.error == f"{personas_dir / 'broken.yaml'}: not valid YAML at line 2"
        table = screen.query_one("#persona-list", DataTable)
        assert table.row_count == 5
        await wait_until(pilot, lambda: notifications(app, "error"), what="an error toast")

        remove(personas_dir / "broken.yaml")
        await pilot.press("r")
        assert screen.error == ""
        await wait_until(pilot, lambda: len(notifications(app)) == 2, what="a second toast")
        assert notifications(app)[-1] == f"2 personas read from {personas_dir}"


def test_the_personas_folder_is_the_env_var_else_the_user_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SPARRING_PERSONAS", str(tmp_path))
    assert user_personas_dir() == tmp_path
    monkeypatch.delenv("SPARRING_PERSONAS")
    assert user_personas_dir().parts[-2:] == ("sparring", "personas")
