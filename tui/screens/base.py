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
    """A screen that does not draw again what its last frame drew.

    While Textual lays a screen out (it is shown again, or a pane grew or moved), the scroll bars and other
    widgets whose size or place changed ask to be repainted; the frame being drawn paints them where they are,
    and then, once those widgets are idle, Textual draws them once more in a frame of their own, a 60th of a
    second later: after a language switch, a saved period or a move to another decision that second frame was
    the last third of the wait. A repaint is dropped when every line of the widget that shows has been rendered
    since it last changed (none is marked dirty in its render cache, which a change marks at once) and the last
    frame painted the whole of what shows of it.
    """

    _drawn: tuple = ()  # the regions the last frame painted

    def _compositor_refresh(self) -> None:
        drawn = tuple(self._compositor._dirty_regions)  # type: ignore[attr-defined]  # what this frame paints
        super()._compositor_refresh()  # type: ignore[misc]
        if self is self.app.screen:  # type: ignore[attr-defined]
            self._drawn = drawn

    def _on_update(self, message) -> None:
        widget = message.widget
        if widget is self or not self._drawn:
            return  # Screen._on_update (next in line) draws it
        try:
            geometry = self._compositor.find_widget(widget)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not on the screen (NoWidget): let Textual decide
            return
        visible = geometry.region.intersection(geometry.clip)  # a pane may show only part of it
        top = visible.y - geometry.region.y
        if any(top <= y < top + visible.height for y in widget._styles_cache._dirty_lines):
            return  # a line that shows has changed since it was rendered
        if any(painted.contains_region(visible) for painted in self._drawn):
            message.stop()
            message.prevent_default()  # already on the screen as it is now
