"""What the app draws, and when: no frame for what the last frame already showed.

A second frame, an interval after the first, was the end of the wait after a language switch; tui/screens/base.py
(DrawnOnce), tui/widgets/titlebar.py (TitleHeader), tui/widgets/table.py (TextTable.settle).
"""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual import messages
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._header import HeaderTitle

from tests.conftest import ROOT
from tui.app import YibaoApp
from tui.screens.base import DrawnOnce
from tui.widgets.table import TextTable
from tui.widgets.titlebar import TitleHeader


class Drawn(DrawnOnce, Screen):
    def compose(self) -> ComposeResult:
        yield TitleHeader(show_clock=False)
        yield Static("one", id="one")
        yield Static("two", id="two")


class Host(App):
    def on_mount(self) -> None:
        self.push_screen(Drawn())


def draw_whole_screen(screen) -> None:
    """A frame of the whole screen, as Textual draws one after laying a screen out."""
    screen._compositor._dirty_regions.add(screen._compositor.size.region)
    screen._compositor_refresh()


def update_kept(screen, widget) -> bool:
    """Whether the screen would draw ``widget`` again for this Update message."""
    message = messages.Update(widget)
    screen._on_update(message)
    return not message._no_default_action


@pytest.fixture
async def drawn():
    """A DrawnOnce screen with two one-line widgets, shown and settled: (pilot, screen, one, two)."""
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        yield pilot, screen, screen.query_one("#one"), screen.query_one("#two")


async def test_a_widget_drawn_whole_by_the_last_frame_is_not_drawn_again(drawn):
    _, screen, one, two = drawn
    draw_whole_screen(screen)
    assert not update_kept(screen, one)  # drawn in that frame: its repaint is on the screen already
    two.update("changed")  # changed after that frame: drawn again
    assert two._styles_cache._dirty_lines
    assert update_kept(screen, two)


async def test_after_a_frame_of_another_region_a_repaint_is_drawn(drawn):
    pilot, screen, one, two = drawn
    one.update("again")
    screen._compositor.update_widgets({one})
    screen._compositor_refresh()  # a frame of one widget's region only
    assert not update_kept(screen, one)  # it painted "one" whole
    two.update("also")
    two.render_lines(two.size.region)  # rendered (e.g. as a neighbour's frame cropped it) but not painted
    assert not two._styles_cache._dirty_lines
    assert update_kept(screen, two)  # the last frame did not paint its region: drawn
    await pilot.pause()
    assert str(two.render()) == "also"


async def test_a_scroll_view_keeps_its_scroll_bars_through_a_layout_of_the_screen():
    """Textual compared a scroll view's rows with its region on every layout and redrew its scroll bars."""
    from tui.widgets.explanation import WhyTree

    class One(App):
        def compose(self) -> ComposeResult:
            yield WhyTree("root", id="t")
            yield Static("below", id="below")

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        tree = app.query_one(WhyTree)
        for i in range(30):
            tree.root.add_leaf(f"leaf {i}")
        tree.root.expand()
        await pilot.pause()
        bar = tree.vertical_scrollbar
        bar._repaint_required = False
        app.query_one("#below").update("taller\nnow")  # the screen is laid out again; the tree's size stays
        app.screen._refresh_layout()
        assert not bar._repaint_required


async def test_a_scroll_view_shows_a_scroll_bar_when_its_rows_outgrow_it_and_hides_it_when_they_fit():
    """Its own rows are news for the scroll bars (only a layout that changes nothing leaves them alone)."""
    from tui.widgets.explanation import WhyTree

    class One(App):
        def compose(self) -> ComposeResult:
            yield WhyTree("root", id="t")

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        tree = app.query_one(WhyTree)
        tree.root.expand()
        await pilot.pause()
        assert not tree.show_vertical_scrollbar
        with tree.growing():
            for i in range(30):
                tree.root.add_leaf(f"leaf {i}")
        await pilot.pause()
        assert tree.virtual_size.height > tree.size.height and tree.show_vertical_scrollbar
        tree.root.remove_children()
        await pilot.pause()
        assert not tree.show_vertical_scrollbar


async def test_a_tree_grown_in_one_block_is_laid_out_once_and_tells_no_one_of_its_nodes_opened(monkeypatch):
    from textual.widgets import Tree

    from tui.widgets.explanation import WhyTree

    told, forgotten = [], []
    invalidate = Tree._invalidate
    monkeypatch.setattr(Tree, "_invalidate", lambda tree: (forgotten.append(tree), invalidate(tree)))

    class One(App):
        def compose(self) -> ComposeResult:
            yield WhyTree("root", id="t")

        def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
            told.append(event.node)

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        tree = app.query_one(WhyTree)
        await pilot.pause()
        tree.root.expand()
        await pilot.pause()
        forgotten.clear()
        with tree.growing():
            for i in range(5):
                tree.root.add(f"node {i}", expand=True).add_leaf("leaf")
            assert forgotten == []  # Textual's Tree forgets its lines 15 times here
        assert forgotten == [tree]  # once, as the block ended
        await pilot.pause()
        assert told == [tree.root] and len(tree._tree_lines) == 11  # root, five nodes opened, their leaves
        tree.root.children[0].collapse()
        tree.root.children[0].expand()  # a node the reader opens is told of
        await pilot.pause()
        assert told == [tree.root, tree.root.children[0]]


async def test_a_replaced_prompt_renders_again_only_its_own_option():
    from textual.widgets.option_list import Option

    from tui.widgets.explanation import DecisionList

    class One(App):
        def compose(self) -> ComposeResult:
            yield DecisionList(*(Option(f"option {i}", id=f"o{i}") for i in range(4)))

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        options = app.query_one(DecisionList)
        await pilot.pause()
        options.render_lines(options.size.region)
        kept = {key[0] for key in options._option_render_cache.keys()}
        assert len(kept) == 4
        options.replace_option_prompt_at_index(1, "option one\nnow two lines")
        assert {key[0] for key in options._option_render_cache.keys()} == kept - {options.get_option_at_index(1)}
        await pilot.pause()
        lines = [options.render_line(y).text.strip() for y in range(5)]
        assert lines == ["option 0", "option one", "now two lines", "option 2", "option 3"]


async def test_the_update_timer_draws_a_frame_asked_for_soon_after_the_last_without_skipping_one():
    """Textual's timer, ticking late, waited for the grid point after the next (two intervals)."""
    import asyncio

    from textual import _time

    from tui.screens.base import FrameTimer

    ticks = []
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        timer = FrameTimer(app.screen, 0.05, callback=lambda: ticks.append(_time.get_time()), pause=True)
        timer._start()
        try:
            timer.resume()
            await asyncio.sleep(0.01)
            assert len(ticks) == 1  # at once
            timer.pause()
            resumed = _time.get_time()
            timer.resume()  # within the interval: waits for it to end, no longer
            await asyncio.sleep(0.12)
            assert len(ticks) >= 2
            assert ticks[1] - ticks[0] >= 0.05 - 0.002
            assert ticks[1] - resumed < 0.05 + 0.03
            timer.pause()
            await asyncio.sleep(0.08)
            count = len(ticks)
            await asyncio.sleep(0.06)
            assert len(ticks) == count  # paused: no tick
        finally:
            timer.stop()
        assert isinstance(app.screen._update_timer, FrameTimer)
        await pilot.pause()


async def test_panes_redrawn_under_the_period_form_are_laid_out_before_the_main_screen_shows_again():
    import msgspec

    from engine.profile.model import Period
    from engine.core.months import as_month

    app = YibaoApp(path=ROOT / "profiles" / "xuzhou-flexible-man.toml", as_of=date(2026, 11, 22))
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is not main
        added = Period(insurance="employee_medical", start=as_month("2009-01"), end=as_month("2010-12"))
        assert app.apply(msgspec.structs.replace(app.profile, periods=(*app.profile.periods, added)))
        pending = [w for w in main.walk_children() if w._layout_required or w._repaint_required]
        assert pending == []  # sent to the screen now, not left for each widget's next idle


async def test_the_header_shows_a_new_title_at_once_and_repaints_only_for_new_words():
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        header_title = app.screen.query_one(HeaderTitle)
        app.title = "医保参谋 — 李阿姨"
        assert "李阿姨" in str(header_title.render())  # in the same update, not a frame later
        await pilot.pause()
        header_title._repaint_required = False
        app.title = "医保参谋 — 李阿姨"  # the same words: nothing to repaint
        app.sub_title = ""
        assert not header_title._repaint_required
        app.sub_title = "li.toml"
        assert "li.toml" in str(header_title.render())


async def test_a_table_settled_at_once_has_its_size_before_it_is_next_idle():
    class One(App):
        def compose(self) -> ComposeResult:
            yield TextTable(id="t")

    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(TextTable)
        table.add_column("a")
        await pilot.pause()
        before = table.virtual_size.height
        for i in range(5):
            table.add_row(Text(f"row {i}"))
        table.settle()  # no pause: measured now
        assert table.virtual_size.height == before + 5
        assert not table._require_update_dimensions


async def test_the_app_s_header_follows_edits_and_language():
    app = YibaoApp(path=ROOT / "profiles" / "xuzhou-flexible-man.toml", as_of=date(2026, 11, 22))
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        header_title = app.screen.query_one(HeaderTitle)
        assert "张先生" in str(header_title.render())
        await app.run_action("switch_language")
        await pilot.pause()
        shown = str(app.screen.query_one(HeaderTitle).render())
        assert app.lang == "en" and app.title in shown


async def test_only_the_lines_that_show_count_for_a_widget_a_pane_cuts():
    from textual.containers import VerticalScroll
    from textual.geometry import Region

    class Clipped(DrawnOnce, Screen):
        def compose(self) -> ComposeResult:
            with VerticalScroll(id="pane"):
                yield Static("\n".join(f"line {i}" for i in range(8)), id="long")

    class Cut(App):
        CSS = "#pane { height: 3; }"

        def on_mount(self) -> None:
            self.push_screen(Clipped())

    app = Cut()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        long = screen.query_one("#long")
        draw_whole_screen(screen)
        width = long.size.width
        long._styles_cache.set_dirty(Region(0, 6, width, 1))  # a line the pane does not show
        assert not update_kept(screen, long)
        long._styles_cache.set_dirty(Region(0, 1, width, 1))  # a line that shows
        assert update_kept(screen, long)
