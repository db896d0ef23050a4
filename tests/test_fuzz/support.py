"""What every fuzz test shares: the settings, the one property, and input strategies.

The property: whatever the input, a parser gives a valid result or raises a `SparringError`
whose message is one line. Any other exception, or a message over several lines, fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from simulator.errors import SparringError

T = TypeVar("T")

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
"""Deterministic (CI runs the same examples every time), modest, no example database."""


def one_line(message: str) -> None:
    """A user-facing message: not empty, one line, no traceback."""
    assert message.strip(), "empty error message"
    assert len(message.splitlines()) == 1, f"message over several lines: {message!r}"
    assert "Traceback" not in message, message


def parsed_or_clean_error(call: Callable[[], T]) -> T | None:
    """`call()`'s result, or None when it raised a SparringError with a one-line message."""
    try:
        return call()
    except SparringError as exc:
        one_line(str(exc))
        return None


# --- values -------------------------------------------------------------------------------

AWKWARD_TEXT = st.sampled_from([
    "", " ", "\n", "a\nb", "\r\n", "\u2028", "\x85", "\x00", "\ud800", "é", "😀", "-1", "²",
    "1e400", "nan", "inf", "--1", "0x1f", "9" * 5000, "{message}", "{history}", "${HOME}",
    "${UNSET_SPARRING_FUZZ_VAR}", "a.b", "..", "0", "-0", "True", "null", "~", "a" * 300,
    "x\x00.yaml", "a" * 300 + ".yaml", "/.yaml",
])
"""Strings that have broken parsers before: separators, surrogates, huge numbers, templates."""

TEXT = st.one_of(AWKWARD_TEXT, st.text(max_size=40))
SCALARS = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), TEXT,
)
"""JSON-able leaves (NaN and infinities included: YAML and Python's json both write them)."""


def values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Nested JSON-like values: lists and string-keyed mappings of `SCALARS`."""
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.dictionaries(TEXT, inner, max_size=4)),
        max_leaves=max_leaves,
    )


def mutated(base: Any) -> st.SearchStrategy[Any]:
    """`base` with one nested field replaced, removed or added (or `base` itself)."""

    @st.composite
    def strategy(draw: st.DrawFn) -> Any:
        value = draw(st.just(base) if isinstance(base, dict | list) else values())
        if not isinstance(value, dict | list) or not value or draw(st.integers(0, 4)) == 0:
            return draw(values()) if draw(st.booleans()) else value
        copy: Any = dict(value) if isinstance(value, dict) else list(value)
        keys = list(copy) if isinstance(copy, dict) else list(range(len(copy)))
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["replace", "descend", "remove", "add"]))
        if action == "replace":
            copy[key] = draw(values())
        elif action == "descend":
            copy[key] = draw(mutated(copy[key]))
        elif action == "remove":
            del copy[key]
        elif isinstance(copy, dict):
            copy[draw(TEXT)] = draw(values())
        else:
            copy.append(draw(values()))
        return copy

    return strategy()


def with_fields(base: dict[str, Any], names: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """`base` with a few of `names` (its own keys, or ones it may have) set to any value."""
    return st.dictionaries(st.sampled_from(names), values(4), min_size=1, max_size=3).map(
        lambda changes: {**base, **changes})


YAML_SNIPPETS = st.sampled_from([
    "a: 2001-02-30\n", "a: 2001-13-01\n", "!!binary '@@@'\n", "!!python/object:os.system\n",
    "&a [*a]\n", "*missing\n", "? [a, b]\n: c\n", "{a: 1, a: 2}\n", "[" * 200, "- " * 100,
    "a: !!int 'x'\n", "a: !!float 'x'\n", "\t- a\n", "%YAML 9.9\n---\n", "--- |\n  x\n",
    "a: 1\n--- \nb: 2\n", "{1: x, a: y}\n", "id: [x]\n", "\ufeffa: 1\n", "a: 0o99\n",
])
"""YAML that parses oddly or not at all: impossible dates, tags, aliases, deep nesting."""


def yaml_texts(base: dict[str, Any]) -> st.SearchStrategy[str]:
    """YAML documents near a valid `base`, plus snippets and arbitrary text."""
    dumped = mutated(base).map(lambda data: yaml.safe_dump(data, allow_unicode=True))
    return st.one_of(dumped, dumped, dumped, YAML_SNIPPETS,
                     st.builds("".join, st.lists(YAML_SNIPPETS, max_size=3)), st.text())


def file_contents(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """What a config file holds: mostly YAML near `base`, sometimes bytes that are not UTF-8."""
    return st.one_of(yaml_texts(base).map(lambda text: text.encode("utf-8", "surrogatepass")),
                     st.binary(max_size=60))
