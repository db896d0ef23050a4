"""The end of `sparring run` names the causes of its failures, not their varying texts."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.test_tui.test_cli import query, sparring


def _closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_failures_are_summarised_by_cause_with_the_circuit_held_under_it(tmp_path: Path) -> None:
    port = _closed_port()
    (tmp_path / "bots.yaml").write_text(
        "bots:\n  gone:\n    kind: openai\n"
        f"    base_url: 'http://127.0.0.1:{port}/v1'\n    model: m\n    retries: 1\n"
        "    breaker: {window: 2, error_rate: 1.0, cooldown_s: 600}\n")
    db = tmp_path / "gone.db"
    done = sparring("run", "-p", "casual_casey", "-n", "6", "-c", "1", "--db", str(db),
                    cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # every conversation failed
    cause = f"bot 'gone' unreachable at http://127.0.0.1:{port}: connection refused"
    summary = " ".join(done.stderr.split())  # the console wraps long lines
    assert f"6 conversations failed; 6 x {cause}, 4 held back by the open circuit" in summary
    assert query(db, "SELECT attempts, COUNT(*) FROM turns GROUP BY 1") == [(0, 4), (2, 2)]
    stats = sparring("stats", "--db", str(db), cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    row = next(line for line in stats.stdout.splitlines() if cause in line)
    assert [cell.strip() for cell in row.split("│")[2:4]] == ["6", "4"]
