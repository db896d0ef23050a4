"""One wording for a bot that cannot be reached, whichever library found out.

aiohttp raises `ClientConnectorError` (or `ServerDisconnectedError`); the openai SDK's
aiohttp transport wraps either as a connect *timeout* (`APITimeoutError`) although nothing
timed out. Both kinds look down the exception chain and say the same thing:

    bot 'x' unreachable at http://127.0.0.1:5005: connection refused
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
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


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and the exceptions it was raised from, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def os_error_in(exc: BaseException) -> OSError | None:
    """The first operating-system error (refused, DNS, ...) in `exc`'s cause chain."""
    for link in _chain(exc):
        for candidate in (getattr(link, "os_error", None), link):
            if isinstance(candidate, OSError) and (
                    candidate.errno is not None or isinstance(candidate, socket.gaierror)):
                return candidate
    return None


def _disconnected(exc: BaseException) -> bool:
    return any("disconnect" in f"{type(link).__name__} {link}".lower() for link in _chain(exc))


def connection_failed(exc: BaseException) -> bool:
    """Whether `exc` (whatever it claims to be) comes of a refused or dropped connection."""
    return os_error_in(exc) is not None or _disconnected(exc)


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
    elif _disconnected(exc):
        why = "the server closed the connection before answering"
    else:
        why = type(exc).__name__
    return BotUnreachable(f"bot {bot_id!r} unreachable at {origin(url)}: {why}")
