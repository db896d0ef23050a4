"""The dashboard: stored runs, the live run's figures, quality by persona x bot, ratings.

Live figures are read from the run's `LiveStats` on a steady 4 Hz timer (never one message
per event); database figures come from exclusive workers that post one message each.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Awaitable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Label

from simulator.errors import StorageError
from storage.queries import RunReport, RunSummary, list_runs, run_report
from storage.ratings import RatingProgress, rating_progress
from tui.live import RESUMABLE, LiveRun
from tui.widgets.figures import QualityMatrix
from tui.widgets.footer import Footer
from tui.widgets.run_figures import RunFigures, local_time, short_id
from tui.widgets.table import DataTable

if TYPE_CHECKING:
    from tui.app import SparringApp

T = TypeVar("T")
LIVE_HZ = 4
TREND_POINTS = 240
"""Mean-quality samples kept for the sparkline: a minute at 4 Hz."""
RUNS_SHOWN = 200
RUNS_EVERY_S = 2.0
RATINGS_EVERY_S = 1.0
RUN_COLUMNS = (  # key, label, width (fixed: auto widths can lag the first paint)
    ("id", "Run", 8), ("status", "Status", 11), ("started", "Started", 11),
    ("engine", "Engine", 8), ("conversations", "Conv.", 5),
)


def run_row(run: RunSummary) -> tuple[str, ...]:
    return (short_id(run.id), run.status, local_time(run.started_at), run.persona_engine,
            str(run.conversations))


class DashboardScreen(Screen[None]):
    """Runs, the figures of the live (or highlighted) run, quality by pair, rating progress.

    Highlighting a stored run shows its figures; Enter opens the conversations.
    """

    CSS_PATH = "dashboard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#runs"
    BINDINGS = [
        Binding("p", "pause_run", "Pause/resume"),
        Binding("x", "cancel_run", "Cancel run"),
        Binding("r", "resume_run", "Resume run"),
    ]

    class RunsLoaded(Message):
        """The latest runs, newest first."""

        def __init__(self, runs: list[RunSummary]) -> None:
            super().__init__()
            self.runs = runs

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DashboardScreen.RunsLoaded)

    class ReportLoaded(Message):
        """The stored figures of one run."""

        def __init__(self, run_id: str, report: RunReport) -> None:
            super().__init__()
            self.run_id = run_id
            self.report = report

    class RatingsLoaded(Message):
        """How far the operators got rating one run."""

        def __init__(self, run_id: str, progress: RatingProgress) -> None:
            super().__init__()
            self.run_id = run_id
            self.progress = progress

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, DashboardScreen.RatingsLoaded)

    def __init__(self) -> None:
        super().__init__()
        self.ticks = 0
        """Live refreshes so far (tests wait on it)."""
        self._runs: dict[str, RunSummary] = {}
        self._selected: str | None = None
        """The run on display; None follows the live run (or the newest stored one)."""
        self._live: LiveRun | None = None
        self._live_state = ""
        self._trend: deque[float] = deque(maxlen=TREND_POINTS)

    @property
    def sparring(self) -> SparringApp:
        return cast("SparringApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            with Vertical(id="runs-pane"):
                yield Label("Runs", classes="pane-title")
                yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="figures-pane"):
                yield RunFigures(id="run-figures")
        with Vertical(id="matrix-pane"):
            yield Label("Quality by persona × bot (mean · conversations)", id="matrix-title",
                        classes="pane-title")
            yield QualityMatrix(id="matrix")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#runs", DataTable)
        for key, label, width in RUN_COLUMNS:
            table.add_column(label, key=key, width=width)
        self.set_interval(1 / LIVE_HZ, self._tick)
        self.set_interval(RUNS_EVERY_S, self._read_runs)
        self.set_interval(RATINGS_EVERY_S, self._refresh_ratings)
        self._read_runs()
        self._tick()

    # -- which run is on display --------------------------------------------------------

    def _showing_live(self) -> bool:
        live = self.sparring.live
        return live is not None and self._selected in (None, live.run_id)

    def shown_run_id(self) -> str | None:
        """The id of the run whose figures are on display (None before any)."""
        live = self.sparring.live
        if live is not None and self._showing_live():
            return live.run_id
        return self._selected

    def _select(self, run_id: str) -> None:
        if run_id == self.shown_run_id():
            self._selected = run_id
            return
        self._selected = run_id
        self.refresh_bindings()  # `r` resumes only some runs
        if self._showing_live():
            self._refresh_live()
        else:
            self._read_report(run_id)
        self._refresh_ratings()

    @on(DataTable.RowHighlighted, "#runs")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._select(event.row_key.value)

    @on(DataTable.RowSelected, "#runs")
    async def _run_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a run: its conversations."""
        from tui.screens.conversations import ConversationsScreen

        run_id = event.row_key.value
        if run_id is not None:
            self._select(run_id)
        await self.app.switch_mode("conversations")
        if isinstance(self.app.screen, ConversationsScreen):
            self.app.screen.show_run(run_id)

    # -- the live run, at a steady rate -------------------------------------------------

    def _tick(self) -> None:
        self.ticks += 1
        live = self._notice_live()
        if live is not None and not live.finished and live.stats.mean_quality is not None:
            self._trend.append(live.stats.mean_quality)
        self._refresh_live()

    def _notice_live(self) -> LiveRun | None:
        """The app's live run; a new one resets the trend, and the display follows it."""
        live = self.sparring.live
        if live is not self._live:
            self._live, self._selected = live, None
            self._trend.clear()
        return live

    def _refresh_live(self) -> None:
        live = self._notice_live()
        if live is None:
            return
        if live.state != self._live_state:
            self._live_state = live.state
            self.refresh_bindings()
            if live.run_id in self._runs:
                table = self.query_one("#runs", DataTable)
                table.update_cell(live.run_id, "status", self._run_row(self._runs[live.run_id])[1])
        if self._showing_live():
            self.query_one(RunFigures).show_live(live, self._trend)
            cells = {key: (pair.mean_quality, pair.conversations)
                     for key, pair in live.stats.pairs.items()}
            self._show_matrix(live.plan.persona_ids, live.plan.bot_ids, cells, live.run_id)

    def _show_matrix(
        self, personas: tuple[str, ...], bots: tuple[str, ...],
        cells: dict[tuple[str, str], tuple[float | None, int]], run_id: str | None,
    ) -> None:
        self.query_one(QualityMatrix).show(personas, bots, cells)
        self.query_one("#matrix-title", Label).update(
            f"Quality by persona × bot, run {short_id(run_id)} (mean · conversations)"
        )

    # -- the database, from workers -----------------------------------------------------

    async def _query(self, query: Awaitable[T]) -> T | None:
        """The query's result; None if the database failed (the next refresh retries)."""
        try:
            return await query
        except (sqlite3.Error, StorageError) as exc:
            self.log.warning(f"dashboard refresh failed: {exc}")
            return None

    @work(exclusive=True, group="dashboard-runs")
    async def _read_runs(self) -> None:
        runs = await self._query(list_runs(self.sparring.db, RUNS_SHOWN))
        if runs is not None:
            self.post_message(self.RunsLoaded(runs))

    @work(exclusive=True, group="dashboard-report")
    async def _read_report(self, run_id: str) -> None:
        report = await self._query(run_report(self.sparring.db, run_id))
        if report is not None:
            self.post_message(self.ReportLoaded(run_id, report))

    def _refresh_ratings(self) -> None:
        run_id = self.shown_run_id()
        if run_id is not None:
            self._read_ratings(run_id)

    @work(exclusive=True, group="dashboard-ratings")
    async def _read_ratings(self, run_id: str) -> None:
        progress = await self._query(rating_progress(self.sparring.db, run_id))
        if progress is not None:
            self.post_message(self.RatingsLoaded(run_id, progress))

    @on(RunsLoaded)
    def _show_runs(self, message: RunsLoaded) -> None:
        table = self.query_one("#runs", DataTable)
        self._runs = {run.id: run for run in message.runs}
        keys = [row.key.value for row in table.ordered_rows]
        if keys == list(self._runs):
            for run in message.runs:
                for (column, _, _), text in zip(RUN_COLUMNS, self._run_row(run), strict=True):
                    if table.get_cell(run.id, column) != text:
                        table.update_cell(run.id, column, text)
        else:
            with self.prevent(DataTable.RowHighlighted):
                table.clear()
                for run in message.runs:
                    table.add_row(*self._run_row(run), key=run.id)
                shown = self.shown_run_id()
                if shown in self._runs:
                    table.move_cursor(row=table.get_row_index(shown))
        shown = self.shown_run_id()
        self.refresh_bindings()
        if shown is None and not self._showing_live() and message.runs:
            self._select(message.runs[0].id)
        elif (not self._showing_live() and shown in self._runs
              and self._runs[shown].status == "running"):  # being written by another process
            self._read_report(shown)

    def _run_row(self, run: RunSummary) -> tuple[str, ...]:
        """A run's row; the live run shows a pause, which only this app knows about."""
        live = self.sparring.live
        if live is not None and run.id == live.run_id and live.state == "paused":
            run = replace(run, status="paused")
        return run_row(run)

    @on(ReportLoaded)
    def _show_report(self, message: ReportLoaded) -> None:
        run = self._runs.get(message.run_id)
        if run is None or self._showing_live() or message.run_id != self._selected:
            return
        self.query_one(RunFigures).show_stored(run, message.report)
        pairs = message.report.pairs
        personas = tuple(sorted({p.persona_id or "(none)" for p in pairs}))
        bots = tuple(sorted({p.bot_id for p in pairs}))
        cells = {(p.persona_id or "(none)", p.bot_id): (p.mean_quality, p.conversations)
                 for p in pairs}
        self._show_matrix(personas, bots, cells, run.id)

    @on(RatingsLoaded)
    def _show_ratings(self, message: RatingsLoaded) -> None:
        if message.run_id == self.shown_run_id():
            self.query_one(RunFigures).show_ratings(message.progress)

    # -- steering the live run ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        live = self.sparring.live
        running = live is not None and not live.finished
        if action in ("pause_run", "cancel_run"):
            return True if running else None
        if action == "resume_run":  # shown only where it applies
            return not running and self._shown_status() in RESUMABLE
        return True

    def _shown_status(self) -> str | None:
        """The status of the run on display; the app's own run says it before the database."""
        shown, live = self.shown_run_id(), self.sparring.live
        if live is not None and shown == live.run_id:
            return live.state
        run = self._runs.get(shown or "")
        return run.status if run is not None else None

    @work(exclusive=True, group="dashboard-resume")
    async def action_resume_run(self) -> None:
        """Finish the run on display (interrupted or failed) in the app."""
        run_id = self.shown_run_id()
        if run_id is not None and await self.sparring.resume_run(run_id) is not None:
            self._selected = None  # follow the resumed run
            self.refresh_bindings()

    def action_pause_run(self) -> None:
        self.sparring.action_pause_run()
        self._refresh_live()

    def action_cancel_run(self) -> None:
        self.sparring.action_cancel_run()
        self._refresh_live()
