"""Atomic export files: written beside the output under a temporary name, renamed at the end.

All files of one export (one per split) are committed together once every one is complete;
on any error every temporary file is removed and existing outputs are left untouched.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from simulator.errors import StorageError


def write_error(out: Path, exc: OSError) -> StorageError:
    reason = exc.strerror or str(exc)
    return StorageError(f"{out}: cannot write the export ({reason}); choose another path")


class AtomicFiles:
    """Temporary paths for final paths; `commit` renames them all, `discard` removes them."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def reserve(self, out: Path) -> Path:
        """A temporary path beside `out`; creates it empty so an unwritable place fails now."""
        temporary = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            temporary.open("x").close()
        except OSError as exc:
            raise write_error(out, exc) from exc
        self._pending.append((temporary, out))
        return temporary

    def commit(self) -> None:
        for temporary, out in self._pending:
            try:
                with temporary.open("rb+") as handle:
                    os.fsync(handle.fileno())
                os.replace(temporary, out)
            except OSError as exc:
                raise write_error(out, exc) from exc
        self._pending = []

    def discard(self) -> None:
        for temporary, _ in self._pending:
            temporary.unlink(missing_ok=True)
        self._pending = []
