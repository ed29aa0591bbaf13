"""The file changed on disk since it was opened: reload it, overwrite it, or save this version as a copy.

Shown by the app when a save meets :class:`engine.ProfileConflict`; dismisses ``"reload"``, ``"overwrite"``,
``"copy"`` or None (cancel: nothing is written, the edits stay in the app).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engine.words import text

from .base import KeyLabels, StyledOnce

CHOICES = ("reload", "overwrite", "copy")


class ConflictScreen(StyledOnce, KeyLabels, ModalScreen[str | None]):
    """Three ways on, each losing nothing the user did not choose to drop; Esc cancels."""

    BINDINGS = [
        Binding("r", "choose('reload')", show=False),
        Binding("o", "choose('overwrite')", show=False),
        Binding("c", "choose('copy')", show=False),
        Binding("escape", "choose('')", show=False),
        Binding("up,left", "app.focus_previous", show=False),
        Binding("down,right", "app.focus_next", show=False),
    ]

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen #dialog { width: 72; max-width: 100%; height: auto; border: thick $warning; padding: 1 2;
                             background: $surface; }
    ConflictScreen Button { width: 100%; margin-top: 1; }
    ConflictScreen .choice-hint { color: $text-muted; padding-left: 2; }
    """

    def __init__(self, path: str | Path | None, lang: str = "zh") -> None:
        super().__init__()
        self.path = path
        self.lang = lang

    def _t(self, id: str, **args) -> str:
        return text("app", id, self.lang, **args)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog conflict"):
            yield Static(self._t("conflict.title"), classes="dialog-title")
            yield Static(self._t("conflict.body", path=str(self.path or "")), id="question", markup=False)
            for key, letter in zip(CHOICES, "roc"):
                yield Button(f"{self._t('conflict.' + key)} ({letter})", id=key,
                             variant="primary" if key == "copy" else "default")
                yield Static(self._t(f"conflict.{key}_hint"), classes="choice-hint", markup=False)
            yield Button(f"{self._t('conflict.cancel')} (Esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()  # the choice that keeps both versions

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice if choice in CHOICES else None)
