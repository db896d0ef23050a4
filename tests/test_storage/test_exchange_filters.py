"""Export filters and weights: each one narrows as documented."""

from __future__ import annotations

from pathlib import Path

from storage.database import Database
from storage.exchange.export import ExportOptions
from storage.exchange.records import ExportFilter
from storage.exchange.weights import parse_weights
from storage.ratings import RatingStore
from tests.test_storage.exchange_support import (
    csv_rows,
    execute,
    jsonl,
    query,
    run_export,
)


async def rate(recorded_db: Path, ratings: list[tuple[str, int, str, float | None]]) -> None:
    async with Database(recorded_db) as db:
        store = RatingStore(db, rater="ana")
        for conversation_id, idx, kind, value in ratings:
            await store.set(conversation_id, idx, kind, value)  # type: ignore[arg-type]


def conversation_ids(recorded_db: Path) -> list[str]:
    return [r[0] for r in query(recorded_db,
                                "SELECT id FROM conversations ORDER BY started_at, id")]


async def share_ids(recorded_db: Path, out: Path, where: ExportFilter) -> set[str]:
    await run_export(recorded_db, "sharegpt", out, ExportOptions(where))
    return {line["id"] for line in jsonl(out)}


async def turn_keys(recorded_db: Path, out: Path, where: ExportFilter) -> set[tuple[str, int]]:
    await run_export(recorded_db, "turns-csv", out, ExportOptions(where))
    return {(r["conversation_id"], int(r["turn_idx"])) for r in csv_rows(out)[1]}


async def test_flagged_turns_are_out_by_default_and_in_with_the_flag(
        recorded_db: Path, tmp_path: Path) -> None:
    first, second = conversation_ids(recorded_db)[:2]
    await rate(recorded_db, [(first, 0, "flag", None)])
    out = tmp_path / "x"
    assert first not in await share_ids(recorded_db, out, ExportFilter())
    assert {first, second} <= await share_ids(recorded_db, out,
                                              ExportFilter(include_flagged=True))
    turns = await turn_keys(recorded_db, out, ExportFilter())
    assert (first, 0) not in turns and (first, 1) in turns
    assert (first, 0) in await turn_keys(recorded_db, out, ExportFilter(include_flagged=True))


async def test_min_rating_keeps_conversations_whose_every_rating_is_high(
        recorded_db: Path, tmp_path: Path) -> None:
    good, low, _ = conversation_ids(recorded_db)[:3]
    await rate(recorded_db, [(good, 0, "stars", 5), (good, 1, "stars", 4), (low, 0, "stars", 5),
                         (low, 1, "stars", 2)])
    out = tmp_path / "x"
    assert await share_ids(recorded_db, out, ExportFilter(min_rating=4)) == {good}
    assert await share_ids(recorded_db, out, ExportFilter(min_rating=2)) == {good, low}


async def test_human_validated_keeps_turns_of_four_stars_and_up(recorded_db: Path,
                                                                tmp_path: Path) -> None:
    good, mixed = conversation_ids(recorded_db)[:2]
    await rate(recorded_db, [(good, 0, "stars", 4), (mixed, 0, "stars", 5), (mixed, 1, "stars", 3)])
    out = tmp_path / "x"
    assert await turn_keys(recorded_db, out, ExportFilter(human_validated=True)) == {(good, 0),
                                                                                (mixed, 0)}
    assert await share_ids(recorded_db, out, ExportFilter(human_validated=True)) == {good}


async def test_min_score_uses_the_judge_score_when_there_is_one(recorded_db: Path,
                                                                tmp_path: Path) -> None:
    ids = conversation_ids(recorded_db)
    scores = dict(query(recorded_db, "SELECT conversation_id, value FROM metrics "
                        "WHERE turn_idx = -1 AND name = 'conversation_quality'"))
    threshold = sorted(scores.values())[len(scores) // 2]
    out = tmp_path / "x"
    expected = {i for i in ids if scores[i] >= threshold}
    assert await share_ids(recorded_db, out, ExportFilter(min_score=threshold)) == expected
    judged = min(ids, key=lambda i: scores[i])
    execute(recorded_db, "INSERT INTO metrics VALUES (?, 0, 'reply_quality.overall', 'judge', "
            "0.95, NULL)", (judged,))
    assert judged in await share_ids(recorded_db, out, ExportFilter(min_score=threshold))


async def test_persona_bot_source_run_and_dates_narrow(recorded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x"
    rows = query(recorded_db, "SELECT id, persona_id, bot_id, run_id, started_at "
                 "FROM conversations ORDER BY started_at")
    every = {r[0] for r in rows}
    assert await share_ids(recorded_db, out, ExportFilter()) == every
    assert await share_ids(recorded_db, out, ExportFilter(persona_ids=("casual_casey",))) == {
        r[0] for r in rows if r[1] == "casual_casey"}
    assert await share_ids(recorded_db, out, ExportFilter(bot_ids=("jake",))) == {
        r[0] for r in rows if r[2] == "jake"}
    assert await share_ids(recorded_db, out, ExportFilter(run_ids=(rows[0][3],))) == every
    assert await share_ids(recorded_db, out, ExportFilter(run_ids=("nope",))) == set()
    execute(recorded_db, "UPDATE conversations SET source = 'real' WHERE id = ?", (rows[0][0],))
    assert await share_ids(recorded_db, out, ExportFilter(sources=("real",))) == {rows[0][0]}
    execute(recorded_db, "UPDATE conversations SET started_at = '2020-01-01T10:00:00+00:00' "
            "WHERE id = ?", (rows[1][0],))
    old = await share_ids(recorded_db, out, ExportFilter(until="2020-01-02T00:00:00+00:00"))
    assert old == {rows[1][0]}
    new = await share_ids(recorded_db, out, ExportFilter(since="2020-01-02T00:00:00+00:00"))
    assert new == every - {rows[1][0]}


async def test_only_completed_conversations_unless_asked(recorded_db: Path, tmp_path: Path) -> None:
    first = conversation_ids(recorded_db)[0]
    execute(recorded_db, "UPDATE conversations SET status = 'failed' WHERE id = ?", (first,))
    out = tmp_path / "x"
    assert first not in await share_ids(recorded_db, out, ExportFilter())
    assert await share_ids(recorded_db, out, ExportFilter(statuses=("failed",))) == {first}


async def test_weights_follow_the_source(recorded_db: Path, tmp_path: Path) -> None:
    first, second = conversation_ids(recorded_db)[:2]
    execute(recorded_db, "UPDATE conversations SET source = 'real' WHERE id = ?", (first,))
    execute(recorded_db, "UPDATE conversations SET source = 'augmented' WHERE id = ?", (second,))
    out = tmp_path / "t.csv"
    weights = parse_weights("synthetic=2,real=50")
    assert weights == {"real": 50.0, "human": 100.0, "augmented": 10.0, "synthetic": 2.0}
    summary = await run_export(recorded_db, "turns-csv", out, ExportOptions(weights=weights))
    found = {(r["source"], r["weight"]) for r in csv_rows(out)[1]}
    assert found == {("real", "50.0"), ("augmented", "10.0"), ("synthetic", "2.0")}
    assert summary.weights == weights
    await run_export(recorded_db, "sharegpt", out)
    by_id = {line["id"]: line["weight"] for line in jsonl(out)}
    assert by_id[first] == 100.0 and by_id[second] == 10.0
