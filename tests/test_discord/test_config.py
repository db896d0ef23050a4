"""The `discord` entry of bots.yaml: defaults and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bridge.config import DiscordBot, load_bots_file
from simulator.errors import ConfigError

ENTRY = """\
bots:
  support:
    kind: discord
    token_env: TESTER_TOKEN
    guild_id: 11
    channel_id: "22"
    target_id: 33
"""


def test_defaults(tmp_path: Path) -> None:
    path = tmp_path / "bots.yaml"
    path.write_text(ENTRY)
    bot = load_bots_file(path).bots["support"]
    assert isinstance(bot, DiscordBot)
    assert (bot.channel_id, bot.conversation_in, bot.mention, bot.reply_chain) == (
        22, "thread", False, False)
    assert (bot.quiet_s, bot.typing_s, bot.timeout_s) == (1.5, 10.0, 30.0)
    assert (bot.api_url, bot.gateway_url) == ("https://discord.com/api/v10", None)
    assert bot.target == "user 33 in channel 22"
    assert (bot.quiet_factor, bot.stream_markers, bot.stream_colors) == (
        2.0, (" ⚪", "▌", "█"), (0xE67E22,))


def test_stream_markers_and_colours(tmp_path: Path) -> None:
    path = tmp_path / "bots.yaml"
    path.write_text(ENTRY + '    stream_markers: [" …"]\n'
                    '    stream_colors: ["#1f8b4c", 0xE67E22, 255]\n')
    bot = load_bots_file(path).bots["support"]
    assert isinstance(bot, DiscordBot)
    assert bot.stream_markers == (" …",) and bot.stream_colors == (0x1F8B4C, 0xE67E22, 255)


@pytest.mark.parametrize(("extra", "message"), [
    ("    conversation_in: dm\n",
     "bots.support: conversation_in = 'dm'; expected one of thread, channel"),
    ("    quiet_s: 0\n", "bots.support: quiet_s = 0"),
    ("    quiet_factor: 0.5\n", "bots.support: quiet_factor = 0.5"),
    ("    stream_colors: [orange]\n", "bots.support: stream_colors.0 = 'orange'"),
    ("    token: abc\n", "bots.support: token"),
    ("    api_url: discord.com\n", "bots.support: api_url = 'discord.com'"),
])
def test_bad_entries_are_one_line_errors(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "bots.yaml"
    path.write_text(ENTRY + extra)
    with pytest.raises(ConfigError) as caught:
        load_bots_file(path)
    assert str(caught.value).startswith(f"{path}: {message}")
    assert "\n" not in str(caught.value)
