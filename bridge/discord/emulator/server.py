"""`DiscordEmulator`: the world, its gateway and its REST API served on 127.0.0.1."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from aiohttp import web

from bridge.discord.emulator.gateway import Gateway
from bridge.discord.emulator.rest import RestApi
from bridge.discord.emulator.world import World

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"


class DiscordEmulator:
    """A minimal Discord (gateway v10 + REST) that the real discord.py client runs against.

    `async with DiscordEmulator() as emulator:` then point discord.py at
    `emulator.api_url` and `emulator.gateway_url`. `emulator.world` holds the guild, its
    channels and the bots (`world.add_user(...)`); `emulator.gateway.disconnect(user_id)`
    drops a bot's gateway socket the way a network fault would.
    """

    def __init__(self, world: World | None = None, *, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.world = world or World()
        self.host = host
        self.port = port
        self.gateway = Gateway(self.world, lambda: self.gateway_url)
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        """What `discord.http.Route.BASE` must be set to."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What `DiscordWebSocket.DEFAULT_GATEWAY` must be set to."""
        return f"ws://{self.host}:{self.port}{GATEWAY_PATH}"

    async def start(self) -> None:
        app = web.Application()
        app.add_subapp(API_PREFIX, RestApi(self.world, self.gateway,
                                           lambda: self.gateway_url).app())
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.router.add_get("/", self.gateway.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Close every gateway socket, then stop serving. Idempotent."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        await self.gateway.close()
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self.close()
