"""Figures: a labelled value (`Figure`) and the persona x bot quality table (`QualityMatrix`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from textual.content import Content
from textual.widgets import Static

from tui.widgets.table import DataTable

Tone = Literal["good", "warn", "bad"]
_TONES: tuple[Tone, ...] = ("good", "warn", "bad")
NO_VALUE = "–"


class Figure(Static):
    """One figure: a muted label above its value; `tone` colours the value."""

    DEFAULT_CSS = """
    Figure {
        height: auto;
        width: 1fr;
        padding: 0 1 0 0;
    }
    Figure.-good { color: $text-success; }
    Figure.-warn { color: $text-warning; }
    Figure.-bad { color: $text-error; }
    """

    def __init__(
        self, label: str, value: str = NO_VALUE, *, id: str | None = None,
        classes: str | None = None,
    ) -> None:
        self.label = label
        self.value = value
        super().__init__(self._content(), id=id, classes=classes)

    def _content(self) -> Content:
        return Content.from_markup(
            "[$text-muted]$label[/]\n[b]$value[/b]", label=self.label, value=self.value
        )

    def show(self, value: str, tone: Tone | None = None, label: str | None = None) -> None:
        """Display `value` (and a new `label`); repaints only when something changed."""
        label = self.label if label is None else label
        if (value, label) != (self.value, self.label):
            self.value, self.label = value, label
            self.update(self._content())
        for name in _TONES:
            self.set_class(name == tone, f"-{name}")


CELL_WIDTH = len("0.00 · 100")
Cell = tuple[float | None, int]
"""Mean conversation quality (None before any finished) and the conversation count."""


class QualityMatrix(DataTable[str]):
    """Mean conversation quality per persona (rows) and bot (columns), with counts."""

    DEFAULT_CSS = """
    QualityMatrix {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="none", zebra_stripes=True)
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @staticmethod
    def cell_text(cell: Cell | None) -> str:
        if cell is None or cell[1] == 0:
            return NO_VALUE
        quality, conversations = cell
        mean = NO_VALUE if quality is None else f"{quality:.2f}"
        return f"{mean} · {conversations}"

    def show(
        self, personas: Sequence[str], bots: Sequence[str], cells: Mapping[tuple[str, str], Cell]
    ) -> None:
        """Fill the table; rebuilds only when the rows or columns change, else updates cells."""
        shape = (tuple(personas), tuple(bots))
        if shape != self._shape:
            self._shape = shape
            self.clear(columns=True)
            # Fixed widths: auto widths are measured after the first paint, which can
            # leave cells cut to the header's width.
            corner = "persona \\ bot"
            self.add_column(corner, key="persona", width=max(map(len, [corner, *personas])))
            for bot in bots:
                self.add_column(bot, key=bot, width=max(len(bot), CELL_WIDTH))
            for persona in personas:
                texts = [self.cell_text(cells.get((persona, bot))) for bot in bots]
                self.add_row(persona, *texts, key=persona)
            return
        for persona in personas:
            for bot in bots:
                text = self.cell_text(cells.get((persona, bot)))
                if self.get_cell(persona, bot) != text:
                    self.update_cell(persona, bot, text)
