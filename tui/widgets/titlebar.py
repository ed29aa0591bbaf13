"""The header line: Textual's Header, its title put in place at once and only when it reads differently.

Header watches the app's title with a coroutine, so its words change a moment after the title does, in a frame
of their own; and every kept screen has a header of its own watching the same title, each repainting even the
same words. After an edit or a language switch that was one or two frames more (benchmarks/bench_app.py).
"""

from __future__ import annotations

from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleHeader(Header):
    """A Header whose title follows the app's and the screen's title and sub-title in the same update."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[str, str] | None = None

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header's watchers; what every widget does on mount is kept
        Widget._on_mount(self, event)
        for node in (self.app, self.screen):
            self.watch(node, "title", self._set_title)
            self.watch(node, "sub_title", self._set_title, init=False)

    def _set_title(self) -> None:
        words = (self.screen_title, self.screen_sub_title)
        if words != self._shown:
            self._shown = words
            self.query_one(HeaderTitle).update(self.format_title())
