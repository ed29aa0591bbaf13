"""Small dialogs: a yes/no question (:class:`ConfirmScreen`) and a message to read (:class:`MessageScreen`)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from engine.words import safe_text

from ..i18n import t
from .base import KeyLabels, StyledOnce


class ConfirmScreen(StyledOnce, KeyLabels, ModalScreen[bool]):
    """Asks a yes/no question; dismisses True for yes. "No" has the focus, so a stray Enter changes nothing."""

    BINDINGS = [
        Binding("y", "answer(True)", "key.yes"),
        Binding("n,escape", "answer(False)", "key.no"),
        Binding("left,right", "switch", show=False),
    ]

    def __init__(self, question: str, lang: str = "zh", *, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.lang = lang
        self.yes_label = yes or t("key.yes", lang)
        self.no_label = no or t("key.no", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog confirm"):
            yield Static(t("confirm.title", self.lang), classes="dialog-title")
            yield Static(safe_text(self.question, lines=True), id="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes_label} (y)", variant="error", id="yes")
                yield Button(f"{self.no_label} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_switch(self) -> None:
        self.focus_next()


class MessageScreen(StyledOnce, KeyLabels, ModalScreen[None]):
    """Shows a message (e.g. why a profile cannot be opened) until dismissed."""

    BINDINGS = [Binding("escape,enter,q", "close", "key.close")]

    def __init__(self, title: str, message: str, lang: str = "zh", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.hint = hint
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog message"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(safe_text(self.message, lines=True), id="message", markup=False)
            if self.hint:
                yield Static(self.hint, classes="dialog-hint")
            with Horizontal(classes="buttons"):
                yield Button(t("key.ok", self.lang), variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class QuitScreen(StyledOnce, KeyLabels, ModalScreen[str]):
    """Unsaved changes at quit: 保存并退出 (s) / 不保存退出 (d) / 取消 (Esc); with ``switching``, as another profile
    is opened: 先保存再打开 (s) / 不保存，直接打开 (d) / 取消 (Esc). Dismisses "save", "discard" or "cancel". Save
    has the focus: a stray Enter keeps the person's work."""

    BINDINGS = [
        Binding("s", "answer('save')", show=False),
        Binding("d", "answer('discard')", show=False),
        Binding("escape,c", "answer('cancel')", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, lang: str = "zh", *, switching: bool = False) -> None:
        super().__init__()
        self.lang = lang
        self.switching = switching

    def compose(self) -> ComposeResult:
        from engine.words import text

        def w(key: str) -> str:
            own = "switch" if self.switching and key in ("title", "save", "discard") else "quit"
            return text("app", f"{own}.{key}", self.lang)

        with Vertical(id="dialog", classes="dialog quit"):
            yield Static(w("title"), classes="dialog-title")
            yield Static(w("question"), id="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(w("save"), variant="primary", id="save")
                yield Button(w("discard"), variant="error", id="discard")
                yield Button(w("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "cancel")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
