"""What the checks report: one `CheckResult` per check, gathered in a `Report`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from storage.exchange.checks.sample import Sample
from storage.exchange.checks.sightings import Seen

Status = Literal["pass", "warn", "fail", "skip"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    required: bool
    """A required check fails (exit 1) on a problem; an advisory one only warns."""
    status: Status
    finding: str
    """One line with the numbers."""
    details: dict[str, Any] = field(default_factory=dict)
    """The figures behind the finding, for `--json`."""


def judged(name: str, required: bool, finding: str, *, problem: bool, short: bool = False,
           **details: Any) -> CheckResult:
    """`problem`: the check's condition is violated (fail if required, else warn);
    `short`: only a recommended target is missed (warn)."""
    if problem:
        status: Status = "fail" if required else "warn"
    else:
        status = "warn" if short else "pass"
    return CheckResult(name, required, status, finding, details)


def skipped(name: str, required: bool, reason: str) -> CheckResult:
    return CheckResult(name, required, "skip", reason)


class Check(Protocol):
    """Sees every sample once, in file order, then reports."""

    def add(self, sample: Sample, seen: Seen) -> None: ...

    def result(self) -> CheckResult: ...


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: Path
    split: str | None
    samples: int


@dataclass(frozen=True, slots=True)
class Report:
    path: Path
    format: str
    files: tuple[FileSummary, ...]
    checks: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        """No required check failed."""
        return not any(check.status == "fail" for check in self.checks)

    def count(self, status: Status) -> int:
        return sum(check.status == status for check in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path), "format": self.format, "passed": self.passed,
            "files": [{"path": str(f.path), "split": f.split, "samples": f.samples}
                      for f in self.files],
            "checks": [{"name": c.name, "required": c.required, "status": c.status,
                        "finding": c.finding, "details": c.details} for c in self.checks],
        }
