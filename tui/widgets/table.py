"""A DataTable that measures its one-line Text cells by their length, and draws them without Rich's layout.

Textual's DataTable measures every cell of every new row through Rich's console (``textual.render.measure`` asks
the console for its options, which reads the terminal size, once per cell): filling the timeline's table for 200
periods spent most of its time there. For a rich ``Text`` the measure is the cell length of its longest line (what
``Text.__rich_measure__`` gives as its maximum), so this table counts it directly; anything else is measured as
before.

Drawing a cell, DataTable lays it out through Rich (``Styled(Padding(cell))`` rendered by the console, which wraps,
justifies and crops it): a large part of the frame after a period was saved. A one-line Text in a
one-line row is drawn here directly - padded, cut to the column (as Rich's "fold" cuts a line that may not wrap)
and styled - into the same segments; anything else is drawn by DataTable.
"""

from __future__ import annotations

from itertools import zip_longest

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
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

    _columns_in_order: tuple = (None, None, [])  # (columns' locations, how many, the columns in order)

    @property
    def ordered_columns(self):
        """DataTable's columns in order, worked out again only when a column is added or removed (DataTable
        builds the list anew each time it is asked, five times per row added)."""
        locations, count, columns = self._columns_in_order
        if locations is not self._column_locations or count != len(self.columns):
            columns = DataTable.ordered_columns.fget(self)
            self._columns_in_order = (self._column_locations, len(self.columns), columns)
        return list(columns)

    def _update_dimensions(self, new_rows) -> None:
        """Widen the columns for the new rows and size the table. A row of one-line Texts, one line high and
        without a label, is measured from its cells' lengths here; DataTable measures the others (it builds
        each row's renderables first: half of filling the table for 200 periods)."""
        widths: dict = {}
        others = []
        for row_key in new_rows:
            row, cells = self.rows.get(row_key), self._data.get(row_key)
            if row is None or cells is None:
                continue  # removed before it was measured
            if row.label is not None or row.auto_height or row.height != 1 \
                    or not all(cell is None or _one_line(cell) for cell in cells.values()):
                others.append(row_key)
                continue
            for column_key, cell in cells.items():
                width = cell.cell_len if cell is not None else 0
                if width > widths.get(column_key, 0):
                    widths[column_key] = width
        for column_key, width in widths.items():
            column = self.columns.get(column_key)
            if column is not None and width > column.content_width:
                column.content_width = width
        _data_table.measure = _measure  # only while this table measures its rows (the call is synchronous)
        try:
            super()._update_dimensions(others)  # the others, and the table's size
        finally:
            _data_table.measure = _TEXTUAL_MEASURE

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False):
        if row_index < 0 or column_index < 0:  # the header and row labels: as DataTable draws them
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)  # DataTable's cache key
        lines = self._cell_render_cache.get(key)
        if lines is not None:
            return lines
        cell = self._get_row_renderables(row_index).cells[column_index]
        row = self.rows.get(row_key)
        if row is None or row.height != 1 or width <= 2 * self.cell_padding or not _one_plain_line(cell):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, row_index < self.fixed_rows or column_index < self.fixed_columns, hover, cursor,
            self.show_cursor, self._show_hover_cursor, self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css")
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        lines = [_cell_line(cell, self.app.console, width, self.cell_padding, pre_style, post_style)]
        self._cell_render_cache[key] = lines
        return lines

    def add_text_rows(self, rows) -> None:
        """Add ``rows`` - (key, one-line Text cells) - at the bottom, as ``add_row`` would one by one (one line
        high, no label). DataTable's ``add_row`` checks the cursor again and marks the table changed for every
        row. Here that is done once for all of them."""
        keys = [column.key for column in self.ordered_columns]
        first = index = self.row_count
        for key, cells in rows:
            row_key = _data_table.RowKey(key)
            if row_key in self._row_locations:
                raise _data_table.DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(keys):
                raise ValueError("More values provided than there are columns.")
            self._row_locations[row_key] = index
            self._data[row_key] = dict(zip_longest(keys, cells))
            self.rows[row_key] = _data_table.Row(row_key, 1, None, False)
            self._new_rows.add(row_key)
            index += 1
        if index == first:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if first == 0 and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # a cell to highlight now, where there was none
        self._update_count += 1
        self.check_idle()

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


_NEWLINE = Text("\n")  # Rich joins a Text's lines with it before drawing them (the text's own style becomes a span)


def _one_line(cell) -> bool:
    return isinstance(cell, Text) and "\n" not in cell.plain


def _one_plain_line(cell) -> bool:
    """A Text drawn as one line the way Rich would draw it with no wrapping: left-aligned, cut at the end."""
    return (_one_line(cell) and "\t" not in cell.plain and cell.justify in (None, "default", "left") and cell.overflow in (None, "fold", "crop")
            and not cell.end.strip("\n"))


def _cell_line(cell: Text, console, width: int, padding: int, pre_style: Style, post_style: Style) -> list[Segment]:
    """The segments of one cell ``width`` wide: ``padding`` blanks either side of the text cut or filled to the
    rest, every segment styled pre_style + its own + post_style (what ``Styled(Padding(cell))`` gives)."""
    inner = max(0, width - 2 * padding)
    line = cell
    if cell_len(cell.plain) > inner:
        line = cell.copy()
        line.plain = set_cell_size(cell.plain, inner)
    segments = list(_NEWLINE.join((line,)).render(console, end=""))
    segments = Segment.adjust_line_length(segments, inner, style=Style.null(), pad=True)
    if padding:
        blank = Segment(" " * padding, Style.null())
        segments = [blank, *segments, blank]
    return list(Segment.apply_style(segments, style=pre_style, post_style=post_style))
