"""The demo bots as ordinary discord.py bots, for `sparring discord emulate`.

Each answers the messages of its channel's threads with the same `compose_reply` as the
HTTP demo bots, remembering every thread's conversation; `marcus` streams his answer into
an embed through edits, the way many LLM bots on Discord do.
"""

from __future__ import annotations

import asyncio
import re
from collections import OrderedDict

import discord

from bridge.demo import compose_reply

MAX_CONTENT = 2000
MAX_REMEMBERED_THREADS = 1024
STREAM_CHUNK_WORDS = 12
_MENTION = re.compile(r"<@!?\d+>\s*")


def split_message(text: str, limit: int = MAX_CONTENT) -> list[str]:
    """Discord's 2000-character messages: split on the last whitespace before the limit."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > 0 else limit
        chunks.append(text[:cut])
        text = text[cut:].lstrip()
    return [*chunks, text] if text else chunks


class DemoTargetBot(discord.Client):
    """Demo bot `bot_id` on Discord, answering the allowed bots (the tester) too."""

    def __init__(self, bot_id: str, *, allowed_bot_ids: frozenset[int] = frozenset(),
                 delay_s: float = 0.0, stream: bool = False) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, guild_ready_timeout=0.1)
        self.bot_id = bot_id
        self.allowed_bot_ids = allowed_bot_ids
        self.delay_s = delay_s
        self.stream = stream
        self._threads: OrderedDict[int, list[tuple[str, str]]] = OrderedDict()

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot and message.author.id not in self.allowed_bot_ids:
            return  # the allow-list: other bots are ignored, the tester is answered
        if message.author == self.user or not isinstance(message.channel, discord.Thread):
            return
        text = _MENTION.sub("", message.content).strip()
        history = self._threads.setdefault(message.channel.id, [])
        self._threads.move_to_end(message.channel.id)
        while len(self._threads) > MAX_REMEMBERED_THREADS:
            self._threads.popitem(last=False)
        reply = compose_reply(self.bot_id, text, history)
        history += [("user", text), ("assistant", reply)]
        if self.stream:
            await self._stream(message.channel, reply)
            return
        async with message.channel.typing():
            await asyncio.sleep(self.delay_s)
        for chunk in split_message(reply):
            await message.channel.send(chunk)

    async def _stream(self, channel: discord.Thread, reply: str) -> None:
        """Send the start of the answer in an embed, then edit the rest in, chunk by chunk."""
        words = reply.split(" ")
        shown = STREAM_CHUNK_WORDS
        sent = await channel.send(embed=discord.Embed(description=" ".join(words[:shown])))
        while shown < len(words):
            await asyncio.sleep(self.delay_s)
            shown += STREAM_CHUNK_WORDS
            await sent.edit(embed=discord.Embed(description=" ".join(words[:shown])[:4096]))
