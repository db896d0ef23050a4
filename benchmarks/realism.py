"""Are the synthetic users distinct, diverse and unrepetitive? Three figures per persona engine.

Every built-in persona holds `--conversations` conversations (spread over the four demo
bots, served in-process with no latency) through the real stack (`tui.session.execute_run`
into a temporary SQLite file); the user messages are read back from the database and
measured (`realism_measures`): persona separability (5-fold TF-IDF + logistic regression
accuracy, target >= 0.95), distinct-2 of each persona's messages (target >= 0.40) and the
share of conversations repeating a 6+ word message of another word for word, ignoring case
and spacing (target <= 1%), and the user messages sent in the assistant's voice (the persona
guards' role-break check; target 0).

Each bot gets its own run seed: within one run, conversation i of a persona opens the same
way with every bot (a paired comparison of the bots), which would count as repetition.

The `llm` engine talks to an OpenAI-compatible endpoint: by default the project's stand-in
model (`sparring demo-llm`) started in-process, which is rules, not a language model, and
deterministic; its figures say how the stand-in does, not how a real model would.

    python benchmarks/realism.py [--conversations 100] [--seed 0] [--engines scripted,llm]
        [--llm-base-url URL --persona-model NAME [--llm-api-key-env VAR]]
        [--min-turns 3 --max-turns 8] [--concurrency 16]

A local small model: `python benchmarks/models.py fetch qwen2.5-0.5b`, then
`python benchmarks/models.py serve qwen2.5-0.5b` prints the base URL to pass here.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import defaultdict
from contextlib import AsyncExitStack
from pathlib import Path

from realism_measures import Conversation, Figures, measure

from bridge.config import DemoServerSettings, demo_bots_file
from bridge.demo.model_server import ModelServer
from bridge.demo.standin import STANDIN_MODEL
from bridge.models import LLMEndpoint
from simulator.persona import builtin_personas
from simulator.plan import RunPlan, derive_seed
from storage.database import Database
from storage.transcripts import transcripts
from tui.session import LLMSettings, execute_run

ENGINES = ("scripted", "llm")
FOLDS = 5
TARGETS = "targets: separability >= 0.95, distinct-2 >= 0.40, repetition <= 1%"


async def generate(
    engine: str, per_persona: int, seed: int, db_path: Path, llm: LLMSettings | None,
    model: str | None, concurrency: int, turns: tuple[int, int] = (3, 8),
) -> dict[str, list[Conversation]]:
    """Hold the conversations and read each persona's back: its user messages per conversation."""
    personas = builtin_personas()
    bots = demo_bots_file().model_copy(update={"demo_server": DemoServerSettings()})
    bot_ids = tuple(bots.bots)
    for k, bot_id in enumerate(bot_ids):
        share = per_persona // len(bot_ids) + (k < per_persona % len(bot_ids))
        if share == 0:
            continue
        plan = RunPlan(
            persona_ids=tuple(personas), bot_ids=(bot_id,), conversations=share,
            concurrency=concurrency, seed=derive_seed(seed, "realism", bot_id),
            min_turns=turns[0], max_turns=turns[1],
            persona_engine=engine, persona_model=model if engine == "llm" else None,
            name=f"realism {engine} {bot_id}",
        )
        result = await execute_run(plan, personas, bots, db_path, llm=llm, handle_signals=False)
        if result.status != "completed":
            raise SystemExit(f"run {result.run_id} ({engine}, {bot_id}) ended {result.status}: "
                             f"{result.stop_reason}")
    by_persona: dict[str, list[Conversation]] = defaultdict(list)
    async with Database(db_path) as db:
        async for conversation in transcripts(db):
            persona = conversation.persona_id or "?"
            by_persona[persona].append([turn.user_message for turn in conversation.turns])
    return dict(sorted(by_persona.items()))


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(engine: str, figures: Figures, seconds: float) -> None:
    sep = figures.separability
    print(f"\n{engine}  ({sum(figures.conversations.values())} conversations, {seconds:.0f} s)")
    print(f"  {'persona':<18} {'conv.':>5} {'separability':>13} {'distinct-2':>11} "
          f"{'repetition':>11}")
    for persona, count in figures.conversations.items():
        print(f"  {persona:<18} {count:>5} {sep.by_label[persona]:>13.3f} "
              f"{figures.distinct_2[persona]:>11.3f} {figures.repetition[persona]:>10.1%}")
    d2_min = min(figures.distinct_2.values())
    rep_max = max(figures.repetition.values())
    print(f"  {'overall':<18} {sum(figures.conversations.values()):>5} {sep.accuracy:>13.3f} "
          f"{figures.mean_distinct_2:>11.3f} {figures.overall_repetition:>10.1%}")
    sent = sum(figures.messages.values())
    print(f"  messages {sent}, distinct {figures.distinct_messages} · role breaks sent "
          f"{figures.role_breaks} {_mark(figures.role_breaks == 0)} · "
          f"{seconds / max(1, sum(figures.conversations.values())):.1f} s per conversation")
    print(f"  separability {sep.accuracy:.3f} {_mark(sep.accuracy >= 0.95)} · lowest distinct-2 "
          f"{d2_min:.3f} {_mark(d2_min >= 0.40)} · highest repetition {rep_max:.1%} "
          f"{_mark(rep_max <= 0.01)}")


async def main(args: argparse.Namespace) -> None:
    print(f"realism: {args.conversations} conversations per persona, seed {args.seed}; {TARGETS}")
    async with AsyncExitStack() as stack:
        llm, model = None, args.persona_model
        if "llm" in args.engines:
            base_url = args.llm_base_url
            if base_url is None:
                server = await stack.enter_async_context(ModelServer())
                base_url, model = server.base_url, model or STANDIN_MODEL
                print(f"llm engine: the stand-in model (rules, deterministic) on {base_url}")
            elif model is None:
                raise SystemExit("--llm-base-url needs --persona-model NAME")
            llm = LLMSettings(LLMEndpoint(base_url=base_url, api_key_env=args.llm_api_key_env))
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="realism-")))
        for engine in args.engines:
            started = time.perf_counter()
            conversations = await generate(engine, args.conversations, args.seed,
                                           work / f"{engine}.db", llm, model, args.concurrency,
                                           (args.min_turns, args.max_turns))
            # A conversation the guards ended before its first message holds no turn, so a
            # persona can come back with fewer conversations than the folds.
            folds = max(2, min(FOLDS, *(len(group) for group in conversations.values())))
            figures = measure(conversations, folds=folds, seed=args.seed)
            report(engine, figures, time.perf_counter() - started)


def _engines(value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [name for name in chosen if name not in ENGINES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"{value!r}; expected a comma-separated list of {', '.join(ENGINES)}"
        )
    return chosen


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", "-n", type=int, default=100,
                        help="conversations per persona (spread over the four demo bots)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engines", type=_engines, default=ENGINES,
                        help="comma list of scripted, llm (default: both)")
    parser.add_argument("--llm-base-url", default=None,
                        help="an OpenAI-compatible endpoint (default: the in-process stand-in)")
    parser.add_argument("--persona-model", default=None,
                        help="the model playing the personas (needed with --llm-base-url)")
    parser.add_argument("--llm-api-key-env", default="OPENAI_API_KEY",
                        help="environment variable holding the endpoint's key, if it needs one")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--min-turns", type=int, default=3)
    parser.add_argument("--max-turns", type=int, default=8)
    arguments = parser.parse_args()
    if arguments.conversations < FOLDS:
        parser.error(f"--conversations {arguments.conversations}; expected {FOLDS} or more "
                     f"(the classifier is cross-validated in {FOLDS} folds)")
    asyncio.run(main(arguments))
