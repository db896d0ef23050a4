"""An emulated Discord per test: a guild with #sparring, a tester bot, target bots on demand.

`bridge.discord` is imported first: it imports discord.py with its Python 3.11 `audioop`
deprecation warning silenced, which pytest would otherwise turn into an error.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

import bridge.discord  # noqa: F401  (first: imports discord.py quietly)
from bridge.config import load_bots_file
from bridge.discord.emulator import DiscordEmulator
from bridge.discord.emulator.world import Account
from bridge.discord.endpoints import Endpoints, claim, release
from bridge.pool import BotPool
from simulator.connector import BotConnector
from tests.test_discord.targets import TargetBot

TOKEN_ENV = "SPARRING_TEST_DISCORD_TOKEN"
STARTUP_S = 10.0


class DiscordServer:
    """The emulator, its tester bot, the target bots started in a test, their connectors."""

    def __init__(self, tmp_path: Path) -> None:
        self.emulator = DiscordEmulator()
        self.world = self.emulator.world
        self.channel = self.world.add_channel("sparring")
        self.tester = self.world.add_user("sparring-tester")
        self.tmp_path = tmp_path
        self._targets: list[tuple[TargetBot, asyncio.Task[None]]] = []
        self._pools: list[BotPool] = []
        self._endpoints: Endpoints | None = None

    async def start(self) -> None:
        await self.emulator.start()
        self._endpoints = Endpoints(self.emulator.api_url, self.emulator.gateway_url)
        claim(self._endpoints, "tests")

    async def start_target(self, bot: TargetBot, name: str = "target",
                           **account: Any) -> Account:
        """Add a bot user to the world and run `bot` as it, like `bot.start(token)` does."""
        user = self.world.add_user(name, **account)
        assert user.token is not None
        bot.allowed_bot_ids.add(self.tester.id)
        await bot.login(user.token)
        self._targets.append((bot, asyncio.create_task(bot.connect())))
        async with asyncio.timeout(STARTUP_S):
            await bot.wait_until_ready()
        return user

    def entry(self, target: Account, **options: Any) -> str:
        """A `bots.yaml` entry (indented under `bots.target:`) for `target`."""
        fields = {
            "kind": "discord", "token_env": TOKEN_ENV, "guild_id": self.world.guild_id,
            "channel_id": self.channel.id, "target_id": target.id, "quiet_s": 0.25,
            "timeout_s": 10, "api_url": self.emulator.api_url, **options,
        }
        return "".join(f"    {key}: {_yaml(value)}\n" for key, value in fields.items())

    async def connector(self, target: Account, **options: Any) -> BotConnector:
        """The `discord` connector for `target`, built through a BotPool from YAML."""
        path = self.tmp_path / f"bots-{len(self._pools)}.yaml"
        path.write_text("bots:\n  target:\n" + self.entry(target, **options))
        pool = BotPool(load_bots_file(path))
        self._pools.append(pool)
        await pool.open()
        return pool.connectors["target"]

    def thread_messages(self, name_part: str) -> list[tuple[int, str]]:
        """(author id, content) of the messages in the thread whose name has `name_part`."""
        thread = next(c for c in self.world.channels.values()
                      if c.is_thread and name_part in c.name)
        return [(m.author_id, m.content) for m in sorted(self.world.messages.values(),
                                                         key=lambda m: m.id)
                if m.channel_id == thread.id]

    async def close(self) -> None:
        for pool in self._pools:
            await pool.close()
        for bot, task in self._targets:
            await bot.close()
            await task
        await self.emulator.close()
        if self._endpoints is not None:
            release(self._endpoints)


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.fixture
async def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[DiscordServer]:
    emulated = DiscordServer(tmp_path)
    await emulated.start()
    assert emulated.tester.token is not None
    monkeypatch.setenv(TOKEN_ENV, emulated.tester.token)
    yield emulated
    await emulated.close()
