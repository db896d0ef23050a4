"""Discord's bit flags the emulator enforces: permissions, gateway intents, application flags."""

from __future__ import annotations

from collections.abc import Iterable

# permissions (https://discord.com/developers/docs/topics/permissions)
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
CREATE_PUBLIC_THREADS = 1 << 35
CREATE_PRIVATE_THREADS = 1 << 36
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1

EVERYONE_DEFAULT = (
    VIEW_CHANNEL | SEND_MESSAGES | SEND_MESSAGES_IN_THREADS | CREATE_PUBLIC_THREADS
    | READ_MESSAGE_HISTORY | EMBED_LINKS | ATTACH_FILES | ADD_REACTIONS
)
"""What @everyone may do in a fresh emulated guild."""

# gateway intents
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
GUILD_MESSAGE_TYPING = 1 << 11
MESSAGE_CONTENT = 1 << 15

# application flags: a privileged intent switched on in the Developer Portal
APP_PRESENCE = 1 << 12
APP_GUILD_MEMBERS = 1 << 14
APP_MESSAGE_CONTENT = 1 << 18

PRIVILEGED: dict[int, int] = {
    MESSAGE_CONTENT: APP_MESSAGE_CONTENT,
    GUILD_MEMBERS: APP_GUILD_MEMBERS,
    GUILD_PRESENCES: APP_PRESENCE,
}
"""Privileged intent -> the application flag that allows it."""


def disallowed_intents(intents: int, app_flags: int) -> int:
    """The privileged intents asked for in IDENTIFY that the application may not use."""
    return sum(
        intent for intent, flag in PRIVILEGED.items() if intents & intent and not app_flags & flag
    )


def apply_overwrites(
    permissions: int, overwrites: Iterable[tuple[int, int]], member_overwrite: tuple[int, int]
) -> int:
    """Discord's channel-overwrite order: @everyone, then the roles together, then the member.

    `overwrites` are (allow, deny) pairs for @everyone followed by the member's roles.
    """
    pairs = list(overwrites)
    if pairs:
        allow, deny = pairs[0]
        permissions = (permissions & ~deny) | allow
        role_allow = role_deny = 0
        for allow, deny in pairs[1:]:
            role_allow |= allow
            role_deny |= deny
        permissions = (permissions & ~role_deny) | role_allow
    allow, deny = member_overwrite
    return (permissions & ~deny) | allow
