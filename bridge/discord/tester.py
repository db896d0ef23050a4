"""The tester bot: one discord.py client speaking for every persona of a run.

It routes the target's messages, edits and typing indicators to the turn waiting in that
channel or thread. After a gateway reconnect it also reads each waiting turn's channel
history, so a reply sent while the socket was down is not lost even when the session could
not be resumed (a resumed session gets the missed events replayed anyway).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp
import discord

from bridge.config import DiscordBot, read_secret
from bridge.discord.collector import ReplyCollector
from bridge.discord.endpoints import resolve
from bridge.discord.session import ClientSession
from bridge.discord.text import message_record, message_text
from simulator.errors import ConfigError

_log = logging.getLogger(__name__)

BACKFILL_LIMIT = 50


def tester_intents() -> discord.Intents:
    """Guilds, guild messages, typing and message content: no other intent is needed."""
    intents = discord.Intents.none()
    intents.guilds = intents.guild_messages = intents.guild_typing = True
    intents.message_content = True
    return intents


@dataclass(frozen=True, slots=True)
class _Watch:
    target_id: int
    collector: ReplyCollector


class TesterClient(discord.Client):
    """A discord.Client that hands the target's activity to the turns that wait for it."""

    def __init__(self, *, guild_ready_timeout: float = 2.0) -> None:
        super().__init__(intents=tester_intents(), max_messages=None,
                         chunk_guilds_at_startup=False, guild_ready_timeout=guild_ready_timeout)
        self._watches: dict[int, _Watch] = {}
        self._connected_before = False

    def watch(self, channel_id: int, target_id: int, collector: ReplyCollector) -> None:
        """Route the target's activity in `channel_id` to `collector` until `unwatch`."""
        self._watches[channel_id] = _Watch(target_id, collector)

    def unwatch(self, channel_id: int) -> None:
        self._watches.pop(channel_id, None)

    def _watching(self, channel_id: int, author_id: int) -> ReplyCollector | None:
        watch = self._watches.get(channel_id)
        return watch.collector if watch and watch.target_id == author_id else None

    async def on_message(self, message: discord.Message) -> None:
        author = getattr(message, "author", None)
        if author is None:
            return
        collector = self._watching(message.channel.id, author.id)
        if collector is not None:
            collector.message(message.id, message_text(message), message_record(message))

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self.on_message(payload.message)

    async def on_raw_typing(self, payload: discord.RawTypingEvent) -> None:
        collector = self._watching(payload.channel_id, payload.user_id)
        if collector is not None:
            collector.typing()

    async def on_connect(self) -> None:
        """A READY: the first, or a new session after one that could not be resumed."""
        if self._connected_before:
            await self._backfill()
        self._connected_before = True

    async def on_resumed(self) -> None:
        await self._backfill()

    async def _backfill(self) -> None:
        """Read what the waiting turns may have missed while the gateway was away."""
        for channel_id, watch in list(self._watches.items()):
            after = watch.collector.after
            if after is None:
                continue
            channel = self.get_partial_messageable(channel_id)
            try:
                async for message in channel.history(
                    after=discord.Object(after), oldest_first=True, limit=BACKFILL_LIMIT
                ):
                    if message.author.id == watch.target_id:
                        watch.collector.message(message.id, message_text(message),
                                                message_record(message))
            except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
                _log.warning("after a reconnect, channel %s could not be read: %s",
                             channel_id, exc)


class Tester:
    """A connected tester bot; shared by the Discord connectors with the same token."""

    def __init__(self, client: TesterClient, session: ClientSession) -> None:
        self.client = client
        self._session = session

    @classmethod
    async def open(cls, config: DiscordBot, where: str) -> Tester:
        token = read_secret(config.token_env, f"{where}.token_env")
        endpoints = await resolve(config.api_url, config.gateway_url, where)
        client = TesterClient()
        session = await ClientSession.start(client, token, endpoints, config.guild_id, where)
        if client.get_guild(config.guild_id) is None:
            await session.close()
            raise ConfigError(f"{where}.guild_id = {config.guild_id}: the tester bot is not in "
                              "that guild; `sparring discord check` prints its invite link")
        return cls(client, session)

    async def close(self) -> None:
        await self._session.close()
