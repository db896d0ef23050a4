"""The figures of one run: live ones from `LiveStats`, or stored ones from a `RunReport`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Label, ProgressBar, Sparkline, Static

from simulator.live_stats import RunningMean
from storage.queries import RunReport, RunSummary
from storage.ratings import RatingProgress
from tui.live import LiveRun
from tui.widgets.figures import NO_VALUE, Figure, Tone

STATES = ("starting", "running", "paused", "completed", "interrupted", "failed")


def short_id(run_id: str | None) -> str:
    return run_id[:8] if run_id else "(starting)"


def local_time(iso: str, fmt: str = "%m-%d %H:%M") -> str:
    """A stored UTC timestamp in local time."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime(fmt)
    except ValueError:
        return iso[:16]


def count(n: float) -> str:
    """12 -> "12", 12345 -> "12.3k", 2.5e6 -> "2.5M"."""
    if n >= 1e6:
        return f"{n / 1e6:.1f}M"
    return f"{n / 1e3:.1f}k" if n >= 1e4 else f"{n:g}"


def mean_text(mean: RunningMean) -> str:
    if mean.value is None:
        return NO_VALUE
    ci = mean.ci95
    return f"{mean.value:.3f}" if ci is None else f"{mean.value:.3f} ± {ci:.3f}"


def error_tone(rate: float) -> Tone | None:
    return "bad" if rate > 0.05 else "warn" if rate > 0 else None


def llm_text(calls: int, prompt: int, completion: int, cost: float | None, unpriced: int) -> str:
    if not calls:
        return "no LLM calls"
    text = f"{count(prompt + completion)} tokens · ${cost or 0.0:.4f}"
    return text + (f" ({unpriced} unpriced calls)" if unpriced else "")


def ratings_text(progress: RatingProgress) -> str:
    text = (f"{progress.rated} / {progress.total} bot turns rated · {progress.flagged} flagged"
            f" · {progress.thumbs_up} up · {progress.thumbs_down} down")
    stars = NO_VALUE if progress.mean_stars is None else f"{progress.mean_stars:.1f}"
    return f"{text} · stars {stars}"


class RunFigures(Vertical):
    """Title, progress, figures and the quality trend of the run on display."""

    DEFAULT_CSS = """
    RunFigures {
        height: auto;
    }
    RunFigures #run-title { text-style: bold; }
    RunFigures #run-title.-running { color: $text-primary; }
    RunFigures #run-title.-paused { color: $text-warning; }
    RunFigures #run-title.-completed { color: $text-success; }
    RunFigures #run-title.-interrupted { color: $text-warning; }
    RunFigures #run-title.-failed { color: $text-error; }
    RunFigures #run-note { color: $text-warning; }
    RunFigures #run-note.-failed { color: $text-error; }
    RunFigures #progress-row { height: 1; margin: 1 0 0 0; }
    RunFigures #progress { width: 1fr; }
    RunFigures #progress Bar { width: 1fr; }
    RunFigures #progress-text { width: auto; margin: 0 0 0 1; }
    RunFigures #figures {
        grid-size: 2;
        grid-gutter: 0 1;
        height: auto;
        margin: 1 0 0 0;
    }
    RunFigures #figures > .wide { column-span: 2; }
    RunFigures #fig-judge { display: none; }
    RunFigures #trend { height: auto; margin: 1 0 0 0; }
    RunFigures #trend > Label { color: $text-muted; }
    RunFigures #quality-trend { height: 2; }
    RunFigures.-stored .live-only { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static("No runs yet: press n to start one.", id="run-title")
        yield Static(id="run-note")
        with Horizontal(id="progress-row", classes="live-only"):
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="progress-text")
        with Grid(id="figures"):
            yield Figure("Conversations", id="fig-conversations")
            yield Figure("Turns", id="fig-turns")
            yield Figure("Mean quality ± CI95", id="fig-quality")
            yield Figure("Latency p50 / p95", id="fig-latency")
            yield Figure("Error rate", id="fig-errors")
            yield Figure("LLM tokens · cost", id="fig-llm")
            yield Figure("Ratings", id="fig-ratings", classes="wide")
            yield Figure("Judge means", id="fig-judge", classes="wide")
        with Vertical(id="trend", classes="live-only"):
            yield Label("Mean quality over time")
            yield Sparkline([], id="quality-trend")

    def _figure(self, name: str) -> Figure:
        return self.query_one(f"#fig-{name}", Figure)

    def _title(self, text: str, state: str, note: str | None = None) -> None:
        title = self.query_one("#run-title", Static)
        title.update(text)
        for name in STATES:
            title.set_class(name == state, f"-{name}")
        note_widget = self.query_one("#run-note", Static)
        note_widget.update(note or "")
        note_widget.set_class(state == "failed", "-failed")
        note_widget.display = bool(note)

    def show_live(self, live: LiveRun, trend: Sequence[float]) -> None:
        """The figures of the run in progress, read from its `LiveStats`."""
        self.remove_class("-stored")
        state = live.state
        note = live.error
        if note is None and live.result is not None:
            note = live.result.stop_reason
        self._title(f"Live run {short_id(live.run_id)} · {state}", state, note)
        stats = live.stats
        # A resumed run counts the conversations it kept as done from the start.
        kept = len(live.resuming.done) if live.resuming else 0
        total, done = live.plan.total_conversations, kept + stats.finished
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#progress-text", Static).update(f"{done} / {total}")
        self._figure("conversations").show(
            f"{stats.finished} done · {stats.started - stats.finished} in flight",
            label="Conversations",
        )
        self._figure("turns").show(
            f"{stats.turns} · {stats.turns_per_second:.1f}/s", label="Turns · per second"
        )
        self._figure("quality").show(mean_text(stats.quality), label="Mean quality ± CI95")
        latency = stats.latency_percentiles()
        self._figure("latency").show(
            NO_VALUE if latency is None else f"{latency[0]:.0f} / {latency[1]:.0f} ms",
            label="Latency p50 / p95",
        )
        self._show_errors(stats.error_rate, stats.failed_turns)
        self._figure("llm").show(llm_text(
            stats.llm_calls, stats.prompt_tokens, stats.completion_tokens, stats.cost_usd,
            stats.unpriced_calls,
        ))
        self._show_judge(
            [(name, mean.value) for name, mean in sorted(stats.judge.items())], stats.judge_errors
        )
        self.query_one("#quality-trend", Sparkline).data = list(trend)

    def show_stored(self, run: RunSummary, report: RunReport) -> None:
        """The figures of a stored run, from the database."""
        self.add_class("-stored")
        started = local_time(run.started_at, "%Y-%m-%d %H:%M")
        self._title(f"Run {short_id(run.id)} · {run.status} · started {started}", run.status)
        total = report.total
        self._figure("conversations").show(
            f"{total.conversations} ({total.failed_conversations} failed)",
            label="Conversations",
        )
        self._figure("turns").show(str(total.turns), label="Turns")
        self._figure("quality").show(
            NO_VALUE if total.mean_quality is None else f"{total.mean_quality:.3f}",
            label="Mean quality",
        )
        self._figure("latency").show(
            NO_VALUE if total.mean_latency_ms is None else f"{total.mean_latency_ms:.0f} ms",
            label="Latency (mean)",
        )
        self._show_errors(total.error_rate, total.failed_turns)
        usage = report.usage
        costs = [u.cost_usd for u in usage if u.cost_usd is not None]
        self._figure("llm").show(llm_text(
            sum(u.calls for u in usage), sum(u.prompt_tokens for u in usage),
            sum(u.completion_tokens for u in usage), sum(costs) if costs else None,
            sum(u.unpriced_calls for u in usage),
        ))
        self._show_judge([(j.name, j.mean) for j in report.judge], report.judge_errors)

    def show_ratings(self, progress: RatingProgress) -> None:
        tone: Tone | None = "good" if progress.total and progress.rated == progress.total else None
        self._figure("ratings").show(ratings_text(progress), tone)

    def _show_errors(self, rate: float, failed_turns: int) -> None:
        self._figure("errors").show(f"{rate:.1%} ({failed_turns} failed turns)", error_tone(rate))

    def _show_judge(self, means: list[tuple[str, float | None]], errors: int) -> None:
        figure = self._figure("judge")
        figure.display = bool(means or errors)
        parts = [f"{name} {NO_VALUE if v is None else f'{v:.2f}'}" for name, v in means]
        if errors:
            parts.append(f"{errors} judge errors")
        figure.show(" · ".join(parts), "warn" if errors else None)

