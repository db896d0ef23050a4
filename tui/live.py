"""The run the app is driving: its plan, live figures and controls, executing in the background."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from bridge.config import BotsFile
from simulator.errors import SparringError
from simulator.live_stats import LiveStats
from simulator.persona import Persona
from simulator.plan import RunPlan
from storage.database import Database
from storage.resume import ResumePoint
from tui.session import LLMSettings, RunControls, RunResult, execute_run

_log = logging.getLogger(__name__)

RESUMABLE = ("interrupted", "failed")
"""Stored run statuses the app resumes. A `running` one may be another process's live run
(or one killed mid-way): `sparring resume` takes those, on the user's word."""


@dataclass
class LiveRun:
    """One run started from the app. Figures come from `stats`, steering through `controls`."""

    plan: RunPlan
    resuming: ResumePoint | None = None
    """The interrupted run this one finishes (same id; its ended conversations kept)."""
    stats: LiveStats = field(default_factory=LiveStats)
    controls: RunControls = field(default_factory=RunControls)
    task: asyncio.Task[RunResult] | None = None
    result: RunResult | None = None
    error: str | None = None

    @property
    def run_id(self) -> str | None:
        return self.controls.run_id

    @property
    def finished(self) -> bool:
        return self.task is not None and self.task.done()

    @property
    def state(self) -> str:
        if self.error is not None:
            return "failed"
        if self.result is not None:
            return self.result.status
        if self.controls.paused:
            return "paused"
        return "running" if self.task is not None else "starting"

    def start(
        self,
        db: Database,
        personas: dict[str, Persona],
        bots_file: BotsFile,
        llm: LLMSettings | None = None,
    ) -> None:
        """Begin executing in a background task on the running loop."""
        self.task = asyncio.get_running_loop().create_task(
            self._execute(db, personas, bots_file, llm)
        )

    async def _execute(
        self, db: Database, personas: dict[str, Persona], bots_file: BotsFile,
        llm: LLMSettings | None,
    ) -> RunResult:
        try:
            self.result = await execute_run(
                self.plan, personas, bots_file, db.path, llm=llm, stats=self.stats,
                handle_signals=False, controls=self.controls, db=db, resume=self.resuming,
            )
        except SparringError as exc:
            self.error = str(exc)
            raise
        except Exception as exc:
            _log.exception("run failed")
            self.error = f"{type(exc).__name__}: {exc}"
            raise
        return self.result

    def pause(self) -> None:
        self.controls.pause()

    def resume(self) -> None:
        self.controls.resume()

    def cancel(self) -> None:
        self.controls.cancel()
