"""The shared rule for optional third-party software: skipped locally, a failure in CI."""

from __future__ import annotations

import pytest

from tests.optional import require, require_module


def test_a_missing_piece_skips_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^chromium is not installed$"):
        require(False, "chromium is not installed")
    require(True, "never shown")


def test_in_ci_a_missing_piece_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed; CI=true"):
        require(None, "chromium is not installed")
    with pytest.raises(pytest.fail.Exception,
                       match=r"no_such\.module is not installed \(pip install x\)"):
        require_module("no_such.module", "pip install x")
    require_module("yaml", "pip install pyyaml")
