"""The 方案对比 screen as a user drives it: c opens it, cells show their trace, the chart, the which-city tab,
the Markdown export (0600), Esc closes. Every test points YIBAO_PROFILES at its own tmp folder."""

from __future__ import annotations

import stat

import pytest
from textual.widgets import DataTable, Static, Tree

from engine.evaluation.compare import FACTS
from tests.conftest import EXAMPLES, app_on
from tui.app import MainScreen
from tui.commands import COMMANDS
from tui.screens.compare import CompareScreen


def tree_text(tree: Tree) -> str:
    out = []

    def walk(node):
        out.append(str(node.label))
        for child in node.children:
            walk(child)

    walk(tree.root)
    return "\n".join(out)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
async def test_c_opens_the_comparison_with_its_chart(user_dir, example):
    app = app_on(EXAMPLES / example)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#compare-table", DataTable)
        assert table.row_count == len(FACTS)
        assert table.columns  # the figure labels, then one column per scenario
        chart = str(screen.query_one("#compare-chart", Static).render())
        assert "停缴" in chart
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_cells_open_their_trace_and_the_mark_is_not_colour_alone(user_dir):
    app = app_on(EXAMPLES / "jining-cross-province-mover-man.toml", lang="en")
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#compare-table", DataTable)
        ids = [r.scenario.id for r in screen.comparison.results]
        assert ids[0] == "baseline" and "stop_now" in ids
        column = ids.index("stop_now") + 1
        row = FACTS.index("contributions_yuan")
        table.move_cursor(row=row, column=column)
        await pilot.pause()
        assert screen.shown == ("stop_now", "contributions_yuan")
        text = tree_text(screen.query_one("#compare-why", Tree))
        assert "stop paying now" in text and "what is paid from now until retirement" in text
        assert str(table.get_cell_at((row, column))).startswith("≠")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, Tree)


async def test_which_city_tab_and_markdown_export(user_dir):
    app = app_on(EXAMPLES / "jining-cross-province-mover-man.toml")
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one("#compare-tabs").active == "tab-regions"
        regions = screen.query_one("#regions-table", DataTable)
        assert regions.row_count == len(screen.ranked) > 0
        await pilot.press("x")
        await pilot.pause()
        target = screen.exported
        assert target.exists() and stat.S_IMODE(target.stat().st_mode) == 0o600
        body = target.read_text(encoding="utf-8")
        assert "# 方案对比" in body and "| 项目 | 现状 |" in body and "在哪里享受退休待遇" in body
        assert "停缴月份与到享受终身待遇为止的总费用" in body


def test_the_palette_offers_the_comparison():
    assert ("cmd.compare", "compare", True) in COMMANDS
