"""Runs a plan headless: personas, bots, models, judge, storage and a display wired together."""

from __future__ import annotations

import asyncio
import gc
import signal
import uuid
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bridge.config import BotsFile
from bridge.models import LLMEndpoint, ModelPool
from bridge.pool import BotPool
from bridge.rate_limit import RateLimitedBot
from simulator.connector import BotConnector
from simulator.engine import PersonaEngine
from simulator.events import Event, EventSink, RunStatus
from simulator.judge.judge import LLMJudge
from simulator.judge.rubric import resolve_rubrics
from simulator.knowledge import load_knowledge
from simulator.live_stats import LiveStats
from simulator.llm_persona.engine import LLMPersonaEngine
from simulator.operator import TakeoverEngine, Takeovers
from simulator.persona import Persona
from simulator.plan import RunPlan
from simulator.runner import Runner
from simulator.scripted import ScriptedEngine
from simulator.usage import Budget, MeteredModel, PriceTable
from storage.database import Database
from storage.judge_cache import StoredJudgeCache
from storage.recorder import Recorder
from storage.resume import ResumePoint


@dataclass(frozen=True, slots=True)
class RunResult:
    run_id: str
    status: RunStatus
    stop_reason: str | None = None


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """How the run reaches its persona and judge models and what it may spend."""

    endpoint: LLMEndpoint = field(default_factory=LLMEndpoint)
    prices_path: Path | None = None


class RunControls:
    """Pause, resume or cancel a run executing elsewhere (the TUI's keys and buttons);
    take its conversations over through `takeovers`."""

    def __init__(self) -> None:
        self.runner: Runner | None = None
        self.takeovers = Takeovers()

    @property
    def run_id(self) -> str | None:
        return self.runner.run_id if self.runner else None

    @property
    def paused(self) -> bool:
        return self.runner is not None and self.runner.paused

    def pause(self) -> None:
        if self.runner is not None:
            self.runner.pause()

    def resume(self) -> None:
        if self.runner is not None:
            self.runner.resume()

    def cancel(self) -> None:
        if self.runner is not None:
            self.runner.cancel()


class _Fanout:
    """Hands each event to every sink, in order."""

    def __init__(self, sinks: list[EventSink]) -> None:
        self.sinks = sinks

    def emit(self, event: Event) -> None:
        for sink in self.sinks:
            sink.emit(event)


GC_THRESHOLDS = (20_000, 20, 20)
"""A young collection every 20,000 new container objects (CPython's default: 700)."""


def collect_garbage_less_often() -> None:
    """Fewer collector pauses in this process while runs go on.

    A run of a thousand conversations allocates containers fast, and the default
    thresholds collect the youngest generation every few hundred of them and every object
    (the whole heap, ~100 ms at that size) every few seconds, all of it stopping the event
    loop. Rarer young collections also make the full ones rarer: on 1,000 conversations in
    flight the time in the collector went from ~0.8-1.1 s to ~0.2-0.3 s and its longest
    pause from 130-300 ms to 40-60 ms (benchmarks/concurrency.py).
    """
    gc.set_threshold(*GC_THRESHOLDS)


async def execute_run(
    plan: RunPlan,
    personas: dict[str, Persona],
    bots_file: BotsFile,
    db_path: Path,
    *,
    llm: LLMSettings | None = None,
    stats: LiveStats | None = None,
    extra_sinks: tuple[EventSink, ...] = (),
    handle_signals: bool = True,
    controls: RunControls | None = None,
    db: Database | None = None,
    resume: ResumePoint | None = None,
) -> RunResult:
    """Run `plan` to the end (or until SIGINT/SIGTERM or the budget), recording into `db_path`.

    Pass an open `db` to share its connection (the TUI does); `controls` gets the runner.
    With `resume`, the interrupted run goes on: same id, its kept conversations skipped,
    its LLM spending already charged to the budget.
    """
    collect_garbage_less_often()
    llm = llm or LLMSettings()
    run_id = resume.run_id if resume else str(uuid.uuid4())
    rubrics = resolve_rubrics(plan.rubrics) if plan.judge_model else []
    prices = PriceTable.load(llm.prices_path)
    budget = Budget(plan.max_cost_usd)
    if resume is not None:
        budget.charge(resume.spent_usd)
    async with AsyncExitStack() as stack:
        if db is None:
            db = await stack.enter_async_context(Database(db_path))
        pool = await stack.enter_async_context(BotPool(bots_file, list(plan.bot_ids)))
        models = await stack.enter_async_context(ModelPool(llm.endpoint))
        recorder = Recorder(db)
        fanout = _Fanout([recorder, *extra_sinks, *([stats] if stats is not None else [])])

        def metered(name: str) -> MeteredModel:
            return MeteredModel(models.model(name), prices, budget, fanout.emit, run_id=run_id)

        engine: PersonaEngine = ScriptedEngine()
        if plan.persona_engine == "llm":
            assert plan.persona_model is not None  # RunPlan validates it
            engine = LLMPersonaEngine(metered(plan.persona_model), emit=fanout.emit,
                                      run_id=run_id)
        if controls is not None:
            engine = TakeoverEngine(engine, controls.takeovers)
        judge = None
        if plan.judge_model:
            judge = LLMJudge(metered(plan.judge_model), rubrics, cache=StoredJudgeCache(db))
        passages = await asyncio.to_thread(load_knowledge, Path(plan.knowledge_dir)) \
            if plan.knowledge_dir else ()
        connectors: dict[str, BotConnector] = dict(pool.connectors)
        for bot_id, rpm in plan.bot_rpm:
            if bot_id in connectors:
                connectors[bot_id] = RateLimitedBot(connectors[bot_id], rpm)
        runner = Runner(plan, personas, connectors, engine, fanout.sinks,
                        run_id=run_id, judge=judge, done=resume.done if resume else None,
                        turns_done=resume.turns if resume else 0, passages=passages)
        if controls is not None:
            controls.runner = runner
        budget.on_exhausted(lambda: runner.stop(
            f"LLM budget of ${plan.max_cost_usd:g} reached"
        ))
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
        return RunResult(run_id, status, runner.stop_reason)
