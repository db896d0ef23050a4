"""The Sparring app: the control room for runs, transcripts and ratings."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from bridge.config import BotsFile
from simulator.errors import SparringError
from simulator.persona import Persona
from simulator.plan import RunPlan, plan_from_dict
from storage.browse import next_unrated
from storage.database import Database
from storage.ratings import RatingStore
from storage.resume import ResumePoint, check_resumable, clear_partial, resume_point
from tui.live import RESUMABLE, LiveRun
from tui.session import LLMSettings, RunResult


def _dashboard() -> Screen[None]:
    from tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _conversations() -> Screen[None]:
    from tui.screens.conversations import ConversationsScreen

    return ConversationsScreen()


def _personas() -> Screen[None]:
    from tui.screens.personas import PersonasScreen

    return PersonasScreen()


def _freeze_startup_heap() -> None:
    """Keep what startup built (modules, stylesheet, the dashboard) out of full collections.

    A full (generation 2) collection walks every tracked object; under a live run one comes
    every second or so and, walking the ~170k objects of startup too, paused the app for
    60-130 ms, often in the middle of a keypress (benchmarks/tui_load.py). Frozen objects
    are still freed by reference counting; `on_unmount` unfreezes them.
    """
    gc.collect()
    gc.freeze()


class SparringApp(App[None]):
    """Watch runs live, read transcripts, rate bot turns, start and steer runs."""

    TITLE = "Sparring"
    CSS_PATH = "app.tcss"
    MODES = {"dashboard": _dashboard, "conversations": _conversations, "personas": _personas}
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", "Dashboard"),
        Binding("c", "switch_mode('conversations')", "Convs"),
        Binding("s", "switch_mode('personas')", "Personas"),
        Binding("n", "new_run", "New run"),
        Binding("u", "review_next", "Review"),
        Binding("t", "chat", "Talk"),
        Binding("ctrl+e", "export", "Export", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        db_path: Path,
        *,
        personas: dict[str, Persona],
        bots_file: BotsFile,
        start_plan: RunPlan | None = None,
        llm: LLMSettings | None = None,
    ) -> None:
        super().__init__()
        self.db = Database(db_path)
        self.personas = personas
        self.bots_file = bots_file
        self.llm = llm or LLMSettings()
        self.live: LiveRun | None = None
        self._start_plan = start_plan
        self.ratings: RatingStore

    async def on_mount(self) -> None:
        await self.db.open()
        self.ratings = RatingStore(self.db)
        self.sub_title = str(self.db.path)
        await self.switch_mode("dashboard")
        _freeze_startup_heap()
        if self._start_plan is not None:
            self.start_run(self._start_plan)

    async def on_unmount(self) -> None:
        gc.unfreeze()
        if self.live is not None and not self.live.finished:
            self.live.cancel()
            if self.live.task is not None:
                await self.live.task
        await self.db.close()

    def start_run(
        self, plan: RunPlan, llm: LLMSettings | None = None, resuming: ResumePoint | None = None
    ) -> LiveRun:
        """Start `plan` in the background (finishing `resuming`); one live run at a time."""
        if self.live is not None and not self.live.finished:
            raise RuntimeError("a run is already in progress")
        live = self.live = LiveRun(plan, resuming)
        live.start(self.db, self.personas, self.bots_file, llm or self.llm)
        assert live.task is not None
        live.task.add_done_callback(lambda task: self._run_ended(live, task))
        return live

    async def resume_run(self, run_id: str) -> LiveRun | None:
        """Finish a stored run that was interrupted or failed, as `sparring resume` does: its
        ended conversations are kept, the rest held again with the same seeds. None, with a
        notice saying why, when it cannot be resumed."""
        try:
            point = await resume_point(self.db, run_id)
            plan = plan_from_dict(point.plan)
            if point.status not in RESUMABLE:
                raise SparringError(f"run {run_id[:8]} is {point.status}; only an interrupted "
                                    "or failed run can be resumed here")
            check_resumable(plan, self.personas, point)
            await clear_partial(self.db, run_id)
        except SparringError as exc:
            self.notify(str(exc), title="Cannot resume", severity="warning", timeout=8)
            return None
        self.notify(f"Resuming run {run_id[:8]}: {len(point.done)} of "
                    f"{plan.total_conversations} conversations kept.")
        return self.start_run(plan, resuming=point)

    def _run_ended(self, live: LiveRun, task: asyncio.Task[RunResult]) -> None:
        """Toast a failed run (and mark its exception retrieved: the dashboard shows it)."""
        if not task.cancelled() and task.exception() is not None:
            self.notify(live.error or str(task.exception()), title="Run failed",
                        severity="error", timeout=10)

    def open_conversation(self, conversation_id: str, turn_idx: int | None = None) -> None:
        from tui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(conversation_id, focus_turn=turn_idx))

    async def action_review_next(self) -> None:
        """Open the oldest bot turn nobody has rated yet (the review queue)."""
        found = await next_unrated(self.db)
        if found is None:
            self.notify("Every answered bot turn is rated.", title="Review queue")
            return
        self.open_conversation(*found)

    def action_new_run(self) -> None:
        from tui.screens.new_run import NewRunScreen

        if self.live is not None and not self.live.finished:
            self.notify("A run is in progress; cancel it first (x).", severity="warning")
            return
        self.push_screen(NewRunScreen(), self._start_from_form)

    def _start_from_form(self, plan: RunPlan | None) -> None:
        if plan is None:
            return
        try:
            self.start_run(plan)
        except (SparringError, RuntimeError) as exc:
            self.notify(str(exc), severity="error")

    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen())

    def action_chat(self) -> None:
        """Talk to one of the configured bots yourself (stored with source `human`)."""
        from tui.screens.chat import ChatScreen

        if not isinstance(self.screen, ChatScreen):
            self.push_screen(ChatScreen())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        # Installed once: its Markdown (a widget per table cell) is composed on the first
        # `?` only, not on every one (benchmarks/tui_load.py).
        if not self.is_screen_installed("help"):
            self.install_screen(HelpScreen(), "help")
        if self.get_screen("help") not in self.screen_stack:
            self.push_screen("help")

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Dashboard", "Runs and live figures",
                            lambda: self.run_action("switch_mode('dashboard')"))
        yield SystemCommand("Conversations", "Browse, filter and open conversations",
                            lambda: self.run_action("switch_mode('conversations')"))
        yield SystemCommand("Personas", "Browse personas, edit one in $EDITOR",
                            lambda: self.run_action("switch_mode('personas')"))
        yield SystemCommand("Export conversations (JSONL)",
                            "Write conversations as chat JSONL for fine-tuning",
                            self.action_export)
        yield SystemCommand("New run", "Pick personas and bots and start a run",
                            self.action_new_run)
        yield SystemCommand("Next unrated turn", "Review and rate the next unrated bot turn",
                            self.action_review_next)
        yield SystemCommand("Talk to a bot", "Chat with a configured bot yourself and rate it",
                            self.action_chat)
        yield SystemCommand("Toggle dark/light theme", "Switch between the two themes",
                            self.action_toggle_theme)
        yield SystemCommand("Help", "Keys and what each screen does", self.action_help)
        if self.live is not None and not self.live.finished:
            yield SystemCommand("Pause or resume the run", "Hold or continue the live run",
                                self.action_pause_run)
            yield SystemCommand("Cancel the run", "Stop the live run; finished turns are kept",
                                self.action_cancel_run)

    def action_pause_run(self) -> None:
        live = self.live
        if live is None or live.finished:
            return
        if live.controls.paused:
            live.resume()
            self.notify("Run resumed.")
        else:
            live.pause()
            self.notify("Run paused: conversations hold before their next message.")

    def action_cancel_run(self) -> None:
        if self.live is not None and not self.live.finished:
            self.live.cancel()
            self.notify("Run cancelled; conversations in flight are recorded as cancelled.")
