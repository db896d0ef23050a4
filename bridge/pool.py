"""Build connectors from a bots file and own everything they share."""

from __future__ import annotations

from contextlib import AsyncExitStack
from types import TracebackType
from typing import TYPE_CHECKING

import aiohttp

from bridge.breaker import BreakerBot
from bridge.config import (
    BotConfig,
    BotsFile,
    DemoBot,
    DiscordBot,
    HttpBot,
    OpenAIBot,
    PythonBot,
)
from bridge.openai_chat import OpenAIChatConnector
from bridge.python_callable import PythonConnector
from bridge.webhook import WebhookConnector
from simulator.connector import BotConnector
from simulator.errors import ConfigError

if TYPE_CHECKING:
    from bridge.demo import DemoBotServer
    from bridge.discord.tester import Tester


class BotPool:
    """The connectors of one session, plus the HTTP session and demo server they share.

    `async with BotPool(bots_file, ["elena"]) as pool: pool.connectors["elena"]`.
    """

    def __init__(self, bots_file: BotsFile, bot_ids: list[str] | None = None) -> None:
        ids = list(bots_file.bots) if not bot_ids else bot_ids
        unknown = [bot_id for bot_id in ids if bot_id not in bots_file.bots]
        if unknown:
            known = ", ".join(bots_file.bots)
            raise ConfigError(
                f"--bot {unknown[0]!r} is not in {bots_file.source}; known bots: {known}"
            )
        self.bots_file = bots_file
        self.configs: dict[str, BotConfig] = {bot_id: bots_file.bots[bot_id] for bot_id in ids}
        self.connectors: dict[str, BotConnector] = {}
        self._stack = AsyncExitStack()
        self._session: aiohttp.ClientSession | None = None
        self._demo_server: DemoBotServer | None = None
        self._discord_testers: dict[tuple[object, ...], Tester] = {}

    async def __aenter__(self) -> BotPool:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def open(self) -> None:
        try:
            for bot_id, config in self.configs.items():
                connector = await self._build(bot_id, config)
                if config.breaker.enabled:
                    connector = BreakerBot(connector, config.breaker)
                await connector.open()
                self._stack.push_async_callback(connector.close)
                self.connectors[bot_id] = connector
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        """Close every connector, the shared session and the demo server. Idempotent."""
        await self._stack.aclose()
        self.connectors.clear()
        self._session = None
        self._demo_server = None
        self._discord_testers.clear()

    def _http_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=0, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector)
            self._stack.push_async_callback(self._session.close)
        return self._session

    async def _build(self, bot_id: str, config: BotConfig) -> BotConnector:
        if isinstance(config, OpenAIBot):
            return OpenAIChatConnector(bot_id, config)
        if isinstance(config, HttpBot):
            return WebhookConnector(bot_id, config, self._http_session())
        if isinstance(config, PythonBot):
            return PythonConnector(bot_id, config)
        if isinstance(config, DemoBot):
            return await self._demo_connector(bot_id, config)
        if isinstance(config, DiscordBot):
            return await self._discord_connector(bot_id, config)
        raise ConfigError(f"bots.{bot_id}: unsupported kind {config.kind!r}")

    async def _demo_connector(self, bot_id: str, config: DemoBot) -> BotConnector:
        from bridge.demo import DemoBotServer

        if self._demo_server is None:
            settings = self.bots_file.demo_server
            server = DemoBotServer(
                latency_ms=settings.latency_ms,
                latency_per_word_ms=settings.latency_per_word_ms,
                fail_rate=settings.fail_rate,
            )
            await server.start()
            self._stack.push_async_callback(server.close)
            self._demo_server = server
        webhook = HttpBot(
            kind="http",
            url=self._demo_server.chat_url(config.bot),
            body={"message": "{message}", "conversation_id": "{conversation_id}",
                  "history": "{history}"},
            reply_path="reply",
            timeout_s=config.timeout_s,
            retries=config.retries,
            description=config.description,
            breaker=config.breaker,
        )
        return WebhookConnector(bot_id, webhook, self._http_session())

    async def _discord_connector(self, bot_id: str, config: DiscordBot) -> BotConnector:
        """Discord bots with the same tester token, endpoints and guild share one client."""
        from bridge.discord.connector import DiscordConnector
        from bridge.discord.tester import Tester

        key = (config.token_env, config.api_url, config.gateway_url, config.guild_id)
        tester = self._discord_testers.get(key)
        if tester is None:
            tester = await Tester.open(config, f"bots.{bot_id}")
            self._stack.push_async_callback(tester.close)
            self._discord_testers[key] = tester
        return DiscordConnector(bot_id, config, tester.client)
