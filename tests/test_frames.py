"""What the app draws, and when: the title line follows the title in the same update; the explanation's tree is
built without telling the app of every node it opens; a replaced prompt shows at once.

Sources: tui/widgets/titlebar.py (TitleBar), tui/widgets/explanation.py (WhyTree, DecisionList).
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tests.conftest import ROOT
from tui.app import YibaoApp
from tui.widgets.titlebar import TitleBar


class Titled(Screen):
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("one", id="one")


class Host(App):
    def on_mount(self) -> None:
        self.push_screen(Titled())


def title_words(screen) -> str:
    return str(screen.query_one(TitleBar).query_one(".title-words", Static).render())


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


async def test_a_tree_grown_in_one_block_tells_no_one_of_the_nodes_it_opened():
    from textual.widgets import Tree

    from tui.widgets.explanation import WhyTree

    told = []

    class One(App):
        def compose(self) -> ComposeResult:
            yield WhyTree("root", id="t")

        def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
            told.append(event.node)

    app = One()
    async with app.run_test(size=(40, 20)) as pilot:
        tree = app.query_one(WhyTree)
        await pilot.pause()
        tree.root.expand()
        await pilot.pause()
        with tree.growing():
            for i in range(5):
                tree.root.add(f"node {i}", expand=True).add_leaf("leaf")
        await pilot.pause()
        assert told == [tree.root] and tree.virtual_size.height == 11  # root, five nodes opened, their leaves
        tree.root.children[0].collapse()
        tree.root.children[0].expand()  # a node the reader opens is told of
        await pilot.pause()
        assert told == [tree.root, tree.root.children[0]]


async def test_a_replaced_prompt_shows_in_place():
    from textual.widgets.option_list import Option

    from tui.widgets.explanation import DecisionList

    class One(App):
        def compose(self) -> ComposeResult:
            yield DecisionList(*(Option(f"option {i}", id=f"o{i}") for i in range(4)))

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        options = app.query_one(DecisionList)
        await pilot.pause()
        options.replace_option_prompt_at_index(1, "option one\nnow two lines")
        await pilot.pause()
        lines = [options.render_line(y).text.strip() for y in range(5)]
        assert lines == ["option 0", "option one", "now two lines", "option 2", "option 3"]


async def test_the_title_line_shows_a_new_title_at_once_and_writes_only_new_words(monkeypatch):
    app = Host()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        words = app.screen.query_one(TitleBar).query_one(".title-words", Static)
        app.title = "医保参谋 — 李阿姨"
        assert "李阿姨" in title_words(app.screen)  # in the same update, not a frame later
        await pilot.pause()
        written = []
        monkeypatch.setattr(words, "update", lambda content, **kwargs: written.append(content))
        app.title = "医保参谋 — 李阿姨"  # the same words: nothing to write
        app.sub_title = ""
        assert written == []
        app.sub_title = "li.toml"
        assert len(written) == 1 and "li.toml" in str(written[0])


async def test_the_app_s_title_line_follows_edits_and_language():
    app = YibaoApp(path=ROOT / "profiles" / "xuzhou-flexible-man.toml", as_of=date(2026, 11, 22))
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        assert "张先生" in title_words(app.screen)
        await app.run_action("switch_language")
        await pilot.pause()
        assert app.lang == "en" and app.title in title_words(app.screen)
