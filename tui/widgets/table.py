"""A DataTable that measures its one-line Text cells by their length.

Textual's DataTable measures every cell of every new row through Rich's console (``textual.render.measure`` asks
the console for its options, which reads the terminal size, once per cell): filling the timeline's table for 200
periods spent about 60 ms there. For a rich ``Text`` the measure is the cell length of its longest line (what
``Text.__rich_measure__`` gives as its maximum), so this table counts it directly; anything else is measured as
before.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets import _data_table

from .inplace import OwnVirtualSize


def _measure(console, renderable, default: int, *, container_width: int | None = None) -> int:
    if isinstance(renderable, Text) and container_width is None:
        return max((cell_len(line) for line in renderable.plain.split("\n")), default=0)
    return _TEXTUAL_MEASURE(console, renderable, default, container_width=container_width)


_TEXTUAL_MEASURE = _data_table.measure


class TextTable(OwnVirtualSize, DataTable):
    """A DataTable whose cells are Texts (give it Texts: a str cell is still parsed as markup and measured slowly)."""

    def _update_dimensions(self, new_rows) -> None:
        _data_table.measure = _measure  # only while this table measures its rows (the call is synchronous)
        try:
            super()._update_dimensions(new_rows)
        finally:
            _data_table.measure = _TEXTUAL_MEASURE

    def settle(self) -> None:
        """Measure the rows added or changed now rather than when the table is next idle (what ``_on_idle``
        does): the table is laid out in the frame that shows its new rows, not in one more frame after it."""
        if self._updated_cells:
            updated = self._updated_cells.copy()
            self._updated_cells.clear()
            self._update_column_widths(updated)
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)
