"""The export dialog over `storage.exchange.export`: a format, a file, a run, a star
minimum and flagged or not; returns the path written. `sparring export` has every filter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from simulator.errors import SparringError
from storage.exchange.export import ExportOptions, ExportSummary, export
from storage.exchange.formats import FORMATS, Format
from storage.exchange.records import ExportFilter
from storage.queries import RunSummary, list_runs
from tui.screens.transcript import wait_for_rating_saves
from tui.widgets.run_figures import local_time, short_id

if TYPE_CHECKING:
    from tui.app import SparringApp

DEFAULT_PATH = "./sparring-export.jsonl"
ANY_RUN = "any"
NO_MINIMUM = 0
RUNS_OFFERED = 20


def run_label(run: RunSummary) -> str:
    return f"{short_id(run.id)} · {local_time(run.started_at)} · {run.conversations} conv."


class ExportScreen(ModalScreen[Path | None]):
    """Pick a file, a run, a star minimum and flagged or not; Export writes the file.

    Escape (or Cancel) closes without writing; during an export it cancels it, and the
    file is left as it was.
    """

    CSS_PATH = "export.tcss"
    AUTO_FOCUS = "#export-path"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "export", "Export"),
    ]

    class RunsLoaded(Message):
        def __init__(self, runs: list[RunSummary]) -> None:
            super().__init__()
            self.runs = runs

    class Progress(Message):
        """`done` of the `total` conversations in scope are exported (posted by the export
        thread; Textual's post_message is thread-safe)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ExportScreen.Progress)

    class Finished(Message):
        def __init__(self, path: Path, summary: ExportSummary) -> None:
            super().__init__()
            self.path = path
            self.summary = summary

    class Failed(Message):
        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.runs: list[RunSummary] = []
        """The runs offered, newest first (filled in the background after mounting)."""

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export conversations"
            with Vertical(classes="export-field"):
                yield Label("Format")
                yield Select([(name, name) for name in FORMATS], value="openai-chat",
                             allow_blank=False, id="export-format")
            with Vertical(classes="export-field"):
                yield Label("Output file")
                yield Input(DEFAULT_PATH, id="export-path")
            with Grid(id="export-options"):
                with Vertical(classes="export-field"):
                    yield Label("Run")
                    yield Select([("any run", ANY_RUN)], value=ANY_RUN, allow_blank=False,
                                 id="export-run")
                with Vertical(classes="export-field"):
                    yield Label("Min stars")
                    yield Select([("none", NO_MINIMUM),
                                  *((f"{'★' * n} ({n}+)", n) for n in range(1, 6))],
                                 value=NO_MINIMUM, allow_blank=False, id="export-stars")
            yield Checkbox("Include conversations with a flagged turn", id="export-flagged")
            yield Label("Completed conversations; `sparring export --help` has splits, "
                        "weights and every filter.", id="export-hint")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static(id="export-error", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-start")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-progress", ProgressBar).display = False
        self.show_error("")
        self._load_runs()

    @work(exclusive=True, group="export-runs")
    async def _load_runs(self) -> None:
        self.post_message(self.RunsLoaded(await list_runs(self.sparring.db, RUNS_OFFERED)))

    @on(RunsLoaded)
    def _show_runs(self, message: RunsLoaded) -> None:
        select: Select[str] = self.query_one("#export-run", Select)
        chosen = select.value
        select.set_options([("any run", ANY_RUN),
                            *((run_label(run), run.id) for run in message.runs)])
        select.value = chosen if chosen in {ANY_RUN, *(r.id for r in message.runs)} else ANY_RUN
        self.runs = message.runs

    def show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.display = bool(message)

    def output_path(self) -> Path | None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.show_error(f"Output file is empty; expected a file path such as {DEFAULT_PATH}")
            return None
        path = Path(text).expanduser().resolve()
        if path.is_dir():
            self.show_error(f"{path}: is a folder; expected a file path inside it")
            return None
        return path

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-start")
    def action_export(self) -> None:
        if self.running:
            return
        path = self.output_path()
        if path is None:
            return
        run = self.query_one("#export-run", Select).value
        stars = self.query_one("#export-stars", Select).value
        self.show_error("")
        self.running = True
        self.query_one("#export-start", Button).disabled = True
        where = ExportFilter(
            run_ids=() if run == ANY_RUN else (str(run),),
            min_rating=None if stars == NO_MINIMUM else int(cast(int, stars)),
            include_flagged=self.query_one("#export-flagged", Checkbox).value,
        )
        format = cast(Format, self.query_one("#export-format", Select).value)
        self._export(format, path, ExportOptions(where))

    @work(exclusive=True, group="export")
    async def _export(self, format: Format, path: Path, options: ExportOptions) -> None:
        await wait_for_rating_saves(self.app)
        try:
            summary = await export(
                self.sparring.db, format, path, options,
                progress=lambda done, total: self.post_message(self.Progress(done, total)),
            )
        except SparringError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Finished(path, summary))

    @on(Progress)
    def _progressed(self, message: Progress) -> None:
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(message.total, 1), progress=message.done)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        summary = message.summary
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=max(summary.in_scope, 1), progress=max(summary.in_scope, 1))
        written = sum(file.conversations for file in summary.files)
        self.app.notify(f"{written} conversations written to {message.path}",
                        title="Export", markup=False)
        self.dismiss(message.path)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.running = False
        self.query_one("#export-start", Button).disabled = False
        self.query_one("#export-progress", ProgressBar).display = False
        self.show_error(message.error)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close; an export under way is cancelled and leaves no file behind."""
        self.workers.cancel_group(self, "export")
        self.dismiss(None)
