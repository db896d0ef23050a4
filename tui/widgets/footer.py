"""The key bar at the bottom of each screen: Textual's footer, rebuilt only when its keys change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

KeysShown = tuple[tuple[str, str, str, str, bool, str, bool], ...]


class Footer(TextualFooter):
    """Textual's `Footer`, recomposed only when the keys it would show differ.

    Textual recomposes the footer (a widget per key, each restyled as it mounts) whenever
    its screen's bindings may have changed, and that includes every time the screen is
    shown or hidden: two rebuilds per screen switch, ~10 ms of the loop each, for keys that
    almost never change (benchmarks/tui_load.py).
    """

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self._composed_for: KeysShown | None = None

    def _keys_shown(self, screen: Screen[object]) -> KeysShown:
        """What the footer's keys depend on: each active binding and whether it is enabled."""
        return tuple(
            (binding.key, self.app.get_key_display(binding), binding.description,
             binding.action, enabled, tooltip, binding.show)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        self._composed_for = self._keys_shown(self.screen) if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._composed_for is not None and self._composed_for == self._keys_shown(screen):
            return
        super().bindings_changed(screen)
