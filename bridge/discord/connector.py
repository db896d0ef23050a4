"""The `discord` kind: each conversation in its own thread (or channel), the tester bot
writing the persona's messages and collecting the target bot's replies."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import aiohttp
import discord

from bridge.config import DiscordBot
from bridge.discord.collector import CollectedReply, ReplyCollector
from bridge.discord.outcome import no_reply_error, raw_payload, unfinished_error
from bridge.discord.settle import Markers
from bridge.discord.tester import TesterClient
from simulator.connector import BotContext, BotReply
from simulator.errors import BotHTTPError, BotProtocolError, BotTimeout, BotUnreachable

AUTO_ARCHIVE_MINUTES = 1440


@contextmanager
def map_discord_errors(bot_id: str, action: str) -> Iterator[None]:
    """Translate discord.py's and aiohttp's exceptions into Sparring's BotError tree."""
    try:
        yield
    except TimeoutError as exc:
        raise BotTimeout(f"bot {bot_id!r}: could not {action} in time") from exc
    except discord.Forbidden as exc:
        raise BotHTTPError(
            f"bot {bot_id!r}: Discord refused to {action}: {exc.text or 'Forbidden'} (403); "
            "run `sparring discord check`", status=403) from exc
    except discord.HTTPException as exc:
        raise BotHTTPError(f"bot {bot_id!r}: Discord answered HTTP {exc.status} to {action}: "
                           f"{exc.text[:200]!r}", status=exc.status) from exc
    except (aiohttp.ClientError, OSError) as exc:
        raise BotUnreachable(f"bot {bot_id!r}: cannot reach Discord to {action}: {exc}") from exc


@dataclass
class _Conversation:
    channel: discord.abc.Messageable
    channel_id: int
    last_reply_id: int | None = None


def _name(context: BotContext) -> str:
    return f"sparring {context.persona_id} {context.conversation_id[:8]}"[:100]


class DiscordConnector:
    """Speaks for the personas through the tester bot; only the target's messages count."""

    def __init__(self, bot_id: str, config: DiscordBot, tester: TesterClient) -> None:
        self.id = bot_id
        self._config = config
        self._tester = tester
        self._conversations: dict[str, _Conversation] = {}

    async def open(self) -> None:
        """Nothing to open: the tester bot is connected by the connector pool."""

    async def close(self) -> None:
        """Nothing to close: the tester bot belongs to the connector pool."""
        self._conversations.clear()

    async def reply(self, context: BotContext, message: str) -> BotReply:
        config = self._config
        conversation = await self._conversation(context)
        text = f"<@{config.target_id}> {message}" if config.mention else message
        reference = None
        if config.reply_chain and conversation.last_reply_id is not None:
            reference = discord.MessageReference(
                message_id=conversation.last_reply_id, channel_id=conversation.channel_id,
                guild_id=config.guild_id, fail_if_not_exists=False)
        mentions = discord.AllowedMentions(everyone=False, roles=False, replied_user=True,
                                           users=[discord.Object(config.target_id)])
        collector = ReplyCollector(
            quiet_s=config.quiet_s, typing_s=config.typing_s, timeout_s=config.timeout_s,
            quiet_factor=config.quiet_factor,
            markers=Markers(config.stream_markers, config.stream_colors))
        self._tester.watch(conversation.channel_id, config.target_id, collector)
        try:
            with map_discord_errors(self.id, f"send in channel {conversation.channel_id}"):
                async with asyncio.timeout(config.timeout_s):
                    sent = await conversation.channel.send(
                        text, reference=reference, allowed_mentions=mentions)  # type: ignore[arg-type]
            collector.sent(sent.id)
            collected = await collector.wait()
        finally:
            self._tester.unwatch(conversation.channel_id)
        if collected is None:
            tester = self._tester.user
            raise BotTimeout(no_reply_error(self.id, config, conversation.channel_id, sent.id,
                                            reference, tester_is_bot=tester is None or tester.bot))
        conversation.last_reply_id = collected.parts[-1].id
        if collected.unfinished is not None:
            raise BotTimeout(unfinished_error(self.id, config, collected))
        return _bot_reply(collected)

    async def _conversation(self, context: BotContext) -> _Conversation:
        """The thread or channel of this conversation, made on its first message."""
        known = self._conversations.get(context.conversation_id)
        if known is not None:
            return known
        config = self._config
        parent = self._tester.get_channel(config.channel_id)
        if parent is None:
            with map_discord_errors(self.id, f"see channel {config.channel_id}"):
                parent = await self._tester.fetch_channel(config.channel_id)
        if not isinstance(parent, discord.TextChannel):
            raise BotProtocolError(f"bots.{self.id}.channel_id = {config.channel_id}: "
                                   f"{type(parent).__name__} is not a text channel")
        made: discord.Thread | discord.TextChannel
        if config.conversation_in == "thread":
            with map_discord_errors(self.id, f"create a thread in channel {parent.id}"):
                made = await parent.create_thread(
                    name=_name(context), type=discord.ChannelType.public_thread,
                    auto_archive_duration=AUTO_ARCHIVE_MINUTES)
        else:
            name = re.sub(r"[^a-z0-9_-]+", "-", _name(context).lower())
            with map_discord_errors(self.id, f"create a channel in guild {parent.guild.id}"):
                made = await parent.guild.create_text_channel(name, category=parent.category)
        conversation = _Conversation(made, made.id)
        self._conversations[context.conversation_id] = conversation
        return conversation


def _bot_reply(collected: CollectedReply) -> BotReply:
    return BotReply(
        text=collected.text,
        latency_ms=collected.last_s * 1000,
        ttft_ms=collected.first_s * 1000 if collected.events > 1 else None,
        raw=raw_payload(collected),
    )
