"""What every screen of the app shares."""

from __future__ import annotations

from textual import _time, events
from textual.screen import UPDATE_PERIOD
from textual.timer import EventTargetGone, Timer


class FrameTimer(Timer):
    """A screen's update timer that draws as soon as it is asked to, at most once per interval.

    Textual's timer ticks on a fixed grid; when a tick comes late (the app was busy drawing the frame before) it
    skips to the grid point after the next one: a second frame asked for just after a frame was drawn waited two
    intervals, and after a move between decisions the explanation pane came more than an interval after it was
    ready. Here a tick comes as the timer is resumed, unless the last one was less than an interval ago, and
    then when the interval is up.
    """

    async def _run(self) -> None:
        last = float("-inf")
        while True:
            await self._active.wait()
            wait = last + self._interval - _time.get_time()
            if wait > 0:
                await _time.sleep(wait)
                continue  # paused meanwhile: wait to be resumed
            last = _time.get_time()
            try:
                await self._tick(next_timer=last, count=0)
            except EventTargetGone:
                break


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
    and then, once those widgets are idle, Textual draws them once more in a frame of their own, an interval
    later: after a language switch, a saved period or a move to another decision that second frame was the end of
    the wait. A repaint is dropped when every line of the widget that shows has been rendered
    since it last changed (none is marked dirty in its render cache, which a change marks at once) and the last
    frame painted the whole of what shows of it.
    """

    _drawn: tuple = ()  # the regions the last frame painted
    _frame_timer: FrameTimer | None = None

    @property
    def _update_timer(self) -> FrameTimer:  # Screen's own, made the way Screen makes it, with a FrameTimer
        if self._frame_timer is None:
            self._frame_timer = FrameTimer(self, UPDATE_PERIOD, name="screen_update",
                                           callback=self._on_timer_update, pause=True)  # type: ignore[attr-defined]
            self._frame_timer._start()
            self._timers.add(self._frame_timer)  # type: ignore[attr-defined]
        return self._frame_timer

    def _compositor_refresh(self) -> None:
        if self._repaint_required and self is self.app.screen:  # type: ignore[attr-defined]
            # the whole screen is painted in this update (or the next): a frame of only what a layout moved, drawn
            # just before it, would be drawn twice (as a screen comes back after a layout the dialog caused)
            return
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


def post_pending_refreshes(screen) -> None:
    """Send the screen the repaints and layouts its widgets have asked for, now rather than when each widget is
    next idle.

    While a dialog covers the screen, the panes below it are redrawn for the dialog's result; a widget asks its
    screen for a layout only once it is idle, which comes after the dialog has closed and the screen has been
    painted again, and then the layout costs one more frame. Posted now, they come before the screen is shown
    again, and it is laid out and painted once.
    """
    for widget in screen.walk_children(with_self=False):
        if widget._layout_required or widget._repaint_required:
            widget._check_refresh()
