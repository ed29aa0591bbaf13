"""The main screen at 80x24 and 100x30: the warnings in one line with their count, Enter on a warning going to the
field it names, a Tab order that reads like the screen, a focus that shows, and every verdict and the timeline's
rows on screen."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import OptionList

from tests.conftest import ROOT, XUZHOU, app_on
from tui.screens.warnings import WarningsScreen
from tui.widgets.keybar import KeyBar
from tui.widgets.profile import FIELDS
from tui.widgets.table import RowTable
from tui.widgets.warnings_banner import WarningsBanner

THREE = ROOT / "tests" / "data" / "mianyang-three-warnings.toml"
AGE = "f-person-original_retirement_age"


async def settled(pilot) -> None:
    """Until the panes built right after the first frame are there, and laid out."""
    for _ in range(100):
        if getattr(pilot.app.screen, "panes_ready", False):
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def visible(widget) -> bool:
    """Whether the widget has a region on screen (displayed, inside the screen)."""
    region = widget.region
    return widget.display and region.height > 0 and widget.screen.region.contains_region(region)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_warnings_are_one_line_with_their_count_and_the_key(user_dir, size):
    app = app_on(THREE)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        banner = app.screen.query_one(WarningsBanner)
        assert len(banner.codes) == 3 and banner.outer_size.height == 1
        assert banner.line_text.startswith("⚠ 3条提醒（按 ! 查看）：退休月份之后还有缴费记录")
        assert Text(banner.line_text).cell_len <= banner.content_size.width
        bar = app.screen.query_one(KeyBar).plain
        assert "! 提醒" in bar and "q 退出" in bar and Text(bar).cell_len <= size[0]


async def test_on_a_tall_screen_the_count_comes_above_every_warning(user_dir):
    app = app_on(THREE)
    async with app.run_test(size=(140, 42)) as pilot:
        await settled(pilot)
        banner = app.screen.query_one(WarningsBanner)
        assert banner.line_text == "⚠ 3条提醒（按 ! 查看）"
        assert banner.outer_size.height > 3 and "还差5年" in banner.banner_text


async def test_enter_on_the_warning_about_the_original_age_focuses_that_field(user_dir):
    app = app_on(THREE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)
        listed = app.screen.query_one(OptionList)
        assert listed.option_count == 3
        first = str(listed.get_option_at_index(0).prompt)
        assert "退休月份之后还有缴费记录" in first and "按回车转到“原退休年龄”" in first
        # pension years short: the pane's field of how they are made up
        assert "按回车转到“养老缺年限”" in str(listed.get_option_at_index(2).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, WarningsScreen)
        assert app.focused is not None and app.focused.id == AGE
        assert visible(app.focused)


async def test_escape_closes_the_list_and_leaves_the_focus(user_dir):
    app = app_on(THREE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        before = app.focused
        await pilot.press("exclamation_mark", "escape")
        await pilot.pause()
        assert app.focused is before
        await pilot.press("fullwidth_exclamation_mark")  # "！" with a Chinese input method on
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)


async def test_tab_reads_like_the_screen_and_reaches_the_original_age_in_six_keys(user_dir):
    """From the verdicts (focused at the start): the explanation, the timeline, then the profile's fields from
    the top; 26 keys were needed before."""
    app = app_on(THREE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert app.focused.id == "decisions-list"
        order = []
        for _ in range(20):
            await pilot.press("tab")
            order.append(app.focused.id)
            if app.focused.id == "decisions-list":
                break
        assert order.index(AGE) + 1 == 6
        fields = [spec.widget_id for spec in FIELDS if spec.path[0] != "policy_overrides"]
        assert order == ["why-tree", "timeline-table", *fields, "overrides-toggle", "decisions-list"]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_field_and_its_pane_show_it(user_dir, theme):
    app = app_on(THREE)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await settled(pilot)
        pane = app.screen.query_one("#profile")
        rule = pane.styles.border_top
        for field_id in ("f-name", "f-person-birth", AGE):
            field = app.screen.query_one(f"#{field_id}")
            before = field.rich_style.bgcolor
            field.focus()
            await pilot.pause()
            assert field.rich_style.bgcolor != before
            assert pane.styles.border_top != rule  # the pane's title rule: heavy, in the accent colour
            grid = app.screen.query_one("#profile-fields")
            assert grid.get_component_rich_style("field-grid--focused") != grid.get_component_rich_style(
                "field-grid--label")
        app.screen.query_one("#timeline-table").focus()
        await pilot.pause()
        assert pane.styles.border_top == rule


@pytest.mark.parametrize("path", [THREE, XUZHOU, ROOT / "profiles" / "chongqing-lapses-backpay-woman.toml"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_verdict_and_the_timeline_rows_have_lines(user_dir, path, size):
    app = app_on(path)
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        decisions = app.screen.query_one("#decisions-list", OptionList)
        keys = list(app.report.decisions)
        assert visible(decisions) and decisions.max_scroll_y == 0
        assert decisions.option_count >= len(keys) and decisions.scrollable_content_region.height >= \
            decisions.option_count
        summary = app.screen.query_one("#decisions-summary")
        assert visible(summary) and "…" not in str(summary.render())
        table = app.screen.query_one("#timeline-table", RowTable)
        assert visible(table) and table.region.height >= 4  # the header and three rows at least
        assert not app.screen.query_one("#timeline-chart").display  # the chart comes with the focus
        why = app.screen.query_one("#why")
        assert visible(why) and why.content_size.height >= 2


async def test_the_comparison_at_80x24_keeps_every_row_and_opens_the_basis_and_the_chart(user_dir):
    from textual.widgets import DataTable, Tree

    from engine import FACTS
    from tui.screens.compare import CompareScreen

    app = app_on(ROOT / "profiles" / "chongqing-lapses-backpay-woman.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        table = screen.query_one("#compare-table", DataTable)
        assert visible(table) and table.scrollable_content_region.height >= len(FACTS) + 1  # the head and each row
        assert visible(screen.query_one("#compare-legend")) and visible(screen.query_one("#compare-why"))
        assert "g 停缴图" in screen.query_one(KeyBar).plain
        await pilot.press("enter")  # the basis of the cell: the whole tab
        await pilot.pause()
        why = screen.query_one("#compare-why", Tree)
        assert app.focused is why and not table.display and why.region.height >= 15
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen) and app.focused is table and table.display
        await pilot.press("g")
        await pilot.pause()
        chart = screen.query_one("#compare-chart-box")
        assert visible(chart) and chart.region.height >= 15 and not table.display
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is table
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_at_140x42_under_a_tall_banner_every_verdict_keeps_its_line(user_dir):
    """Seven rows of warnings over the panes: the highlighted decision is not opened where that would push two
    others out of the pane (the explanation beside it gives its verdict)."""
    app = app_on(THREE, lang="en")
    async with app.run_test(size=(140, 42)) as pilot:
        await settled(pilot)
        decisions = app.screen.query_one("#decisions-list", OptionList)
        assert decisions.max_scroll_y == 0
        for _ in range(len(app.report.decisions) - 1):  # whichever is highlighted
            await pilot.press("down")
            await pilot.pause()
            assert decisions.max_scroll_y == 0


async def test_a_click_on_the_warnings_line_lists_them(user_dir):
    app = app_on(THREE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.click(WarningsBanner)
        await pilot.pause()
        assert isinstance(app.screen, WarningsScreen)
