"""The report page: summary, tables and charts in one HTML file that needs nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from importlib.metadata import PackageNotFoundError, version

import numpy as np

from storage.queries import PairStatistics
from storage.report_data import AGREEMENT_METRIC, ReportData
from tui.report import charts

_STYLE = """
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --card: #f3f4f6; }
@media (prefers-color-scheme: dark) { :root { --muted: #9ca3af; --line: #374151;
  --card: #1f2937; } svg { background: #fff; border-radius: 6px; } }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 62rem; margin: 2rem auto;
  padding: 0 1rem; }
h1 { margin-bottom: .2rem; } .muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: .7rem; margin: 1.2rem 0; }
.card { background: var(--card); border-radius: 8px; padding: .6rem 1rem; min-width: 8rem; }
.card b { display: block; font-size: 1.35rem; }
table { border-collapse: collapse; margin: .6rem 0 1.4rem; font-size: 14px; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
figure { margin: 1rem 0 2rem; } figcaption { color: var(--muted); font-size: 13px; }
svg { max-width: 100%; height: auto; }
"""


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "-" if value is None else pattern.format(value)


def _sparring_version() -> str:
    try:
        return version("sparring")
    except PackageNotFoundError:
        return "source"


def _pairs_table(rows: list[PairStatistics], total: PairStatistics) -> str:
    head = ("persona", "bot", "conversations", "turns", "errors", "quality", "engagement",
            "satisfaction", "latency ms")
    body = [
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in (
            row.persona_id, row.bot_id, row.conversations, row.turns,
            f"{row.error_rate:.1%}", _fmt(row.mean_quality), _fmt(row.mean_engagement),
            _fmt(row.mean_satisfaction, "{:.1f}"), _fmt(row.mean_latency_ms, "{:.0f}"),
        )) + "</tr>"
        for row in [*rows, replace(total, persona_id="all", bot_id="")]
    ]
    return (f"<table><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>"
            f"{''.join(body)}</table>")


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def render(data: ReportData) -> str:
    """The whole page for `data`."""
    summary, plan = data.summary, data.plan
    total = summary.total
    spent = sum(u.cost_usd or 0.0 for u in summary.usage)
    unpriced = sum(u.unpriced_calls for u in summary.usage)
    latencies = [ms for _, ms, _ in data.latency]
    p50, p95 = (float(x) for x in np.percentile(latencies, [50, 95])) if latencies \
        else (None, None)
    cards = [
        ("status", data.status), ("conversations", total.conversations),
        ("turns", total.turns), ("errors", f"{total.error_rate:.1%}"),
        ("mean quality", _fmt(total.mean_quality)),
        ("latency p50 / p95", f"{_fmt(p50, '{:.0f}')} / {_fmt(p95, '{:.0f}')} ms"),
        ("rated turns", f"{summary.ratings.rated} / {summary.ratings.total}"),
        ("LLM cost", f"${spent:.4f}" + (f" + {unpriced} unpriced calls" if unpriced else "")),
    ]
    sections = [
        "<h2>Quality per persona x bot</h2>",
        _figure(charts.quality_chart(data.quality),
                "conversation_quality of each conversation: boxes span the middle half, "
                "the line is the median, the dot the mean.") if data.quality
        else "<p class=muted>No scored conversations.</p>",
        _pairs_table(summary.pairs, total),
        "<h2>Latency over the run</h2>",
        _figure(charts.latency_chart(data.latency),
                "Each answered turn's latency by when it was sent, coloured by bot, with the "
                "rolling median over all turns.") if data.latency
        else "<p class=muted>No answered turns.</p>",
        "<h2>Ratings</h2>",
        _figure(charts.ratings_chart(data.ratings),
                "Current operator ratings of this run's bot turns.") if data.ratings
        else "<p class=muted>No ratings yet: rate turns in the app (<code>sparring</code>, "
             "then <kbd>c</kbd> and <kbd>enter</kbd> on a conversation).</p>",
        "<h2>Judge and human agreement</h2>",
        _agreement(data),
    ]
    if summary.judge:
        sections += ["<h2>Judge scores</h2>", "<table><tr><th>metric</th><th>rubric</th>"
                     "<th>scored</th><th>mean</th><th>min - max</th></tr>" + "".join(
                         f"<tr><td>{escape(j.name)}</td><td>{escape(j.rubric or '-')}</td>"
                         f"<td>{j.scored}</td><td>{j.mean:.3f}</td>"
                         f"<td>{j.low:.3f} - {j.high:.3f}</td></tr>" for j in summary.judge)
                     + "</table>"]
    title = f"Sparring run {data.run_id[:8]}"
    meta = (f"{len(plan.get('persona_ids', []))} personas x {len(plan.get('bot_ids', []))} bots "
            f"x {plan.get('conversations')} conversations, seed {plan.get('seed')}, "
            f"persona engine {plan.get('persona_engine')}"
            + (f", judge {plan['judge_model']}" if plan.get("judge_model") else "")
            + f"; started {data.started_at[:19]}"
            + (f", finished {data.finished_at[:19]}" if data.finished_at else "")
            + (f"; stopped: {data.stop_reason}" if data.stop_reason else ""))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class=muted>{escape(meta)}<br>run {escape(data.run_id)}</p>
<div class=cards>{''.join(f'<div class=card>{escape(k)}<b>{escape(str(v))}</b></div>'
                           for k, v in cards)}</div>
{''.join(sections)}
<p class=muted>Made by Sparring {escape(_sparring_version())} on {stamp}.</p>
</body></html>
"""


def _agreement(data: ReportData) -> str:
    if len(data.agreement) < 2:
        return ("<p class=muted>Needs turns with both a judge score "
                f"(<code>{AGREEMENT_METRIC}</code>) and a human star rating; this run has "
                f"{len(data.agreement)}.</p>")
    svg, rho = charts.agreement_chart(data.agreement)
    rho_text = "" if rho is None else f" Spearman's rank correlation: {rho:.2f}."
    return _figure(svg, f"{len(data.agreement)} turns scored by the judge and rated by a "
                        f"person (stars jittered to show overlap).{rho_text}")

