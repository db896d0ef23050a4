"""One exchange of a transcript: the user message, the bot reply, its metrics and ratings."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from storage.browse import TranscriptTurn
from storage.ratings import TurnRatings
from tui.transcript_text import TURN_SCORES

Part = str | tuple[str, str]

def score_style(value: float, higher_is_better: bool = True) -> str:
    """Theme colour of a 0..1 score: success, warning or error."""
    good = value if higher_is_better else 1 - value
    return "$success" if good >= 0.7 else "$warning" if good >= 0.4 else "$error"


def _latency(ms: float) -> str:
    return f"{ms:.0f}ms" if ms < 1000 else f"{ms / 1000:.1f}s"


def _cell(label: str, value: str, style: str = "") -> list[Part]:
    return [(f"{label:<10}", "$foreground-muted"), (f"{value:>5}", style)]


def metric_lines(turn: TranscriptTurn) -> Content:
    """The turn's metrics, compact: two to a line, coloured by how good they are."""
    metrics = turn.metrics
    cells: list[list[Part]] = []
    latency = metrics.get("latency_ms", turn.latency_ms)
    if latency is not None:
        latency_score = metrics.get("latency_score")
        style = "" if latency_score is None else score_style(latency_score)
        cells.append(_cell("latency", _latency(latency), style))
    for name, label, higher in TURN_SCORES:
        if name in metrics:
            cells.append(_cell(label, f"{metrics[name]:.2f}", score_style(metrics[name], higher)))
    lines: list[Content] = []
    for first in range(0, len(cells), 2):
        pair = cells[first:first + 2]
        lines.append(Content.assemble(*pair[0], *(["  ", *pair[1]] if len(pair) > 1 else [])))
    sentiments = [(who, metrics[key]) for who, key in (("user", "user_sentiment"),
                                                       ("bot", "bot_sentiment")) if key in metrics]
    if sentiments:
        parts: list[Part] = [("sentiment ", "$foreground-muted")]
        for who, value in sentiments:
            parts += [f"{who} ", (f"{value:+.2f}  ", "$error" if value < -0.05 else "")]
        lines.append(Content.assemble(*parts).rstrip())
    judged = sorted((key.split(":", 1)[1], value) for key, value in metrics.items()
                    if key.startswith("judge:"))
    if judged:
        lines.append(Content.styled("judge", "$foreground-muted bold"))
        for first in range(0, len(judged), 2):
            parts = []
            for name, value in judged[first:first + 2]:
                short = name.rsplit(".", 1)[-1][:10]
                parts += [*_cell(short, f"{value:g}", "bold"), "  "]
            lines.append(Content.assemble(*parts).rstrip())
    if not lines:
        lines.append(Content.styled("no metrics", "$foreground-muted"))
    return Content("\n").join(lines)


def rating_lines(ratings: TurnRatings, answered: bool) -> Content:
    """👍/👎, stars, the flag and the note; a hint when nothing is rated yet."""
    parts: list[Part] = []
    if ratings.thumb is not None:
        parts.append(("👍 " if ratings.thumb > 0 else "👎 ",
                      "$success" if ratings.thumb > 0 else "$error"))
    if ratings.stars is not None:
        parts.append(("★" * ratings.stars + "☆" * (5 - ratings.stars) + " ", "$warning"))
    if ratings.flagged:
        parts.append(("⚑ flagged", "$error bold"))
    if not parts:
        hint = "unrated: + - 1-5 ! m" if answered else "no reply: ! m"
        parts.append((hint, "$foreground-muted italic"))
    line = Content.assemble(*parts).rstrip()
    if ratings.note:
        return Content("\n").join([line, Content.assemble(("✎ ", "$accent"), ratings.note)])
    return line


class TurnCard(Widget):
    """A bot turn with what was measured and how the operator rated it; `-current` highlights."""

    DEFAULT_CSS = """
    TurnCard {
        layout: horizontal;
        height: auto;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    TurnCard.-current {
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
        background: $boost;
    }
    TurnCard > .messages { width: 1fr; height: auto; }
    TurnCard > .side {
        width: 36;
        height: auto;
        padding: 0 0 0 1;
        border-left: vkey $panel-lighten-2;
    }
    TurnCard .user-message { margin-bottom: 1; }
    TurnCard .ratings { margin-top: 1; }
    """

    def __init__(self, turn: TranscriptTurn, *, user_label: str, bot_label: str) -> None:
        super().__init__()
        self.turn = turn
        self._user_label = user_label
        self._bot_label = bot_label
        self.border_title = self._title()

    def compose(self) -> ComposeResult:
        with Vertical(classes="messages"):
            yield Static(self._user_content(), classes="user-message")
            yield Static(self._bot_content(), classes="bot-reply")
        with Vertical(classes="side"):
            yield Static(metric_lines(self.turn), classes="metrics")
            yield Static(self._ratings_content(), classes="ratings")

    def _user_content(self) -> Content:
        mood = " · ".join(part for part in (self.turn.user_emotion, self.turn.user_intent)
                          if part)
        head: list[Part] = [(self._user_label, "bold $primary")]
        if mood:
            head.append((f"  {mood}", "$foreground-muted italic"))
        return Content.assemble(*head, "\n", self.turn.user_message)

    def _bot_content(self) -> Content:
        head = (self._bot_label, "bold $secondary")
        if self.turn.bot_reply is not None:
            return Content.assemble(head, "\n", self.turn.bot_reply)
        return Content.assemble(head, "\n", ("⚠ " + (self.turn.error or "no reply"), "$error"))

    def _title(self) -> str:
        """`turn 3 · 👍 ★★★★☆ ⚑ ✎`: the ratings stay in sight when the card is long."""
        ratings = self.turn.ratings
        marks = [
            "" if ratings.thumb is None else "👍" if ratings.thumb > 0 else "👎",
            "" if ratings.stars is None else "★" * ratings.stars + "☆" * (5 - ratings.stars),
            "⚑" if ratings.flagged else "", "✎" if ratings.note else "",
        ]
        shown = " ".join(mark for mark in marks if mark)
        return f"turn {self.turn.idx + 1}" + (f" · {shown}" if shown else "")

    def _ratings_content(self) -> Content:
        return rating_lines(self.turn.ratings, self.turn.bot_reply is not None)

    def update_turn(self, turn: TranscriptTurn) -> None:
        """Show `turn` (reloaded: a reply arrived, metrics or ratings changed)."""
        if turn == self.turn:
            return
        self.turn = turn
        self.border_title = self._title()
        if not self.is_mounted:
            return
        self.query_one(".user-message", Static).update(self._user_content())
        self.query_one(".bot-reply", Static).update(self._bot_content())
        self.query_one(".metrics", Static).update(metric_lines(turn))
        self.query_one(".ratings", Static).update(self._ratings_content())

    def update_ratings(self, ratings: TurnRatings) -> None:
        self.update_turn(replace(self.turn, ratings=ratings))

    @property
    def ratings_text(self) -> str:
        """The ratings as plain text (what the card shows)."""
        return rating_lines(self.turn.ratings, self.turn.bot_reply is not None).plain
