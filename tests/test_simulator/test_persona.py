from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import ConfigError
from simulator.persona import builtin_personas, load_persona_dir, load_personas

GOOD = """\
name: Terse Tina
personality: Busy, wants answers fast
preferences:
  response_length: brief
  communication_style: direct
  formality: professional
conversation_topics: [billing, refunds]
emotional_baseline: hurried, focused
"""


def test_builtins_carry_every_seed_field() -> None:
    personas = builtin_personas()
    assert list(personas) == ["analytical_alex", "casual_casey", "emotional_emma", "explorer_evan"]
    alex = personas["analytical_alex"]
    assert alex.preferences.response_length == "detailed"
    assert alex.preferences.communication_style == "technical"
    assert alex.preferences.topic_depth == "deep"
    assert alex.conversation_topics == ("AI research", "ocean science", "technology")
    assert alex.emotions == ("calm", "focused", "intellectually engaged")
    assert personas["emotional_emma"].preferences.emotional_support == "validation-focused"


def test_user_folder_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "terse_tina.yaml").write_text(GOOD)
    override = GOOD.replace("Terse Tina", "Casey Two")
    (tmp_path / "casey.yaml").write_text("id: casual_casey\n" + override)
    personas = load_personas([tmp_path])
    assert personas["terse_tina"].name == "Terse Tina"
    assert personas["casual_casey"].name == "Casey Two"
    assert len(personas) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD.replace("response_length: brief", "response_length: huge"),
         "bad.yaml: preferences.response_length = 'huge'; expected one of brief, moderate, "
         "detailed, varied"),
        (GOOD.replace("name: Terse Tina\n", ""), "bad.yaml: name is missing; it is required"),
        (GOOD + "mood: grumpy\n", "bad.yaml: mood = 'grumpy' is not a known field"),
        (GOOD.replace("[billing, refunds]", "[]"), "bad.yaml: conversation_topics = []"),
        ("name: [unclosed\n", "bad.yaml: not valid YAML at line"),
        ("- just\n- a list\n", "bad.yaml: expected a mapping of persona fields, got list"),
    ],
)
def test_bad_file_gets_one_line_naming_file_field_value(
    tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "bad.yaml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_persona_dir(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "bad.yaml"))
    assert expected.replace("bad.yaml", str(tmp_path / "bad.yaml")) in message


def test_definition_hash_changes_with_the_definition(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD.replace("hurried", "patient"))
    found = load_persona_dir(tmp_path)
    assert found["a"].definition_hash != found["b"].definition_hash
    assert found["a"].definition_hash == load_persona_dir(tmp_path)["a"].definition_hash


def test_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="persona folder does not exist"):
        load_persona_dir(tmp_path / "nope")
