from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.faults_support import FaultyBotServer


@pytest.fixture
async def faulty() -> AsyncIterator[FaultyBotServer]:
    """A loopback bot server that misbehaves on purpose (see tests/faults_support.py)."""
    server = FaultyBotServer()
    await server.start()
    yield server
    await server.close()
