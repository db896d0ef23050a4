"""The report's charts, drawn with matplotlib and returned as inline SVG markup.

Figures are built with `matplotlib.figure.Figure` directly (no pyplot, no global state),
so rendering is safe in a worker thread. Text stays text in the SVG (smaller, selectable).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import numpy as np
import pandas as pd
from matplotlib import rcParams
from matplotlib.figure import Figure

rcParams["svg.fonttype"] = "none"
rcParams["svg.hashsalt"] = "sparring"  # stable ids: the same run gives the same file

MAX_POINTS = 4000
"""Latency points drawn at most (evenly thinned); the rolling median uses every turn."""
ROLLING = 50
COLORS = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3",
          "#8C8C8C")


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100)
    figure.set_layout_engine("constrained")
    return figure


def quality_chart(quality: Sequence[tuple[str, str, float]]) -> str:
    """Box plots of conversation_quality per persona x bot, the mean as a dot."""
    groups: dict[str, list[float]] = defaultdict(list)
    for persona, bot, value in quality:
        groups[f"{persona} x {bot}"].append(value)
    labels = sorted(groups, reverse=True)
    figure = _figure(8, max(2.2, 0.32 * len(labels) + 1))
    axes = figure.add_subplot()
    values = [groups[label] for label in labels]
    axes.boxplot(values, vert=False, tick_labels=labels, widths=0.6,
                 medianprops={"color": COLORS[1]}, flierprops={"markersize": 3})
    axes.scatter([float(np.mean(v)) for v in values], range(1, len(labels) + 1),
                 color=COLORS[0], s=14, zorder=3, label="mean")
    axes.set_xlim(0, 1)
    axes.set_xlabel("conversation_quality")
    axes.grid(axis="x", alpha=0.3)
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1), fontsize=8, frameon=False)
    return _svg(figure)


def latency_chart(latency: Sequence[tuple[str, float, str]]) -> str:
    """Each turn's latency over the run's time, per bot, with a rolling median."""
    frame = pd.DataFrame(latency, columns=["sent_at", "latency_ms", "bot"])
    start = datetime.fromisoformat(frame["sent_at"].iloc[0])
    frame["t"] = [(datetime.fromisoformat(s) - start).total_seconds() for s in frame["sent_at"]]
    figure = _figure(8, 3.2)
    axes = figure.add_subplot()
    step = max(1, len(frame) // MAX_POINTS)
    shown = frame.iloc[::step]
    for index, (bot, points) in enumerate(shown.groupby("bot", sort=True)):
        axes.scatter(points["t"], points["latency_ms"], s=6, alpha=0.45,
                     color=COLORS[index % len(COLORS)], label=str(bot))
    median = frame["latency_ms"].rolling(ROLLING, min_periods=1).median()
    axes.plot(frame["t"], median, color="black", linewidth=1.2,
              label=f"rolling median ({ROLLING} turns)")
    axes.set_xlabel("seconds since the first turn")
    axes.set_ylabel("latency (ms)")
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, frameon=False, ncols=5, loc="lower left", bbox_to_anchor=(0, 1))
    return _svg(figure)


def ratings_chart(ratings: dict[str, dict[float, int]]) -> str:
    """Counts of thumbs, star ratings and flags."""
    thumbs, stars, flags = ratings.get("thumb", {}), ratings.get("stars", {}), ratings.get(
        "flag", {})
    labels = ["thumb up", "thumb down", *(f"{n} star{'s' if n > 1 else ''}"
                                          for n in range(1, 6)), "flagged"]
    counts = [thumbs.get(1.0, 0), thumbs.get(-1.0, 0),
              *(stars.get(float(n), 0) for n in range(1, 6)), sum(flags.values())]
    colors = [COLORS[2], COLORS[3], *([COLORS[0]] * 5), COLORS[1]]
    figure = _figure(8, 2.8)
    axes = figure.add_subplot()
    bars = axes.bar(labels, counts, color=colors)
    axes.bar_label(bars, fontsize=8)
    axes.set_ylabel("ratings")
    axes.grid(axis="y", alpha=0.3)
    return _svg(figure)


def agreement_chart(agreement: Sequence[tuple[float, float]]) -> tuple[str, float | None]:
    """Judge score against human stars per turn (stars jittered to show overlap), and
    Spearman's rank correlation when there are at least three turns."""
    frame = pd.DataFrame(agreement, columns=["judge", "stars"])
    # Spearman's rho is Pearson's r of the ranks (ties get their mean rank).
    rho = float(frame["judge"].rank().corr(frame["stars"].rank())) if len(frame) >= 3 else None
    jitter = np.random.default_rng(0).uniform(-0.12, 0.12, len(frame))
    figure = _figure(5, 3.6)
    axes = figure.add_subplot()
    axes.scatter(frame["judge"], frame["stars"] + jitter, s=14, alpha=0.6, color=COLORS[4])
    axes.set_xlim(-0.02, 1.02)
    axes.set_ylim(0.5, 5.5)
    axes.set_xlabel("judge reply_quality.overall")
    axes.set_ylabel("human stars")
    axes.grid(alpha=0.3)
    return _svg(figure), (None if rho is None or np.isnan(rho) else rho)
