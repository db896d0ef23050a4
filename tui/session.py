"""Runs a plan headless: personas, bots, storage and a display wired together."""

from __future__ import annotations

import asyncio
import signal
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

from bridge.config import BotsFile
from bridge.pool import BotPool
from simulator.engine import PersonaEngine
from simulator.errors import ConfigError
from simulator.events import EventSink, RunStatus
from simulator.live_stats import LiveStats
from simulator.persona import Persona
from simulator.plan import RunPlan
from simulator.runner import Runner
from simulator.scripted import ScriptedEngine
from storage.database import Database
from storage.recorder import Recorder


@dataclass(frozen=True, slots=True)
class RunResult:
    run_id: str
    status: RunStatus


def make_engine(name: str) -> PersonaEngine:
    """The persona engine named by `--persona-engine`."""
    if name == "scripted":
        return ScriptedEngine()
    raise ConfigError(f"--persona-engine = {name!r}; expected scripted")


async def execute_run(
    plan: RunPlan,
    personas: dict[str, Persona],
    bots_file: BotsFile,
    db_path: Path,
    *,
    stats: LiveStats | None = None,
    extra_sinks: tuple[EventSink, ...] = (),
    handle_signals: bool = True,
) -> RunResult:
    """Run `plan` to the end (or until SIGINT/SIGTERM), recording into `db_path`."""
    engine = make_engine(plan.persona_engine)
    async with AsyncExitStack() as stack:
        db = await stack.enter_async_context(Database(db_path))
        pool = await stack.enter_async_context(BotPool(bots_file, list(plan.bot_ids)))
        recorder = Recorder(db)
        sinks: list[EventSink] = [recorder, *extra_sinks]
        if stats is not None:
            sinks.append(stats)
        runner = Runner(plan, personas, pool.connectors, engine, sinks)
        loop = asyncio.get_running_loop()
        signals = (signal.SIGINT, signal.SIGTERM) if handle_signals else ()
        for signum in signals:
            loop.add_signal_handler(signum, runner.cancel)
        try:
            status = await runner.run()
        finally:
            for signum in signals:
                loop.remove_signal_handler(signum)
            await recorder.close()
        return RunResult(runner.run_id, status)
