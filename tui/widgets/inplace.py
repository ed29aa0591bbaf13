"""Updating a widget in place: repainted only if what it shows changed, laid out again only if its height did.

A ``Static.update`` lays the whole screen out again (about 10 ms at 140x42); most updates on a keystroke either
change nothing or change a line's words, not the number of lines.
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
