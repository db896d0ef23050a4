"""The LLM judge: strict parsing, corrections, the cache (in memory and in the database),
and judge failures recorded as errors, never as scores."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bridge.demo.model_server import Fault, ModelServer
from bridge.models import LLMEndpoint
from simulator.connector import BotContext, BotReply, ChatMessage
from simulator.conversation import Conversation, ConversationJob
from simulator.engine import ConversationSetting, UserMessage, Verdict
from simulator.errors import BudgetExceeded, JudgeError, ModelError, SparringError
from simulator.events import ConversationFinished, Event, JudgeScored
from simulator.judge.cache import MemoryJudgeCache, cache_key
from simulator.judge.judge import LLMJudge, Subject
from simulator.judge.parse import Judgement, parse_judgement
from simulator.judge.prompt import JUDGE_PROMPT_MARK, correction, turn_prompt
from simulator.judge.rubric import Criterion, Rubric, builtin_rubrics, resolve_rubrics
from simulator.metrics.catalog import Metric
from simulator.persona import Persona, builtin_personas
from simulator.plan import RunPlan
from storage.database import Database
from storage.judge_cache import StoredJudgeCache
from tests.llm_support import Script, fast_bots, judge_answer, openai_model, query, routed
from tui.session import LLMSettings, execute_run

PERSONAS = builtin_personas()
CASEY = PERSONAS["casual_casey"]
RUBRICS = builtin_rubrics()
REPLY_QUALITY = RUBRICS["reply_quality"]
TRAINING_VALUE = RUBRICS["training_value"]
HISTORY = (ChatMessage("user", "any good movies this weekend?"),
           ChatMessage("assistant", "Dune Part Two is on at the Rialto."))
TURN = Subject("conv-1", 0, CASEY, "movies", HISTORY)
WHOLE = Subject("conv-1", -1, CASEY, "movies", HISTORY)
FOUR_SCORES = {"accuracy": 4, "pedagogical_value": 3, "realistic_user": 5,
               "voice_consistency": 4}


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "rubric", "expected"), [
    ('{"scores": {"overall": 0.75}, "reason": " Direct. "}', REPLY_QUALITY,
     Judgement({"overall": 0.75}, "Direct.")),
    ('Here you go:\n```json\n{"scores": {"overall": 1}, "reason": "ok"}\n```', REPLY_QUALITY,
     Judgement({"overall": 1.0}, "ok")),
    ('{"overall": 0, "reason": "at the top level"}', REPLY_QUALITY,
     Judgement({"overall": 0.0}, "at the top level")),
    ('{"scores": {"overall": "0.5"}}', REPLY_QUALITY, Judgement({"overall": 0.5}, "")),
    (json.dumps({"scores": FOUR_SCORES, "reason": "solid"}), TRAINING_VALUE,
     Judgement({k: float(v) for k, v in FOUR_SCORES.items()}, "solid")),
    (json.dumps({"scores": {**FOUR_SCORES, "extra": 99}}), TRAINING_VALUE,
     Judgement({k: float(v) for k, v in FOUR_SCORES.items()}, "")),
])
def test_valid_judgements_parse(text: str, rubric: Rubric, expected: Judgement) -> None:
    assert parse_judgement(text, rubric) == expected


@pytest.mark.parametrize(("text", "rubric", "problem"), [
    ("The reply is good, I'd say 0.8.", REPLY_QUALITY, "no JSON object in the answer"),
    ('{"scores": [0.8]}', REPLY_QUALITY, '"scores" is list, expected an object'),
    ('{"scores": {"overal": 0.8}}', REPLY_QUALITY, "missing scores for overall"),
    (json.dumps({"scores": {"accuracy": 4, "realistic_user": 5}}), TRAINING_VALUE,
     "missing scores for pedagogical_value, voice_consistency"),
    ('{"scores": {"overall": 1.5}}', REPLY_QUALITY, "overall = 1.5 is outside 0 to 1"),
    ('{"scores": {"overall": -0.01}}', REPLY_QUALITY, "overall = -0.01 is outside 0 to 1"),
    (json.dumps({"scores": {**FOUR_SCORES, "accuracy": 0}}), TRAINING_VALUE,
     "accuracy = 0 is outside 1 to 5"),
    (json.dumps({"scores": {**FOUR_SCORES, "voice_consistency": 6}}), TRAINING_VALUE,
     "voice_consistency = 6 is outside 1 to 5"),
    ('{"scores": {"overall": "high"}}', REPLY_QUALITY, "overall = 'high' is not a number"),
    ('{"scores": {"overall": true}}', REPLY_QUALITY, "overall = True is not a number"),
    ('{"scores": {"overall": null}}', REPLY_QUALITY, "overall = None is not a number"),
    ('{"scores": {"overall": "nan"}}', REPLY_QUALITY, "is outside 0 to 1"),
    ('{"scores": {"overall": NaN}}', REPLY_QUALITY, "is outside 0 to 1"),
])
def test_unusable_judgements_are_rejected_not_clamped(
    text: str, rubric: Rubric, problem: str
) -> None:
    with pytest.raises(JudgeError) as caught:
        parse_judgement(text, rubric)
    assert problem in str(caught.value)


# --- the judge over the real client -------------------------------------------------------


async def test_a_malformed_answer_is_corrected_and_then_scored() -> None:
    script = Script("I liked it.", judge_answer("On point.", overall=0.8))
    async with ModelServer(responder=script) as server, openai_model(server) as model:
        events = await LLMJudge(model, [REPLY_QUALITY]).score(TURN)
    assert events == [JudgeScored("conv-1", 0, "reply_quality", 1, "standin",
                                  (Metric("reply_quality.overall", 0.8, "judge"),),
                                  "On point.", None, cached=False)]
    assert server.calls == 2
    first, second = server.requests
    assert first["temperature"] == 0.0
    assert first["messages"][0]["content"].startswith(JUDGE_PROMPT_MARK)
    assert "Rubric: reply_quality (version 1)" in first["messages"][0]["content"]
    assert second["messages"][:2] == first["messages"]
    assert second["messages"][2] == {"role": "assistant", "content": "I liked it."}
    fix = second["messages"][3]
    assert fix["role"] == "user"
    assert fix["content"] == correction("no JSON object in the answer 'I liked it.'")


@pytest.mark.parametrize("attempts", [1, 2, 3])
async def test_always_malformed_is_an_error_event_after_exactly_attempts_calls(
    attempts: int,
) -> None:
    bad = '{"scores": {"overall": 7}}'
    async with ModelServer(responder=lambda _body: bad) as server, \
            openai_model(server) as model:
        (event,) = await LLMJudge(model, [REPLY_QUALITY], attempts=attempts).score(TURN)
    assert server.calls == attempts
    assert event.scores == () and event.reason == ""
    assert event.error is not None
    assert f"after {attempts} attempts" in event.error
    assert "overall = 7 is outside 0 to 1" in event.error


async def test_a_model_error_is_an_error_event_not_an_exception() -> None:
    async with ModelServer(faults=[Fault.status(400)]) as server, \
            openai_model(server) as model:
        (event,) = await LLMJudge(model, [REPLY_QUALITY]).score(TURN)
    assert event.error is not None and "HTTP 400" in event.error
    assert event.scores == () and server.calls == 1


async def test_each_subject_is_scored_on_the_rubrics_of_its_scope() -> None:
    async with ModelServer() as server, openai_model(server) as model:
        judge = LLMJudge(model, [REPLY_QUALITY, TRAINING_VALUE])
        turn_events = await judge.score(TURN)
        whole_events = await judge.score(WHOLE)
    assert [e.rubric_id for e in turn_events] == ["reply_quality"]
    assert [e.rubric_id for e in whole_events] == ["training_value"]
    (whole,) = whole_events
    assert whole.turn_idx == -1 and whole.error is None
    assert [m.name for m in whole.scores] == [
        "training_value.accuracy", "training_value.pedagogical_value",
        "training_value.realistic_user", "training_value.voice_consistency"]
    assert all(1 <= m.value <= 5 and m.source == "judge" for m in whole.scores)
    assert server.calls == 2


def test_a_judge_needs_a_rubric() -> None:
    with pytest.raises(JudgeError, match="at least one rubric"):
        LLMJudge(object(), [])  # type: ignore[arg-type]


# --- the cache ----------------------------------------------------------------------------


async def test_the_same_subject_is_answered_from_the_cache() -> None:
    async with ModelServer() as server, openai_model(server) as model:
        judge = LLMJudge(model, [REPLY_QUALITY])
        (first,) = await judge.score(TURN)
        (again,) = await judge.score(TURN)
        assert server.calls == 1
        changed = Subject("conv-1", 0, CASEY, "movies",
                          (HISTORY[0], ChatMessage("assistant", "No idea, sorry.")))
        (other,) = await judge.score(changed)
    assert not first.cached and again.cached
    assert (again.scores, again.reason) == (first.scores, first.reason)
    assert not other.cached and server.calls == 2


def test_the_cache_key_covers_model_rubric_and_prompt() -> None:
    messages = turn_prompt(REPLY_QUALITY, CASEY, "movies", [], "hi", "hello")
    key = cache_key("standin", REPLY_QUALITY, messages)
    assert key == cache_key("standin", REPLY_QUALITY, messages)
    bumped = REPLY_QUALITY.model_copy(update={"version": 2})
    reworded = REPLY_QUALITY.model_copy(update={"criteria": (
        Criterion(name="overall", description="Something else", min=0, max=1),)})
    other_reply = turn_prompt(REPLY_QUALITY, CASEY, "movies", [], "hi", "hello!")
    assert len({key, cache_key("other-model", REPLY_QUALITY, messages),
                cache_key("standin", bumped, messages),
                cache_key("standin", reworded, messages),
                cache_key("standin", REPLY_QUALITY, other_reply)}) == 5


async def test_a_failed_judgement_is_not_cached() -> None:
    script = Script("no", "no", "no", judge_answer(overall=0.5))
    cache = MemoryJudgeCache()
    async with ModelServer(responder=script) as server, openai_model(server) as model:
        judge = LLMJudge(model, [REPLY_QUALITY], cache=cache, attempts=3)
        (failed,) = await judge.score(TURN)
        (scored,) = await judge.score(TURN)
    assert failed.error is not None and scored.error is None and not scored.cached
    assert server.calls == 4


async def test_the_stored_cache_round_trips_through_the_database(db_path: Path) -> None:
    judgement = Judgement({"accuracy": 4.0, "pedagogical_value": 2.5}, "clear enough")
    async with Database(db_path) as db:
        await StoredJudgeCache(db).put("key-1", judgement)
        await StoredJudgeCache(db).put("key-2", Judgement({"overall": 0.1}, "first"))
        await StoredJudgeCache(db).put("key-2", Judgement({"overall": 0.9}, "replaced"))
    async with Database(db_path) as db:
        cache = StoredJudgeCache(db)
        assert await cache.get("key-1") == judgement
        assert await cache.get("key-2") == Judgement({"overall": 0.9}, "replaced")
        assert await cache.get("missing") is None


async def test_a_judge_on_the_stored_cache_skips_the_model_in_a_later_session(
    db_path: Path,
) -> None:
    async with ModelServer() as server, openai_model(server) as model:
        async with Database(db_path) as db:
            (first,) = await LLMJudge(model, [REPLY_QUALITY],
                                      cache=StoredJudgeCache(db)).score(TURN)
        async with Database(db_path) as db:
            (again,) = await LLMJudge(model, [REPLY_QUALITY],
                                      cache=StoredJudgeCache(db)).score(TURN)
    assert server.calls == 1
    assert again.cached and again.scores == first.scores and again.reason == first.reason


def test_resolve_rubrics_defaults_files_and_errors(tmp_path: Path) -> None:
    assert [r.id for r in resolve_rubrics(())] == ["reply_quality", "training_value"]
    custom = tmp_path / "clarity.yaml"
    custom.write_text("version: 3\nscope: turn\ninstructions: Be strict.\ncriteria:\n"
                      "  - {name: clarity, description: 'Is it clear?', min: 0, max: 10}\n")
    (rubric,) = resolve_rubrics((str(custom),))
    assert (rubric.id, rubric.version, rubric.criteria[0].scale) == ("clarity", 3, "0 to 10")
    with pytest.raises(SparringError, match="'nonsense' is neither a built-in rubric"):
        resolve_rubrics(("nonsense",))
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\nscope: turn\ninstructions: x\ncriteria:\n"
                      "  - {name: clarity, description: y, min: 5, max: 1}\n")
    with pytest.raises(SparringError, match=r"broken\.yaml: criteria\.0"):
        resolve_rubrics((str(broken),))


def test_a_rubric_with_a_repeated_criterion_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text("version: 1\nscope: turn\ninstructions: x\ncriteria:\n"
                    "  - {name: clarity, description: a}\n"
                    "  - {name: clarity, description: b, min: 0, max: 1}\n")
    with pytest.raises(SparringError, match="clarity"):
        resolve_rubrics((str(path),))


# --- judging inside a conversation --------------------------------------------------------


class _InstantBot:
    async def reply(self, context: BotContext, message: str) -> BotReply:
        return BotReply(text=f"sure: {message}", latency_ms=1.0)


class _FailingSession:
    """Opens, then fails on its next message the way the persona model or budget can."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    async def opening(self) -> UserMessage:
        return UserMessage("any good movies?", "curious", 0.8, "opening")

    async def next_message(self, bot_reply: str) -> UserMessage | None:
        raise self.error

    async def verdict(self) -> Verdict | None:
        return None


class _FailingEngine:
    name = "failing"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def session(self, persona: Persona, setting: ConversationSetting) -> _FailingSession:
        return _FailingSession(self.error)


class _SlowJudge:
    """Scores after a few turns of the event loop, as a judge over the network does."""

    def __init__(self) -> None:
        self.running = 0

    async def score(self, subject: Subject) -> list[JudgeScored]:
        self.running += 1
        try:
            for _ in range(3):
                await asyncio.sleep(0)
            return [JudgeScored(subject.conversation_id, subject.turn_idx, "reply_quality", 1,
                                "slow", (Metric("reply_quality.overall", 0.5, "judge"),), "")]
        finally:
            self.running -= 1


@pytest.mark.parametrize("error", [ModelError("persona model broke"),
                                   BudgetExceeded("LLM budget of $1 reached")])
async def test_no_judgement_outlives_its_conversation(error: Exception) -> None:
    events: list[Event] = []
    judge = _SlowJudge()
    setting = ConversationSetting("conv-9", "movies", "curious", 9, 1, 5)
    job = ConversationJob("run-9", CASEY, "bot", setting)
    finished = await Conversation(job, _InstantBot(), _FailingEngine(error), events.append,
                                  judge).run()
    assert finished.status in ("failed", "cancelled")
    assert judge.running == 0
    for _ in range(10):
        await asyncio.sleep(0)
    assert isinstance(events[-1], ConversationFinished), [type(e).__name__ for e in events]


async def test_a_judge_answering_garbage_leaves_errors_and_no_scores(tmp_path: Path) -> None:
    db = tmp_path / "garbage.db"
    responder = routed(judge=lambda _body: "Great reply, 10/10!")
    plan = RunPlan(("casual_casey",), ("elena",), conversations=2, min_turns=2, max_turns=3,
                   persona_engine="llm", persona_model="standin", judge_model="standin",
                   rubrics=("reply_quality",))
    async with ModelServer(responder=responder) as server:
        result = await execute_run(plan, PERSONAS, fast_bots(tmp_path), db,
                                   llm=LLMSettings(LLMEndpoint(base_url=server.base_url)),
                                   handle_signals=False)
    assert result.status == "completed"
    turns = query(db, "SELECT COUNT(*) FROM turns WHERE bot_reply IS NOT NULL")[0][0]
    errors = query(db, "SELECT turn_idx, rubric, model, error FROM judge_errors")
    assert len(errors) == turns > 0
    assert {(rubric, model) for _, rubric, model, _ in errors} == {("reply_quality@1",
                                                                    "standin")}
    assert all("after 3 attempts" in error and "no JSON object" in error
               for *_, error in errors)
    assert query(db, "SELECT COUNT(*) FROM metrics WHERE source = 'judge'") == [(0,)]
    assert query(db, "SELECT COUNT(*) FROM llm_usage WHERE purpose = 'judge'") == [(3 * turns,)]
    assert query(db, "SELECT COUNT(*) FROM conversations WHERE status = 'completed'") == [(2,)]
