"""Test support for the Textual app: an app on a temporary database, and a bounded wait."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from bridge.config import BotsFile, DemoServerSettings, demo_bots_file
from simulator.persona import builtin_personas
from tui.app import SparringApp


def make_app(db_path: Path, **kwargs: Any) -> SparringApp:
    """A `SparringApp` on `db_path` with the built-in personas and the demo bots.

    Keyword arguments go to `SparringApp` and override those defaults (`bots_file=`, ...).
    """
    kwargs.setdefault("personas", builtin_personas())
    kwargs.setdefault("bots_file", demo_bots_file())
    return SparringApp(db_path, **kwargs)


def slow_demo_bots(latency_ms: float = 200.0) -> BotsFile:
    """The demo bots, answering after `latency_ms`, so a run is still going when keys arrive."""
    return demo_bots_file().model_copy(
        update={"demo_server": DemoServerSettings(latency_ms=latency_ms)}
    )


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], object], limit_s: float = 10.0,
    what: str = "condition",
) -> None:
    """Let the app run until `condition()` is true; fail after `limit_s` seconds."""
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {limit_s:g}s waiting for {what}")
        await pilot.pause(0.02)
