"""The `python` kind: an in-process function `module:function(message, history) -> str`."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from bridge.config import PythonBot
from bridge.retry import RetryPolicy, reply_with_retries
from simulator.connector import BotContext, BotReply
from simulator.errors import BotError, BotProtocolError, BotTimeout, ConfigError


def _import(module_name: str) -> Any:
    """Import from the Python path, else from the current folder (where a user's bot module
    usually sits next to bots.yaml), as `python -m` would."""
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        here = os.getcwd()
        if exc.name != module_name.partition(".")[0] or here in sys.path:
            raise
        sys.path.append(here)
        return importlib.import_module(module_name)


def load_target(target: str, where: str) -> Callable[..., Any]:
    """Import `module:function`; a missing module or attribute is a ConfigError."""
    module_name, _, attribute = target.partition(":")
    try:
        module = _import(module_name)
    except ImportError as exc:
        raise ConfigError(f"{where} = {target!r}; cannot import {module_name!r}: {exc}") from exc
    function = getattr(module, attribute, None)
    if not callable(function):
        raise ConfigError(f"{where} = {target!r}; {module_name} has no callable {attribute!r}")
    return function


class PythonConnector:
    """Calls a Python function for each message; sync functions run in a worker thread
    so a blocking bot never stalls the event loop."""

    def __init__(self, bot_id: str, config: PythonBot) -> None:
        self.id = bot_id
        self._config = config
        self._function = load_target(config.target, f"bots.{bot_id}.target")
        self._is_async = inspect.iscoroutinefunction(self._function)
        self._policy = RetryPolicy(retries=config.retries)

    async def open(self) -> None:
        """Nothing to open."""

    async def close(self) -> None:
        """Nothing to close."""

    async def reply(self, context: BotContext, message: str) -> BotReply:
        history = [{"role": m.role, "content": m.content} for m in context.history]
        return await reply_with_retries(self._policy, lambda: self._attempt(message, history))

    async def _attempt(self, message: str, history: list[dict[str, str]]) -> BotReply:
        started = time.perf_counter()
        call = (
            self._function(message, history)
            if self._is_async
            else asyncio.to_thread(self._function, message, history)
        )
        try:
            result = await asyncio.wait_for(call, self._config.timeout_s)
        except TimeoutError as exc:
            raise BotTimeout(
                f"bot {self.id!r} did not answer within {self._config.timeout_s:g} s"
            ) from exc
        except BotError:
            raise
        except Exception as exc:
            raise BotProtocolError(
                f"bot {self.id!r} ({self._config.target}) raised {type(exc).__name__}: {exc}"
            ) from exc
        if not isinstance(result, str):
            raise BotProtocolError(
                f"bot {self.id!r} ({self._config.target}) returned "
                f"{type(result).__name__}; expected str"
            )
        return BotReply(text=result, latency_ms=(time.perf_counter() - started) * 1000)
