"""Where discord.py connects: Discord itself, or a Discord emulator on loopback.

discord.py reads its REST base from `discord.http.Route.BASE` at every request, and a
plain client connects to `DiscordWebSocket.DEFAULT_GATEWAY`; both are process-wide, so the
Discord clients of one process must share their endpoints while they run.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import aiohttp
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from simulator.errors import BotUnreachable, ConfigError

DISCORD_API = "https://discord.com/api/v10"
DISCORD_GATEWAY = "wss://gateway.discord.gg/"


class Endpoints(NamedTuple):
    api_url: str
    gateway_url: str


_claims: Counter[Endpoints] = Counter()


async def resolve(api_url: str, gateway_url: str | None, where: str) -> Endpoints:
    """The endpoints of a bot: its gateway as configured, Discord's, or asked from the API."""
    api_url = api_url.rstrip("/")
    if gateway_url:
        return Endpoints(api_url, gateway_url)
    if api_url == DISCORD_API:
        return Endpoints(api_url, DISCORD_GATEWAY)
    try:
        async with aiohttp.ClientSession() as session, session.get(
            f"{api_url}/gateway", timeout=aiohttp.ClientTimeout(total=10)
        ) as response:
            body = await response.json(content_type=None)
        return Endpoints(api_url, str(body["url"]))
    except (aiohttp.ClientError, TimeoutError, KeyError, TypeError, ValueError) as exc:
        raise BotUnreachable(
            f"{where}.api_url = {api_url!r}: cannot ask it for its gateway "
            f"({type(exc).__name__}: {exc}); is the emulator running?"
        ) from exc


def claim(endpoints: Endpoints, where: str) -> None:
    """Point discord.py at `endpoints` until `release`; one set of endpoints at a time."""
    busy = [other for other, count in _claims.items() if count and other != endpoints]
    if busy:
        raise ConfigError(
            f"{where}.api_url = {endpoints.api_url!r}, but another Discord client of this "
            f"process uses {busy[0].api_url!r}; run them separately"
        )
    _claims[endpoints] += 1
    Route.BASE = endpoints.api_url
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(endpoints.gateway_url)


def release(endpoints: Endpoints) -> None:
    """Give back a `claim`."""
    if _claims[endpoints] > 0:
        _claims[endpoints] -= 1
    if not any(_claims.values()):
        Route.BASE = DISCORD_API
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(DISCORD_GATEWAY)
