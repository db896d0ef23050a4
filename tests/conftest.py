"""Shared fixtures: a scriptable bot server on 127.0.0.1 and a temporary database path."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support import ScriptedBotServer


@pytest.fixture
async def bot_server() -> AsyncIterator[ScriptedBotServer]:
    server = ScriptedBotServer()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sparring.db"
