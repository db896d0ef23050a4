"""`sparring demo-llm`: serve the stand-in model, an offline OpenAI-compatible endpoint."""

from __future__ import annotations

import asyncio

import click

from bridge.demo.model_server import ModelServer
from bridge.demo.standin import STANDIN_MODEL
from tui.console import err_console


@click.command("demo-llm")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8766, show_default=True, help="Port (0 picks a free one).")
@click.option("--latency-ms", default=0.0, show_default=True, help="Delay before every answer.")
def demo_llm(host: str, port: int, latency_ms: float) -> None:
    """Serve the stand-in model until Ctrl-C, to try the LLM paths offline.

    The stand-in is not a language model: fixed rules answer Sparring's persona and judge
    prompts in the JSON they ask for, so `--persona-engine llm` and the judge run with no
    API key and no internet. Any model name is answered; `standin` reads best.

    \b
    Routes:
      POST /v1/chat/completions   OpenAI-compatible (stream supported)
      GET  /v1/models
      GET  /health
    """

    async def serve() -> None:
        async with ModelServer(host, port, latency_ms=latency_ms) as server:
            err_console.print(f"stand-in model on {server.base_url}", highlight=False)
            err_console.print("  In another shell:", highlight=False)
            err_console.print(f"  export OPENAI_BASE_URL={server.base_url}", highlight=False,
                              soft_wrap=True)
            err_console.print(
                f"  sparring run --persona-engine llm --persona-model {STANDIN_MODEL} "
                f"--judge-model {STANDIN_MODEL}",
                highlight=False, soft_wrap=True,
            )
            err_console.print("  (any OPENAI_API_KEY is accepted; none is checked)",
                              highlight=False)
            await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        err_console.print("stand-in model stopped")
