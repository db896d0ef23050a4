"""The emulated REST API (v10): what discord.py calls at start-up and for messages, threads
and typing, with Discord's permission checks and error bodies.

JSON answers carry a Content-Type of exactly `application/json`: discord.py decodes nothing
else, and its login fails on `application/json; charset=utf-8`.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bridge.discord.emulator import flags, payloads
from bridge.discord.emulator.gateway import Gateway, Session
from bridge.discord.emulator.world import PUBLIC_THREAD, TEXT, Account, Channel, Message, World

_log = logging.getLogger(__name__)

Handler = Callable[[web.Request, Account], Awaitable[web.StreamResponse]]
MAX_CONTENT = 2000


class ApiError(Exception):
    """An error answer: HTTP status, Discord's JSON error code and message."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def answer(data: object, status: int = 200) -> web.Response:
    return web.Response(status=status, body=json.dumps(data).encode(),
                        content_type="application/json")


def missing_access() -> ApiError:
    return ApiError(403, 50001, "Missing Access")


def missing_permissions() -> ApiError:
    return ApiError(403, 50013, "Missing Permissions")


class RestApi:
    """Route handlers over the world; every change is also dispatched through the gateway."""

    def __init__(self, world: World, gateway: Gateway, gateway_url: Callable[[], str]) -> None:
        self.world = world
        self.gateway = gateway
        self._gateway_url = gateway_url

    def app(self) -> web.Application:
        api = web.Application()
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway),
            ("GET", "/users/@me", self.get_me),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
            ("POST", "/guilds/{guild_id}/channels", self.create_channel),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("GET", "/channels/{channel_id}/messages", self.get_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("POST", "/channels/{channel_id}/typing", self.typing),
            ("POST", "/channels/{channel_id}/threads", self.create_thread),
            ("POST", "/channels/{channel_id}/messages/{message_id}/threads", self.create_thread),
            ("PUT", "/channels/{channel_id}/thread-members/{user_id}", self.no_content),
            ("GET", "/applications/{application_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/commands", self.put_commands),
            ("*", "/{tail:.*}", self.not_found),
        ]
        for method, path, handler in routes:
            api.router.add_route(method, path, self._guarded(handler, path.startswith("/gateway")))
        return api

    def _guarded(self, handler: Handler, public: bool) -> Callable[[web.Request], Awaitable[
            web.StreamResponse]]:
        """Authenticate the bot token, then answer ApiErrors as Discord's error bodies."""

        async def guarded(request: web.Request) -> web.StreamResponse:
            try:
                account = self.world.account_by_token(request.headers.get("Authorization", ""))
                if account is None and not public:
                    raise ApiError(401, 0, "401: Unauthorized")
                return await handler(request, account)  # type: ignore[arg-type]
            except ApiError as exc:
                return answer(payloads.error(exc.message, exc.code), exc.status)
            except (ValueError, KeyError, TypeError) as exc:
                _log.exception("emulator: %s %s failed", request.method, request.path)
                return answer(payloads.error(f"Invalid Form Body: {exc}", 50035), 400)

        return guarded

    # --- lookups ------------------------------------------------------------------------------

    def _channel(self, request: web.Request, account: Account,
                 permission: int = 0) -> Channel:
        channel = self.world.channels.get(int(request.match_info["channel_id"]))
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        if not self.world.can(account.id, channel.id, 0):
            raise missing_access()
        if permission and not self.world.can(account.id, channel.id, permission):
            raise missing_permissions()
        return channel

    def _message(self, channel: Channel, request: web.Request) -> Message:
        message = self.world.messages.get(int(request.match_info["message_id"]))
        if message is None or message.channel_id != channel.id:
            raise ApiError(404, 10008, "Unknown Message")
        return message

    def _in_guild(self, request: web.Request, account: Account) -> None:
        if int(request.match_info["guild_id"]) != self.world.guild_id:
            raise ApiError(404, 10004, "Unknown Guild")
        if account.id not in self.world.members:
            raise missing_access()

    def _sees(self, session: Session, channel_id: int, intent: int) -> bool:
        uid = session.account.id
        return bool(session.intents & intent) and uid in self.world.members and self.world.can(
            uid, channel_id, 0)

    # --- start-up -----------------------------------------------------------------------------

    async def get_gateway(self, request: web.Request, account: Account) -> web.Response:
        return answer({"url": self._gateway_url(), "shards": 1, "session_start_limit": {
            "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}})

    async def get_me(self, request: web.Request, account: Account) -> web.Response:
        return answer(payloads.user(account) | {"verified": True, "mfa_enabled": False})

    async def get_user(self, request: web.Request, account: Account) -> web.Response:
        found = self.world.users.get(int(request.match_info["user_id"]))
        if found is None:
            raise ApiError(404, 10013, "Unknown User")
        return answer(payloads.user(found))

    async def get_application(self, request: web.Request, account: Account) -> web.Response:
        return answer(payloads.application(account))

    async def get_guild(self, request: web.Request, account: Account) -> web.Response:
        self._in_guild(request, account)
        guild = payloads.guild(self.world, account.id)
        return answer({k: v for k, v in guild.items() if k not in ("members", "threads")})

    async def get_member(self, request: web.Request, account: Account) -> web.Response:
        self._in_guild(request, account)
        user_id = int(request.match_info["user_id"])
        if user_id not in self.world.members:
            raise ApiError(404, 10007, "Unknown Member")
        return answer(payloads.member(self.world, user_id))

    # --- slash commands (registered and listed; the emulator sends no interactions) ---------

    def _application(self, request: web.Request, account: Account) -> int:
        application_id = int(request.match_info["application_id"])
        if application_id != account.id:
            raise missing_access()
        return application_id

    async def get_commands(self, request: web.Request, account: Account) -> web.Response:
        return answer(self.world.commands.get(self._application(request, account), []))

    async def put_commands(self, request: web.Request, account: Account) -> web.Response:
        """Bulk overwrite, what discord.py's `tree.sync()` calls."""
        application_id = self._application(request, account)
        body = await request.json()
        if not isinstance(body, list):
            raise ApiError(400, 50035, "Invalid Form Body: expected a list of commands")
        self.world.commands[application_id] = [
            payloads.command(dict(command), self.world.ids.next(), application_id)
            for command in body]
        return answer(self.world.commands[application_id])

    # --- channels and threads -------------------------------------------------------------------

    async def get_channel(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account)
        return answer(payloads.channel(self.world, channel))

    async def create_channel(self, request: web.Request, account: Account) -> web.Response:
        self._in_guild(request, account)
        if not self.world.permissions(account.id) & flags.MANAGE_CHANNELS:
            raise missing_permissions()
        body = await request.json()
        if body.get("type", TEXT) != TEXT:
            raise ApiError(400, 50035, "Invalid Form Body: only text channels are emulated")
        parent = int(body["parent_id"]) if body.get("parent_id") else None
        channel = self.world.add_channel(str(body["name"])[:100], parent_id=parent, fixed=False)
        data = payloads.channel(self.world, channel)
        self.gateway.broadcast("CHANNEL_CREATE", lambda s: data if self._sees(
            s, channel.id, flags.GUILDS) else None)
        return answer(data, 201)

    async def create_thread(self, request: web.Request, account: Account) -> web.Response:
        body = await request.json()
        kind = int(body.get("type", PUBLIC_THREAD)) if "message_id" not in request.match_info \
            else PUBLIC_THREAD
        needed = flags.CREATE_PUBLIC_THREADS if kind == PUBLIC_THREAD \
            else flags.CREATE_PRIVATE_THREADS
        parent = self._channel(request, account, needed)
        if parent.type != TEXT:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        thread = self.world.create_thread(
            parent.id, account.id, str(body["name"]), type=kind,
            auto_archive_duration=int(body.get("auto_archive_duration") or 1440))
        data = payloads.channel(self.world, thread)
        self.gateway.broadcast("THREAD_CREATE", lambda s: data | {"newly_created": True} if (
            self._sees(s, thread.id, flags.GUILDS)) else None)
        return answer(data, 201)

    async def no_content(self, request: web.Request, account: Account) -> web.Response:
        self._channel(request, account)
        return web.Response(status=204)

    async def typing(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account)
        self._require_send(account, channel)
        data = {"channel_id": str(channel.id), "guild_id": str(self.world.guild_id),
                "user_id": str(account.id), "timestamp": int(time.time()),
                "member": payloads.member(self.world, account.id)}
        self.gateway.broadcast("TYPING_START", lambda s: data if (
            s.account.id != account.id and self._sees(s, channel.id, flags.GUILD_MESSAGE_TYPING)
        ) else None)
        return web.Response(status=204)

    # --- messages -----------------------------------------------------------------------------

    def _require_send(self, account: Account, channel: Channel) -> None:
        needed = flags.SEND_MESSAGES_IN_THREADS if channel.is_thread else flags.SEND_MESSAGES
        if not self.world.can(account.id, channel.id, needed):
            raise missing_permissions()

    async def get_messages(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account)
        if not self.world.can(account.id, channel.id, flags.READ_MESSAGE_HISTORY):
            return answer([])
        query = request.query
        found = self.world.history(
            channel.id, limit=min(int(query.get("limit", 50)), 100),
            before=int(query["before"]) if "before" in query else None,
            after=int(query["after"]) if "after" in query else None)
        return answer([payloads.message(self.world, m) for m in found])

    async def get_message(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account, flags.READ_MESSAGE_HISTORY)
        return answer(payloads.message(self.world, self._message(channel, request)))

    async def create_message(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account)
        self._require_send(account, channel)
        body: dict[str, Any] = await request.json()
        content = str(body.get("content") or "")
        embeds = list(body.get("embeds") or [])
        if not content and not embeds:
            raise ApiError(400, 50006, "Cannot send an empty message")
        if len(content) > MAX_CONTENT:
            raise ApiError(400, 50035, "Invalid Form Body: content must be 2000 or fewer")
        reference_id = self._reference(account, channel, body.get("message_reference"))
        replied = (body.get("allowed_mentions") or {}).get("replied_user", True)
        message = self.world.post(channel.id, account.id, content, embeds=embeds,
                                  reference_id=reference_id, nonce=body.get("nonce"),
                                  mention_replied=bool(replied))
        self._announce("MESSAGE_CREATE", message)
        return answer(payloads.message(self.world, message))

    def _reference(self, account: Account, channel: Channel, reference: Any) -> int | None:
        if not reference or not reference.get("message_id"):
            return None
        if not self.world.can(account.id, channel.id, flags.READ_MESSAGE_HISTORY):
            raise missing_permissions()
        message_id = int(reference["message_id"])
        if message_id in self.world.messages:
            return message_id
        if reference.get("fail_if_not_exists", True):
            raise ApiError(400, 50035, "Invalid Form Body: Unknown message")
        return None

    async def edit_message(self, request: web.Request, account: Account) -> web.Response:
        channel = self._channel(request, account)
        message = self._message(channel, request)
        if message.author_id != account.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body: dict[str, Any] = await request.json()
        content = body.get("content")
        embeds = body.get("embeds")
        self.world.edit(message, content=None if content is None else str(content),
                        embeds=None if embeds is None else list(embeds))
        self._announce("MESSAGE_UPDATE", message)
        return answer(payloads.message(self.world, message))

    def _announce(self, event: str, message: Message) -> None:
        def build(session: Session) -> payloads.Json | None:
            if not self._sees(session, message.channel_id, flags.GUILD_MESSAGES):
                return None
            uid = session.account.id
            redacted = not session.intents & flags.MESSAGE_CONTENT and (
                uid != message.author_id and uid not in message.mentions)
            return payloads.message(self.world, message, redacted=redacted)

        self.gateway.broadcast(event, build)

    async def not_found(self, request: web.Request, account: Account) -> web.Response:
        raise ApiError(404, 0, "404: Not Found")
