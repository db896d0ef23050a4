"""`sparring report`: one self-contained HTML file, checked in headless Chromium (Debian's
chromium driven by playwright, see `browser_support`)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.test_tui.browser_support import (
    changed_share,
    chromium_page,
    pixel_spread,
    require_browser,
)
from tests.test_tui.test_cli import FAST_DEMO, query, sparring

DRAWN = 12  # grey-level spread of a screenshot (0 is blank); see the figures in the test


def _rated_and_judged_run(tmp_path: Path) -> Path:
    """A recorded run whose first bot turns carry a judge score and a human star rating."""
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    done = sparring("run", "-n", "3", "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    turns = query(db, "SELECT conversation_id, idx FROM turns WHERE bot_reply IS NOT NULL "
                  "ORDER BY conversation_id, idx LIMIT 12")
    with sqlite3.connect(db) as conn:
        for n, (conversation, idx) in enumerate(turns):
            conn.execute("INSERT INTO metrics VALUES (?, ?, 'reply_quality.overall', 'judge', ?, "
                         "NULL)", (conversation, idx, n / 12))
            conn.execute("INSERT INTO ratings VALUES (?, ?, ?, 'ann', 'stars', ?, NULL, "
                         "'2026-01-01T00:00:00+00:00')",
                         (str(uuid.uuid4()), conversation, idx, 1 + n % 5))
        conn.execute("INSERT INTO ratings VALUES (?, ?, ?, 'ann', 'thumb', 1, NULL, "
                     "'2026-01-01T00:00:00+00:00')", (str(uuid.uuid4()), *turns[0]))
    return db


def test_the_report_is_one_self_contained_file_with_every_chart(tmp_path: Path) -> None:
    db = _rated_and_judged_run(tmp_path)
    out = tmp_path / "reports" / "run.html"
    done = sparring("report", "--db", str(db), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"report written to {out}" in " ".join(done.stdout.split())
    page = out.read_text()
    assert page.count("<svg") == 4  # quality, latency, ratings, agreement
    for heading in ("Quality per persona x bot", "Latency over the run", "Ratings",
                    "Judge and human agreement", "Spearman&#x27;s rank correlation"):
        assert heading in page
    assert "<script" not in page and 'src="http' not in page and "<link" not in page
    run_id = query(db, "SELECT id FROM runs")[0][0]
    assert run_id in page

    default = sparring("report", run_id[:8], "--db", str(db), cwd=tmp_path)
    assert default.returncode == 0
    assert (tmp_path / f"sparring-report-{run_id[:8]}.html").exists()


def test_a_run_without_ratings_says_so_instead_of_drawing_nothing(tmp_path: Path) -> None:
    (tmp_path / "bots.yaml").write_text(FAST_DEMO)
    db = tmp_path / "s.db"
    assert sparring("run", "-n", "1", "--db", str(db), cwd=tmp_path).returncode == 0
    done = sparring("report", "--db", str(db), "-o", "r.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "r.html").read_text()
    assert page.count("<svg") == 2
    assert "No ratings yet" in page and "this run has 0." in page
    missing = sparring("report", "nope", "--db", str(db), cwd=tmp_path)
    assert missing.returncode == 2 and "matches no run" in missing.stderr


# What each chart draws, read from the page's DOM. matplotlib names its SVG groups after the
# artists; the data are the axes' own children (a scatter's points are `use`s in a
# PathCollection, box plots and curves are line2d, bars are patches beside the axes'
# background and its four spines); ticks, grid and legend sit deeper.
DATA = ('g[id^="axes_"] > g[id^="PathCollection"], g[id^="axes_"] > g[id^="line2d"], '
        'g[id^="axes_"] > g[id^="patch_"]:not(:first-of-type)')
MARKS_JS = """() => [...document.querySelectorAll("figure svg")].map(svg => {
  const box = svg.getBoundingClientRect();
  const axes = 'g[id^="axes_"] > ';
  const labels = [...svg.querySelectorAll(axes + 'g[id^="text_"] text')].map(t => t.textContent);
  return {width: box.width, height: box.height,
          points: svg.querySelectorAll(axes + 'g[id^="PathCollection"] use').length,
          lines: svg.querySelectorAll(axes + 'g[id^="line2d"]').length,
          bars: svg.querySelectorAll(axes + 'g[id^="patch_"]').length - 5, labels};
})"""
SHOW_DATA_JS = """([svg, data, shown]) => {
  const patches = [...svg.querySelectorAll('g[id^="axes_"] > g[id^="patch_"]')];
  const spines = patches.slice(-4);
  for (const mark of svg.querySelectorAll(data)) {
    if (!spines.includes(mark)) mark.style.visibility = shown ? "" : "hidden";
  }
}"""


@pytest.fixture
def browser() -> None:
    """Before the report is built: skip at once (fail in CI) without a browser to view it."""
    require_browser()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    db = _rated_and_judged_run(tmp_path)
    out = tmp_path / "run.html"
    assert sparring("report", "--db", str(db), "-o", str(out), cwd=tmp_path).returncode == 0
    return out


async def test_the_report_renders_every_chart_in_headless_chromium(
    browser: None, report: Path, tmp_path: Path
) -> None:
    async with chromium_page(tmp_path / "profile", width=1100, height=900) as page:
        await page.goto(report.as_uri())
        charts = await page.evaluate(MARKS_JS)
        assert len(charts) == 4  # quality, latency, ratings, agreement
        for chart in charts:
            assert chart["width"] > 300 and chart["height"] > 150, chart
        quality, latency, ratings, agreement = charts
        assert quality["points"] == 8 and quality["lines"] > 0  # 4 personas x 2 bots: means, boxes
        assert latency["points"] >= 12 and latency["lines"] > 0  # every turn, the median
        assert ratings["bars"] == 8  # thumb up and down, 1-5 stars, flagged
        assert agreement["points"] == 12  # the 12 turns with a judge score and stars
        assert sum(int(label) for label in ratings["labels"]) == 13  # 12 star ratings, 1 thumb
        for index, figure in enumerate(await page.locator("figure svg").all()):
            shot = await figure.screenshot(path=str(tmp_path / f"chart-{index}.png"))
            assert pixel_spread(shot) > DRAWN, f"chart {index} is blank"
            svg = await figure.element_handle()
            await page.evaluate(SHOW_DATA_JS, [svg, DATA, False])
            frame = await figure.screenshot(path=str(tmp_path / f"chart-{index}-frame.png"))
            await page.evaluate(SHOW_DATA_JS, [svg, DATA, True])
            # The data marks paint (at least 0.1% of) the chart, not just its axes.
            assert changed_share(shot, frame) > 0.001, f"chart {index} draws no data"
        page_shot = await page.screenshot(full_page=True, path=str(tmp_path / "report.png"))
        assert pixel_spread(page_shot) > DRAWN
