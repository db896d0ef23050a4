"""`sparring discord emulate`: the emulator with a tester bot and the four demo bots on it.

Ids and tokens are the same on every start, so a bots file written once keeps working.
"""

from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Self

from bridge.demo import DEMO_BOTS
from bridge.discord.demo_target import DemoTargetBot
from bridge.discord.emulator import DiscordEmulator, World
from bridge.discord.endpoints import Endpoints
from bridge.discord.session import ClientSession

TOKEN_ENV = "SPARRING_DISCORD_TOKEN"
TESTER_TOKEN = "sparring-emulator-tester"
"""The emulated tester bot's token; it opens nothing outside the emulator."""
STREAMING_BOTS = frozenset({"marcus"})


class Playground:
    """An emulated server (#sparring, a tester bot, the demo bots) served on `host:port`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8790, delay_s: float = 0.02, *,
                 own_bots: tuple[str, ...] = (), tester_as_user: bool = False) -> None:
        """`own_bots` are accounts for bots you run yourself (token `sparring-emulator-NAME`);
        `tester_as_user` shows the tester as a person, for target bots that ignore bots."""
        world = World("Sparring Emulator")
        self.channel = world.add_channel("sparring")
        self.tester = world.add_user("sparring-tester", token=TESTER_TOKEN,
                                     bot=not tester_as_user)
        self.targets = {bot_id: world.add_user(bot_id, token=own_token(bot_id))
                        for bot_id in DEMO_BOTS}
        self.own = {name: world.add_user(name, token=own_token(name)) for name in own_bots
                    if name not in self.targets}
        self.emulator = DiscordEmulator(world, host=host, port=port)
        self._delay_s = delay_s
        self._sessions: list[ClientSession] = []

    async def start(self) -> None:
        """Serve the emulator, then connect every demo bot to it."""
        await self.emulator.start()
        endpoints = Endpoints(self.emulator.api_url, self.emulator.gateway_url)
        try:
            for bot_id, account in self.targets.items():
                bot = DemoTargetBot(bot_id, allowed_bot_ids=frozenset({self.tester.id}),
                                    delay_s=self._delay_s, stream=bot_id in STREAMING_BOTS)
                assert account.token is not None
                self._sessions.append(await ClientSession.start(
                    bot, account.token, endpoints, self.emulator.world.guild_id, bot_id))
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        await asyncio.gather(*(session.close() for session in self._sessions))
        self._sessions.clear()
        await self.emulator.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self.close()

    def bots_yaml(self, quiet_s: float = 0.5) -> str:
        """A bots file with one `discord` entry per demo bot and per own bot (those mentioned
        and replied to, with the default quiet window)."""
        world = self.emulator.world
        lines = [
            "# The demo bots on the local Discord emulator (`sparring discord emulate`).",
            f"# export {TOKEN_ENV}={TESTER_TOKEN}",
            "bots:",
        ]
        for bot_id, account in (self.targets | self.own).items():
            lines += [
                f"  {bot_id}:",
                "    kind: discord",
                f"    description: {bot_id} on the Discord emulator",
                f"    token_env: {TOKEN_ENV}",
                f"    guild_id: {world.guild_id}",
                f"    channel_id: {self.channel.id}",
                f"    target_id: {account.id}",
                *([f"    quiet_s: {quiet_s:g}"] if bot_id in self.targets else []),
                f"    api_url: {self.emulator.api_url}",
                f"    gateway_url: {self.emulator.gateway_url}",
            ]
            if bot_id in self.own:
                lines += ["    mention: true", "    reply_chain: true"]
        return "\n".join(lines) + "\n"


def own_token(name: str) -> str:
    """The token of an emulated account; it opens nothing outside the emulator."""
    return f"sparring-emulator-{name}"
