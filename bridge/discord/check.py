"""`sparring discord check`: whether a Discord bot entry can work, one finding per piece.

Token, message-content intent, guild, channel, the tester's permissions there (send,
create threads or channels, read history) and the target bot's presence, each with what
to do when it is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiohttp
import discord

from bridge.config import DiscordBot
from bridge.discord.endpoints import claim, release, resolve
from bridge.discord.session import PORTAL, ClientSession
from bridge.discord.tester import tester_intents
from simulator.errors import SparringError

INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, send_messages_in_threads=True,
    create_public_threads=True, read_message_history=True, embed_links=True,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece checked: what, whether it is in place, and the detail or the fix."""

    what: str
    ok: bool
    detail: str


async def _application_flags(config: DiscordBot, token: str,
                             findings: list[Finding]) -> discord.ApplicationFlags | None:
    """Log in over REST only; the application's flags, or None when the token is refused."""
    endpoints = await resolve(config.api_url, config.gateway_url, "discord")
    probe = discord.Client(intents=tester_intents())
    claim(endpoints, "discord")
    try:
        await probe.login(token)
    except discord.LoginFailure:
        findings.append(Finding("token", False, f"Discord rejected the token in "
                                f"${config.token_env} (401); reset it under Bot in {PORTAL}"))
        return None
    finally:
        await probe.close()
        release(endpoints)
    user = probe.user
    findings.append(Finding("token", True, f"logs in as {user} (id {user.id if user else '?'})"))
    return probe.application_flags


def _permission_findings(config: DiscordBot, me: discord.Member,
                         channel: discord.TextChannel) -> list[Finding]:
    granted = channel.permissions_for(me)
    needed = [("view channel", "view_channel"), ("read message history", "read_message_history")]
    if config.conversation_in == "thread":
        needed += [("create public threads", "create_public_threads"),
                   ("send messages in threads", "send_messages_in_threads")]
    else:
        needed += [("send messages", "send_messages")]
    findings = [
        Finding(label, True, f"allowed in #{channel.name}") if getattr(granted, flag) else
        Finding(label, False, f"the tester may not {label} in #{channel.name}; allow it in the "
                "channel's permissions or on the tester's role")
        for label, flag in needed
    ]
    if config.conversation_in == "channel":
        manage = me.guild_permissions.manage_channels
        findings.append(Finding("manage channels", manage, "allowed in the server" if manage else
                                "conversation_in: channel needs Manage Channels on the tester's "
                                "role; or use conversation_in: thread"))
    return findings


async def _target_finding(config: DiscordBot, guild: discord.Guild,
                          channel: discord.TextChannel) -> Finding:
    member = guild.get_member(config.target_id)
    if member is None:
        try:
            member = await guild.fetch_member(config.target_id)
        except discord.NotFound:
            return Finding("target bot", False, f"user {config.target_id} is not a member of "
                           f"{guild.name}; invite the bot under test to the server")
    granted = channel.permissions_for(member)
    writes = granted.send_messages_in_threads if config.conversation_in == "thread" \
        else granted.send_messages
    if not (granted.view_channel and writes):
        return Finding("target bot", False, f"{member} is in {guild.name} but may not read and "
                       f"answer in #{channel.name}; allow it there")
    kind = "a bot" if member.bot else "not a bot account"
    return Finding("target bot", True, f"{member} (id {member.id}, {kind}) can answer "
                   f"in #{channel.name}")


async def check_discord_bot(config: DiscordBot, token: str | None) -> list[Finding]:
    """Every finding for one `discord` bot entry; `token` is the tester's, or None if unset."""
    if not token:
        return [Finding("token", False, f"${config.token_env} is not set; export the tester "
                        "bot's token in it")]
    findings: list[Finding] = []
    try:
        flags = await _application_flags(config, token, findings)
    except (SparringError, discord.HTTPException, aiohttp.ClientError, OSError) as exc:
        return [Finding("connection", False, f"cannot reach Discord: {exc}")]
    if flags is None:
        return findings
    content = flags.gateway_message_content or flags.gateway_message_content_limited
    findings.append(Finding("message content intent", content, "switched on" if content else
                            f"switch on MESSAGE CONTENT INTENT under Bot in {PORTAL}; without "
                            "it the tester reads the target's replies as empty"))
    intents = tester_intents()
    intents.message_content = content
    client = discord.Client(intents=intents, guild_ready_timeout=1.0)
    endpoints = await resolve(config.api_url, config.gateway_url, "discord")
    try:
        session = await ClientSession.start(client, token, endpoints, config.guild_id,
                                            "discord")
    except SparringError as exc:
        return [*findings, Finding("gateway", False, str(exc))]
    try:
        findings += await _guild_findings(config, client)
    finally:
        await session.close()
    return findings


async def _guild_findings(config: DiscordBot, client: discord.Client) -> list[Finding]:
    guild = client.get_guild(config.guild_id)
    if guild is None or guild.me is None:
        invite = discord.utils.oauth_url(client.application_id or 0,
                                         permissions=INVITE_PERMISSIONS)
        return [Finding("guild", False, f"the tester bot is not in guild {config.guild_id}; "
                        f"invite it with {invite}")]
    findings = [Finding("guild", True, f"{guild.name} (id {guild.id})")]
    channel = guild.get_channel(config.channel_id)
    if not isinstance(channel, discord.TextChannel):
        found = "not found" if channel is None else f"a {type(channel).__name__}"
        return [*findings, Finding("channel", False, f"channel {config.channel_id} is {found} "
                                   f"in {guild.name}; expected a text channel's id")]
    findings.append(Finding("channel", True, f"#{channel.name} (id {channel.id})"))
    findings += _permission_findings(config, guild.me, channel)
    findings.append(await _target_finding(config, guild, channel))
    return findings
