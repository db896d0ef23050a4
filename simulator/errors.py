"""One error hierarchy for all of Sparring, translated at each boundary.

    SparringError
    ├── ConfigError          a persona file, bots.yaml or CLI flag is invalid
    ├── RemoteError          a call over the network failed (may be retried)
    │   ├── BotError         a bot could not give a usable reply
    │   │   ├── BotTimeout       no (complete) reply within the timeout
    │   │   ├── BotUnreachable   connection refused, reset or DNS failure
    │   │   ├── BotHTTPError     a non-success HTTP status (after retries)
    │   │   └── BotProtocolError the reply arrived but could not be understood
    │   └── ModelError       an LLM endpoint (persona engine, judge) failed
    ├── BudgetExceeded       the run's LLM cost budget is spent
    ├── StorageError         the database cannot be opened, migrated or written
    └── JudgeError           a judge could not produce a score

Each connector maps its library's exceptions to these in one place, so the runner
records every failure with a readable reason and never sees a library exception.
"""

from __future__ import annotations


class SparringError(Exception):
    """Base of every error Sparring raises on purpose; its message is user-facing."""


class ConfigError(SparringError):
    """A configuration input is invalid; the message names the file, field and value."""


class RemoteError(SparringError):
    """A call to a bot or a model failed; `retryable` says whether trying again may help."""

    retryable: bool = False
    retry_after: float | None = None
    """Seconds the server asked us to wait (Retry-After), if it said."""
    attempts: int = 1
    """Requests made before giving up; set by the retry loop."""
    latency_ms: float | None = None
    """How long the last attempt took to fail; set by the retry loop."""

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} (after {self.attempts} attempts)" if self.attempts > 1 else message


class BotError(RemoteError):
    """A bot could not give a usable reply."""


class BotTimeout(BotError):
    """The bot did not answer within its timeout."""

    retryable = True


class BotUnreachable(BotError):
    """The bot could not be reached (refused, reset, name resolution)."""

    retryable = True


class BotHTTPError(BotError):
    """The bot answered with a non-success HTTP status."""

    def __init__(self, message: str, *, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:  # type: ignore[override]
        return self.status == 429 or self.status >= 500


class BotProtocolError(BotError):
    """The bot answered, but the reply could not be understood."""


class ModelError(RemoteError):
    """An LLM endpoint failed: unreachable, timed out, or answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after


class BudgetExceeded(SparringError):
    """The run's LLM cost budget (`--max-cost`) is spent; no further model calls are made."""


class StorageError(SparringError):
    """The database cannot be opened, migrated or written."""


class JudgeError(SparringError):
    """A judge could not produce a score."""
