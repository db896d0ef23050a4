"""`sparring demo-bot`: serve the four built-in demo bots on loopback."""

from __future__ import annotations

import asyncio

import click

from bridge.demo import DEMO_BOTS, DemoBotServer
from tui.console import err_console


@click.command("demo-bot")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, help="Port (0 picks a free one).")
@click.option("--latency-ms", default=0.0, show_default=True, help="Base delay per reply.")
@click.option("--latency-per-word-ms", default=0.0, show_default=True,
              help="Extra delay per word of the reply.")
@click.option("--fail-rate", default=0.0, show_default=True,
              help="Share of requests answered with HTTP 503, to test error handling.")
def demo_bot(
    host: str, port: int, latency_ms: float, latency_per_word_ms: float, fail_rate: float
) -> None:
    """Serve elena, marcus, jake and dream until Ctrl-C.

    \b
    Routes:
      POST /v1/chat/completions   OpenAI-compatible (model = bot id, stream supported)
      POST /bots/{bot}/chat       JSON: {"message": ...} -> {"reply": ...}
      GET  /health
    """

    async def serve() -> None:
        server = DemoBotServer(host, port, latency_ms=latency_ms,
                               latency_per_word_ms=latency_per_word_ms, fail_rate=fail_rate)
        async with server:
            err_console.print(f"demo bots {', '.join(DEMO_BOTS)} on {server.base_url}")
            err_console.print(f"  OpenAI-compatible: {server.openai_base_url}")
            err_console.print(f"  JSON webhook:      {server.chat_url('elena')}")
            await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        err_console.print("demo bots stopped")
