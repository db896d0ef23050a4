"""`DataTable` that keeps its rendered rows when a restyle changes nothing."""

from __future__ import annotations

from typing import TypeVar

from textual.css.model import RuleSet
from textual.widgets import DataTable as TextualDataTable

CellType = TypeVar("CellType")

_PathKey = tuple[tuple[str, str | None, frozenset[str], frozenset[str]], ...]


class DataTable(TextualDataTable[CellType]):
    """Textual's `DataTable`, keeping its render caches across restyles that change nothing.

    Textual restyles every node of a screen each time it is shown, and `DataTable` answers
    every restyle by dropping all its cached rows and cells, so each screen switch renders
    the visible rows again through Rich (~30 ms for the 500-row conversations list under a
    live run, benchmarks/tui_load.py). A node's styles follow from the stylesheet's rules
    and the type, id, classes and pseudo-classes of it and its ancestors: when none of those
    changed since the last restyle, neither did the styles, and the caches stay.
    """

    _styled_rules: list[RuleSet] | None = None
    _styled_path: _PathKey = ()

    def _style_path(self) -> _PathKey:
        return tuple(
            (node._css_type_name, node.id, frozenset(node.classes), node.pseudo_classes)
            for node in self.css_path_nodes
        )

    def notify_style_update(self) -> None:
        rules, path = self.app.stylesheet.rules, self._style_path()
        if rules is self._styled_rules and path == self._styled_path:
            return
        self._styled_rules, self._styled_path = rules, path
        super().notify_style_update()
