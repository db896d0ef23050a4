"""Reading config files and turning their errors into the one-line messages users see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from simulator.errors import ConfigError


def _describe_expected(error: dict[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    expected = ctx.get("expected")
    if expected:
        options = str(expected).replace("'", "").replace(" or ", ", ")
        return f"expected one of {options}"
    message = str(error["msg"])
    for lead in ("Input should be ", "Input should ", "String should ", "Value error, "):
        if message.startswith(lead):
            return f"expected {message.removeprefix(lead)}"
    return f"expected {message[0].lower()}{message[1:]}"


def one_line_error(source: str | Path, exc: ValidationError) -> str:
    """`source: field.path = 'value'; expected ...` for the first error in `exc`."""
    return describe_error(source, exc.errors()[0])


def all_errors(source: str | Path, exc: ValidationError) -> list[str]:
    """One line per error in `exc`, as `one_line_error` writes them."""
    return [describe_error(source, error) for error in exc.errors()]


def field_name(part: object) -> str:
    """A part of a field path as written, quoted when it would break the line (`'a\\nb'`)."""
    text = str(part)
    return text if text.isprintable() else repr(text)


def describe_error(source: str | Path, error: Any) -> str:
    """One pydantic error as `source: field.path = 'value'; expected ...`."""
    field = ".".join(map(field_name, error["loc"])) or "(top level)"
    if error["type"] == "missing":
        return f"{source}: {field} is missing; it is required"
    if error["type"] == "extra_forbidden":
        return f"{source}: {field} = {error['input']!r} is not a known field; check its spelling"
    return f"{source}: {field} = {error['input']!r}; {_describe_expected(error)}"


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning I/O, encoding and syntax errors into one-line ConfigErrors."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start}: {exc.reason})") from exc
    except ValueError as exc:  # a path holding a NUL byte
        raise ConfigError(f"{path!r}: cannot be read ({exc})") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from exc
    except ValueError as exc:  # a value PyYAML cannot build, such as the date 2001-02-30
        raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
    except RecursionError as exc:
        raise ConfigError(f"{path}: not valid YAML (nested too deeply)") from exc
