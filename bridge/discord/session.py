"""Bringing a discord.py client up and down, with its failures in Sparring's terms."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import discord

from bridge.discord.endpoints import Endpoints, claim, release
from simulator.errors import BotHTTPError, BotUnreachable, ConfigError

CONNECT_TIMEOUT_S = 30.0
PORTAL = "https://discord.com/developers/applications"


def login_error(exc: BaseException, where: str) -> Exception:
    """A one-line Sparring error for a failed login or gateway connection."""
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return ConfigError(
            f"{where}: the tester application may not use the message content intent; "
            f"switch on MESSAGE CONTENT INTENT under Bot in {PORTAL}"
        )
    if isinstance(exc, discord.LoginFailure) or (
        isinstance(exc, discord.ConnectionClosed) and exc.code == 4004
    ):
        return ConfigError(
            f"{where}.token_env: Discord rejected the token (401 Unauthorized); "
            f"reset it under Bot in {PORTAL} and export it again"
        )
    if isinstance(exc, discord.HTTPException):
        return BotHTTPError(f"{where}: Discord answered HTTP {exc.status}: {exc.text}",
                            status=exc.status)
    return BotUnreachable(f"{where}: cannot reach Discord: {type(exc).__name__}: {exc}")


class ClientSession:
    """A logged-in, connected discord.py client; `close` is idempotent.

    `await ClientSession.start(client, token, endpoints, guild_id, where)` returns once the
    guild's GUILD_CREATE arrived (or, when the bot is not in it, once the client is ready).
    """

    def __init__(self, client: discord.Client, endpoints: Endpoints,
                 connection: asyncio.Task[None], where: str) -> None:
        self.client = client
        self._where = where
        self._endpoints = endpoints
        self._connection = connection
        self._closed = False

    @classmethod
    async def start(cls, client: discord.Client, token: str, endpoints: Endpoints,
                    guild_id: int | None, where: str,
                    within_s: float = CONNECT_TIMEOUT_S) -> ClientSession:
        claim(endpoints, where)
        try:
            await client.login(token)
            connection = asyncio.create_task(client.connect(reconnect=True))
            session = cls(client, endpoints, connection, where)
        except (discord.DiscordException, aiohttp.ClientError, OSError) as exc:
            await client.close()
            release(endpoints)
            raise login_error(exc, where) from exc
        except BaseException:
            await client.close()
            release(endpoints)
            raise
        try:
            await session._arrival(guild_id, within_s)
        except BaseException:
            await session.close()
            raise
        return session

    async def _arrival(self, guild_id: int | None, within_s: float) -> None:
        client, where = self.client, self._where
        waits = [asyncio.ensure_future(client.wait_for("ready"))]
        if guild_id is not None:
            for event in ("guild_available", "guild_join"):
                waits.append(asyncio.ensure_future(
                    client.wait_for(event, check=lambda guild: guild.id == guild_id)))
        try:
            done, _ = await asyncio.wait([self._connection, *waits], timeout=within_s,
                                         return_when=asyncio.FIRST_COMPLETED)
        finally:
            for wait in waits:
                wait.cancel()
        if self._connection in done:
            exc = self._connection.exception() or RuntimeError("the gateway closed")
            raise login_error(exc, where) from exc
        if not done:
            raise BotUnreachable(f"{where}: no answer from the Discord gateway within "
                                 f"{within_s:g} s")

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        await self.client.close()
        self._connection.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._connection
        release(self._endpoints)
