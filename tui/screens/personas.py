"""The personas screen: browse personas, edit one in `$EDITOR`, reload the personas folder.

Edits go to the user's personas folder (`$SPARRING_PERSONAS`, else `personas/` in the user
config directory); a built-in persona is copied there, so package files are never touched.
The editor opens a draft beside the persona file (`tui/persona_drafts.py`): a draft that
validates replaces the file and the persona in effect (merged by id); a bad one stays a
draft, shown as its one-line error, and the last good file and persona stay.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

import yaml
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from simulator.errors import ConfigError
from simulator.persona import Persona, builtin_personas, load_persona_file
from tui.commands.options import PERSONAS_ENV, user_personas_dir
from tui.persona_drafts import Draft, commit_draft, draft_of, persona_files, start_draft
from tui.widgets.footer import Footer
from tui.widgets.table import DataTable

if TYPE_CHECKING:
    from tui.app import SparringApp

COLUMNS = (("id", "id"), ("name", "name"), ("style", "style"), ("length", "length"),
           ("formality", "formality"))


def definition_yaml(persona: Persona) -> str:
    """A persona's definition as YAML; a built-in's own file text when it is unchanged."""
    builtin = builtin_personas().get(persona.id)
    if builtin is not None and builtin.definition_hash == persona.definition_hash:
        package_file = resources.files("simulator") / "personas" / f"{persona.id}.yaml"
        if package_file.is_file():
            return package_file.read_text(encoding="utf-8")
    return yaml.safe_dump(persona.model_dump(mode="json", exclude_none=True),
                          sort_keys=False, allow_unicode=True)


def detail(persona: Persona, source: str) -> Table:
    """The full definition as a two-column grid (plain Text: no markup from the file)."""
    prefs = persona.preferences
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(persona.name, style="bold"), Text(persona.id, style="dim"))
    grid.add_row("personality", Text(persona.personality))
    grid.add_row("", "")
    grid.add_row("response length", Text(prefs.response_length))
    grid.add_row("style", Text(prefs.communication_style))
    grid.add_row("formality", Text(prefs.formality))
    grid.add_row("topic depth", Text(prefs.topic_depth))
    grid.add_row("emotional support", Text(prefs.emotional_support or "–"))
    grid.add_row("", "")
    grid.add_row("topics", Text("\n".join(f"• {topic}" for topic in persona.conversation_topics)))
    grid.add_row("baseline", Text(persona.emotional_baseline))
    grid.add_row("goals", Text("\n".join(f"• {goal}" for goal in persona.goals) or "–"))
    grid.add_row("", "")
    grid.add_row("definition hash", Text(persona.definition_hash))
    grid.add_row("source", Text(source, overflow="fold"))
    return grid


class PersonasScreen(Screen[None]):
    """Every persona in effect; the highlighted one's full definition below the list."""

    CSS_PATH = "personas.tcss"
    AUTO_FOCUS = "#persona-list"
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("r", "reload", "Reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, Path] = {}
        """Personas read from a file of the personas folder, by id."""
        self.error = ""
        """The last validation error on display ("" when there is none)."""
        self.edit_file: Callable[[Path], None] = self.launch_editor
        """Opens a file for editing and returns once it is saved; tests replace it."""
        self._builtins = builtin_personas()

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable[Text](id="persona-list", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="persona-detail"):
            yield Static(id="persona-error", markup=False)
            yield Static(id="persona-note", markup=False)
            yield Static(id="persona-definition")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one("#persona-list", DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        self._find_sources()
        self.show_error("")
        self._show_note("")
        self.refresh_list()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_list()

    # -- reading --------------------------------------------------------------------------

    def _find_sources(self) -> None:
        """Note which personas in effect come, unchanged, from a file in the personas folder."""
        for path in persona_files(user_personas_dir()):
            try:
                found = load_persona_file(path)
            except ConfigError:
                continue
            current = self.sparring.personas.get(found.id)
            if current is not None and current.definition_hash == found.definition_hash:
                self.sources.setdefault(found.id, path)

    def source_of(self, persona: Persona) -> str:
        """Where the persona in effect was read from, in words."""
        if persona.id in self.sources:
            path = self.sources[persona.id]
            if draft_of(path).exists():
                return f"{path}; a draft at {draft_of(path)} is not in effect (e reopens it)"
            return str(path)
        builtin = self._builtins.get(persona.id)
        origin = ("built in (package data)"
                  if builtin is not None and builtin.definition_hash == persona.definition_hash
                  else "a --personas folder")
        copy = user_personas_dir() / f"{persona.id}.yaml"
        if draft_of(copy).exists():
            return f"{origin}; a draft at {draft_of(copy)} is not in effect (e reopens it)"
        if copy.exists():
            return f"{origin}; {copy} differs and is not in effect (e opens it, r reads it)"
        return f"{origin}; e edits a copy at {copy}"

    @property
    def current(self) -> Persona | None:
        table: DataTable[Text] = self.query_one("#persona-list", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.sparring.personas.get(key or "")

    # -- showing --------------------------------------------------------------------------

    def refresh_list(self, select: str | None = None) -> None:
        """Fill the list from `app.personas`, keeping (or moving to) the highlighted id."""
        table: DataTable[Text] = self.query_one("#persona-list", DataTable)
        keep = select or (self.current.id if self.current else None)
        table.clear()
        for persona in self.sparring.personas.values():
            prefs = persona.preferences
            table.add_row(Text(persona.id), Text(persona.name), Text(prefs.communication_style),
                          Text(prefs.response_length), Text(prefs.formality), key=persona.id)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        table.border_title = f"{table.row_count} personas · e edit · r reload"
        self.show_detail()

    def show_detail(self) -> None:
        persona = self.current
        definition = self.query_one("#persona-definition", Static)
        pane = self.query_one("#persona-detail", VerticalScroll)
        if persona is None:
            pane.border_title = ""
            definition.update("No personas.")
            return
        pane.border_title = persona.id
        definition.update(detail(persona, self.source_of(persona)))

    def show_error(self, message: str) -> None:
        """A one-line validation error above the definition ("" hides it)."""
        self.error = message
        error = self.query_one("#persona-error", Static)
        error.update(message)
        error.display = bool(message)

    def _show_note(self, message: str) -> None:
        note = self.query_one("#persona-note", Static)
        note.update(message)
        note.display = bool(message)

    @on(DataTable.RowHighlighted, "#persona-list")
    def _highlighted(self) -> None:
        self.show_detail()

    # -- editing --------------------------------------------------------------------------

    def launch_editor(self, path: Path) -> None:
        """Run `$EDITOR` (else `vi`) on `path` with the app suspended, as Textual documents.

        The event loop waits for the editor; `action_edit` refuses while a run is live.
        """
        command = [*shlex.split(os.environ.get("EDITOR") or "vi"), str(path)]
        with self.app.suspend():
            subprocess.run(command, check=False)

    def target_file(self, persona: Persona) -> Path:
        """The personas-folder file an edit of `persona` replaces (it may not exist yet)."""
        return self.sources.get(persona.id) or user_personas_dir() / f"{persona.id}.yaml"

    def start_edit(self, persona: Persona) -> tuple[Draft, str]:
        """The draft to edit for `persona`, and a note saying what it is a draft of."""
        target = self.target_file(persona)
        draft = start_draft(target, definition_yaml(persona))
        if draft.resumed:
            note = (f"editing {draft.path}, the draft an earlier edit left ({target} stays "
                    "as it is until the draft validates)")
        elif persona.id in self.sources:
            note = f"editing {draft.path}, a draft of {target}"
        elif target.exists():
            note = f"editing {draft.path}, a draft of {target} (already in the personas folder)"
        else:
            note = f"editing {draft.path}, a draft of a copy (the original is untouched)"
        return draft, f"{persona.id}: {note}"

    def action_edit(self) -> None:
        persona = self.current
        if persona is None:
            return
        live = self.sparring.live
        if live is not None and not live.finished:
            self.notify("A run is in progress and the editor would stall it; wait for it to "
                        "finish or cancel it (x) first.", severity="warning")
            return
        try:
            draft, note = self.start_edit(persona)
        except OSError as exc:
            self._failed(f"{user_personas_dir()}: cannot write a persona draft "
                         f"({exc.strerror or exc}); set ${PERSONAS_ENV} to another folder")
            return
        self._show_note(note)
        try:
            self.edit_file(draft.path)
        except (SuspendNotSupported, OSError) as exc:
            if not draft.resumed:  # nothing was edited: leave no draft behind
                draft.path.unlink(missing_ok=True)
            if isinstance(exc, SuspendNotSupported):
                self._failed(f"{draft.target}: this terminal cannot hand over to an editor; "
                             "edit the file elsewhere and press r")
            else:
                editor = os.environ.get("EDITOR") or "vi"
                self._failed(f"EDITOR={editor!r} could not be started "
                             f"({exc.strerror or exc}); set $EDITOR to your editor")
            return
        self.apply_draft(draft, was=persona)

    def apply_draft(self, draft: Draft, *, was: Persona) -> Persona | None:
        """Validate the saved draft and put it in effect; on an error keep the file and the
        persona as they were, and the draft beside the file for the next edit."""
        title = f"Persona not updated. {was.id} is unchanged."
        kept = f"{draft.target} {'is unchanged' if draft.target.exists() else 'was not written'}"
        if not draft.path.exists():
            self._failed(f"{draft.path} was deleted in the editor; {kept}", title=title)
            return None
        try:
            persona = commit_draft(draft)
        except ConfigError as exc:
            self._failed(f"{exc} (your edit stays in that draft; {kept}; e reopens the draft)",
                         title=title)
            return None
        except OSError as exc:
            self._failed(f"{draft.target}: cannot be replaced ({exc.strerror or exc}); your "
                         f"edit stays in {draft.path}", title=title)
            return None
        path = draft.target
        self.sparring.personas[persona.id] = persona
        self.sources[persona.id] = path
        self.show_error("")
        self._show_note(f"{persona.id}: {path} is in effect")
        self.refresh_list(select=persona.id)
        same = was.definition_hash == persona.definition_hash
        self.notify(f"{persona.name} ({persona.id}) {'unchanged' if same else 'updated'} "
                    f"from {path}", title="Persona", markup=False)
        return persona

    def _failed(self, message: str, title: str = "Persona not updated") -> None:
        self.show_error(message)
        self.show_detail()
        self.notify(message, title=title, severity="error", timeout=10, markup=False)

    def action_reload(self) -> None:
        """Read every file of the personas folder again; good ones replace personas by id."""
        directory = user_personas_dir()
        files = persona_files(directory)
        if not files:
            self.notify(f"No persona files in {directory}; e on a persona makes a copy there.",
                        title="Reload")
            return
        loaded: dict[str, Persona] = {}
        errors: list[str] = []
        for path in files:
            try:
                persona = load_persona_file(path)
            except ConfigError as exc:
                errors.append(str(exc))
                continue
            if persona.id in loaded:
                errors.append(f"{path}: id = {persona.id!r} is already defined in this folder")
                continue
            loaded[persona.id] = persona
            self.sparring.personas[persona.id] = persona
            self.sources[persona.id] = path
        self.refresh_list()
        summary = f"{len(loaded)} personas read from {directory}"
        if errors:
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self._failed(errors[0] + more, title=f"{summary}; {len(errors)} files not loaded")
            return
        self.show_error("")
        self.notify(summary, title="Reload", markup=False)
