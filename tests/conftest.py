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


@pytest.fixture(autouse=True)
def _no_user_personas(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own personas folder out of every test (and its subprocesses)."""
    monkeypatch.setenv("SPARRING_PERSONAS", str(tmp_path_factory.mktemp("user") / "personas"))
