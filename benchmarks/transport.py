"""Which HTTP client should carry bot requests? CPU per request, 50 in flight.

Runs the demo bot on loopback (0 ms replies) and sends the same JSON webhook requests
through one shared httpx.AsyncClient and one shared aiohttp.ClientSession, in the same run.

    python benchmarks/transport.py [--requests 4000] [--in-flight 50]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable

import aiohttp
import httpx

from bridge.demo import DemoBotServer

Send = Callable[[int], Awaitable[None]]


async def measure(name: str, send: Send, requests: int, in_flight: int) -> float:
    counter = iter(range(requests))

    async def worker() -> None:
        for index in counter:
            await send(index)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    per_request_ms = cpu / requests * 1000
    print(f"{name:<22} {requests / wall:8.0f} req/s   {per_request_ms:6.3f} ms CPU/request "
          "(client + server, one process)")
    return per_request_ms


async def main(requests: int, in_flight: int) -> None:
    async with DemoBotServer() as server:
        url = server.chat_url("jake")

        def body(index: int) -> dict[str, str]:
            return {"message": f"quick question number {index}?", "conversation_id": str(index)}

        limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
        async with httpx.AsyncClient(limits=limits) as client:
            async def via_httpx(index: int) -> None:
                response = await client.post(url, json=body(index))
                response.json()

            await measure("warm-up (httpx)", via_httpx, 200, in_flight)
            httpx_ms = await measure("httpx.AsyncClient", via_httpx, requests, in_flight)

        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            async def via_aiohttp(index: int) -> None:
                async with session.post(url, json=body(index)) as response:
                    await response.json()

            await measure("warm-up (aiohttp)", via_aiohttp, 200, in_flight)
            aiohttp_ms = await measure("aiohttp.ClientSession", via_aiohttp, requests, in_flight)
    print(f"httpx / aiohttp CPU per request: {httpx_ms / aiohttp_ms:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--in-flight", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.in_flight))
