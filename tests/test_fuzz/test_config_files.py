"""Persona files, bots files and plan files: any content parses or fails in one line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given

from bridge.config import load_bots_file
from simulator.judge.rubric import builtin_rubrics
from simulator.persona import Persona, builtin_personas, load_persona_file
from simulator.plan_file import PlanFile
from tests.test_fuzz.support import FUZZ, file_contents, parsed_or_clean_error

PERSONA: dict[str, Any] = yaml.safe_load(
    (resources.files("simulator") / "personas" / "analytical_alex.yaml").read_text("utf-8"))
BOTS: dict[str, Any] = {
    "demo_server": {"latency_ms": 0, "fail_rate": 0.1},
    "bots": {
        "elena": {"kind": "demo", "bot": "elena", "description": "Elena"},
        "hook": {"kind": "http", "url": "http://127.0.0.1:9/chat", "method": "POST",
                 "headers": {"Authorization": "Bearer ${TOKEN}"},
                 "body": {"text": "{message}", "history": "{history}"},
                 "reply_path": "data.0.text", "timeout_s": 5, "retries": 1},
        "oai": {"kind": "openai", "base_url": "http://127.0.0.1:9/v1", "model": "m",
                "api_key_env": "KEY", "temperature": 0.5, "max_tokens": 10, "stream": True},
        "py": {"kind": "python", "target": "tests.sample_bots:echo"},
        "chat": {"kind": "discord", "token_env": "TOKEN", "guild_id": 1, "channel_id": 2,
                 "target_id": 3, "quiet_s": 1, "api_url": "http://127.0.0.1:9/api"},
    },
}
PLAN: dict[str, Any] = {
    **yaml.safe_load((resources.files("simulator") / "plan_example.yaml").read_text("utf-8")),
    "topics": {"billing": 2, "refunds": 1},
    "emotional_states": {"calm": 1},
    "judge": {"model": "standin", "rubrics": ["reply_quality", "custom.yaml"]},
    "persona_engine": {"kind": "llm", "model": "standin"},
}
PERSONA_IDS = tuple(builtin_personas())
BOT_IDS = ("elena", "jake", "marcus", "dream")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_the_bases_are_valid(folder: Path) -> None:
    """The fuzzed inputs start from files that parse, so mutations land near valid ones."""
    for name, data in (("persona.yaml", PERSONA), ("bots.yaml", BOTS), ("plan.yaml", PLAN)):
        (folder / name).write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_persona_file(folder / "persona.yaml").id == "analytical_alex"
    assert set(load_bots_file(folder / "bots.yaml").bots) == set(BOTS["bots"])
    plan = PlanFile.read(folder / "plan.yaml")
    assert plan.problems(folder / "plan.yaml", PERSONA_IDS, BOT_IDS) == [
        f"{folder / 'plan.yaml'}: judge.rubrics.1 = 'custom.yaml'; expected a built-in rubric "
        f"({', '.join(sorted(builtin_rubrics()))}) or a rubric .yaml file"]


@FUZZ
@given(content=file_contents(PERSONA))
@example(content=b"\x80")  # was UnicodeDecodeError
@example(content=b"name: 2001-02-30\n")  # was ValueError from PyYAML's date constructor
@example(content=b"name: 0x_\n")  # was ValueError from PyYAML's int constructor
@example(content=b"[" * 5000)  # was RecursionError
@example(content=b'? " \\N"\n: null\n')  # a field name with U+0085 split the message line
def test_persona_files(folder: Path, content: bytes) -> None:
    path = folder / "persona.yaml"
    path.write_bytes(content)
    persona = parsed_or_clean_error(lambda: load_persona_file(path))
    if persona is not None:
        assert Persona.model_validate(persona.model_dump()) == persona
        assert len(persona.definition_hash) == 16


@FUZZ
@given(content=file_contents(BOTS))
@example(content=b"bots: {a: {kind: demo, bot: elena}}\n'\n\n  ': null\n")  # two-line key
@example(content=b"bots: {a: {kind: demo, bot: elena}}\n1: x\nb: y\n")  # was TypeError (sort)
@example(content=b"bots: {a: {kind: [demo]}}\n")  # was TypeError: unhashable kind
@example(content=b'bots: {"a\\nb": {kind: demo, bot: nobody}}\n')  # two-line bot id
def test_bots_files(folder: Path, content: bytes) -> None:
    path = folder / "bots.yaml"
    path.write_bytes(content)
    bots = parsed_or_clean_error(lambda: load_bots_file(path))
    if bots is not None:
        assert bots.bots


@FUZZ
@given(content=file_contents(PLAN))
@example(content=b'judge: {model: m, rubrics: ["x\\0.yaml"]}\n')  # was ValueError: NUL byte
def test_plan_files(folder: Path, content: bytes) -> None:
    path = folder / "plan.yaml"
    path.write_bytes(content)
    plan = parsed_or_clean_error(lambda: PlanFile.read(path))
    if plan is None:
        return
    problems = parsed_or_clean_error(lambda: plan.problems(path, PERSONA_IDS, BOT_IDS))
    for problem in problems or ():
        assert problem.startswith(f"{path}: ")
        assert len(problem.splitlines()) == 1, problem
    if problems == []:
        personas = builtin_personas()
        parsed_or_clean_error(lambda: plan.run_plan(personas, BOT_IDS))
