"""`sparring import` on generated files: every line is imported or named in a one-line problem,
and the file as a whole imports or fails with a one-line SparringError; nothing else escapes."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from simulator.errors import SparringError
from simulator.persona import builtin_personas
from storage.database import Database
from storage.exchange.formats import LINEAGE_FIELDS
from storage.exchange.importer import ImportOptions, ImportRejected, import_file
from tests.test_fuzz.support import (
    FUZZ,
    TEXT,
    mutated,
    one_line,
    values,
    with_fields,
)

DATA = Path(__file__).parents[1] / "data" / "import"
CHAT: dict[str, Any] = json.loads((DATA / "chat.jsonl").read_text("utf-8").splitlines()[1])
SHAREGPT: dict[str, Any] = {
    **json.loads((DATA / "sharegpt.jsonl").read_text("utf-8").splitlines()[0]),
    "ratings": {"0": {"thumb": 1, "stars": 4, "flagged": False, "note": "ok", "rater": "ann"}},
    "score": 0.8, "seed": 7,
}
with (DATA / "turns.csv").open(encoding="utf-8", newline="") as handle:
    CSV_ROWS = list(csv.reader(handle))
PERSONAS = builtin_personas()


class Importer:
    """One database and one event loop for every example: opening one per example is slow."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.runner = asyncio.Runner()
        self.db = Database(folder / "fuzz.db")
        self.runner.run(self.db.open())

    def run(self, name: str, content: bytes, skip_bad: bool, bot: str | None) -> None:
        path = self.folder / name
        path.write_bytes(content)
        options = ImportOptions(skip_bad=skip_bad, bot_id=bot, personas=PERSONAS)
        try:
            report = self.runner.run(import_file(self.db, path, options))
        except ImportRejected as exc:  # bad lines: the report lists them, nothing is written
            one_line(str(exc))
            report = exc.report
            assert report.problems and report.conversations == 0
        except SparringError as exc:  # the file as a whole: unreadable, unknown format
            one_line(str(exc))
            return
        for line in report.rendered_problems(limit=len(report.problems)):
            one_line(line)

    def close(self) -> None:
        self.runner.run(self.db.close())
        self.runner.close()


@pytest.fixture(scope="module")
def importer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Importer]:
    importer = Importer(tmp_path_factory.mktemp("import"))
    yield importer
    importer.close()


def _encode(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def jsonl(base: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """Lines near a valid record, other JSON values, and text that is not JSON."""
    names = sorted({*base, *LINEAGE_FIELDS, "id", "ratings", "score"})
    line = st.one_of(
        mutated(base).map(lambda record: json.dumps(record, ensure_ascii=False)),
        with_fields(base, names).map(json.dumps),
        mutated(base).map(json.dumps),
        values().map(json.dumps), TEXT, st.just(json.dumps(base)),
    )
    return st.one_of(st.lists(line, max_size=4).map(_encode), st.binary(max_size=40))


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@st.composite
def csv_rows(draw: st.DrawFn) -> list[list[str]]:
    header = list(CSV_ROWS[0])
    if draw(st.integers(0, 5)) == 0:
        header = draw(mutated(header).filter(lambda h: isinstance(h, list)).map(
            lambda h: [str(cell) for cell in h]))
    rows = [header]
    for _ in range(draw(st.integers(0, 4))):
        row = list(draw(st.sampled_from(CSV_ROWS[1:])))
        for _ in range(draw(st.integers(0, 3))):
            index = draw(st.integers(0, max(0, len(row) - 1)))
            cell = draw(st.one_of(TEXT, SCALARS_AS_TEXT))
            if row and draw(st.booleans()):
                row[index] = cell
            else:
                row.insert(index, cell)
        rows.append(row)
    return rows


SCALARS_AS_TEXT = st.one_of(st.integers(-(2**80), 2**80), st.floats()).map(str)
CSV_FILES = st.one_of(csv_rows().map(lambda rows: _csv_text(rows).encode("utf-8",
                                                                         "surrogatepass")),
                      st.text().map(lambda text: text.encode("utf-8", "surrogatepass")),
                      st.binary(max_size=40))


@FUZZ
@given(content=jsonl(CHAT), skip_bad=st.booleans(), bot=st.sampled_from(["support", None]))
@example(content=b"\x80", skip_bad=False, bot="support")  # was UnicodeDecodeError (detection)
@example(content=b"1" * 5000, skip_bad=True, bot="support")  # was ValueError (int digits limit)
@example(content=b"[" * 100_000, skip_bad=True, bot="support")  # was RecursionError
@example(content=json.dumps({"messages": [{"role": "user", "content": "\ud800"}, {
    "role": "assistant", "content": "x"}]}).encode(), skip_bad=True, bot="support"
)  # was UnicodeEncodeError writing a lone surrogate to SQLite
def test_openai_chat_files(importer: Importer, content: bytes, skip_bad: bool,
                           bot: str | None) -> None:
    importer.run("chat.jsonl", content, skip_bad, bot)


@FUZZ
@given(content=jsonl(SHAREGPT), skip_bad=st.booleans(), bot=st.sampled_from(["support", None]))
@example(content=json.dumps({**SHAREGPT, "seed": 2**70}).encode(), skip_bad=False, bot=None
         )  # was OverflowError: Python int too large to convert to SQLite INTEGER
@example(content=json.dumps({**SHAREGPT, "topic": "\udfff"}).encode(), skip_bad=False, bot=None
         )  # was UnicodeEncodeError in the lineage
def test_sharegpt_files(importer: Importer, content: bytes, skip_bad: bool,
                        bot: str | None) -> None:
    importer.run("share.jsonl", content, skip_bad, bot)


@FUZZ
@given(content=CSV_FILES, skip_bad=st.booleans())
@example(content=_csv_text([CSV_ROWS[0], [*CSV_ROWS[1][:1], "9" * 25, *CSV_ROWS[1][2:]]]).encode(),
         skip_bad=False)  # was OverflowError: turn_idx too large for SQLite
def test_turns_csv_files(importer: Importer, content: bytes, skip_bad: bool) -> None:
    importer.run("turns.csv", content, skip_bad, "support")
