"""The emulator's own contract: Discord's wire details that discord.py depends on."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import discord
import pytest

from bridge.discord.emulator.world import Account
from bridge.discord.playground import Playground
from simulator.connector import BotContext
from simulator.errors import BotTimeout
from tests.test_discord.conftest import DiscordServer
from tests.test_discord.targets import LlmcordLikeBot, SilentBot


async def call(server: DiscordServer, method: str, path: str, account: Account | None,
               json: Any = None) -> tuple[int, str | None, Any]:
    headers = {"Authorization": f"Bot {account.token}"} if account else {}
    async with aiohttp.ClientSession() as session, session.request(
        method, server.emulator.api_url + path, headers=headers, json=json
    ) as response:
        body = await response.json(content_type=None) if response.status != 204 else None
        return response.status, response.headers.get("Content-Type"), body


async def test_rest_answers_are_plain_application_json(server: DiscordServer) -> None:
    status, content_type, me = await call(server, "GET", "/users/@me", server.tester)
    assert (status, content_type, me["id"]) == (200, "application/json", str(server.tester.id))
    assert await call(server, "GET", "/users/@me", None) == (
        401, "application/json", {"message": "401: Unauthorized", "code": 0})
    assert (await call(server, "GET", "/nope", server.tester))[0] == 404
    status, _, gateway = await call(server, "GET", "/gateway", None)
    assert (status, gateway["url"]) == (200, server.emulator.gateway_url)


async def test_without_the_content_intent_a_bot_sees_only_its_mentions(
    server: DiscordServer,
) -> None:
    listener = SilentBot(message_content=False)
    target = await server.start_target(listener)
    path = f"/channels/{server.channel.id}/messages"
    for content in ("secret plans", f"<@{target.id}> hello you"):
        arrived = asyncio.ensure_future(listener.wait_for("message"))
        status, _, _ = await call(server, "POST", path, server.tester, {"content": content})
        assert status == 200
        async with asyncio.timeout(10):
            await arrived
    assert [message.content for message in listener.seen] == ["", f"<@{target.id}> hello you"]


async def test_history_pages_like_discord(server: DiscordServer) -> None:
    path = f"/channels/{server.channel.id}/messages"
    ids = [(await call(server, "POST", path, server.tester, {"content": f"m{n}"}))[2]["id"]
           for n in range(5)]
    _, _, newest = await call(server, "GET", f"{path}?limit=2", server.tester)
    assert [m["content"] for m in newest] == ["m4", "m3"]
    _, _, after = await call(server, "GET", f"{path}?limit=2&after={ids[0]}", server.tester)
    assert [m["content"] for m in after] == ["m2", "m1"]
    status, _, body = await call(server, "POST", path, server.tester, {"content": ""})
    assert (status, body["code"]) == (400, 50006)


async def test_slash_commands_sync_as_on_discord(server: DiscordServer) -> None:
    """llmcord calls `tree.sync()` when ready: the bulk overwrite must answer in kind."""
    bot = SilentBot()
    tree = discord.app_commands.CommandTree(bot)

    @tree.command(name="model", description="View or switch the current model")
    async def model(interaction: discord.Interaction, name: str) -> None:
        """Never called: the emulator sends no interactions."""

    account = await server.start_target(bot)
    synced = await tree.sync()
    assert [(c.name, c.description, c.application_id) for c in synced] == [
        ("model", "View or switch the current model", account.id)]
    status, _, listed = await call(server, "GET", f"/applications/{account.id}/commands", account)
    assert (status, [c["name"] for c in listed]) == (200, ["model"])
    status, _, _ = await call(server, "PUT", f"/applications/{account.id}/commands",
                              server.tester, [])
    assert status == 403


async def test_a_tester_shown_as_a_person_reaches_bots_that_ignore_bots(
    server: DiscordServer,
) -> None:
    target = LlmcordLikeBot()
    account = await server.start_target(target)
    target.allowed_bot_ids.clear()  # like llmcord: every bot author is ignored
    server.tester.bot = False
    bot = await server.connector(account, mention=True, reply_chain=True)
    reply = await bot.reply(BotContext("conv-person", "casual_casey", ()), "hi")
    assert reply.text == "\n".join(target.finals[0])
    assert target.seen[0].author.bot is False
    silent = await server.connector(await server.start_target(SilentBot(), name="silent"),
                                    timeout_s=0.3)
    with pytest.raises(BotTimeout) as caught:
        await silent.reply(BotContext("conv-quiet", "casual_casey", ()), "hello?")
    assert "message-content intent" in str(caught.value)
    assert "ignore messages from bots" not in str(caught.value)


async def test_the_playground_hosts_a_bot_of_your_own_and_a_person_as_tester() -> None:
    playground = Playground(port=0, own_bots=("llmcord",), tester_as_user=True)
    account = playground.own["llmcord"]
    world = playground.emulator.world
    assert world.account_by_token("Bot sparring-emulator-llmcord") is account
    assert playground.tester.bot is False
    assert world.account_by_token(f"Bot {playground.tester.token}") is playground.tester
    entry = playground.bots_yaml().split("  llmcord:\n")[1]
    assert f"target_id: {account.id}\n" in entry and "quiet_s" not in entry
    assert "mention: true\n" in entry and "reply_chain: true\n" in entry
