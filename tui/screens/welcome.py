"""The welcome, shown when the user has no profile of their own: the guided start first, the examples second."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from ..i18n import t
from ..widgets.keybar import KeyBar
from ..widgets.titlebar import TitleBar
from .base import KeyLabels, StyledOnce
from .inorder import InOrderScreen


class WelcomeScreen(InOrderScreen, StyledOnce, KeyLabels, Screen):
    """Two ways in: start with one's own story (the guided start, focused) or look at the examples first. Its keys
    are acted on as they come (:mod:`tui.screens.inorder`): ``n`` and the answers typed after it in one burst open
    the guided start and answer it."""

    BINDINGS = [
        Binding("n", "guide", "key.welcome_guide"),
        Binding("e", "examples", "key.welcome_examples"),
        Binding("up,down", "switch", show=False),
        Binding("question_mark", "app.help", "key.help", key_display="?"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="welcome-body"):
            yield Static(t("welcome.title", self.lang), id="welcome-title", markup=False)
            yield Static(t("welcome.text", self.lang), id="welcome-text", markup=False)
            yield Button(t("welcome.guide", self.lang), variant="primary", id="welcome-guide")
            yield Button(t("welcome.examples", self.lang), id="welcome-examples")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = ""
        self.set_focus(self.query_one("#welcome-guide", Button))
        self.app.screen_shown()
        self.release_keys()

    async def on_key(self, event: events.Key) -> None:
        button = self.focused
        if event.key in ("enter", "space") and isinstance(button, Button) and self.app.screen is self \
                and not self.keys_held():
            event.stop()  # the focused way in, taken at once (a button's press comes later, after the keys behind)
            event.prevent_default()
            return self.action_guide() if button.id == "welcome-guide" else self.action_examples()
        await self.act_on_key(event)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "welcome-guide":
            self.action_guide()
        else:
            self.action_examples()

    def action_guide(self) -> None:
        self.app.action_guide()

    def action_examples(self) -> None:
        self.app.show_profile_list()

    def action_switch(self) -> None:
        self.focus_next(Button)
