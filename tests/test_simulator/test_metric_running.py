"""RunningScorer must give exactly `score_turn`'s values, minus the metrics it leaves out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.connector import BotReply
from simulator.metrics.catalog import Metric
from simulator.metrics.running import RunningScorer
from simulator.metrics.scoring import score_turn
from simulator.persona import Persona, builtin_personas
from tests.chitchat_logs import require_chitchat

_PERSONA_FIT = frozenset({"length_fit", "formality_fit"})
_LATENCY = frozenset({"latency_ms", "latency_score"})
_VOCABULARY = ["the", "cat", "sat", "on", "a", "mat", "why", "how", "is", "it", "good",
               "bad", "not", "very", "deploy", "deployed", "ok", "lol", ":)", "?", "!", ".",
               "I", "love", "hate", "It's", "don't", "\n", "great", "BAD", "but", "😀"]

_PERSONAS = sorted(builtin_personas().values(), key=lambda persona: persona.id)

Turn = tuple[str, str, float | None, float | None, int | None]


def _old(persona: Persona | None, turns: list[Turn]) -> list[list[Metric]]:
    """`score_turn` per turn, filtered the way imports always filtered it."""
    earlier: list[str] = []
    scored = []
    for user, bot, latency, ttft, tokens in turns:
        reply = BotReply(bot, latency or 0.0, ttft, None, tokens)
        metrics = score_turn(persona or _PERSONAS[0], user, reply, earlier, 0.0)
        earlier.append(bot)
        scored.append([m for m in metrics if m.source == "heuristic"
                       and not (persona is None and m.name in _PERSONA_FIT)
                       and not (latency is None and m.name in _LATENCY)])
    return scored


def _new(persona: Persona | None, turns: list[Turn]) -> list[list[Metric]]:
    scorer = RunningScorer(persona)
    return [scorer.score(user, BotReply(bot, latency or 0.0, ttft, None, tokens),
                         timed=latency is not None)
            for user, bot, latency, ttft, tokens in turns]


_text = st.lists(st.sampled_from(_VOCABULARY), max_size=25).map(" ".join)
_turn = st.tuples(_text, _text, st.none() | st.floats(0, 9000), st.none() | st.floats(0, 900),
                  st.none() | st.integers(0, 500))


@settings(max_examples=300, deadline=None)
@given(st.lists(_turn, max_size=12), st.none() | st.sampled_from(_PERSONAS))
def test_running_scorer_equals_score_turn(turns: list[Turn], persona: Persona | None) -> None:
    assert _new(persona, turns) == _old(persona, turns)


def test_running_scorer_equals_score_turn_on_real_chats() -> None:
    """Real human chats, as imports see them: long conversations, repeated phrases."""
    data = require_chitchat()
    personas = [None, *_PERSONAS]
    for number, chat in enumerate(list(data.values())[:300]):
        texts = ["\n".join(u["text"] for u in group) for group in chat["messages"]]
        turns: list[Turn] = [(user, bot, None, None, None)
                             for user, bot in zip(texts[::2], texts[1::2], strict=False)]
        persona = personas[number % len(personas)]
        assert _new(persona, turns) == _old(persona, turns), number
