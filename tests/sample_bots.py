"""In-process bots for the `python` connector kind, imported by `module:function`."""

from __future__ import annotations

import asyncio


def echo(message: str, history: list[dict[str, str]]) -> str:
    return f"echo #{len(history) // 2}: {message}"


async def async_echo(message: str, history: list[dict[str, str]]) -> str:
    await asyncio.sleep(0)
    return f"async echo: {message}"


def broken(message: str, history: list[dict[str, str]]) -> str:
    raise ValueError("the model is on fire")


def not_text(message: str, history: list[dict[str, str]]) -> dict[str, str]:
    return {"text": message}


def pong(message: str, history: list[dict[str, str]]) -> str:
    return "pong"
