"""What every screen of the app shares."""

from __future__ import annotations

from textual import events


class StyledOnce:
    """A screen styled once as it is first shown, not twice.

    Textual styles each widget as it is mounted, and then, as a new screen is shown (``ScreenResume`` with
    ``refresh_styles``), styles the whole screen again: for the period form that second pass cost about a quarter
    of its opening time. A screen that is shown again later (after a dialog above it closes) is restyled as usual.
    """

    _shown_before = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False  # Screen._on_screen_resume runs after this handler and reads it
