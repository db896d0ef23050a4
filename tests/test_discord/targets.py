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


STREAMING_INDICATOR = " ⚪"
COLOR_INCOMPLETE = discord.Color.orange()
COLOR_COMPLETE = discord.Color.dark_green()


class LlmcordLikeBot(TargetBot):
    """Streams the way jakobdylanc/llmcord does, at a scaled-down cadence.

    It answers mentions with a reply whose embed it edits every `edit_s` while tokens come,
    the description ending in ` ⚪` and the embed orange until the last edit (dark green),
    typing all along; a longer answer than `max_length` goes on in a new message replying to
    the previous one. Once per answer the "model" stalls for `stall_s`, longer than the
    tester's quiet window. `finals` holds each answer's messages as they were left.
    """

    def __init__(self, *, edit_s: float = 0.02, stall_s: float = 0.0, max_length: int = 160,
                 words: int = 40, finish: bool = True) -> None:
        super().__init__()
        self.edit_s, self.stall_s, self.max_length = edit_s, stall_s, max_length
        self.words, self.finish = words, finish
        self.finals: list[list[str]] = []

    def tokens(self, message: discord.Message) -> list[str]:
        asked = message.content.split(">", 1)[-1].strip()
        return [f"answer{len(self.finals)}", "to", f"'{asked}':"] + [
            f"word{n}" for n in range(self.words)]

    async def answer(self, message: discord.Message) -> None:
        if self.user is None or self.user not in message.mentions:
            return
        tokens, contents, sent = self.tokens(message), [""], []
        self.finals.append(contents)
        stall_at = len(tokens) // 2
        async with message.channel.typing():
            for index, token in enumerate(tokens):
                if index == stall_at:
                    await asyncio.sleep(self.stall_s)
                piece = (" " if contents[-1] else "") + token
                if len(contents[-1] + piece) > self.max_length:
                    await sent[-1].edit(embed=_embed(contents[-1], COLOR_COMPLETE))
                    contents.append("")
                    piece = token
                contents[-1] += piece
                last = index == len(tokens) - 1 and self.finish
                embed = _embed(contents[-1] + ("" if last else STREAMING_INDICATOR),
                               COLOR_COMPLETE if last else COLOR_INCOMPLETE)
                if len(sent) < len(contents):
                    target = sent[-1] if sent else message
                    sent.append(await target.reply(embed=embed, silent=True))
                else:
                    await asyncio.sleep(self.edit_s)
                    await sent[-1].edit(embed=embed)


def _embed(description: str, color: discord.Color) -> discord.Embed:
    return discord.Embed(description=description, color=color)
