"""Dataset checks on real exports of a recorded run, and on copies broken one way each."""

from __future__ import annotations

import asyncio
import json
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bridge.config import demo_bots_file
from simulator.errors import ConfigError
from simulator.persona import builtin_personas
from simulator.plan import RunPlan
from storage.exchange.checks.dataset import DatasetUnreadable
from storage.exchange.checks.results import CheckResult, Report
from storage.exchange.checks.settings import (
    Thresholds,
    parse_promoted,
    parse_target_distribution,
)
from storage.exchange.checks.validate import validate
from storage.exchange.export import ExportOptions
from storage.exchange.formats import Format
from tests.test_storage.exchange_support import jsonl, recorded_copy, run_export
from tui.session import execute_run

SINGLE: dict[Format, str] = {
    "openai-chat": "chat.jsonl", "sharegpt": "share.jsonl", "preference-pairs": "pairs.jsonl",
    "turns-csv": "turns.csv", "messages-csv": "messages.csv", "turns-parquet": "turns.parquet",
}
SPLIT = (0.6, 0.2, 0.2)
PAIRS = Thresholds(min_samples=5)
"""The recorded run yields a handful of preference pairs, fewer than seed 002's 10."""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format exported once from the recorded run, plus two split exports."""
    folder = tmp_path_factory.mktemp("exports")
    db = recorded_copy(folder, folder)
    for format, name in SINGLE.items():
        asyncio.run(run_export(db, format, folder / name))
    for format, name in (("turns-parquet", "split.parquet"), ("sharegpt", "split.jsonl")):
        asyncio.run(run_export(db, format, folder / name, ExportOptions(split=SPLIT, seed=1)))
    return folder


def copy(exports: Path, tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(exports / name, tmp_path / name)
    return tmp_path / names[0]


def check(report: Report, name: str) -> CheckResult:
    return next(c for c in report.checks if c.name == name)


def status(report: Report, name: str) -> str:
    return check(report, name).status


def rewrite_jsonl(path: Path, change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
                  ) -> None:
    lines = change(jsonl(path))
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def rewrite_parquet(path: Path,
                    change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]) -> None:
    table = pq.read_table(path)
    pq.write_table(pa.Table.from_pylist(change(table.to_pylist()), schema=table.schema), path)


# --- real exports pass ---------------------------------------------------------------------

@pytest.mark.parametrize("format", list(SINGLE))
def test_every_real_export_passes(exports: Path, format: Format) -> None:
    report = validate(exports / SINGLE[format],
                      PAIRS if format == "preference-pairs" else None)
    assert report.format == format
    assert report.passed, [c for c in report.checks if c.status == "fail"]
    for name in ("format", "duplicates"):
        assert status(report, name) in ("pass", "warn")
    assert check(report, "format").details["invalid"] == 0
    assert status(report, "split-leakage") == "skip"
    assert "not a split export" in check(report, "split-leakage").finding


def test_checks_that_do_not_apply_say_why(exports: Path) -> None:
    chat = validate(exports / SINGLE["openai-chat"])
    assert check(chat, "class-diversity").finding == "openai-chat lines carry no lineage"
    assert "carries no score" in check(chat, "score-variance").finding
    assert status(chat, "non-finite") == "skip"
    turns = validate(exports / SINGLE["turns-parquet"])
    assert check(turns, "distribution").finding.startswith("no --target-distribution given")
    assert "turn quality" in check(turns, "score-variance").finding
    assert status(turns, "score-variance") in ("pass", "warn")


@pytest.mark.parametrize("name", ["split.parquet", "split.jsonl"])
def test_a_real_split_export_is_checked_across_its_files(exports: Path, name: str) -> None:
    report = validate(exports / name)
    assert report.passed
    assert [f.split for f in report.files] == ["train", "val", "test"]
    assert all(f.samples > 0 for f in report.files)
    assert status(report, "split-leakage") == "pass"
    assert status(report, "stratification") == "pass"
    assert "2 personas over 3 splits" in check(report, "stratification").finding


def test_a_folder_with_one_split_export_is_that_export(exports: Path, tmp_path: Path) -> None:
    for split in ("train", "val", "test"):
        copy(exports, tmp_path, f"split.{split}.parquet")
    report = validate(tmp_path)
    assert [f.path.name for f in report.files] == [
        "split.train.parquet", "split.val.parquet", "split.test.parquet"]


def test_one_split_file_alone_skips_leakage_and_says_how(exports: Path) -> None:
    report = validate(exports / "split.val.parquet")
    assert report.files[0].split == "val"
    assert "pass the export's --out path" in check(report, "split-leakage").finding


# --- broken copies fail ---------------------------------------------------------------------

def test_broken_alternation_fails_format_with_the_line(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["openai-chat"])

    def swap(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        messages = lines[2]["messages"]
        messages[0], messages[1] = messages[1], messages[0]
        return lines
    rewrite_jsonl(path, swap)
    report = validate(path)
    assert not report.passed and status(report, "format") == "fail"
    assert check(report, "format").finding == (
        f"1 of 12 conversations invalid; first: {path.name}:3: messages[0].role = "
        "'assistant'; expected user (user and assistant must alternate, starting with user)")


def test_empty_content_and_extra_keys_fail_format(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["openai-chat"])

    def spoil(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lines[0]["messages"][1]["content"] = "  "
        lines[1]["weight"] = 3
        return lines
    rewrite_jsonl(path, spoil)
    found = check(validate(path), "format")
    assert found.details["invalid"] == 2
    assert found.details["problems"] == [
        f"{path.name}:1: messages[1].content is empty; expected a non-empty string",
        f"{path.name}:2: not exactly {{\"messages\": [...]}}; expected OpenAI fine-tuning chat"]


def test_a_line_that_is_not_json_fails_format(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"conversations": [\n')
    found = check(validate(path), "format")
    assert found.status == "fail"
    assert found.finding.startswith(f"1 of 13 conversations invalid; first: {path.name}:13: "
                                    "not valid JSON")


def test_dropped_classes_fail_class_diversity(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["turns-parquet"])
    rewrite_parquet(path, lambda rows: [r for r in rows if r["persona_id"] == "casual_casey"])
    report = validate(path)
    assert status(report, "class-diversity") == "fail"
    assert "fewer than 2 classes: persona_id" in check(report, "class-diversity").finding
    assert validate(path, Thresholds(min_classes=1)).passed


def test_a_rare_class_warns(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    report = validate(path, Thresholds(min_class_share=0.6))
    assert status(report, "class-diversity") == "warn"
    assert "below 60.0%: persona_id" in check(report, "class-diversity").finding


def test_constant_scores_fail_score_variance(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: [{**line, "score": 0.5} for line in lines])
    report = validate(path)
    assert status(report, "score-variance") == "fail"
    assert check(report, "score-variance").finding == (
        "all 12 score values are 0.5; expected at least two distinct values")


def test_near_constant_scores_fail_below_the_minimum_spread(exports: Path,
                                                            tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: [{**line, "score": 0.5 + 0.01 * (i % 2)}
                                       for i, line in enumerate(lines)])
    assert status(validate(path), "score-variance") == "fail"
    assert status(validate(path, Thresholds(min_score_std=0.001)), "score-variance") == "warn"


def test_nan_and_infinity_fail_non_finite(exports: Path, tmp_path: Path) -> None:
    parquet = copy(exports, tmp_path, SINGLE["turns-parquet"])

    def spoil(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rows[3]["m.relevance"] = math.nan
        rows[4]["latency_ms"] = math.inf
        return rows
    rewrite_parquet(parquet, spoil)
    report = validate(parquet)
    found = check(report, "non-finite")
    assert found.status == "fail" and found.details["fields"] == {"m.relevance": 1,
                                                                 "latency_ms": 1}
    assert found.finding.endswith(f"first: {parquet.name} row 4 m.relevance")
    assert status(report, "format") == "pass"  # counted once, here


def test_nan_in_csv_and_jsonl_fails_non_finite(exports: Path, tmp_path: Path) -> None:
    csv_path = copy(exports, tmp_path, SINGLE["turns-csv"])
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[1].rstrip("\n").split(",")
    column = header.index("m.relevance") - len(header)  # from the end: texts hold commas
    cells[column] = "nan"
    lines[1] = ",".join(cells) + "\n"
    csv_path.write_text("".join(lines), encoding="utf-8")
    assert check(validate(csv_path), "non-finite").details["fields"] == {"m.relevance": 1}
    share = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(share, lambda lines: [{**line, "weight": math.inf} if i == 0 else line
                                        for i, line in enumerate(lines)])
    assert check(validate(share), "non-finite").details["fields"] == {"weight": 1}


def test_duplicated_lines_and_rows_fail_duplicates(exports: Path, tmp_path: Path) -> None:
    chat = copy(exports, tmp_path, SINGLE["openai-chat"])
    rewrite_jsonl(chat, lambda lines: [*lines, lines[4]])
    found = check(validate(chat), "duplicates")
    assert found.status == "fail"
    assert found.finding == (f"1 of 13 conversations repeat an earlier one (1 same content, "
                             f"0 same id); first: {chat.name}:13 repeats the content of an "
                             "earlier one")
    turns = copy(exports, tmp_path, SINGLE["turns-csv"])
    lines = turns.read_text(encoding="utf-8").splitlines(keepends=True)
    turns.write_text("".join([*lines, lines[2]]), encoding="utf-8")
    found = check(validate(turns), "duplicates")
    assert found.status == "fail" and found.details == {"same_content": 1, "same_id": 1}
    assert "repeats conversation " in found.finding


def test_a_reused_conversation_id_fails_duplicates(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: [
        {**line, "id": lines[0]["id"], "conversation_id": lines[0]["id"]} if i == 5 else line
        for i, line in enumerate(lines)])
    found = check(validate(path), "duplicates")
    assert found.status == "fail" and found.details == {"same_content": 0, "same_id": 1}


def test_a_conversation_leaked_across_splits_fails(exports: Path, tmp_path: Path) -> None:
    names = [f"split.{s}.parquet" for s in ("train", "val", "test")]
    copy(exports, tmp_path, *names)
    leaked = pq.read_table(tmp_path / names[0]).to_pylist()[0]
    rewrite_parquet(tmp_path / names[2], lambda rows: [*rows, {**leaked, "split": "test"}])
    report = validate(tmp_path / "split.parquet")
    found = check(report, "split-leakage")
    assert not report.passed and found.status == "fail"
    assert found.details == {"conversations": 1, "contents": 1}
    assert found.finding.endswith(f"first: split.test.parquet row "
                                  f"{report.files[2].samples}: conversation "
                                  f"{leaked['conversation_id']} is also in train")


def test_a_row_filed_under_another_split_is_invalid(exports: Path, tmp_path: Path) -> None:
    names = [f"split.{s}.parquet" for s in ("train", "val", "test")]
    copy(exports, tmp_path, *names)
    rewrite_parquet(tmp_path / names[1],
                    lambda rows: [{**rows[0], "split": "train"}, *rows[1:]])
    found = check(validate(tmp_path / "split.parquet"), "format")
    assert found.finding.endswith("split.val.parquet row 1: split = 'train'; expected 'val' "
                                  "as in the file name")


def test_shared_prompts_across_splits_warn_and_fail_when_required(exports: Path,
                                                                  tmp_path: Path) -> None:
    names = [f"split.{s}.jsonl" for s in ("train", "val", "test")]
    copy(exports, tmp_path, *names)
    opening = jsonl(tmp_path / names[0])[0]["conversations"][0]["value"]

    def reuse(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for line in lines:
            line["conversations"][0]["value"] = opening
        return lines
    rewrite_jsonl(tmp_path / names[1], reuse)
    out = tmp_path / "split.jsonl"
    report = validate(out)
    found = check(report, "prompt-leakage")
    assert found.status == "warn" and report.passed
    val = report.files[1].samples
    assert f"val {val} of {val} (100.0%)" in found.finding
    strict = validate(out, Thresholds(promoted=parse_promoted(("prompt-leakage",))))
    assert not strict.passed and status(strict, "prompt-leakage") == "fail"


def test_a_split_missing_a_persona_is_not_stratified(tmp_path: Path) -> None:
    """A one-bot run (every conversation its own group) split and exported, then
    casual_casey moved out of val and test into train."""
    db = tmp_path / "one_bot.db"
    plan = RunPlan(("casual_casey", "analytical_alex"), ("jake",), conversations=15,
                   min_turns=2, max_turns=3, concurrency=8, seed=4)
    asyncio.run(execute_run(plan, builtin_personas(), demo_bots_file(), db,
                            handle_signals=False))
    asyncio.run(run_export(db, "sharegpt", tmp_path / "split.jsonl",
                           ExportOptions(split=SPLIT, seed=1)))
    assert status(validate(tmp_path / "split.jsonl"), "stratification") == "pass"
    names = [f"split.{s}.jsonl" for s in ("train", "val", "test")]
    moved: list[dict[str, Any]] = []

    def move_casey(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        moved.extend(line for line in lines if line["persona_id"] == "casual_casey")
        return [line for line in lines if line["persona_id"] != "casual_casey"]
    rewrite_jsonl(tmp_path / names[1], move_casey)
    rewrite_jsonl(tmp_path / names[2], move_casey)
    rewrite_jsonl(tmp_path / names[0],
                  lambda lines: [*lines, *({**line, "split": "train"} for line in moved)])
    found = check(validate(tmp_path / "split.jsonl"), "stratification")
    assert found.status == "warn" and found.details["off"] >= 2
    assert "widest: casual_casey has 15 conversations in train" in found.finding


def test_skewed_tiers_warn_and_fail_when_required(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: [{**line, "score": 0.7 + 0.025 * i}
                                       for i, line in enumerate(lines)])
    report = validate(path)
    found = check(report, "score-tiers")
    assert found.status == "warn" and report.passed
    assert found.finding == ("low 0.0% / medium 0.0% / high 100.0% (target 25/50/25 ± 10%); "
                             "off target: low, medium, high")
    strict = validate(path, Thresholds(promoted=frozenset({"all"})))
    assert status(strict, "score-tiers") == "fail"


def test_balanced_tiers_pass(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    scores = [0.1, 0.2, 0.3, 0.5, 0.5, 0.5, 0.6, 0.6, 0.6, 0.8, 0.9, 1.0]
    rewrite_jsonl(path, lambda lines: [{**line, "score": s}
                                       for line, s in zip(lines, scores, strict=True)])
    report = validate(path)
    assert status(report, "score-tiers") == "pass"
    assert status(report, "score-variance") == "pass"


def test_scores_outside_0_1_skip_the_tiers(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["turns-parquet"])
    found = check(validate(path, Thresholds(score="latency_ms")), "score-tiers")
    assert found.status == "skip" and "outside 0..1" in found.finding


def categorised(exports: Path, tmp_path: Path) -> Path:
    """The sharegpt export with 9 of 12 conversations `technical`, 3 `creative`."""
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: [
        {**line, "category": "technical" if i < 9 else "creative"}
        for i, line in enumerate(lines)])
    return path


def test_a_distribution_off_target_fails(exports: Path, tmp_path: Path) -> None:
    path = categorised(exports, tmp_path)
    target = parse_target_distribution("technical=0.5,creative=0.5")
    found = check(validate(path, Thresholds(target_distribution=target)), "distribution")
    assert found.status == "fail"
    assert found.finding == ("2 of 2 category shares off by more than 5%: creative 25.0% "
                             "(target 50.0%), technical 75.0% (target 50.0%)")


def test_a_distribution_on_target_passes_from_a_yaml_file(exports: Path,
                                                          tmp_path: Path) -> None:
    path = categorised(exports, tmp_path)
    target_file = tmp_path / "target.yaml"
    target_file.write_text("technical: 0.75\ncreative: 0.25\n", encoding="utf-8")
    target = parse_target_distribution(str(target_file))
    report = validate(path, Thresholds(target_distribution=target))
    assert status(report, "distribution") == "pass" and report.passed


def test_a_target_for_a_label_no_sample_has_fails(exports: Path) -> None:
    target = parse_target_distribution("technical=1")
    found = check(validate(exports / SINGLE["turns-parquet"],
                           Thresholds(target_distribution=target)), "distribution")
    assert found.status == "fail"
    assert found.finding == "no sample has a category; expected technical"


def test_other_labels_can_carry_the_distribution(exports: Path) -> None:
    target = parse_target_distribution("jake=0.5,marcus=0.5")
    report = validate(exports / SINGLE["sharegpt"],
                      Thresholds(target_distribution=target, distribution_field="bot_id"))
    assert status(report, "distribution") == "pass"


def test_too_few_samples_fail(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["sharegpt"])
    rewrite_jsonl(path, lambda lines: lines[:4])
    found = check(validate(path), "sample-count")
    assert found.status == "fail"
    assert found.finding == "4 conversations (>= 10 required; 1,000+ recommended)"


def test_bad_preference_pairs_fail_format(exports: Path, tmp_path: Path) -> None:
    path = copy(exports, tmp_path, SINGLE["preference-pairs"])

    def spoil(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lines[0]["rejected"] = lines[0]["chosen"]
        lines[1]["chosen_score"], lines[1]["rejected_score"] = 0.1, 0.9
        lines[2]["prompt"] = [*lines[2]["prompt"], {"role": "assistant", "content": "hi"}]
        return lines
    rewrite_jsonl(path, spoil)
    problems = check(validate(path, PAIRS), "format").details["problems"]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "chosen and rejected are the same reply; expected two different replies",
        "chosen_score = 0.1 is below rejected_score = 0.9; expected the chosen reply to "
        "score higher",
        f"prompt[{len(jsonl(path)[2]['prompt']) - 1}].role = 'assistant'; expected user (the "
        "prompt ends with the message both replies answer)"]


def test_a_repeated_header_column_warns(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    rows = [f"hello {i},general,1.0,0,c{i},general,p{i % 2},b{i % 2}" for i in range(12)]
    path.write_text("message,category,confidence,turn_idx,conversation_id,category,persona_id,"
                    "bot_id\n" + "\n".join(rows) + "\n", encoding="utf-8")
    found = check(validate(path), "format")
    assert found.status == "warn"
    assert found.finding == ("all 12 rows valid messages-csv; m.csv: the header repeats "
                             "column 'category'")


# --- unreadable input and bad settings ------------------------------------------------------

def test_unreadable_input_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(DatasetUnreadable, match="no such file, nor split files beside it"):
        validate(tmp_path / "missing.jsonl")
    text = tmp_path / "notes.txt"
    text.write_text("hello\n", encoding="utf-8")
    with pytest.raises(DatasetUnreadable, match=r"cannot tell the format from the extension"):
        validate(text)
    binary = tmp_path / "data.jsonl"
    binary.write_bytes(b'{"messages": []}\n{"messages": "\xff"}\n')
    with pytest.raises(DatasetUnreadable,
                       match=r"data.jsonl:2: byte 0xff at column 15 is not UTF-8"):
        validate(binary)
    columns = tmp_path / "t.csv"
    columns.write_text("conversation_id,turn_idx,bot_reply\n", encoding="utf-8")
    with pytest.raises(DatasetUnreadable, match=r"t.csv:1: column 'user_message' is missing"):
        validate(columns)
    fake = tmp_path / "t.parquet"
    fake.write_text("not parquet", encoding="utf-8")
    with pytest.raises(DatasetUnreadable, match=r"t.parquet: not a readable Parquet file"):
        validate(fake)
    keys = tmp_path / "other.jsonl"
    keys.write_text('{"text": "hi"}\n', encoding="utf-8")
    with pytest.raises(DatasetUnreadable, match=r"other.jsonl:1: none of `messages`"):
        validate(keys)


def test_an_unknown_score_column_is_a_config_error(exports: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--score = 'quality'; turns.parquet has no such"):
        validate(exports / SINGLE["turns-parquet"], Thresholds(score="quality"))


@pytest.mark.parametrize("text", ["technical=0.5", "technical", "technical=x,creative=0.5",
                                  "technical=1.5,creative=-0.5", ""])
def test_bad_target_distributions_name_the_flag(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^--target-distribution = .*expected NAME=SHARE"):
        parse_target_distribution(text)


def test_a_bad_target_file_is_named(tmp_path: Path) -> None:
    target = tmp_path / "t.yaml"
    target.write_text("- technical\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^--target-distribution {target}; expected"):
        parse_target_distribution(str(target))


def test_only_advisory_checks_can_be_required() -> None:
    with pytest.raises(ConfigError, match=r"^--require = 'format'; expected all or an advisory"):
        parse_promoted(("format",))
