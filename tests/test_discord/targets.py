"""Target bots for the tests: ordinary discord.py clients, each answering in its own way.

Like most Discord bots they ignore other bots, except those on their allow-list (the
tester), which is the one-line change the README shows.
"""

from __future__ import annotations

import asyncio

import discord


def target_intents(message_content: bool = True) -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = message_content
    return intents


class TargetBot(discord.Client):
    """Answers the allowed bots; `answer` decides how. `seen` keeps what reached it."""

    def __init__(self, *, message_content: bool = True) -> None:
        super().__init__(intents=target_intents(message_content), guild_ready_timeout=0.05)
        self.allowed_bot_ids: set[int] = set()
        self.seen: list[discord.Message] = []

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot and message.author.id not in self.allowed_bot_ids:
            return
        if message.author == self.user:
            return
        self.seen.append(message)
        await self.answer(message)

    async def answer(self, message: discord.Message) -> None:
        raise NotImplementedError


class EchoBot(TargetBot):
    async def answer(self, message: discord.Message) -> None:
        await message.channel.send(f"echo: {message.content}")


class TwoMessageBot(TargetBot):
    async def answer(self, message: discord.Message) -> None:
        await message.channel.send("first part")
        await message.channel.send(f"second part: {message.content}")


class StreamingEmbedBot(TargetBot):
    """Streams its answer into an embed through edits, word by word, like LLM bots."""

    async def answer(self, message: discord.Message) -> None:
        words = f"streamed answer to {message.content}".split()
        sent = await message.channel.send(embed=discord.Embed(title="Answer",
                                                              description=words[0]))
        for count in range(2, len(words) + 1):
            await sent.edit(embed=discord.Embed(title="Answer",
                                                description=" ".join(words[:count])))


class ReplyChainBot(TargetBot):
    """Knows only the reply chain of the message it answers (no channel history)."""

    async def answer(self, message: discord.Message) -> None:
        chain: list[str] = []
        current: discord.Message | None = message
        while current is not None:
            chain.append(current.content)
            reference = current.reference
            if reference is None or reference.message_id is None:
                break
            resolved = reference.resolved
            current = resolved if isinstance(resolved, discord.Message) else (
                await message.channel.fetch_message(reference.message_id))
        await message.reply(f"I remember {len(chain)} messages, the oldest: {chain[-1]}")


class SilentBot(TargetBot):
    async def answer(self, message: discord.Message) -> None:
        """Reads everything, answers nothing."""


class MentionOnlyBot(TargetBot):
    async def answer(self, message: discord.Message) -> None:
        if self.user is not None and self.user in message.mentions:
            await message.channel.send("you called?")


class TypingPauseBot(TargetBot):
    """Answers in two parts, typing through a pause longer than the tester's quiet window."""

    def __init__(self, pause_s: float) -> None:
        super().__init__()
        self.pause_s = pause_s

    async def answer(self, message: discord.Message) -> None:
        await message.channel.send("let me think")
        await message.channel.typing()
        await asyncio.sleep(self.pause_s)
        await message.channel.send("here it is")
