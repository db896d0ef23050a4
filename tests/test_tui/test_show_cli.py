"""`sparring show` and `sparring conversations` on a real database from real runs."""

from __future__ import annotations

import asyncio
import json
import socket
from itertools import pairwise
from pathlib import Path

import pytest

from storage.database import Database
from storage.ratings import RatingStore
from tests.test_tui.test_cli import FAST_DEMO, query, sparring

NOTE = "too long, see [bold]this[/bold]"


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _rate(db: Path, conversation_id: str) -> None:
    async with Database(db) as database:
        await RatingStore(database, "alice").set(conversation_id, 0, "thumb", 1)
        await RatingStore(database, "bob").set(conversation_id, 0, "stars", 4)
        await RatingStore(database, "alice").set(conversation_id, 1, "flag")
        await RatingStore(database, "alice").set(conversation_id, 1, "note", note=NOTE)


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """18 demo conversations (so two ids share a first character) and 2 against a bot that
    is down, all in one database; one demo conversation rated by two raters."""
    folder = tmp_path_factory.mktemp("show")
    (folder / "bots.yaml").write_text(FAST_DEMO)
    db = folder / "s.db"
    done = sparring("run", "-p", "casual_casey", "-n", "9", "--seed", "3", "--db", str(db),
                    cwd=folder)
    assert done.returncode == 0, done.stderr
    (folder / "down.yaml").write_text(
        f"bots:\n  down: {{kind: http, url: 'http://127.0.0.1:{_closed_port()}/chat', "
        "retries: 0}\n")
    done = sparring("run", "-p", "casual_casey", "-b", "down", "-n", "2", "--bots",
                    "down.yaml", "--db", str(db), cwd=folder)
    assert done.returncode == 1, done.stderr
    rated = query(db, "SELECT id FROM conversations WHERE status = 'completed' AND turns >= 2 "
                  "ORDER BY id LIMIT 1")[0][0]
    asyncio.run(_rate(db, rated))
    return db


def _rated(db: Path) -> str:
    return str(query(db, "SELECT DISTINCT conversation_id FROM ratings")[0][0])


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_show_prints_the_transcript_with_metrics_and_who_rated(stored: Path) -> None:
    conversation_id = _rated(stored)
    shown = sparring("show", conversation_id[:6], "--db", str(stored), cwd=stored.parent)
    assert shown.returncode == 0, shown.stderr
    out = _flat(shown.stdout)
    run_id, seed, bot, topic = query(stored, "SELECT run_id, seed, bot_id, topic FROM "
                                     f"conversations WHERE id = '{conversation_id}'")[0]
    assert f"conversation {conversation_id} completed" in out
    assert f"Casual Casey (casual_casey) ↔ {bot} topic {topic}" in out
    assert f"run {run_id} (completed, run seed 3)" in out and f"seed {seed}" in out
    position = 0
    for message, reply in query(stored, "SELECT user_message, bot_reply FROM turns WHERE "
                                f"conversation_id = '{conversation_id}' ORDER BY idx"):
        position = out.index(_flat(message), position)
        position = out.index(_flat(reply), position)
    relevance = query(stored, "SELECT value FROM metrics WHERE conversation_id = "
                      f"'{conversation_id}' AND turn_idx = 0 AND name = 'relevance'")[0][0]
    assert f"relevance {relevance:.2f}" in out
    assert "👍 by alice · ★★★★☆ by bob" in out
    assert f"⚑ flagged by alice · ✎ {NOTE} by alice" in out  # stored text, not markup


def test_a_failed_conversation_shows_why(stored: Path) -> None:
    failed = query(stored, "SELECT id FROM conversations WHERE status = 'failed' LIMIT 1")[0][0]
    shown = sparring("show", failed, "--db", str(stored), cwd=stored.parent)
    assert shown.returncode == 0, shown.stderr
    out = _flat(shown.stdout)
    assert "failed" in out
    assert "⚠ bot 'down' unreachable at http://127.0.0.1:" in out
    assert "ended bot 'down' unreachable at" in out


def test_show_json_is_one_document_of_what_is_stored(stored: Path) -> None:
    conversation_id = _rated(stored)
    shown = sparring("show", conversation_id[:8].upper(), "--json", "--db", str(stored),
                     cwd=stored.parent)
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == ""
    document = json.loads(shown.stdout)
    assert list(document) == ["version", "conversation", "run", "metrics", "turns"]
    conversation = document["conversation"]
    assert conversation["id"] == conversation_id
    assert (conversation["persona_id"], conversation["source"], conversation["status"]) == (
        "casual_casey", "synthetic", "completed")
    assert conversation["seed"] == query(
        stored, f"SELECT seed FROM conversations WHERE id = '{conversation_id}'")[0][0]
    assert document["run"]["seed"] == 3
    turns = document["turns"]
    assert [(t["idx"], t["user_message"], t["bot_reply"]) for t in turns] == query(
        stored, "SELECT idx, user_message, bot_reply FROM turns WHERE conversation_id = "
        f"'{conversation_id}' ORDER BY idx")
    assert turns[0]["metrics"] == dict(query(
        stored, "SELECT name, value FROM metrics WHERE conversation_id = "
        f"'{conversation_id}' AND turn_idx = 0 AND source != 'judge' ORDER BY name"))
    assert [(r["rater"], r["kind"], r["value"]) for r in turns[0]["ratings"]] == [
        ("alice", "thumb", 1.0), ("bob", "stars", 4.0)]
    assert [(r["rater"], r["kind"], r["note"]) for r in turns[1]["ratings"]] == [
        ("alice", "flag", None), ("alice", "note", NOTE)]
    assert document["metrics"]["conversation_quality"] == pytest.approx(
        conversation["quality"], abs=1e-3)


def test_unknown_and_ambiguous_prefixes_are_one_line_errors(stored: Path) -> None:
    ids = sorted(row[0] for row in query(stored, "SELECT id FROM conversations"))
    shared = next(a[0] for a, b in pairwise(ids) if a[0] == b[0])
    for ref, problem in ((shared, "matches several conversations"),
                         ("zzzz", "matches no conversation")):
        shown = sparring("show", ref, "--db", str(stored), cwd=stored.parent)
        assert shown.returncode == 2
        assert shown.stdout == ""
        assert shown.stderr.startswith(f"error: conversation '{ref}' {problem}")
        assert len(shown.stderr.strip().splitlines()) == 1


def test_conversations_lists_short_ids_that_show_takes(stored: Path) -> None:
    listed = sparring("conversations", "--run", "latest", "--failed", "--db", str(stored),
                      cwd=stored.parent)
    assert listed.returncode == 0, listed.stderr
    failed = query(stored, "SELECT id FROM conversations WHERE status = 'failed'")
    rows = [line for line in listed.stdout.splitlines() if " failed " in line]
    assert len(rows) == len(failed) == 2
    short = rows[0].split("│")[1].strip()
    assert len(short) >= 8 and any(cid.startswith(short) for (cid,) in failed)
    assert sparring("show", short, "--db", str(stored), cwd=stored.parent).returncode == 0
    everything = sparring("conversations", "--json", "--db", str(stored), cwd=stored.parent)
    assert sorted(row["id"] for row in json.loads(everything.stdout)) == sorted(
        row[0] for row in query(stored, "SELECT id FROM conversations"))
