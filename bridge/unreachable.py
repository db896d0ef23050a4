"""One wording for a bot that cannot be reached, whichever library found out.

aiohttp raises `ClientConnectorError`; the openai SDK's aiohttp transport wraps the same
error as a connect *timeout* (`APITimeoutError`) although nothing timed out. Both kinds
look for the operating system's error in the exception chain and say the same thing:

    bot 'x' unreachable at http://127.0.0.1:5005: connection refused
"""

from __future__ import annotations

import errno
import socket
from urllib.parse import urlsplit

from simulator.errors import BotUnreachable

_REASONS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.EHOSTUNREACH: "no route to host",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "connect timed out",
}


def origin(url: str) -> str:
    """scheme://host:port of `url`: no path, query or credentials, which may hold secrets."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def os_error_in(exc: BaseException) -> OSError | None:
    """The first operating-system error (refused, DNS, ...) in `exc`'s cause chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for candidate in (getattr(current, "os_error", None), current):
            if isinstance(candidate, OSError) and (
                    candidate.errno is not None or isinstance(candidate, socket.gaierror)):
                return candidate
        current = current.__cause__ or current.__context__
    return None


def describe(error: OSError) -> str:
    """A few words for an operating-system connect error."""
    if isinstance(error, socket.gaierror):
        return "host name not resolved"
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or type(error).__name__).lower()


def unreachable(bot_id: str, url: str, exc: BaseException) -> BotUnreachable:
    """The failure of a bot that could not be reached (refused, unknown host, hung up).

    Only the error's kind is named, never its text, which may hold the full URL.
    """
    error = os_error_in(exc)
    if error is not None:
        why = describe(error)
    elif "disconnect" in type(exc).__name__.lower() or "disconnect" in str(exc).lower():
        why = "the server closed the connection before answering"
    else:
        why = type(exc).__name__
    return BotUnreachable(f"bot {bot_id!r} unreachable at {origin(url)}: {why}")
