"""The title line at the top of a screen: the icon that opens the command palette, and the title and sub-title.

It looks like Textual's Header (the same parts, styled the same way) but writes its words in the same update as
the title changes, and only when they read differently: Header follows the title through a coroutine, a frame
later, and every kept screen's header repaints even the same words.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Static


class TitleBar(Widget):
    """The app's title (or the screen's own, when it has one) and sub-title, centred, in one line."""

    DEFAULT_CSS = """
    TitleBar { dock: top; width: 100%; height: 1; background: $panel; color: $foreground; }
    TitleBar > .title-icon { dock: left; padding: 0 1; width: 8; content-align: left middle; }
    TitleBar > .title-icon:hover { background: $foreground 10%; }
    TitleBar > .title-words { text-wrap: nowrap; text-overflow: ellipsis; content-align: center middle; width: 100%; }
    TitleBar > .title-space { dock: right; width: 10; padding: 0 1; }
    """

    ICON = "⭘"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: Content | None = None  # the words on the line now

    def compose(self) -> ComposeResult:
        yield Static(self.ICON, classes="title-icon", markup=False)
        yield Static("", classes="title-words", markup=False)
        yield Static("", classes="title-space", markup=False)

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self.show_title)
            self.watch(node, "sub_title", self.show_title, init=False)

    def words(self) -> Content:
        """What the line says: the screen's title and sub-title, else the app's, as ``App.format_title`` puts them."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        return app.format_title(title, sub_title)

    def show_title(self) -> None:
        words = self.words()
        if words != self.shown:
            self.shown = words
            self.query_one(".title-words", Static).update(words, layout=False)  # one line, as wide as the bar

    async def on_click(self, event: Click) -> None:
        if event.widget is not None and event.widget.has_class("title-icon"):
            event.stop()
            await self.app.run_action("command_palette")
