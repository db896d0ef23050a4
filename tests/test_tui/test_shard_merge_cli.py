"""`sparring run --shard i/n` and `sparring merge`: n machines cover a plan exactly once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.migrations import load_migrations
from tests.test_tui.test_cli import FAST_DEMO, query, sparring

PLAN = "personas: [casual_casey, analytical_alex]\nconversations: 3\nseed: 4\n"
LINEAGE = ("SELECT persona_id, bot_id, seed, topic, emotional_state, status FROM conversations "
           "ORDER BY 1, 2, 3")


def test_the_union_of_three_shards_is_the_unsharded_run(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    (tmp_path / "plan.yaml").write_text(PLAN)
    shards = []
    for index in range(3):
        shard = tmp_path / f"shard-{index}.db"
        done = sparring("run", "--plan", "plan.yaml", "--shard", f"{index}/3", "--db",
                        str(shard), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert f"= 12 conversations, shard {index}/3: 4 " in done.stderr
        shards.append(shard)
    whole = tmp_path / "whole.db"
    assert sparring("run", "--plan", "plan.yaml", "--db", str(whole),
                    cwd=tmp_path).returncode == 0

    merged = tmp_path / "merged.db"
    done = sparring("merge", str(merged), *map(str, shards), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("1 runs, 4 conversations") == 3
    assert query(merged, LINEAGE) == query(whole, LINEAGE)
    assert len(query(merged, LINEAGE)) == 12
    turns = "SELECT COUNT(*) FROM turns"
    assert query(merged, turns)[0][0] == sum(query(s, turns)[0][0] for s in shards)
    metrics = "SELECT COUNT(*) FROM metrics"
    assert query(merged, metrics)[0][0] == sum(query(s, metrics)[0][0] for s in shards)

    again = sparring("merge", str(merged), str(shards[0]), cwd=tmp_path)
    assert again.returncode == 0 and "0 runs, 0 conversations, 0 turns" in again.stdout
    assert len(query(merged, LINEAGE)) == 12
    stats = sparring("stats", "--db", str(merged), cwd=tmp_path)
    assert stats.returncode == 0 and "casual_casey" in stats.stdout


def test_merge_refuses_a_mismatched_schema_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    good = tmp_path / "good.db"
    assert sparring("run", "-p", "casual_casey", "-b", "jake", "-n", "1", "--db", str(good),
                    cwd=tmp_path).returncode == 0
    old = tmp_path / "old.db"
    old.write_bytes(good.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("PRAGMA user_version = 2")
    out = tmp_path / "out.db"
    done = sparring("merge", str(out), str(good), str(old), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"error: {old}: schema version 2, expected {len(load_migrations())}; open it once "
        "with this Sparring (`sparring stats --db FILE`) to upgrade it, then merge")
    assert not out.exists()


def test_a_bad_shard_is_a_one_line_error(tmp_path: Path) -> None:
    done = sparring("run", "--shard", "3/3", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --shard = '3/3'; expected I/N with 0 <= I < N, e.g. 0/4"
