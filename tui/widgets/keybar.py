"""The key bar at the foot of a screen: the keys that work here, drawn as one line of text.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever the bindings change, which is every time
a screen is shown or the focus moves; each rebuild restyles and lays out a dozen widgets. This bar is one
widget: when the bindings change it writes its
line again, and repaints only if the line differs. A key is still clickable (it presses that key).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    """The keys that work on this screen (with the focused widget's), one line, clickable."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._line: Content | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        self._show()

    def on_resize(self) -> None:
        self._show()

    def _show(self) -> None:
        line = self.line(self.size.width)
        if line != self._line:
            self._line = line
            self.update(line, layout=False)

    def keys(self) -> list[tuple[str, str, str, bool]]:
        """(key, key as shown, description, enabled) of each key shown, one per action, in binding order."""
        return [(key, display, description, enabled) for key, display, description, enabled, _ in self._keys()]

    def _keys(self) -> list[tuple[str, str, str, bool, str]]:
        first: dict[str, tuple] = {}  # action -> its first binding shown
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled))
        return [(binding.key, self.app.get_key_display(binding), binding.description, enabled, binding.action)
                for binding, enabled in first.values()]

    def line(self, width: int = 0) -> Content:
        """The bar's text: 'key description' for each key, two spaces apart, or one where the line would not fit
        ``width``; then without the keys the screen leaves out first (its ``keys_left_out_first()``: actions, the
        help lists them all), and then as many keys as fit whole (a key cut in two, ``l 本``, says nothing); a
        disabled key is dimmed."""
        pieces: list[tuple[str, Content]] = []
        for key, display, description, enabled, action in self._keys():
            piece = Content.assemble((display, "bold $footer-key-foreground" if enabled else "dim"),
                                     (" " + description, "" if enabled else "dim"))
            pieces.append((action, piece.stylize(f"@click=app.simulate_key({key!r})") if enabled else piece))

        def joined(gap: str) -> Content:
            return Content(" ") + Content(gap).join(piece for _, piece in pieces)

        for gap in ("  ", " "):
            line = joined(gap)
            if not width or line.cell_length <= width:
                return line
        left_out = getattr(self.screen, "keys_left_out_first", None)
        for action in (left_out() if left_out is not None else ()):
            pieces = [(a, piece) for a, piece in pieces if a != action]
            line = joined(" ")
            if line.cell_length <= width:
                return line
        while len(pieces) > 1 and line.cell_length > width:
            pieces.pop()
            line = joined(" ")
        return line

    @property
    def plain(self) -> str:
        """The bar as plain text (tests and the benchmark read it)."""
        return self._line.plain if self._line is not None else ""
