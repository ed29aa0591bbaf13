"""What every screen of the app shares."""

from __future__ import annotations

from textual import events


class StyledOnce:
    """A screen styled again as it is shown only when the app's styles changed since it was last styled.

    Textual styles each widget as it is mounted, and then, each time a screen is shown (``ScreenResume`` with
    ``refresh_styles``), styles the whole screen again: for the period form that pass cost about a quarter of its
    opening time. The app keeps its dialogs and shows them again, so the pass is skipped unless the stylesheet or
    the theme changed meanwhile (a widget whose state changes, e.g. its focus or a class, restyles itself).
    """

    _styled_for: tuple | None = None

    def on_mount(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        self._styled_for = (app._css_update_count, app.theme)  # each widget was styled as it was mounted

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        app = self.app  # type: ignore[attr-defined]
        styles = (app._css_update_count, app.theme)
        if self._styled_for == styles:
            event.refresh_styles = False  # Screen._on_screen_resume runs after this handler and reads it
        self._styled_for = styles


class DrawnOnce:
    """A screen that does not draw again what its last frame drew whole.

    While Textual lays a screen out (it is shown again, or a pane grew), the scroll bars and other widgets whose
    size changed ask to be repainted; Textual draws the whole screen in that frame, and then, once those widgets
    are idle, draws them once more in a frame of their own, a 60th of a second later: after a language switch
    or a saved period that second frame was the last third of the wait. When the frame just drawn was the whole
    screen and every line of a widget has been rendered since it last changed (none of its lines is marked dirty
    in its render cache, which a change marks at once), that repaint is already on the screen.
    """

    _drew_whole_screen = False

    def _compositor_refresh(self) -> None:
        whole = self._compositor.size.region in self._compositor._dirty_regions  # type: ignore[attr-defined]
        super()._compositor_refresh()  # type: ignore[misc]
        if self is self.app.screen:  # type: ignore[attr-defined]
            self._drew_whole_screen = whole

    def _on_update(self, message) -> None:
        widget = message.widget
        if self._drew_whole_screen and widget is not self and not widget._styles_cache._dirty_lines:
            message.stop()
            message.prevent_default()  # Screen._on_update (next in line) would draw it again
