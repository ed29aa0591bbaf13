"""A table of one-line rows drawn line by line (Textual's line API: a ScrollView whose ``render_line`` draws one row).

Textual's DataTable measures every new cell through Rich's console and lays each out through Rich when it draws
it, which for the timeline's 200 periods made saving a period several frames long. The timeline's cells are
one-line Texts: here a column is as wide as its widest label or cell (``Text.cell_len``), worked out as the rows
are set, and a row is drawn from its cells' segments, cut or padded to its column. The header stays on the first
line; the rows below it scroll; the highlighted row follows the keys and the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

#: blank cells each side of a cell's text
PADDING = 1


@dataclass
class Column:
    """A column: its key, its heading and its width (of the widest of them, without the padding)."""

    key: str
    label: Text
    width: int = field(default=0)


class RowTable(ScrollView, can_focus=True):
    """Rows of one-line Texts under a heading line; ``cursor_row`` is the highlighted row."""

    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even-row", "row-table--odd-row"}

    # as Textual's DataTable looks
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .row-table--even-row { background: $surface-darken-1 40%; }
        & > .row-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .row-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .row-table--even-row { background: $surface-lighten-1 50%; }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, init=False)

    class RowHighlighted(Message):
        """The highlighted row is now ``cursor_row`` (``row_key``: its key; None when the table is empty)."""

        def __init__(self, table: RowTable, cursor_row: int, row_key: str | None) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row
            self.row_key = row_key

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, *, zebra_stripes: bool = True, id: str | None = None, classes: str | None = None,
                 name: str | None = None) -> None:
        super().__init__(id=id, classes=classes, name=name)
        self.zebra_stripes = zebra_stripes
        self.columns: list[Column] = []
        self._keys: list[str] = []
        self._rows: list[list[Text]] = []
        self._index: dict[str, int] = {}
        self._lines: dict[tuple, tuple[Strip, Style]] = {}  # drawn rows: (row or -1 for the heading, highlighted) -> full width

    # -- content ------------------------------------------------------------------------------------------------

    def add_column(self, label: str | Text, *, key: str) -> None:
        text = label if isinstance(label, Text) else Text(label)
        self.columns.append(Column(key, text, text.cell_len))
        self._changed()

    def set_rows(self, rows) -> None:
        """Show ``rows`` - (key, one-line Texts, one per column) - in place of the rows shown; the highlighted row
        keeps its number (within the new rows)."""
        keys, cells = [], []
        for key, row in rows:
            keys.append(key)
            cells.append(list(row))
        if len(set(keys)) != len(keys):
            raise ValueError("two rows with one key")
        self._keys, self._rows = keys, cells
        self._index = {key: i for i, key in enumerate(keys)}
        for column in self.columns:
            column.width = column.label.cell_len
        for row in cells:
            for column, cell in zip(self.columns, row):
                if cell.cell_len > column.width:
                    column.width = cell.cell_len
        self._changed()
        self.set_reactive(RowTable.cursor_row, self.validate_cursor_row(self.cursor_row))

    def clear(self) -> None:
        self.set_rows(())

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def row_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def row_key(self) -> str | None:
        """The key of the highlighted row (None when there are no rows)."""
        return self._keys[self.cursor_row] if self._keys else None

    def get_row(self, key: str) -> list[Text]:
        return list(self._rows[self._index[key]])

    def get_row_at(self, index: int) -> list[Text]:
        return list(self._rows[index])

    def _changed(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(sum(column.width + 2 * PADDING for column in self.columns), len(self._rows) + 1)
        self.refresh()

    # -- the cursor -----------------------------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        for row in (old, new):
            self._lines.pop((row, True), None)
            self._lines.pop((row, False), None)
        self.refresh()
        self.post_message(self.RowHighlighted(self, new, self.row_key))

    def move_cursor(self, row: int, scroll: bool = True) -> None:
        self.cursor_row = row
        if scroll and self.size.height:
            self.show_row(self.cursor_row)
        elif scroll:  # not laid out yet: once it is
            self.call_after_refresh(self.show_row, self.cursor_row)

    def show_row(self, row: int) -> None:
        """Scroll so that ``row`` shows below the heading."""
        rows_shown = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_offset.y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + rows_shown:
            self.scroll_to(y=row - rows_shown + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self._rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = self.scroll_offset.y + offset.y - 1
        if 0 <= row < len(self._rows):
            self.focus()
            self.move_cursor(row)

    # -- drawing --------------------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_focus(self) -> None:
        self._lines.clear()  # the highlighted row and the heading are drawn in the focused colours

    def on_blur(self) -> None:
        self._lines.clear()

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._rows) + 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        if y == 0:
            line, fill = self._line(-1, False)
        else:
            row = scroll_y + y - 1
            if row >= len(self._rows):
                return Strip.blank(width, self.rich_style)
            line, fill = self._line(row, row == self.cursor_row)
        return line.crop_extend(scroll_x, scroll_x + width, fill)  # a line shorter than the table: in its colours

    def _line(self, row: int, highlighted: bool) -> tuple[Strip, Style]:
        """The heading (``row`` -1) or a row, whole, styled; and its style (for the width beyond its cells)."""
        key = (row, highlighted)
        line = self._lines.get(key)
        if line is not None:
            return line
        console = self.app.console
        base = self.rich_style
        if row < 0:
            style, post = base + self.get_component_rich_style("row-table--header"), None
            cells = [column.label for column in self.columns]
        else:
            stripe = "row-table--odd-row" if not self.zebra_stripes or row % 2 else "row-table--even-row"
            style = base + self.get_component_rich_style(stripe)
            post = None
            if highlighted:  # the cursor's colours under the cell's own background, its foreground over the cell's
                cursor = self.get_component_rich_style("row-table--cursor")
                style, post = style + cursor, Style.from_color(color=cursor.color)
            cells = self._rows[row]
        blank = Segment(" " * PADDING)
        segments: list[Segment] = []
        for column, cell in zip(self.columns, cells):
            drawn = list(Segment.apply_style(cell.render(console, end=""), console.get_style(cell.style))) \
                if cell.plain else []  # the text's own style under its spans (as Rich draws a Text)
            segments += [blank, *Segment.adjust_line_length(drawn, column.width, pad=True), blank]
        fill = style + post if post is not None else style
        line = Strip(Segment.apply_style(segments, style=style, post_style=post)), fill
        self._lines[key] = line
        return line
