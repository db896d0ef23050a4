"""A persona with noise, end to end: rougher messages, and the noise in the lineage."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_tui.test_cli import FAST_DEMO, query, sparring

CASEY = """\
id: casual_casey
name: Casey
personality: Relaxed, texts like a friend.
preferences: {response_length: brief, communication_style: casual, formality: casual}
conversation_topics: [hiking, music, weekend plans]
emotional_baseline: relaxed, playful
"""


def test_noise_roughens_messages_and_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    clean, noisy = tmp_path / "clean", tmp_path / "noisy"
    clean.mkdir()
    noisy.mkdir()
    (clean / "casey.yaml").write_text(CASEY)
    (noisy / "casey.yaml").write_text(CASEY + "noise: {typos: 0.5, lowercase: 0.5, "
                                      "no_punctuation: 0.5, off_topic: 0.2}\n")
    for folder in (clean, noisy):
        done = sparring("run", "-p", "casual_casey", "-b", "jake", "-n", "6", "--personas",
                        str(folder), "--db", str(tmp_path / f"{folder.name}.db"), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    messages = "SELECT user_message FROM turns ORDER BY conversation_id, idx"
    clean_texts = [m for (m,) in query(tmp_path / "clean.db", messages)]
    noisy_texts = [m for (m,) in query(tmp_path / "noisy.db", messages)]
    assert sum(t.endswith(("?", ".", "!")) for t in noisy_texts) < sum(
        t.endswith(("?", ".", "!")) for t in clean_texts)
    assert query(tmp_path / "noisy.db", "SELECT COUNT(*) FROM turns "
                 "WHERE user_intent = 'tool_request'")[0][0] > 0
    assert query(tmp_path / "clean.db", "SELECT DISTINCT noise FROM conversations") == [(None,)]
    (recorded,) = query(tmp_path / "noisy.db", "SELECT DISTINCT noise FROM conversations")
    assert json.loads(recorded[0])["typos"] == 0.5
