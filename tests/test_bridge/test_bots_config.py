from __future__ import annotations

from pathlib import Path

import pytest

from bridge.config import demo_bots_file, load_bots_file
from simulator.errors import ConfigError


def load(tmp_path: Path, text: str):
    path = tmp_path / "bots.yaml"
    path.write_text(text)
    return load_bots_file(path)


def test_demo_file_has_the_four_seed_bots() -> None:
    assert list(demo_bots_file().bots) == ["elena", "marcus", "jake", "dream"]


def test_kinds_parse(tmp_path: Path) -> None:
    bots = load(tmp_path, """
bots:
  a: {kind: openai, base_url: "http://127.0.0.1:1/v1", model: m, stream: true}
  b: {kind: http, url: "http://127.0.0.1:1/x", reply_path: data.text}
  c: {kind: python, target: "pkg.mod:reply"}
  d: {kind: demo, bot: dream}
""").bots
    assert [bot.kind for bot in bots.values()] == ["openai", "http", "python", "demo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bots:\n  a: {kind: telepathy}\n",
         "bots.a.kind = 'telepathy'; expected one of openai, http, python, demo"),
        ("bots:\n  a: {kind: openai, base_url: 'ftp://x', model: m}\n",
         "bots.a: base_url = 'ftp://x'"),
        ("bots:\n  a: {kind: http, url: 'http://x', retries: -1}\n",
         "bots.a: retries = -1; expected greater than or equal to 0"),
        ("bots:\n  a: {kind: demo, bot: hal}\n",
         "bots.a: bot = 'hal'; expected one of elena, marcus, jake, dream"),
        ("bots:\n  a: {kind: http, url: 'http://x', api_key: sk-123}\n",
         "bots.a: api_key = 'sk-123' is not a known field"),
        ("bots: {}\n", "bots is missing or empty"),
        ("robots: {}\n", "bots is missing or empty"),
    ],
)
def test_bad_bots_file_one_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    assert str(caught.value).startswith(str(tmp_path / "bots.yaml"))
    assert expected in str(caught.value)
    assert "\n" not in str(caught.value)
