"""Harness overhead: the full Sparring stack against a bare asyncio + aiohttp loop, same run.

Starts, in a child process, a loopback JSON bot answering in 0 ms and the project's
OpenAI-compatible stand-in model server (bridge/demo/model_server.py). Then, in this
process, for each workload:

- Sparring: `tui.session.execute_run` with a RunPlan (an `http` bot, live stats, every
  metric, the SQLite recorder writing to a fresh database);
- bare: a plain asyncio loop on one aiohttp session sending the same requests (same count,
  same bodies, same number in flight) to the same servers, nothing else.

Workload (a): scripted personas. Workload (b): the LLM persona engine, one model call and
one bot call per turn (plus its verdict call per conversation, which the bare loop also
makes). turns/s is wall time; CPU ms/turn is this process's CPU (the servers run in the
child), so the difference is what Sparring costs per turn. Target (issue 8): >= 0.8.

    python benchmarks/harness.py [--conversations 400] [--turns 5] [--llm-conversations 50]
                                 [--in-flight 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bridge.config import BotsFile, HttpBot
from bridge.demo.model_server import ModelServer
from bridge.models import LLMEndpoint
from simulator.live_stats import LiveStats
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tui.session import LLMSettings, execute_run

REPLY = ("Good question. The short answer is that it depends on what you want out of it, "
         "but most people start small, measure what happens, and adjust from there. If you "
         "tell me a bit more about your situation I can suggest a concrete first step and "
         "what to watch for. Does that help?")
SCRIPTED_PERSONAS = ("analytical_alex", "casual_casey", "emotional_emma", "explorer_evan")
LLM_PERSONAS = ("casual_casey", "analytical_alex")
_DATABASES = itertools.count()


# --- the servers, in a child process ------------------------------------------------------

def bot_app(latency_s: float) -> web.Application:
    """A JSON webhook bot: `{"message": ...}` in, `{"reply": REPLY}` out after `latency_s`."""
    async def chat(request: web.Request) -> web.Response:
        await request.json()
        if latency_s > 0:
            await asyncio.sleep(latency_s)
        return web.json_response({"reply": REPLY})

    app = web.Application()
    app.router.add_post("/chat", chat)
    return app


async def _serve(latency_s: float, conn: Connection) -> None:
    runner = web.AppRunner(bot_app(latency_s), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
    await site.start()
    async with ModelServer() as model:
        conn.send((f"http://127.0.0.1:{runner.addresses[0][1]}/chat", model.base_url))
        await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # until told to stop
    await runner.cleanup()


def _serve_main(latency_s: float, conn: Connection) -> None:
    asyncio.run(_serve(latency_s, conn))


class Servers:
    """The bot and the model server in a child process; `with Servers(0.0) as (bot, model):`."""

    def __init__(self, latency_s: float = 0.0) -> None:
        self.latency_s = latency_s
        self._conn, child = multiprocessing.get_context("spawn").Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=_serve_main, args=(latency_s, child), daemon=True)

    def __enter__(self) -> tuple[str, str]:
        self._process.start()
        bot_url, model_url = self._conn.recv()
        return bot_url, model_url

    def __exit__(self, *exc: object) -> None:
        self._conn.send("stop")
        self._process.join(5)
        if self._process.is_alive():
            self._process.terminate()


def bots_file(bot_url: str, timeout_s: float = 30.0) -> BotsFile:
    """One `http` bot, `loop`, at `bot_url` with the default body (message, conversation id)."""
    return BotsFile(source="(benchmark)", bots={
        "loop": HttpBot(kind="http", url=bot_url, timeout_s=timeout_s, retries=0)})


# --- measuring ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Figures:
    turns: int
    seconds: float
    cpu: float
    llm_calls: int = 0

    @property
    def rate(self) -> float:
        return self.turns / self.seconds

    @property
    def cpu_ms(self) -> float:
        return self.cpu / self.turns * 1000


async def timed(work: Callable[[], Awaitable[tuple[int, int]]]) -> Figures:
    """Wall and process CPU time of `work()`, which returns (turns, llm calls)."""
    cpu, wall = time.process_time(), time.perf_counter()
    turns, calls = await work()
    return Figures(turns, time.perf_counter() - wall, time.process_time() - cpu, calls)


async def sparring_run(plan: RunPlan, bots: BotsFile, work: Path,
                       llm: LLMSettings | None = None) -> tuple[int, int]:
    """Run `plan` through the full stack into a fresh database; (turns, LLM calls)."""
    db = work / f"run-{next(_DATABASES)}.db"
    stats = LiveStats()
    result = await execute_run(plan, builtin_personas(), bots, db, llm=llm, stats=stats,
                               handle_signals=False)
    if result.status != "completed" or stats.failed_turns:
        raise SystemExit(f"the run ended {result.status} with {stats.failed_turns} failed "
                         "turns: the benchmark would measure errors")
    return stats.turns, stats.llm_calls


def persona_prompt(turn: int) -> list[dict[str, str]]:
    """Roughly the persona engine's request: a persona card, then the transcript so far."""
    system = ("You are Casey, a casual user talking to a chatbot. " * 30).strip()
    messages = [{"role": "system", "content": system},
                {"role": "user", "content": "Write your opening message as JSON."}]
    for index in range(turn):
        messages += [{"role": "assistant", "content": f'{{"message": "question {index}?"}}'},
                     {"role": "user", "content": REPLY}]
    return messages


async def bare_run(bot_url: str, model_url: str | None, conversations: int, turns: int,
                   in_flight: int, extra_llm_calls: int = 0) -> tuple[int, int]:
    """`conversations` x `turns` bot requests (each after a model request when
    `model_url`), `in_flight` conversations at once, on one aiohttp session."""
    jobs = iter(range(conversations))
    calls = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        async def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
            async with session.post(url, json=body) as response:
                response.raise_for_status()
                data: dict[str, Any] = await response.json()
                return data

        async def model_call(turn: int) -> None:
            nonlocal calls
            assert model_url is not None
            await post(f"{model_url}/chat/completions", {
                "model": "standin", "messages": persona_prompt(turn), "max_tokens": 300,
                "temperature": 0.9})
            calls += 1

        async def worker() -> None:
            for job in jobs:
                for turn in range(turns):
                    if model_url is not None:
                        await model_call(turn)
                    await post(bot_url, {"message": f"question {turn} of {job}?",
                                         "conversation_id": str(job)})
            for _ in range(extra_llm_calls):
                await model_call(turns)

        await asyncio.gather(*(worker() for _ in range(in_flight)))
    return conversations * turns, calls


def report(name: str, sparring: list[Figures], bare: list[Figures]) -> None:
    best_s = max(sparring, key=lambda f: f.rate)
    best_b = max(bare, key=lambda f: f.rate)
    ratios = [s.rate / b.rate for s, b in zip(sparring, bare, strict=True)]
    print(f"{name}: {best_s.turns} turns per run, best of {len(sparring)}")
    for label, figures, best in (("sparring", sparring, best_s), ("bare loop", bare, best_b)):
        rates = ", ".join(f"{f.rate:,.0f}" for f in figures)
        cpu_ms = statistics.median(f.cpu_ms for f in figures)
        print(f"  {label:<9} {best.rate:8,.0f} turns/s  {cpu_ms:6.3f} ms CPU/turn (median)"
              f"   runs: {rates} turns/s")
    extra = statistics.median(s.cpu_ms - b.cpu_ms for s, b in zip(sparring, bare, strict=True))
    print(f"  ratio sparring / bare: best {best_s.rate / best_b.rate:.2f}, per pair "
          f"{', '.join(f'{r:.2f}' for r in ratios)} (target >= 0.8); "
          f"Sparring's own CPU {extra:.3f} ms/turn")


async def main(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="sparring-harness-"))
    with Servers(0.0) as (bot_url, model_url):
        bots = bots_file(bot_url)
        per_pair = max(1, args.conversations // len(SCRIPTED_PERSONAS))
        scripted = RunPlan(SCRIPTED_PERSONAS, ("loop",), conversations=per_pair,
                           min_turns=args.turns, max_turns=args.turns,
                           concurrency=args.in_flight, seed=1)
        llm_pair = max(1, args.llm_conversations // len(LLM_PERSONAS))
        llm_plan = RunPlan(LLM_PERSONAS, ("loop",), conversations=llm_pair,
                           min_turns=args.turns, max_turns=args.turns,
                           concurrency=args.in_flight, seed=1, persona_engine="llm",
                           persona_model="standin")
        llm = LLMSettings(LLMEndpoint(base_url=model_url))

        await sparring_run(scripted, bots, work)  # warm-up: imports, caches, connections
        await bare_run(bot_url, None, 50, args.turns, args.in_flight)
        results: dict[str, tuple[list[Figures], list[Figures]]] = {
            "(a) scripted personas": ([], []), "(b) LLM persona engine": ([], [])}
        for _ in range(args.repeat):
            s = await timed(partial(sparring_run, scripted, bots, work))
            b = await timed(partial(bare_run, bot_url, None, s.turns // args.turns, args.turns,
                                    args.in_flight))
            results["(a) scripted personas"][0].append(s)
            results["(a) scripted personas"][1].append(b)

            s = await timed(partial(sparring_run, llm_plan, bots, work, llm))
            conversations = len(LLM_PERSONAS) * llm_pair
            extra = max(0, s.llm_calls - s.turns) // conversations
            b = await timed(partial(bare_run, bot_url, model_url, conversations,
                                    s.turns // conversations, args.in_flight, extra))
            results["(b) LLM persona engine"][0].append(s)
            results["(b) LLM persona engine"][1].append(b)
    for name, (sparring, bare) in results.items():
        report(name, sparring, bare)
    if any(s.turns != b.turns for s, b in zip(*results["(a) scripted personas"], strict=True)):
        print("note: turn counts differ between the two loops")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=400,
                        help="workload (a): conversations (split over the four personas)")
    parser.add_argument("--turns", type=int, default=5, help="turns per conversation")
    parser.add_argument("--llm-conversations", type=int, default=50, help="workload (b)")
    parser.add_argument("--in-flight", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    asyncio.run(main(parser.parse_args()))
