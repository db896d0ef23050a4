"""What the emulated Discord holds: one guild, its roles, members, channels, threads, messages.

Pure state and Discord's rules over it (permissions, mentions); no I/O, no JSON.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bridge.discord.emulator import flags
from bridge.discord.emulator.snowflake import Snowflakes

TEXT, CATEGORY, PUBLIC_THREAD, PRIVATE_THREAD = 0, 4, 11, 12
THREAD_TYPES = (PUBLIC_THREAD, PRIVATE_THREAD)
DEFAULT, REPLY = 0, 19
ROLE, MEMBER = 0, 1
"""Overwrite target kinds."""

_MENTION = re.compile(r"<@!?(\d+)>")


@dataclass
class Account:
    """A user; bots also have a token and their application's flags."""

    id: int
    name: str
    bot: bool = True
    token: str | None = None
    app_flags: int = 0


@dataclass
class Member:
    user_id: int
    roles: list[int] = field(default_factory=list)
    joined_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0


@dataclass
class Overwrite:
    target_id: int
    kind: int
    allow: int = 0
    deny: int = 0


@dataclass
class Channel:
    """A text channel, a category or a thread (`parent_id` and `owner_id` set)."""

    id: int
    name: str
    type: int = TEXT
    position: int = 0
    parent_id: int | None = None
    owner_id: int | None = None
    overwrites: dict[int, Overwrite] = field(default_factory=dict)
    last_message_id: int | None = None
    message_count: int = 0
    auto_archive_duration: int = 1440
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES


@dataclass
class Message:
    id: int
    channel_id: int
    author_id: int
    content: str
    embeds: list[dict[str, object]] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    reference_id: int | None = None
    nonce: str | None = None
    edited_at: datetime | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def type(self) -> int:
        return REPLY if self.reference_id is not None else DEFAULT


class World:
    """One guild and everything in it; mutators return the records they made or changed."""

    def __init__(self, guild_name: str = "Sparring Emulator") -> None:
        self.ids = Snowflakes()
        self.guild_id = self.ids.fixed()
        self.guild_name = guild_name
        self.users: dict[int, Account] = {}
        self.members: dict[int, Member] = {}
        self.roles: dict[int, Role] = {
            self.guild_id: Role(self.guild_id, "@everyone", flags.EVERYONE_DEFAULT)
        }
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.commands: dict[int, list[dict[str, object]]] = {}
        """Each application's global slash commands, as its bot last registered them."""
        owner = self.add_user("guild-owner", bot=False)
        self.owner_id = owner.id

    # --- people -----------------------------------------------------------------------------

    def add_user(self, name: str, *, bot: bool = True, token: str | None = None,
                 message_content: bool = True, join: bool = True) -> Account:
        """A user (a bot with a token unless `bot=False`), a guild member unless `join=False`.

        `message_content=False` is an application whose message-content intent is off in
        the Developer Portal: asking for it in IDENTIFY closes the gateway with 4014.
        `bot=False` with a token is a person whose client logs in with that token, so a
        tester can speak as a person to target bots that ignore every bot.
        """
        account = Account(self.ids.fixed(), name, bot=bot)
        if bot or token is not None:
            account.token = token or f"emulated.{secrets.token_urlsafe(18)}"
            account.app_flags = flags.APP_MESSAGE_CONTENT if message_content else 0
        self.users[account.id] = account
        if join:
            self.members[account.id] = Member(account.id)
        return account

    def account_by_token(self, token: str) -> Account | None:
        token = token.removeprefix("Bot ").strip()
        return next((a for a in self.users.values() if a.token and a.token == token), None)

    def add_role(self, name: str, permissions: int, members: tuple[int, ...] = ()) -> Role:
        role = Role(self.ids.fixed(), name, permissions, position=len(self.roles))
        self.roles[role.id] = role
        for user_id in members:
            self.members[user_id].roles.append(role.id)
        return role

    # --- channels -----------------------------------------------------------------------------

    def add_channel(self, name: str, *, type: int = TEXT, parent_id: int | None = None,
                    fixed: bool = True) -> Channel:
        channel_id = self.ids.fixed() if fixed else self.ids.next()
        position = sum(1 for c in self.channels.values() if not c.is_thread)
        channel = Channel(channel_id, name, type=type, position=position, parent_id=parent_id)
        self.channels[channel.id] = channel
        return channel

    def set_overwrite(self, channel_id: int, target_id: int, *, allow: int = 0,
                      deny: int = 0) -> None:
        """Allow or deny permissions in a channel for a role (or @everyone) or a member."""
        kind = ROLE if target_id in self.roles else MEMBER
        self.channels[channel_id].overwrites[target_id] = Overwrite(target_id, kind, allow, deny)

    def create_thread(self, parent_id: int, owner_id: int, name: str, *, type: int,
                      auto_archive_duration: int = 1440) -> Channel:
        thread = Channel(self.ids.next(), name[:100], type=type, parent_id=parent_id,
                         owner_id=owner_id, auto_archive_duration=auto_archive_duration)
        self.channels[thread.id] = thread
        return thread

    def permissions(self, user_id: int, channel_id: int | None = None) -> int:
        """What `user_id` may do in the guild, or in a channel (a thread: in its parent)."""
        member = self.members.get(user_id)
        if member is None:
            return 0
        base = self.roles[self.guild_id].permissions
        for role_id in member.roles:
            base |= self.roles[role_id].permissions
        if user_id == self.owner_id or base & flags.ADMINISTRATOR:
            return flags.ALL_PERMISSIONS
        if channel_id is None:
            return base
        channel = self.channels[channel_id]
        if channel.is_thread and channel.parent_id is not None:
            channel = self.channels[channel.parent_id]
        everyone = channel.overwrites.get(self.guild_id)
        pairs = [(everyone.allow, everyone.deny) if everyone else (0, 0)]
        pairs += [(o.allow, o.deny) for role_id in member.roles
                  if (o := channel.overwrites.get(role_id))]
        own = channel.overwrites.get(user_id)
        return flags.apply_overwrites(base, pairs, (own.allow, own.deny) if own else (0, 0))

    def can(self, user_id: int, channel_id: int, permission: int) -> bool:
        """Whether the user sees the channel and holds every bit of `permission` there."""
        granted = self.permissions(user_id, channel_id)
        needed = permission | flags.VIEW_CHANNEL
        return granted & needed == needed

    # --- messages ------------------------------------------------------------------------------

    def post(self, channel_id: int, author_id: int, content: str, *,
             embeds: list[dict[str, object]] | None = None, reference_id: int | None = None,
             nonce: str | None = None, mention_replied: bool = True) -> Message:
        """A new message; `<@id>` mentions of members are resolved, as is a replied-to author."""
        mentions = [int(found) for found in _MENTION.findall(content)
                    if int(found) in self.members]
        referenced = self.messages.get(reference_id) if reference_id is not None else None
        if referenced is not None and mention_replied and referenced.author_id not in mentions:
            mentions.append(referenced.author_id)
        message = Message(self.ids.next(), channel_id, author_id, content, list(embeds or []),
                          list(dict.fromkeys(mentions)), reference_id, nonce)
        self.messages[message.id] = message
        channel = self.channels[channel_id]
        channel.last_message_id = message.id
        channel.message_count += 1
        return message

    def edit(self, message: Message, *, content: str | None = None,
             embeds: list[dict[str, object]] | None = None) -> Message:
        if content is not None:
            message.content = content
            message.mentions = [int(found) for found in _MENTION.findall(content)
                                if int(found) in self.members]
        if embeds is not None:
            message.embeds = list(embeds)
        message.edited_at = datetime.now(UTC)
        return message

    def history(self, channel_id: int, *, limit: int = 50, before: int | None = None,
                after: int | None = None) -> list[Message]:
        """Messages of a channel, newest first (Discord's order), within the bounds."""
        found = [m for m in self.messages.values() if m.channel_id == channel_id
                 and (before is None or m.id < before) and (after is None or m.id > after)]
        found.sort(key=lambda m: m.id, reverse=after is None)
        found = found[:limit]
        return sorted(found, key=lambda m: m.id, reverse=True)
