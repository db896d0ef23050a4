"""A loopback bot server that misbehaves on purpose, one fault per path.

    /ok                    {"reply": "fine"}
    /burst?n=2&status=503  the first n requests to this path fail with `status`, then ok
    /fail                  500 every time
    /hang                  never answers (until the server closes)
    /reset                 headers and part of the body, then the connection is cut
    /trickle               one byte every 50 ms for up to five minutes
    /invalid-json          200 with a body that is not JSON
    /huge?mb=10            200 with a JSON reply of that many megabytes
    /latin1                200 with Latin-1 bytes and no charset declared
    /429?retry_after=0     429 every time, with that Retry-After (left out: none)

`healthy = True` turns every path into /ok, for a bot that recovers.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter

from aiohttp import web

MB = 1024 * 1024


class FaultyBotServer:
    """An aiohttp server on 127.0.0.1 serving the faults above; counts requests per path."""

    def __init__(self) -> None:
        self.url = ""
        self.requests: Counter[str] = Counter()
        self.healthy = False
        self._stop = asyncio.Event()
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{fault}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        self._stop.set()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        await request.read()
        fault = request.match_info["fault"]
        self.requests[fault] += 1
        if self.healthy or fault == "ok":
            return web.json_response({"reply": "fine"})
        query = request.query
        if fault == "burst":
            if self.requests[fault] <= int(query.get("n", "2")):
                status = int(query.get("status", "503"))
                return web.json_response({"error": "overloaded"}, status=status)
            return web.json_response({"reply": "fine"})
        if fault == "fail":
            return web.json_response({"error": "broken"}, status=500)
        if fault == "hang":
            await self._stop.wait()
            return web.json_response({"reply": "too late"})
        if fault == "reset":
            return await self._reset(request)
        if fault == "trickle":
            return await self._trickle(request)
        if fault == "invalid-json":
            return web.Response(body=b"<html>Internal oops</html>", content_type="text/html")
        if fault == "huge":
            return await self._huge(request, int(float(query.get("mb", "10")) * MB))
        if fault == "latin1":
            return web.Response(body='{"reply": "café crème"}'.encode("latin-1"),
                                headers={"Content-Type": "application/json"})
        if fault == "429":
            headers = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
            return web.json_response({"error": "slow down"}, status=429, headers=headers)
        raise web.HTTPNotFound()

    async def _reset(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = 10_000
        await response.prepare(request)
        await response.write(b'{"reply": "the first part of a rep')
        await asyncio.sleep(0.05)
        assert request.transport is not None
        request.transport.abort()
        return response

    async def _trickle(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        body = json.dumps({"reply": "s" * 6000}).encode()
        try:
            for index in range(len(body)):  # 6,000 bytes x 50 ms: five minutes
                await response.write(body[index:index + 1])
                try:
                    await asyncio.wait_for(self._stop.wait(), 0.05)
                    break
                except TimeoutError:
                    pass
        except ConnectionError:  # the client gave up, as it should
            pass
        return response

    async def _huge(self, request: web.Request, size: int) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        response.content_length = size + len(b'{"reply": ""}')
        await response.prepare(request)
        try:
            await response.write(b'{"reply": "')
            chunk = b"x" * (256 * 1024)
            for start in range(0, size, len(chunk)):
                await response.write(chunk[: size - start])
            await response.write(b'"}')
        except ConnectionError:  # the client stopped reading at its cap
            pass
        return response
