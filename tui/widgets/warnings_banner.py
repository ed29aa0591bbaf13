"""The warnings of the report (engine/warnings.py) as a banner above the panes: hidden when there are none.

On a short or narrow screen the banner is one line: how many warnings there are, the key that lists them, and as
many of their titles, whole, as the line holds. On a tall screen the count line is followed by every warning, its
title in bold and its message after it (a few rows at most; they scroll beyond). The key (or a click) opens the list
of warnings (tui/screens/warnings.py), where Enter on a warning goes to the field it names.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from engine.words import text

#: the key that opens the list of warnings (as the banner and the key bar show it)
KEY = "!"


class WarningsBanner(Widget):
    DEFAULT_CSS = """
    WarningsBanner {
        height: auto;
        max-height: 7;
        overflow-y: auto;
        padding: 0 1;
        background: $warning 15%;
        color: $text;
        display: none;
    }
    WarningsBanner.-shown { display: block; }
    """

    def __init__(self, lang: str = "zh", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.warnings: list = []
        self.codes: list[str] = []
        self.fields: list[str] = []

    def show(self, report, lang: str | None = None) -> None:
        """Show the warnings of ``report`` (or hide the banner when it has none)."""
        from engine import compute_warnings as compute

        lang = self.lang = lang or self.lang
        warnings = compute(report) if report is not None else []
        codes = [w.code for w in warnings]
        changed = [(w.code, w.message(lang)) for w in warnings] != [(w.code, w.message(lang)) for w in self.warnings]
        self.warnings = warnings
        self.codes = codes
        self.fields = [f for w in warnings for f in w.fields]
        if warnings:
            self.tooltip = text("app", "warnings.title", lang)
        self.set_class(bool(warnings), "-shown")
        if changed:
            self.refresh(layout=True)

    @property
    def collapsed(self) -> bool:
        """One line: on a short screen or one pane at a time (app.tcss gives it the height of one line there)."""
        return self.screen.has_class("-short") or self.screen.has_class("-single")

    def count_line(self, width: int = 0) -> Text:
        """``⚠ 3条提醒（按 ! 查看）：title · title · …``: the count and the key, then the titles that fit
        ``width`` whole (none when ``width`` is 0)."""
        lang = self.lang
        line = Text(f"⚠ {text('app', 'warnings.count', lang, n=len(self.warnings), key=KEY)}", style="bold")
        if not width or not self.warnings:
            return line
        titles = [w.title(lang) for w in self.warnings]
        joiner, more = " · ", " · …"
        shown = line.copy()
        for i, title in enumerate(titles):
            head = text("join", "colon", lang) if i == 0 else joiner
            rest = len(titles) - i - 1
            room = width - shown.cell_len - cell_len(head) - (cell_len(more) if rest else 0)
            if cell_len(title) > room:
                if i:
                    shown.append(more)
                return shown
            shown.append(head)
            shown.append(title)
        return shown

    def render(self) -> Text:
        width = self.content_size.width or self.size.width
        if not self.warnings:
            return Text()
        if self.collapsed:
            return self.count_line(width)
        body = self.count_line()
        for warning in self.warnings:
            body.append("\n")
            body.append(f"⚠ {warning.title(self.lang)}", style="bold")
            body.append(text("join", "colon", self.lang) + warning.message(self.lang))
        return body

    async def on_click(self) -> None:
        await self.run_action("screen.show_warnings")

    @property
    def banner_text(self) -> str:
        """Every warning's words, title and message (for tests)."""
        if not self.has_class("-shown"):
            return ""
        return "\n".join(f"⚠ {w.title(self.lang)}{text('join', 'colon', self.lang)}{w.message(self.lang)}"
                         for w in self.warnings)

    @property
    def line_text(self) -> str:
        """The banner's first line as drawn now (for tests)."""
        return self.count_line(self.content_size.width if self.collapsed else 0).plain if self.warnings else ""
