"""Optional third-party software in tests: skipped where it is absent, required in CI.

A developer without Chromium (or a GGUF model, or eliza-gpt) still gets a green run that
says what was skipped and why; CI (`CI=true`) installs all of it, so there a missing piece
is a failure, never a silent skip.
"""

from __future__ import annotations

import importlib.util
import os

import pytest


def in_ci() -> bool:
    """True when the tests run in CI, where every optional dependency is installed."""
    return os.environ.get("CI") == "true"


def require(condition: object, reason: str) -> None:
    """Skip the calling test (or module) unless `condition` holds; fail instead in CI.

    `reason` says what is missing and how to get it, e.g. "chromium is not installed
    (apt-get install chromium)".
    """
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason}; CI=true, where it must be installed", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_module(name: str, install: str) -> None:
    """`require` that the module `name` imports; `install` is the command that provides it."""
    try:
        found = importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a dotted name whose parent package is absent
        found = False
    require(found, f"{name} is not installed ({install})")
