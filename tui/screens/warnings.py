"""The list of warnings, each in full: Enter on one closes the list and moves the focus to the field it names (the
main screen finds that field); Esc closes the list and leaves the focus where it was."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from engine.words import text

from .base import KeyLabels, StyledOnce
from ..widgets.warnings_banner import KEY


class WarningsScreen(StyledOnce, KeyLabels, ModalScreen[int | None]):
    """``WarningsScreen(warnings, targets, lang)``: ``targets[i]`` names, in words, where Enter on warning ``i``
    goes (None: nowhere). Dismisses the index of the warning chosen, or None."""

    BINDINGS = [Binding("escape,q,exclamation_mark,fullwidth_exclamation_mark", "close", "key.close", key_display="Esc")]
    AUTO_FOCUS = "#warnings-list"

    def __init__(self, warnings: list, targets: list[str | None], lang: str = "zh") -> None:
        super().__init__()
        self.warnings = warnings
        self.targets = targets
        self.lang = lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(id="dialog", classes="dialog warnings"):
            yield Static(text("app", "warnings.list_title", lang, n=len(self.warnings)), classes="dialog-title")
            yield OptionList(*self.options(), id="warnings-list")
            yield Static(text("app", "warnings.list_hint", lang, key=KEY), classes="dialog-hint")

    def options(self) -> list[Option]:
        out = []
        for i, (warning, target) in enumerate(zip(self.warnings, self.targets)):
            prompt = Text(f"⚠ {warning.title(self.lang)}", style="bold")
            prompt.append("\n" + warning.message(self.lang), style="not bold")
            if target:
                prompt.append("\n→ " + text("app", "warnings.goto", self.lang, field=target), style="bold")
            if i < len(self.warnings) - 1:
                prompt.append("\n")  # a blank line between two warnings
            out.append(Option(prompt, id=f"w{i}"))
        return out

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
