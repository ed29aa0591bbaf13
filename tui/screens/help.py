"""Help: every key and what each pane means (the catalog's ``help``/``body``, Markdown)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from engine.words import text

from ..i18n import t
from .base import KeyLabels, StyledOnce

class MarkdownText(Widget):
    """Markdown drawn by Rich as one widget, its lines rendered once per width (Textual's ``Markdown`` builds a
    widget per block and list item, which made the help slow to open)."""

    DEFAULT_CSS = "MarkdownText { height: auto; }"

    def __init__(self, source: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self._lines: dict[tuple, list[Strip]] = {}
        self._markdown = None  # parsed once

    def lines(self, width: int) -> list[Strip]:
        key = (width, self.rich_style)  # drawn again for another width or theme
        if key not in self._lines:
            if self._markdown is None:
                from rich.markdown import Markdown

                self._markdown = Markdown(self.source)
            console = self.app.console
            options = console.options.update_width(max(1, width))
            rendered = console.render_lines(self._markdown, options, style=self.rich_style, pad=True)
            self._lines[key] = [Strip(line, width) for line in rendered]
        return self._lines[key]

    def set_source(self, source: str) -> None:
        if source != self.source:
            self.source, self._markdown, self._lines = source, None, {}
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        return lines[y] if 0 <= y < len(lines) else Strip.blank(width, self.rich_style)


class MarkdownDialog(StyledOnce, KeyLabels, ModalScreen[None]):
    """A scrolling dialog of Markdown under a title; subclasses give the title key, the body and their close keys."""

    TITLE_KEY = "help.title"
    AUTO_FOCUS = "#help-body"  # focused as the dialog is shown, not focused elsewhere first and moved (a restyle)

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def body(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Static(f"{t('app.title', self.lang)} · {t(self.TITLE_KEY, self.lang)}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield MarkdownText(self.body(), id="dialog-text")
            yield Static(t("help.close_hint", self.lang), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(MarkdownDialog):
    BINDINGS = [Binding("escape,q,question_mark", "close", "key.close", key_display="Esc")]

    def body(self) -> str:
        return text("help", "body", self.lang)
