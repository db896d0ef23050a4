"""The conversations screen: filter stored conversations and open their transcripts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from storage.browse import ConversationFilter, ConversationRow, list_conversations
from storage.queries import RunSummary, list_runs
from tui.screens.transcript import wait_for_rating_saves
from tui.widgets.filter_bar import FilterBar
from tui.widgets.footer import Footer
from tui.widgets.table import DataTable

if TYPE_CHECKING:
    from tui.app import SparringApp

LIMIT = 500
COLUMNS = (("persona", "persona"), ("bot", "bot"), ("topic", "topic"), ("status", "status"),
           ("turns", "turns"), ("quality", "quality"), ("satisfaction", "sat."),
           ("unrated", "unrated"), ("flagged", "flagged"), ("started", "started"))


def _number(value: float | int | None, spec: str = "") -> Text:
    return Text("–" if value is None else format(value, spec), justify="right")


def _started(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%m-%d %H:%M:%S")
    except ValueError:
        return iso[:19]


def row_cells(row: ConversationRow) -> list[Text]:
    """The table cells of one conversation (plain Text: no markup from stored strings)."""
    return [
        Text(row.persona_id or "–"), Text(row.bot_id), Text(row.topic or "–"),
        Text(row.status), _number(row.turns), _number(row.quality, ".2f"),
        _number(row.satisfaction), _number(row.unrated_turns or None),
        Text(f"⚑ {row.flagged_turns}" if row.flagged_turns else "", justify="right"),
        Text(_started(row.started_at)),
    ]


RELOAD_AFTER_SHOW_S = 0.1
"""Shown again, the list re-reads this long after the switch: past Textual's 50 ms hold."""


class ConversationsScreen(Screen[None]):
    """Every stored conversation, newest first; filters apply as you change them."""

    CSS_PATH = "conversations.tcss"
    REFRESH_SECONDS = 2.0
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("slash", "focus_filters", "Filters", key_display="/"),
        Binding("u", "toggle('unrated')", "Unrated only"),
        Binding("f", "toggle('flagged')", "Flagged only"),
        Binding("escape", "focus_list", "List", show=False),
    ]

    class Loaded(Message):
        """Conversations matching `where`, read in the background."""

        def __init__(self, where: ConversationFilter, rows: list[ConversationRow]) -> None:
            super().__init__()
            self.where = where
            self.rows = rows

    class RunsLoaded(Message):
        def __init__(self, runs: list[RunSummary]) -> None:
            super().__init__()
            self.runs = runs

    def __init__(self) -> None:
        super().__init__()
        self.where = ConversationFilter()
        self.rows: list[ConversationRow] = []
        self.shown: ConversationFilter | None = None
        """The filter of the rows on show (None before the first read)."""
        self._pending_run: tuple[str | None] | None = None
        self._live_run_seen: str | None = None
        self._live_was_running = False

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(personas=self.sparring.personas, bots=self.sparring.bots_file.bots)
        yield DataTable[Text](id="conversations", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()
        if self._pending_run is not None:
            self.query_one(FilterBar).show_run(self._pending_run[0])
            self._pending_run = None
        self._load_runs()
        self.reload()
        self.set_interval(self.REFRESH_SECONDS, self._tick)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            # After the first frame: the screen shows at once with the rows of the last
            # visit, then the fresh ones. Rebuilding 500 rows takes ~40 ms of the loop; inside
            # Textual's hold on updates after a mode switch (`App.delay_update`, 50 ms) it
            # would put off the first frame by as much.
            self.set_timer(RELOAD_AFTER_SHOW_S, self.reload)

    def show_run(self, run_id: str | None) -> None:
        """Narrow the list to one run (None: every run)."""
        if not self.is_mounted:
            self._pending_run = (run_id,)
            return
        self.query_one(FilterBar).show_run(run_id)

    def reload(self) -> None:
        """Read the list again with the current filter."""
        self._load(self.where)

    @work(exclusive=True, group="conversations-list")
    async def _load(self, where: ConversationFilter) -> None:
        await wait_for_rating_saves(self.app)
        rows = await list_conversations(self.sparring.db, where, limit=LIMIT)
        self.post_message(self.Loaded(where, rows))

    @work(exclusive=True, group="conversations-runs")
    async def _load_runs(self) -> None:
        self.post_message(self.RunsLoaded(await list_runs(self.sparring.db)))

    def _tick(self) -> None:
        """While a run is live, read again so its conversations stream in."""
        live = self.sparring.live
        if live is None:
            return
        running = not live.finished
        if live.run_id is not None and live.run_id != self._live_run_seen:
            self._live_run_seen = live.run_id
            self._load_runs()
        if running or self._live_was_running:  # one last read after it finishes
            if not running:
                self._load_runs()
            if self.is_current:  # hidden, it reads again when shown (on_screen_resume)
                self.reload()
        self._live_was_running = running

    @on(FilterBar.Changed)
    def _filter_changed(self, event: FilterBar.Changed) -> None:
        if event.value != self.where:
            self.where = event.value
            self.reload()

    @on(Loaded)
    def _show_rows(self, message: Loaded) -> None:
        if message.where != self.where:
            return  # a newer filter's read is on its way
        if message.where == self.shown and message.rows == self.rows:
            return  # nothing changed: keep the table and the rows it has rendered
        table: DataTable[Text] = self.query_one(DataTable)
        current = self._cursor_id()
        self.rows = message.rows
        self.shown = message.where
        table.clear()
        for row in message.rows:
            table.add_row(*row_cells(row), key=row.id)
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current), animate=False)
        more = " (the newest; narrow the filter)" if len(message.rows) >= LIMIT else ""
        table.border_title = f"{len(message.rows)} conversations{more} · enter opens"
        self.query_one(FilterBar).known_ids(
            (row.persona_id for row in message.rows if row.persona_id),
            (row.bot_id for row in message.rows),
        )

    @on(RunsLoaded)
    def _show_runs(self, message: RunsLoaded) -> None:
        self.query_one(FilterBar).set_runs(message.runs)

    def _cursor_id(self) -> str | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.sparring.open_conversation(event.row_key.value)

    def action_open(self) -> None:
        conversation_id = self._cursor_id()
        if conversation_id is not None:
            self.sparring.open_conversation(conversation_id)

    def action_focus_filters(self) -> None:
        self.query_one(FilterBar).focus_first()

    def action_focus_list(self) -> None:
        self.query_one(DataTable).focus()

    def action_toggle(self, which: str) -> None:
        self.query_one(FilterBar).toggle(which)
