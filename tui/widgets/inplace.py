"""Updating a widget in place: repainted only if what it shows changed, laid out again only if its height did.

A ``Static.update`` lays the whole screen out again (about 10 ms at 140x42); most updates on a keystroke either
change nothing or change a line's words, not the number of lines.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Static


def _height(widget: Static, width: int) -> int:
    return widget.get_content_height(Size(width, 0), Size(width, 0), width)


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
