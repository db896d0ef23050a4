"""The emulated gateway (v10, JSON, uncompressed): sessions, sequence numbers, RESUME.

Every dispatch is numbered per session and kept, so a session whose socket dropped gets
what it missed replayed when it resumes; a session dropped as not resumable is told
INVALID_SESSION and identifies anew, as Discord does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from bridge.discord.emulator import flags, payloads
from bridge.discord.emulator.world import Account, World

HEARTBEAT_INTERVAL_MS = 41_250
REPLAY_LIMIT = 2_000
"""Dispatches kept per session for RESUME."""
CLEAN_CLOSE = 1000
AUTHENTICATION_FAILED = 4004
DISALLOWED_INTENTS = 4014
RESUMABLE_CLOSE = 4000

Json = dict[str, Any]


class Connection:
    """One gateway socket; frames leave in order through a single writer task."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write())

    def send(self, frame: Json | str) -> None:
        self._queue.put_nowait(frame if isinstance(frame, str) else json.dumps(frame))

    async def _write(self) -> None:
        while (frame := await self._queue.get()) is not None:
            try:
                await self.ws.send_str(frame)
            except (ConnectionError, RuntimeError):
                return

    async def close(self, code: int, reason: str = "") -> None:
        """Flush what is queued, then close the socket with `code`."""
        self._queue.put_nowait(None)
        with contextlib.suppress(asyncio.CancelledError):
            await self._writer
        await self.ws.close(code=code, message=reason.encode())

    def stop(self) -> None:
        """The socket is gone: let the writer finish."""
        self._queue.put_nowait(None)


@dataclass
class Session:
    id: str
    account: Account
    intents: int
    seq: int = 0
    log: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=REPLAY_LIMIT))
    connection: Connection | None = None
    resumes: int = 0


class Gateway:
    """Accepts discord.py's gateway connections and fans dispatches out to the sessions."""

    def __init__(self, world: World, url: Callable[[], str]) -> None:
        self.world = world
        self._url = url
        self.sessions: dict[str, Session] = {}
        self.identifies: dict[int, int] = {}
        """Successful IDENTIFYs per user id (a re-identify after a lost session counts)."""
        self._connections: set[Connection] = set()
        self._changed = asyncio.Event()
        self._holds: dict[int, asyncio.Event] = {}

    # --- what tests and the REST side use -------------------------------------------------------

    def live(self, user_id: int) -> bool:
        """Whether the user has a session with a connected socket."""
        return any(s.account.id == user_id and s.connection for s in self.sessions.values())

    def resumes(self, user_id: int) -> int:
        return sum(s.resumes for s in self.sessions.values() if s.account.id == user_id)

    async def wait_for(self, predicate: Callable[[], bool]) -> None:
        """Wait until `predicate()` holds, re-checking whenever a session changes."""
        while not predicate():
            await self._changed.wait()

    def broadcast(self, event: str, build: Callable[[Session], Json | None]) -> None:
        """Dispatch `event` to every session `build` gives a payload for (None: not to it)."""
        for session in list(self.sessions.values()):
            data = build(session)
            if data is not None:
                self._dispatch(session, event, data)

    async def disconnect(self, user_id: int, *, resumable: bool = True) -> int:
        """Close the user's sockets (code 4000); unless resumable, forget their sessions too."""
        closing = [s for s in self.sessions.values() if s.account.id == user_id]
        for session in closing:
            if not resumable:
                del self.sessions[session.id]
            if session.connection is not None:
                connection, session.connection = session.connection, None
                await connection.close(RESUMABLE_CLOSE, "forced disconnect")
        self._notify()
        return len(closing)

    @contextlib.asynccontextmanager
    async def held(self, user_id: int) -> AsyncIterator[None]:
        """Keep the user's IDENTIFY and RESUME waiting while inside (a longer outage)."""
        release = asyncio.Event()
        self._holds[user_id] = release
        try:
            yield
        finally:
            del self._holds[user_id]
            release.set()

    async def close(self) -> None:
        for connection in list(self._connections):
            await connection.close(1001, "emulator stopping")

    # --- the socket -----------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = Connection(ws)
        self._connections.add(connection)
        connection.send({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        session: Session | None = None
        try:
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    continue
                packet = json.loads(frame.data)
                session = await self._receive(connection, packet, session)
        finally:
            connection.stop()
            self._connections.discard(connection)
            if session is not None and session.connection is connection:
                session.connection = None
                if ws.close_code == CLEAN_CLOSE:
                    self.sessions.pop(session.id, None)
            self._notify()
        return ws

    async def _receive(self, connection: Connection, packet: Json,
                       session: Session | None) -> Session | None:
        op, data = packet.get("op"), packet.get("d")
        if op == 1:
            connection.send({"op": 11})
        elif op == 2:
            return await self._identify(connection, data)
        elif op == 6:
            return await self._resume(connection, data)
        elif op == 8 and session is not None:
            self._dispatch(session, "GUILD_MEMBERS_CHUNK", {
                "guild_id": str(self.world.guild_id), "chunk_index": 0, "chunk_count": 1,
                "members": [payloads.member(self.world, uid) for uid in self.world.members],
                "not_found": [], "nonce": data.get("nonce"),
            })
        return session

    async def _identify(self, connection: Connection, data: Json) -> Session | None:
        account = self.world.account_by_token(str(data.get("token", "")))
        if account is not None and account.id in self._holds:
            await self._holds[account.id].wait()
        if account is None:
            await connection.close(AUTHENTICATION_FAILED, "Authentication failed.")
            return None
        intents = int(data.get("intents") or 0)
        if flags.disallowed_intents(intents, account.app_flags):
            await connection.close(DISALLOWED_INTENTS, "Disallowed intent(s).")
            return None
        for stale in [s for s in self.sessions.values()
                      if s.account is account and s.connection is None]:
            del self.sessions[stale.id]  # the bot started over: its dropped sessions are done
        session = Session(secrets.token_hex(16), account, intents, connection=connection)
        self.sessions[session.id] = session
        self.identifies[account.id] = self.identifies.get(account.id, 0) + 1
        self._dispatch(session, "READY",
                       payloads.ready(self.world, account, session.id, self._url()))
        if account.id in self.world.members and intents & flags.GUILDS:
            self._dispatch(session, "GUILD_CREATE", payloads.guild(self.world, account.id))
        self._notify()
        return session

    async def _resume(self, connection: Connection, data: Json) -> Session | None:
        session = self.sessions.get(str(data.get("session_id")))
        account = self.world.account_by_token(str(data.get("token", "")))
        last_seq = int(data.get("seq") or 0)
        if account is not None and account.id in self._holds:
            await self._holds[account.id].wait()
        if session is None or account is not session.account or (
            session.log and session.log[0][0] > last_seq + 1
        ):
            connection.send({"op": 9, "d": False})
            return None
        if session.connection is not None:
            await session.connection.close(RESUMABLE_CLOSE, "resumed elsewhere")
        session.connection = connection
        for seq, frame in session.log:
            if seq > last_seq:
                connection.send(frame)
        session.resumes += 1
        self._dispatch(session, "RESUMED", {"_trace": ["sparring-emulator"]})
        self._notify()
        return session

    def _dispatch(self, session: Session, event: str, data: Json) -> None:
        session.seq += 1
        frame = json.dumps({"op": 0, "t": event, "s": session.seq, "d": data})
        session.log.append((session.seq, frame))
        if session.connection is not None:
            session.connection.send(frame)

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()
