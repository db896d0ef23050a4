"""The note editor: a modal returning the note text, or None when cancelled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Edit a note; ctrl+s or Save returns the stripped text ("" clears), escape returns None."""

    CSS_PATH = "note.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, initial: str = "", *, title: str = "Note") -> None:
        super().__init__()
        self._initial = initial
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self._title
            yield TextArea(self._initial, id="note", soft_wrap=True)
            yield Label("ctrl+s save · esc cancel · empty removes the note", id="hint")
            with Horizontal(id="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        note = self.query_one(TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
