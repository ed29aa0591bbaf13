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
