"""What a screen switch does not redo: the footer's keys and the tables' rendered rows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from tests.test_tui.app_support import make_app, wait_until
from tui.screens.conversations import ConversationsScreen
from tui.screens.dashboard import DashboardScreen
from tui.widgets.footer import Footer
from tui.widgets.table import DataTable


async def test_switching_screens_keeps_the_footer_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "sparring.db")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        keys = list(dashboard.query_one(Footer).query(FooterKey))
        assert {key.key for key in keys} >= {"d", "c", "q"}
        for key in ("c", "d", "c", "d"):
            await pilot.press(key)
            await pilot.pause(0.1)
        assert list(dashboard.query_one(Footer).query(FooterKey)) == keys


async def test_the_footer_follows_a_change_of_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path / "sparring.db")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)

        def shown() -> set[str]:
            return {key.key for key in footer.query(FooterKey)}

        assert "z" not in shown()
        app.bind("z", "bell", description="Zap")
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: "z" in shown(), what="the footer to follow")


async def test_a_restyle_that_changes_nothing_keeps_the_rendered_rows(tmp_path: Path) -> None:
    app = make_app(tmp_path / "sparring.db")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause(0.1)
        screen = app.screen
        assert isinstance(screen, ConversationsScreen)
        table = screen.query_one("#conversations", DataTable)
        table.add_row(*["x"] * len(table.columns), key="row")
        await pilot.pause(0.1)
        assert table._line_cache
        screen.update_node_styles(animate=False)
        assert table._line_cache
        table.add_class("-marked")
        assert not table._line_cache
