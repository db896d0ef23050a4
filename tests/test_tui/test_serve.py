"""`sparring serve` in headless Chromium: the app comes up in the page.

Needs Debian's chromium and the `playwright` package (not installed by `.ci/run`):
`apt-get install chromium && pip install playwright`; skipped without them.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import sys
from pathlib import Path

import pytest

from tests.test_tui.test_snapshots import _write

CHROMIUM = shutil.which("chromium")
playwright = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_the_served_app_renders_in_a_browser(tmp_path: Path) -> None:
    db = tmp_path / "serve.db"
    await _write(db)
    port = _free_port()
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", "serve", "--port", str(port), "--db", str(db),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        async with playwright.async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=CHROMIUM,
                                                   args=["--no-sandbox"])
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            for _ in range(50):
                try:
                    await page.goto(f"http://127.0.0.1:{port}/")
                    break
                except playwright.Error:
                    await asyncio.sleep(0.2)
            splash = await page.screenshot()
            await page.mouse.click(640, 400)
            shot = splash
            for _ in range(60):  # the app draws a full screen: far more detail than the splash
                await asyncio.sleep(0.25)
                shot = await page.screenshot(path=str(tmp_path / "serve.png"))
                if len(shot) > 3 * len(splash):
                    break
            await browser.close()
        assert len(shot) > 3 * len(splash), "the app never rendered in the page"
    finally:
        server.terminate()
        await server.wait()
