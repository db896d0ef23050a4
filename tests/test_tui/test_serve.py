"""`sparring serve` in headless Chromium: the app comes up in the page and answers a key.

The real server (`python -m tui serve`), the real textual-serve page and its xterm.js,
driven by playwright on Debian's chromium (see `browser_support`). xterm.js draws on a
canvas, so what the terminal was told to show is read from the page's websocket (every
byte the app wrote to it), and what it drew is checked on screenshots.
"""

from __future__ import annotations

import asyncio
import re
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.test_tui.browser_support import (
    changed_share,
    chromium_page,
    pixel_spread,
    require_browser,
)
from tests.test_tui.test_snapshots import RUN, _write

if TYPE_CHECKING:
    from playwright.async_api import Page

# Escape sequences: CSI (cursor, colour, modes), OSC (titles, links), charset picks, others.
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-_])")
WAIT_S = 60  # a bound, so a broken page fails the test instead of hanging it
# Grey-level spread of a screenshot: a blank page is 0, textual-serve's start splash about 8,
# the dashboard about 22 and the personas screen about 28 (1280x800).
DRAWN = 12


class TerminalFeed:
    """The bytes the served app sent to the page's terminal, as plain text."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._grew = asyncio.Event()

    def feed(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):  # text frames are control messages (pings, ids)
            self.data += payload
            self._grew.set()

    @property
    def text(self) -> str:
        return ESCAPES.sub(b"", bytes(self.data)).decode("utf-8", errors="replace")

    async def shows(self, words: str) -> None:
        """Wait until the app has written `words` to the terminal."""
        async with bounded(f"{words!r} in the page's terminal", lambda: self.text[-400:]):
            while words not in self.text:
                self._grew.clear()
                await self._grew.wait()


@asynccontextmanager
async def bounded(what: str, seen: Callable[[], str] = str) -> AsyncIterator[None]:
    """Fail, saying what was awaited (and what was seen), if the body outlasts WAIT_S."""
    try:
        async with asyncio.timeout(WAIT_S):
            yield
    except TimeoutError:
        pytest.fail(f"waited {WAIT_S}s for {what}; got {seen()!r}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-600:]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _listening(port: int, server: asyncio.subprocess.Process, log: Path) -> None:
    async with bounded(f"sparring serve to listen on port {port}"):
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                if server.returncode is not None:
                    pytest.fail(f"sparring serve exited with {server.returncode}: "
                                f"{_tail(log)}")
                await asyncio.sleep(0.1)
                continue
            writer.close()
            await writer.wait_closed()
            return


async def _drawn(page: Page) -> None:
    """Two animation frames: xterm.js draws what it was sent on the next one."""
    await page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


async def test_the_served_app_renders_in_a_browser_and_answers_a_key(tmp_path: Path) -> None:
    require_browser()
    db = tmp_path / "serve.db"
    await _write(db)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as log_file:
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tui", "serve", "--port", str(port), "--db", str(db),
            stdout=log_file, stderr=log_file,
        )
    terminal = TerminalFeed()
    try:
        await _listening(port, server, log)
        async with chromium_page(tmp_path / "profile") as page:
            page.on("websocket", lambda socket: socket.on("framereceived", terminal.feed))
            await page.goto(f"http://127.0.0.1:{port}/")
            # The dashboard of the recorded run: its figures and its persona x bot table.
            for words in (f"Run {RUN[:8]} · completed", "Mean quality", "0.725",
                          "Quality by persona × bot", "casual_casey", "0.81 · 1"):
                await terminal.shows(words)
            await page.wait_for_selector("body.-first-byte", timeout=WAIT_S * 1000)
            await _drawn(page)
            dashboard = await page.screenshot(path=str(tmp_path / "dashboard.png"))
            assert pixel_spread(dashboard) > DRAWN, "the page shows no app"

            await page.locator("textarea.xterm-helper-textarea").focus()
            await page.keyboard.press("s")
            await terminal.shows("e edit · r reload")  # the personas screen's list
            await terminal.shows("emotional support")
            personas = dashboard
            async with bounded("the screenshot to change after the key"):
                while changed_share(dashboard, personas) < 0.05:  # a screen, not a cursor
                    await _drawn(page)
                    personas = await page.screenshot(path=str(tmp_path / "personas.png"))
            assert pixel_spread(personas) > DRAWN
    finally:
        server.terminate()
        await server.wait()
