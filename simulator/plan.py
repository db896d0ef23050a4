"""A run plan: which personas talk to which bots, how often and how long."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from simulator.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Target:
    """`count` conversations in one exact setting: a coverage gap to fill, or the variations
    of a parent conversation (augmentation), instead of the full persona x bot matrix."""

    persona_id: str
    bot_id: str
    topic: str
    emotional_state: str
    count: int = 1
    parent_id: str | None = None
    """The conversation these are variations of; makes them `augmented`."""
    need: tuple[str, ...] = ()
    """The parent's user messages: the need every variation pursues in its own words."""
    context: str | None = None
    """The situation the variation's user is in (`asking for my team at work`)."""
    offset: int = 0
    """Index of the first of these conversations in its setting, so that filling a cell
    again continues its seeded sequence instead of repeating it."""
    category: str | None = None
    """Recorded as the conversations' category (a coverage cell's)."""


@dataclass(frozen=True, slots=True)
class Domain:
    """A kind of conversation with its share of a run (seed 002: technical, creative, ...);
    recorded as the conversation's `category`."""

    name: str
    share: float
    topics: tuple[str, ...] = ()
    """Topics of this domain; empty keeps the run's (or the persona's) topics."""
    description: str = ""
    examples: tuple[str, ...] = ()
    """Example user messages (intent categories): each conversation opens with one, retold
    by the persona, and its messages are labelled with the category."""


@dataclass(frozen=True, slots=True)
class RunPlan:
    """What one run does; stored with the run so it can be read back and repeated."""

    persona_ids: tuple[str, ...]
    bot_ids: tuple[str, ...]
    conversations: int = 5
    """Conversations per persona x bot pair."""
    min_turns: int = 3
    max_turns: int = 8
    concurrency: int = 16
    seed: int = 0
    persona_engine: str = "scripted"
    """`scripted` (offline, seeded) or `llm`."""
    persona_model: str | None = None
    """The model playing the personas when `persona_engine` is `llm`."""
    judge_model: str | None = None
    """The judge's model; None runs without an LLM judge."""
    rubrics: tuple[str, ...] = ()
    """Rubric ids (or files) the judge applies; empty means the built-in defaults."""
    max_cost_usd: float | None = None
    """Stop starting conversations once LLM calls have cost this much."""
    targets: tuple[Target, ...] = ()
    """When given, exactly these conversations instead of the persona x bot matrix
    (`persona_ids`, `bot_ids` and `conversations` then only describe the run)."""
    name: str | None = None
    topic_weights: tuple[tuple[str, float], ...] = ()
    """(topic, weight) pairs every persona draws its topic from; empty: its own topics."""
    state_weights: tuple[tuple[str, float], ...] = ()
    """(emotional state, weight) pairs; empty: each persona's own baseline states."""
    domains: tuple[Domain, ...] = ()
    """Each persona x bot pair's conversations are split over these by share, exactly."""
    max_total_turns: int | None = None
    """Stop starting conversations once this many turns are recorded."""
    bot_rpm: tuple[tuple[str, float], ...] = ()
    """(bot id, requests per minute) limits."""
    goals: tuple[str, ...] = ()
    """Goals a conversation pursues (one each, seeded); empty: the persona's own, if any."""
    knowledge_dir: str | None = None
    """Folder of Markdown / text files: conversations (a plan's `rag_query` ones, when it
    has categories) ask about one of its passages."""
    shard: tuple[int, int] | None = None
    """(index, count): this run holds every count-th planned conversation from index on,
    so `count` runs with indexes 0..count-1 cover the plan exactly once."""

    def __post_init__(self) -> None:
        checks = [
            (bool(self.persona_ids), "--persona", "(none)", "at least one persona"),
            (bool(self.bot_ids), "--bot", "(none)", "at least one bot"),
            (self.conversations >= 1, "--conversations", self.conversations, "1 or more"),
            (self.min_turns >= 1, "--min-turns", self.min_turns, "1 or more"),
            (self.max_turns >= self.min_turns, "--max-turns", self.max_turns,
             f"at least --min-turns ({self.min_turns})"),
            (self.concurrency >= 1, "--concurrency", self.concurrency, "1 or more"),
            (self.persona_engine in ("scripted", "llm"), "--persona-engine",
             self.persona_engine, "one of scripted, llm"),
            (self.persona_engine != "llm" or bool(self.persona_model), "--persona-model",
             "(none)", "a model name with --persona-engine llm"),
            (self.max_cost_usd is None or self.max_cost_usd >= 0, "--max-cost",
             self.max_cost_usd, "0 or more"),
            *((target.count >= 1, "target count", target.count, "1 or more")
              for target in self.targets),
            (self.shard is None or 0 <= self.shard[0] < self.shard[1], "--shard",
             "/".join(map(str, self.shard or ())), "i/n with 0 <= i < n"),
        ]
        for ok, flag, value, expected in checks:
            if not ok:
                raise ConfigError(f"{flag} = {value}; expected {expected}")

    @classmethod
    def of_targets(cls, targets: Sequence[Target], **fields: Any) -> RunPlan:
        """A plan of exactly `targets`; its personas and bots are theirs, in order."""
        return cls(
            persona_ids=tuple(dict.fromkeys(t.persona_id for t in targets)),
            bot_ids=tuple(dict.fromkeys(t.bot_id for t in targets)),
            targets=tuple(targets),
            **fields,
        )

    @property
    def planned_conversations(self) -> int:
        """Conversations in the whole plan, every shard together."""
        if self.targets:
            return sum(target.count for target in self.targets)
        return len(self.persona_ids) * len(self.bot_ids) * self.conversations

    @property
    def total_conversations(self) -> int:
        """Conversations this run holds: the plan's, or its shard's share of them."""
        if self.shard is None:
            return self.planned_conversations
        index, count = self.shard
        return len(range(index, self.planned_conversations, count))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON; `plan_from_dict` reads it back."""
        return asdict(self)


def plan_from_dict(data: dict[str, Any]) -> RunPlan:
    """A RunPlan back from `RunPlan.to_dict()` (as stored with its run, as JSON)."""
    fields = dict(data)
    fields["targets"] = tuple(
        Target(**{**target, "need": tuple(target.get("need", ()))})
        for target in data.get("targets", ())
    )
    fields["domains"] = tuple(
        Domain(domain["name"], domain["share"], tuple(domain.get("topics", ())),
               domain.get("description", ""), tuple(domain.get("examples", ())))
        for domain in data.get("domains", ())
    )
    for key in ("persona_ids", "bot_ids", "rubrics", "goals"):
        fields[key] = tuple(data.get(key, ()))
    for key in ("topic_weights", "state_weights", "bot_rpm"):
        fields[key] = tuple((name, weight) for name, weight in data.get(key, ()))
    if data.get("shard") is not None:
        fields["shard"] = tuple(data["shard"])
    return RunPlan(**fields)


def conversation_id(run_id: str, ordinal: int) -> str:
    """The id of a run's `ordinal`-th planned conversation: the same on every attempt, so a
    resumed run knows which of its conversations exist."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sparring:run/{run_id}/{ordinal}"))


def derive_seed(run_seed: int, *parts: object) -> int:
    """A stable 63-bit seed from the run seed and a job's identity (no PYTHONHASHSEED)."""
    text = "\x1f".join([str(run_seed), *map(str, parts)])
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 1
