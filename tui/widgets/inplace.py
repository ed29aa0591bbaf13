"""Updating a widget in place: repainted only if what it shows changed, laid out again only if its height did.

A ``Static.update`` lays the whole screen out again; most updates on a keystroke either change nothing or change
a line's words, not the number of lines.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static


def _height(widget: Static, width: int) -> int:
    """The lines the widget takes for its content at ``width``, within its min-height and max-height (in cells)."""
    height = widget.get_content_height(Size(width, 0), Size(width, 0), width)
    styles = widget.styles
    for bound, pick in ((styles.max_height, min), (styles.min_height, max)):
        if bound is not None and bound.is_cells:
            height = pick(height, int(bound.value))
    return height


def content_height(widget: Static, content, width: int) -> int:
    """The lines ``content`` would take in ``widget`` at ``width`` (without showing it)."""
    from textual.visual import visualize

    visual = visualize(widget, content, markup=False)
    return visual.get_height(widget.styles, width)


def update_static(widget: Static, content) -> bool:
    """Show ``content`` in ``widget``; False (and nothing done) when it shows that already."""
    if widget.content == content and type(widget.content) is type(content):
        return False
    width = widget.content_size.width
    if not widget.is_mounted or width <= 0 or not widget.display:
        widget.update(content)
        return True
    before = _height(widget, width)
    widget.update(content, layout=False)
    if _height(widget, width) != before:
        widget.refresh(layout=True)
    return True


def update_growing(widget: Static, content, limit: int | None = None) -> None:
    """``update_static``, with the widget's min-height raised to the tallest content shown in it so far (at most
    ``limit`` lines): moving between items of different lengths then changes no height, and lays nothing out
    (a height that changes lays the screen out twice: once for the widget, once for the pane around it)."""
    width = widget.content_size.width
    if width > 0 and widget.display:
        rows = content_height(widget, content, width)
        if limit is not None:
            rows = min(rows, limit)
        current = widget.styles.min_height
        shown = int(current.value) if current is not None and current.is_cells else 0
        if rows > shown:
            widget.styles.min_height = rows
    update_static(widget, content)


class StyleOncePerRender:
    """A line-API widget that works out its Rich style once per render rather than once per line.

    Textual's Tree, DataTable and OptionList read ``rich_style`` in ``render_line``, for every line drawn; the
    property walks the widget's ancestors and blends their colours each time (a quarter of the why tree's render
    time). Styles cannot change while the lines of one render are drawn, so the first answer serves them all.
    """

    _rendering = False
    _render_style = None

    def render_lines(self, crop):
        self._rendering = True
        try:
            return super().render_lines(crop)  # type: ignore[misc]
        finally:
            self._rendering, self._render_style = False, None

    @property
    def rich_style(self):
        if not self._rendering:
            return super().rich_style  # type: ignore[misc]
        if self._render_style is None:
            self._render_style = super().rich_style  # type: ignore[misc]
        return self._render_style


class StyledWhenAttached:
    """A widget that is not restyled before it is in the screen's DOM.

    Textual applies the stylesheet to a node as soon as one of its classes changes, even while the node is being
    built and is part of no screen yet; and it styles each widget when it is mounted in any case. Input's
    constructor toggles two of its classes (compact, valid), and each toggle restyled the Input and its four parts:
    two thirds of the style applications while the panes were built (85 of 123)."""

    def update_node_styles(self, animate: bool = True) -> None:
        if self.is_attached:
            super().update_node_styles(animate=animate)
