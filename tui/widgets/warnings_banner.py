"""The warnings of the report (engine/warnings.py) as a banner above the panes: hidden when there are none.

One line per warning, its title in bold and its message after it; the banner takes at most a few rows and
scrolls beyond them, so the panes keep their room.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from engine.words import text

from .inplace import update_static


class WarningsBanner(Static):
    DEFAULT_CSS = """
    WarningsBanner {
        height: auto;
        max-height: 6;
        overflow-y: auto;
        padding: 0 1;
        background: $warning 15%;
        color: $text;
        display: none;
    }
    WarningsBanner.-shown { display: block; }
    """

    def __init__(self, lang: str = "zh", *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lang = lang
        self.codes: list[str] = []
        self.fields: list[str] = []

    def show(self, report, lang: str | None = None) -> None:
        """Show the warnings of ``report`` (or hide the banner when it has none)."""
        from engine import compute_warnings as compute

        lang = lang or self.lang
        warnings = compute(report) if report is not None else []
        self.codes = [w.code for w in warnings]
        self.fields = [f for w in warnings for f in w.fields]
        body = Text()
        for i, warning in enumerate(warnings):
            if i:
                body.append("\n")
            body.append(f"⚠ {warning.title(lang)}", style="bold")
            body.append(text("join", "colon", lang) + warning.message(lang))
        if warnings:
            self.tooltip = text("app", "warnings.title", lang)
        update_static(self, body)
        self.set_class(bool(warnings), "-shown")

    @property
    def banner_text(self) -> str:
        """The banner's words (for tests)."""
        return str(self.render()) if self.has_class("-shown") else ""
