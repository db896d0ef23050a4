"""The JSON shapes of Discord's API v10, built from the emulated world's records."""

from __future__ import annotations

from typing import Any

from bridge.discord.emulator.snowflake import iso
from bridge.discord.emulator.world import Account, Channel, Message, Role, World

Json = dict[str, Any]


def user(account: Account) -> Json:
    return {
        "id": str(account.id), "username": account.name, "discriminator": "0",
        "global_name": account.name, "avatar": None, "bot": account.bot,
        "public_flags": 0, "flags": 0,
    }


def member(world: World, user_id: int, *, with_user: bool = True) -> Json:
    record = world.members[user_id]
    payload: Json = {
        "roles": [str(role_id) for role_id in record.roles], "joined_at": iso(record.joined_at),
        "nick": None, "deaf": False, "mute": False, "flags": 0, "pending": False,
    }
    if with_user:
        payload["user"] = user(world.users[user_id])
    return payload


def role(record: Role) -> Json:
    return {
        "id": str(record.id), "name": record.name, "permissions": str(record.permissions),
        "position": record.position, "color": 0, "hoist": False, "managed": False,
        "mentionable": False, "flags": 0,
    }


def channel(world: World, record: Channel) -> Json:
    """A text channel, category or thread as GET /channels/{id} returns it."""
    payload: Json = {
        "id": str(record.id), "type": record.type, "guild_id": str(world.guild_id),
        "name": record.name, "parent_id": str(record.parent_id) if record.parent_id else None,
        "last_message_id": str(record.last_message_id) if record.last_message_id else None,
        "rate_limit_per_user": 0, "flags": 0,
    }
    if record.is_thread:
        payload |= {
            "owner_id": str(record.owner_id), "message_count": record.message_count,
            "total_message_sent": record.message_count, "member_count": 1,
            "thread_metadata": {
                "archived": False, "locked": False,
                "auto_archive_duration": record.auto_archive_duration,
                "archive_timestamp": iso(record.created_at),
                "create_timestamp": iso(record.created_at),
            },
        }
        return payload
    return payload | {
        "position": record.position, "nsfw": False, "topic": None,
        "permission_overwrites": [
            {"id": str(o.target_id), "type": o.kind, "allow": str(o.allow), "deny": str(o.deny)}
            for o in record.overwrites.values()
        ],
    }


def message(world: World, record: Message, *, redacted: bool = False,
            with_reference: bool = True) -> Json:
    """A message; `redacted` is how a bot without the message-content intent sees it."""
    author = world.users[record.author_id]
    payload: Json = {
        "id": str(record.id), "channel_id": str(record.channel_id),
        "guild_id": str(world.guild_id), "author": user(author),
        "content": "" if redacted else record.content,
        "embeds": [] if redacted else [dict(embed) for embed in record.embeds],
        "attachments": [], "components": [], "sticker_items": [],
        "timestamp": iso(record.created_at),
        "edited_timestamp": iso(record.edited_at) if record.edited_at else None,
        "tts": False, "mention_everyone": False, "mention_roles": [], "pinned": False,
        "type": record.type, "flags": 0,
        "mentions": [user(world.users[uid]) | {"member": member(world, uid, with_user=False)}
                     for uid in record.mentions if uid in world.members],
    }
    if record.author_id in world.members:
        payload["member"] = member(world, record.author_id, with_user=False)
    if record.nonce is not None:
        payload["nonce"] = record.nonce
    if record.reference_id is not None:
        referenced = world.messages.get(record.reference_id)
        payload["message_reference"] = {
            "type": 0, "message_id": str(record.reference_id),
            "channel_id": str(referenced.channel_id if referenced else record.channel_id),
            "guild_id": str(world.guild_id),
        }
        if with_reference:
            payload["referenced_message"] = (
                message(world, referenced, redacted=redacted, with_reference=False)
                if referenced else None
            )
    return payload


def guild(world: World, viewer_id: int) -> Json:
    """GUILD_CREATE for one bot: the guild with its roles, channels, active threads, the bot."""
    channels = [c for c in world.channels.values() if not c.is_thread]
    threads = [c for c in world.channels.values() if c.is_thread]
    return {
        "id": str(world.guild_id), "name": world.guild_name, "icon": None,
        "owner_id": str(world.owner_id), "unavailable": False, "large": False,
        "member_count": len(world.members), "joined_at": iso(world.members[viewer_id].joined_at),
        "features": [], "emojis": [], "stickers": [], "voice_states": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
        "verification_level": 0, "default_message_notifications": 0,
        "explicit_content_filter": 0, "mfa_level": 0, "nsfw_level": 0, "premium_tier": 0,
        "preferred_locale": "en-US", "system_channel_flags": 0,
        "roles": [role(r) for r in world.roles.values()],
        "channels": [channel(world, c) for c in channels],
        "threads": [channel(world, t) for t in threads],
        "members": [member(world, viewer_id)],
    }


def application(account: Account) -> Json:
    """GET /oauth2/applications/@me; the application id is the bot's user id."""
    return {
        "id": str(account.id), "name": account.name, "description": "", "icon": None,
        "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
        "owner": user(account), "flags": account.app_flags, "team": None,
        "rpc_origins": [], "tags": [], "redirect_uris": [], "interactions_endpoint_url": None,
    }


def command(body: Json, command_id: int, application_id: int) -> Json:
    """A registered application command: what was sent, with the fields Discord adds."""
    return {"type": 1, "options": [], "default_member_permissions": None,
            "dm_permission": True, "nsfw": False, **body, "id": str(command_id),
            "application_id": str(application_id), "version": str(command_id)}


def ready(world: World, account: Account, session_id: str, resume_url: str) -> Json:
    joined = [{"id": str(world.guild_id), "unavailable": True}] if (
        account.id in world.members) else []
    return {
        "v": 10, "user": user(account) | {"verified": True, "mfa_enabled": False},
        "guilds": joined, "session_id": session_id, "session_type": "normal",
        "resume_gateway_url": resume_url, "private_channels": [], "relationships": [],
        "presences": [], "geo_ordered_rtc_regions": [], "user_settings": {},
        "application": {"id": str(account.id), "flags": account.app_flags},
        "_trace": ["sparring-emulator"],
    }


def error(message_text: str, code: int) -> Json:
    """Discord's error body: `{"message": ..., "code": ...}`."""
    return {"message": message_text, "code": code}
