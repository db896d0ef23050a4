"""Preference pairs from a two-bot run: same prompt, different scores, basis recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.database import Database
from storage.exchange.export import ExportOptions
from storage.ratings import RatingStore
from tests.test_storage.exchange_support import execute, jsonl, query, run_export


@pytest.fixture
def shared(recorded_db: Path) -> tuple[Path, str, str]:
    """The database, and a jake and a marcus conversation of one persona opening alike.

    A conversation's seed leaves out the bot, so the persona's conversation `index` opens
    with the same message to both bots.
    """
    db_path = recorded_db
    jake, seed = query(db_path, "SELECT id, seed FROM conversations WHERE bot_id = 'jake' "
                       "AND persona_id = 'casual_casey' ORDER BY id LIMIT 1")[0]
    marcus = query(db_path, "SELECT id FROM conversations WHERE bot_id = 'marcus' AND "
                   "persona_id = 'casual_casey' AND seed = ?", (seed,))[0][0]
    opening = "SELECT user_message FROM turns WHERE conversation_id = ? AND idx = 0"
    assert query(db_path, opening, (jake,)) == query(db_path, opening, (marcus,))
    return db_path, jake, marcus


async def rate(db_path: Path, ratings: list[tuple[str, int, str, float]]) -> None:
    async with Database(db_path) as db:
        for conversation_id, idx, kind, value in ratings:
            await RatingStore(db, rater="ana").set(conversation_id, idx, kind, value)  # type: ignore[arg-type]


def reply(db_path: Path, conversation_id: str, idx: int) -> str:
    return query(db_path, "SELECT bot_reply FROM turns WHERE conversation_id = ? AND idx = ?",
                 (conversation_id, idx))[0][0]


async def test_the_higher_rated_reply_is_chosen(shared: tuple[Path, str, str],
                                                tmp_path: Path) -> None:
    db_path, jake, marcus = shared
    await rate(db_path, [(jake, 0, "stars", 2), (marcus, 0, "stars", 5)])
    out = tmp_path / "pairs.jsonl"
    summary = await run_export(db_path, "preference-pairs", out)
    every = jsonl(out)
    lines = [line for line in every if line["basis"] == "stars"]
    assert len(lines) == 1 and summary.rows == len(every) > 1  # other openings pair too
    line = lines[0]
    assert line["chosen_conversation_id"] == marcus and line["rejected_conversation_id"] == jake
    assert line["chosen"] == reply(db_path, marcus, 0)
    assert line["rejected"] == reply(db_path, jake, 0)
    assert (line["chosen_score"], line["rejected_score"]) == (1.0, 0.25)
    assert [m["role"] for m in line["prompt"]] == ["user"]
    assert line["weight"] == 10.0 and line["chosen_bot_id"] == "marcus"


async def test_the_margin_is_respected(shared: tuple[Path, str, str], tmp_path: Path) -> None:
    db_path, jake, marcus = shared
    await rate(db_path, [(jake, 0, "stars", 4), (marcus, 0, "stars", 5)])
    out = tmp_path / "pairs.jsonl"
    await run_export(db_path, "preference-pairs", out, ExportOptions(pair_margin=0.3))
    assert not [line for line in jsonl(out) if line["basis"] == "stars"]
    await run_export(db_path, "preference-pairs", out, ExportOptions(pair_margin=0.25))
    assert [line["basis"] for line in jsonl(out)].count("stars") == 1


async def test_unrated_replies_pair_on_the_heuristic(shared: tuple[Path, str, str],
                                                     tmp_path: Path) -> None:
    db_path, _, _ = shared
    out = tmp_path / "pairs.jsonl"
    await run_export(db_path, "preference-pairs", out,
                     ExportOptions(pair_margin=0.0, system_prompt="Be kind."))
    lines = jsonl(out)
    assert lines and {line["basis"] for line in lines} == {"heuristic"}
    for line in lines:
        assert line["chosen_score"] >= line["rejected_score"]
        assert line["prompt"][0] == {"role": "system", "content": "Be kind."}
        assert line["chosen"] != line["rejected"]


async def test_a_pair_repeated_by_a_rerun_is_written_once(
    tmp_path: Path, shared: tuple[Path, str, str]
) -> None:
    """Both conversations recorded again (a rerun of the same seed): one pair, not two."""
    db_path, jake, marcus = shared
    await rate(db_path, [(jake, 0, "stars", 5), (marcus, 0, "stars", 1)])
    before = await _pairs(db_path, tmp_path / "before.jsonl")
    for original, stars in ((jake, 5), (marcus, 1)):
        copy = f"rerun-of-{original}"
        fields = ("run_id, source, persona_id, persona_hash, bot_id, topic, emotional_state, "
                  "category, parent_id, seed, persona_engine, status, error, turns, "
                  "satisfaction, verdict, started_at, finished_at")
        execute(db_path, f"INSERT INTO conversations (id, {fields}) SELECT ?, {fields} "
                "FROM conversations WHERE id = ?", (copy, original))
        columns = ("idx, user_message, user_emotion, user_intent, bot_reply, error, sent_at, "
                   "latency_ms, ttft_ms, prompt_tokens, completion_tokens, attempts, raw")
        execute(db_path, f"INSERT INTO turns (conversation_id, {columns}) SELECT ?, {columns} "
                "FROM turns WHERE conversation_id = ?", (copy, original))
        await rate(db_path, [(copy, 0, "stars", stars)])
    summary = await run_export(db_path, "preference-pairs", tmp_path / "after.jsonl",
                               ExportOptions())
    after = jsonl(tmp_path / "after.jsonl")
    texts = [(str(p["prompt"]), p["chosen"], p["rejected"]) for p in after]
    assert len(texts) == len(set(texts)) == len(before)
    assert summary.skipped["duplicate pairs"] == 1


async def _pairs(db_path: Path, out: Path) -> list[dict[str, object]]:
    await run_export(db_path, "preference-pairs", out, ExportOptions())
    return jsonl(out)
