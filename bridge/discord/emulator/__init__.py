"""A local Discord for tests and `sparring discord emulate`, owned by the project.

    world.py     the guild, members, roles, channels, threads, messages; permissions
    flags.py     permission bits, gateway intents, application flags
    snowflake.py ids and timestamps
    payloads.py  the API v10 JSON shapes
    gateway.py   HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, dispatches, RESUME
    rest.py      the REST routes discord.py calls, with Discord's permission checks
    server.py    DiscordEmulator: all of it on 127.0.0.1
"""

from __future__ import annotations

from bridge.discord.emulator.server import DiscordEmulator
from bridge.discord.emulator.world import World

__all__ = ["DiscordEmulator", "World"]
