"""Headless Chromium driven by playwright, for the tests of what Sparring shows in a browser.

playwright's own browser download needs the internet, so the tests launch the system's
Chromium (Debian's `chromium` package, `.ci/run` installs it) through `executable_path`,
in a fresh profile folder. The page may load 127.0.0.1 and file:// only: anything else
(textual-serve's page links a Google font) is aborted, so a test never leaves the machine.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PIL import Image, ImageChops, ImageStat

from tests.optional import require, require_module

if TYPE_CHECKING:
    from playwright.async_api import Page, Route

CHROMIUM = shutil.which("chromium")
ARGS = [
    *(["--no-sandbox"] if os.geteuid() == 0 else []),  # Chromium's sandbox refuses root
    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def require_browser() -> None:
    """Skip (fail in CI) unless playwright and a Chromium to drive are installed."""
    require_module("playwright", "pip install -e '.[dev]'")
    require(CHROMIUM is not None, "chromium is not installed (apt-get install chromium)")


async def _local_only(route: Route) -> None:
    url = urlsplit(route.request.url)
    if url.scheme in ("file", "data", "blob") or url.hostname == "127.0.0.1":
        await route.continue_()
    else:
        await route.abort()


@asynccontextmanager
async def chromium_page(profile: Path, width: int = 1280,
                        height: int = 800) -> AsyncIterator[Page]:
    """A page of headless Chromium with a fresh profile in `profile`; call
    `require_browser()` first."""
    from playwright.async_api import async_playwright

    assert CHROMIUM is not None
    async with async_playwright() as driver:
        context = await driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": width, "height": height})
        try:
            await context.route("**/*", _local_only)
            yield context.pages[0] if context.pages else await context.new_page()
        finally:
            await context.close()


def pixel_spread(png: bytes) -> float:
    """The standard deviation of a screenshot's grey levels: 0 for a blank image."""
    return float(ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).stddev[0])


def changed_share(before: bytes, after: bytes) -> float:
    """The share of pixels that differ between two screenshots of the same size."""
    first = Image.open(io.BytesIO(before)).convert("RGB")
    second = Image.open(io.BytesIO(after)).convert("RGB")
    difference = ImageChops.difference(first, second).convert("L")
    changed = sum(difference.histogram()[1:])
    return changed / (first.width * first.height)
