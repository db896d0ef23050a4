"""`sparring discord check`: a clear finding for every missing piece, against the emulator."""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from bridge.config import DiscordBot
from bridge.discord.check import Finding, check_discord_bot
from bridge.discord.emulator import flags
from tests.test_discord.conftest import TOKEN_ENV, DiscordServer


async def check(server: DiscordServer, token: str | None = "tester",
                **options: Any) -> dict[str, Finding]:
    target = options.pop("target", None) or server.world.add_user("target")
    config = DiscordBot.model_validate({
        "kind": "discord", "token_env": TOKEN_ENV, "guild_id": server.world.guild_id,
        "channel_id": server.channel.id, "target_id": target.id,
        "api_url": server.emulator.api_url, **options})
    token = server.tester.token if token == "tester" else token
    return {finding.what: finding for finding in await check_discord_bot(config, token)}


def missing(findings: dict[str, Finding]) -> dict[str, str]:
    return {what: finding.detail for what, finding in findings.items() if not finding.ok}


async def test_a_complete_setup_passes_every_check(server: DiscordServer) -> None:
    findings = await check(server)
    assert list(findings) == [
        "token", "message content intent", "guild", "channel", "view channel",
        "read message history", "create public threads", "send messages in threads",
        "target bot"]
    assert missing(findings) == {}
    assert findings["target bot"].detail.startswith("target (id ")


async def test_token_problems(server: DiscordServer) -> None:
    assert missing(await check(server, token=None)) == {
        "token": f"${TOKEN_ENV} is not set; export the tester bot's token in it"}
    refused = missing(await check(server, token="wrong"))
    assert list(refused) == ["token"]
    assert refused["token"].startswith(f"Discord rejected the token in ${TOKEN_ENV} (401)")


async def test_message_content_intent_off_is_reported_and_the_rest_still_checked(
    server: DiscordServer,
) -> None:
    server.tester.app_flags = 0
    findings = await check(server)
    assert list(missing(findings)) == ["message content intent"]
    assert "switch on MESSAGE CONTENT INTENT under Bot in https://discord.com/developers" in (
        findings["message content intent"].detail)
    assert findings["target bot"].ok


async def test_tester_outside_the_guild_gets_an_invite_link(server: DiscordServer) -> None:
    del server.world.members[server.tester.id]
    gaps = missing(await check(server))
    assert list(gaps) == ["guild"]
    assert gaps["guild"].startswith(f"the tester bot is not in guild {server.world.guild_id}; "
                                    f"invite it with https://discord.com/oauth2/authorize?"
                                    f"client_id={server.tester.id}")


async def test_wrong_channel(server: DiscordServer) -> None:
    assert missing(await check(server, channel_id=42)) == {
        "channel": "channel 42 is not found in Sparring Emulator; expected a text channel's id"}


async def test_each_missing_permission_is_named(server: DiscordServer) -> None:
    server.world.set_overwrite(server.channel.id, server.tester.id, deny=(
        flags.CREATE_PUBLIC_THREADS | flags.READ_MESSAGE_HISTORY | flags.SEND_MESSAGES_IN_THREADS))
    assert missing(await check(server)) == {
        permission: f"the tester may not {permission} in #sparring; allow it in the channel's "
                    "permissions or on the tester's role"
        for permission in ("read message history", "create public threads",
                           "send messages in threads")}


async def test_channel_mode_needs_manage_channels(server: DiscordServer) -> None:
    gaps = missing(await check(server, conversation_in="channel"))
    assert list(gaps) == ["manage channels"]
    assert gaps["manage channels"].startswith("conversation_in: channel needs Manage Channels")


async def test_target_bot_absent_or_muted(server: DiscordServer) -> None:
    outsider = server.world.add_user("outsider", join=False)
    assert missing(await check(server, target=outsider)) == {
        "target bot": f"user {outsider.id} is not a member of Sparring Emulator; invite the bot "
                      "under test to the server"}
    muted = server.world.add_user("muted")
    server.world.set_overwrite(server.channel.id, muted.id, deny=flags.VIEW_CHANNEL)
    assert missing(await check(server, target=muted)) == {
        "target bot": "muted is in Sparring Emulator but may not read and answer in #sparring; "
                      "allow it there"}


async def test_the_command_prints_each_piece_and_fails(server: DiscordServer) -> None:
    target = server.world.add_user("target")
    server.world.set_overwrite(server.channel.id, server.tester.id,
                               deny=flags.CREATE_PUBLIC_THREADS)
    bots = server.tmp_path / "bots.yaml"
    bots.write_text("bots:\n  support:\n" + server.entry(target) + "  web:\n    kind: http\n"
                    "    url: http://127.0.0.1:9/x\n")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", "discord", "check", "--bots", str(bots),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "COLUMNS": "220", TOKEN_ENV: server.tester.token or ""})
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    out = stdout.decode()
    assert process.returncode == 1, out + stderr.decode()
    assert "bots.support" in out and "web" not in out
    assert out.count(" ok ") == 8
    row = next(line for line in out.splitlines() if "create public threads" in line)
    assert "missing" in row and "the tester may not create public threads in #sparring" in row
    assert stderr.decode().strip() == "1 missing piece"
