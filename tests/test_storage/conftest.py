"""Fixtures of the export tests: one recorded demo run per module, a fresh copy per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_storage.exchange_support import recorded_copy


@pytest.fixture(scope="module")
def recorded_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the module's recorded run is kept, recorded on first use."""
    return tmp_path_factory.mktemp("recorded")


@pytest.fixture
def recorded_db(tmp_path: Path, recorded_cache: Path) -> Path:
    """A fresh copy of the recorded run (exchange_support.PLAN against the demo bots)."""
    return recorded_copy(tmp_path, recorded_cache)
