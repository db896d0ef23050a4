"""The conversation filters: run, persona, bot, status, source, quality bounds, two toggles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select

from storage.browse import ConversationFilter
from storage.queries import RunSummary

STATUSES = ("running", "completed", "failed", "cancelled")
SOURCES = ("synthetic", "real", "augmented", "human")
TOGGLES = ("unrated", "flagged")


def run_label(run: RunSummary) -> str:
    """`8e1411e9 11-23 10:57 completed (32)`: short id, local start, status, conversations."""
    try:
        started = datetime.fromisoformat(run.started_at).astimezone().strftime("%m-%d %H:%M")
    except ValueError:
        started = run.started_at[:16]
    return f"{run.id[:8]} {started} {run.status} ({run.conversations})"


def _quality(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _chosen(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


class FilterBar(Widget):
    """Every control narrows the list; each change posts `FilterBar.Changed` at once."""

    DEFAULT_CSS = """
    FilterBar {
        layout: grid;
        grid-size: 5 2;
        grid-columns: 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
        padding: 0 1;
    }
    FilterBar > Checkbox { width: 1fr; }
    """

    class Changed(Message):
        """The filter the bar now shows."""

        def __init__(self, bar: FilterBar, value: ConversationFilter) -> None:
            super().__init__()
            self.bar = bar
            self.value = value

        @property
        def control(self) -> FilterBar:
            return self.bar

    def __init__(
        self, *, personas: Iterable[str], bots: Iterable[str], id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._personas = sorted(set(personas))
        self._bots = sorted(set(bots))
        self._runs: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Select[str]([], prompt="any run", id="run", compact=True)
        yield Select[str](self._options(self._personas), prompt="any persona", id="persona",
                          compact=True)
        yield Select[str](self._options(self._bots), prompt="any bot", id="bot", compact=True)
        yield Select[str](self._options(STATUSES), prompt="any status", id="status",
                          compact=True)
        yield Select[str](self._options(SOURCES), prompt="any source", id="source",
                          compact=True)
        yield Input(placeholder="min quality 0-1", id="min-quality", type="number",
                    compact=True)
        yield Input(placeholder="max quality 0-1", id="max-quality", type="number",
                    compact=True)
        yield Checkbox("unrated only (u)", id="unrated", compact=True)
        yield Checkbox("flagged only (f)", id="flagged", compact=True)

    @staticmethod
    def _options(values: Iterable[str]) -> list[tuple[str, str]]:
        return [(value, value) for value in values]

    @property
    def value(self) -> ConversationFilter:
        """The filter as the controls show it now (an unreadable bound counts as none)."""
        return ConversationFilter(
            run_id=_chosen(self.query_one("#run", Select)),
            persona_id=_chosen(self.query_one("#persona", Select)),
            bot_id=_chosen(self.query_one("#bot", Select)),
            status=_chosen(self.query_one("#status", Select)),
            source=_chosen(self.query_one("#source", Select)),
            min_quality=_quality(self.query_one("#min-quality", Input).value),
            max_quality=_quality(self.query_one("#max-quality", Input).value),
            unrated=self.query_one("#unrated", Checkbox).value,
            flagged=self.query_one("#flagged", Checkbox).value,
        )

    @property
    def run_ids(self) -> list[str]:
        """The runs on offer, newest first."""
        return [value for _, value in self._runs]

    def set_runs(self, runs: Iterable[RunSummary]) -> None:
        """Offer these runs (newest first), keeping the chosen one."""
        options = [(run_label(run), run.id) for run in runs]
        chosen = _chosen(self.query_one("#run", Select))
        if chosen is not None and chosen not in {value for _, value in options}:
            options.append((chosen[:8], chosen))
        if options != self._runs:
            self._runs = options
            self._reset(self.query_one("#run", Select), options)

    def known_ids(self, personas: Iterable[str], bots: Iterable[str]) -> None:
        """Add persona and bot ids seen in the data to the choices."""
        for select_id, known, seen in (("#persona", self._personas, personas),
                                       ("#bot", self._bots, bots)):
            new = set(seen) - set(known)
            if new:
                known[:] = sorted({*known, *new})
                self._reset(self.query_one(select_id, Select), self._options(known))

    def show_run(self, run_id: str | None) -> None:
        """Narrow to one run (None: any run)."""
        select: Select[str] = self.query_one("#run", Select)
        if run_id is None:
            select.clear()
            return
        if run_id not in {value for _, value in self._runs}:
            self._runs = [*self._runs, (run_id[:8], run_id)]
            select.set_options(self._runs)
        select.value = run_id

    def toggle(self, which: str) -> None:
        """Flip the `unrated` or `flagged` toggle."""
        if which not in TOGGLES:
            raise ValueError(f"toggle {which!r}; expected one of {', '.join(TOGGLES)}")
        self.query_one(f"#{which}", Checkbox).toggle()

    def focus_first(self) -> None:
        self.query_one("#run", Select).focus()

    @staticmethod
    def _reset(select: Select[str], options: list[tuple[str, str]]) -> None:
        chosen = _chosen(select)
        select.set_options(options)
        if chosen is not None and chosen in {value for _, value in options}:
            select.value = chosen

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Changed(self, self.value))
