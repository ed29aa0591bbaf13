"""A table of one-line rows drawn line by line (Textual's line API: a widget whose ``render_line`` draws one row).

Textual's DataTable measures every new cell through Rich's console and lays each out through Rich when it draws
it, which for the timeline's 200 periods made saving a period several frames long. The timeline's cells are
one-line Texts: here a column is as wide as its widest label or cell (``Text.cell_len``), worked out as the rows
are set, and a row is drawn from its cells' segments, cut or padded to its column, as DataTable draws it.

The table scrolls itself and draws its own scroll bars (with Textual's ``ScrollBarRender``, as Textual draws
them): its size is the one the layout gives it, whatever its rows, so new rows or a scroll never lay the screen
out again (a scroll view's virtual size is news for the whole screen, and after each layout every scroll view's
scroll bars are drawn once more in a frame of their own). The header stays on the first line; the rows below it
scroll with the wheel, the keys and the bars; the highlighted row follows the keys and the mouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

#: blank cells each side of a cell's text
PADDING = 1
#: columns moved by a step to the side (a key or the wheel)
SIDE_STEP = 4


@dataclass
class Column:
    """A column: its key, its heading and its width (of the widest of them, without the padding)."""

    key: str
    label: Text
    width: int = field(default=0)


@dataclass(frozen=True)
class Frame:
    """Where things are drawn at the table's present size: the rows' area and the scroll bars around it."""

    width: int  # of the rows' area
    rows: int  # rows shown below the heading
    vertical: int  # the vertical bar's width (0: none)
    horizontal: bool  # a horizontal bar on the last line


class RowTable(Widget, can_focus=True):
    """Rows of one-line Texts under a heading line; ``cursor_row`` is the highlighted row."""

    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("left", "side(-1)", show=False),
        Binding("right", "side(1)", show=False),
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
        self._lines: dict[tuple, tuple[Strip, Style]] = {}  # (row or -1 for the heading, highlighted) -> drawn
        self.scroll_top = 0  # the first row shown below the heading
        self.scroll_left = 0  # the first column of cells shown
        self._dragging: bool | None = None  # while a scroll bar is dragged: whether it is the vertical one

    # -- content ------------------------------------------------------------------------------------------------

    def add_column(self, label: str | Text, *, key: str) -> None:
        text = label if isinstance(label, Text) else Text(label)
        self.columns.append(Column(key, text, text.cell_len))
        self._changed(len(self._rows))

    def set_rows(self, rows) -> None:
        """Show ``rows`` - (key, one-line Texts, one per column) - in place of the rows shown; the highlighted row
        keeps its number (within the new rows)."""
        keys, cells = [], []
        for key, row in rows:
            keys.append(key)
            cells.append(list(row))
        if len(set(keys)) != len(keys):
            raise ValueError("two rows with one key")
        before = len(self._rows)
        self._keys, self._rows = keys, cells
        self._index = {key: i for i, key in enumerate(keys)}
        for column in self.columns:
            column.width = column.label.cell_len
        for row in cells:
            for column, cell in zip(self.columns, row):
                if cell.cell_len > column.width:
                    column.width = cell.cell_len
        self._changed(before)
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

    @property
    def table_width(self) -> int:
        """The cells' width, all columns with their padding."""
        return sum(column.width + 2 * PADDING for column in self.columns)

    def _changed(self, rows_before: int) -> None:
        self._lines.clear()
        self._scroll_within()
        # only a table as tall as its rows (height: auto) changes size with them
        self.refresh(layout=len(self._rows) != rows_before and self.styles.height is not None
                     and self.styles.height.is_auto)

    # -- where things are ---------------------------------------------------------------------------------------

    def frame(self) -> Frame:
        width, height = self.size
        thickness = self.styles.scrollbar_size_vertical or 0
        vertical = thickness if len(self._rows) > height - 1 else 0
        horizontal = bool(self.styles.scrollbar_size_horizontal) and self.table_width > width - vertical
        if not vertical and len(self._rows) > height - 1 - horizontal:
            vertical = thickness
            horizontal = bool(self.styles.scrollbar_size_horizontal) and self.table_width > width - vertical
        return Frame(max(0, width - vertical), max(0, height - 1 - horizontal), vertical, horizontal)

    def _scroll_within(self) -> None:
        frame = self.frame()
        self.scroll_top = max(0, min(self.scroll_top, len(self._rows) - frame.rows))
        self.scroll_left = max(0, min(self.scroll_left, self.table_width - frame.width))

    def scroll_rows(self, top: int | None = None, left: int | None = None) -> None:
        """Show the rows from ``top`` and the cells from column ``left`` (kept within the table)."""
        before = (self.scroll_top, self.scroll_left)
        if top is not None:
            self.scroll_top = top
        if left is not None:
            self.scroll_left = left
        self._scroll_within()
        if (self.scroll_top, self.scroll_left) != before:
            self.refresh()

    def on_resize(self) -> None:
        self._scroll_within()
        self.show_row(self.cursor_row)

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
        if scroll:
            self.show_row(self.cursor_row)

    def show_row(self, row: int) -> None:
        """Scroll so that ``row`` shows below the heading."""
        shown = self.frame().rows
        if not shown:
            return  # not laid out yet: on_resize shows it
        if row < self.scroll_top:
            self.scroll_rows(top=row)
        elif row >= self.scroll_top + shown:
            self.scroll_rows(top=row - shown + 1)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * max(1, self.frame().rows))

    def action_jump(self, row: int) -> None:
        self.move_cursor(row if row >= 0 else len(self._rows) - 1)

    def action_side(self, step: int) -> None:
        self.scroll_rows(left=self.scroll_left + step * SIDE_STEP)

    # -- the mouse ------------------------------------------------------------------------------------------------

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_rows(top=self.scroll_top + 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_rows(top=self.scroll_top - 1)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        event.stop()
        self.scroll_rows(left=self.scroll_left + SIDE_STEP)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        event.stop()
        self.scroll_rows(left=self.scroll_left - SIDE_STEP)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """On a scroll bar: scroll to where it was pressed, and follow the mouse until it is let go."""
        frame = self.frame()
        if frame.vertical and event.x >= frame.width and event.y < 1 + frame.rows + frame.horizontal:
            self._dragging = True
        elif frame.horizontal and event.y == self.size.height - 1 and event.x < frame.width:
            self._dragging = False
        else:
            return
        event.stop()
        self.capture_mouse()
        self._drag_to(event)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging is not None:
            self._drag_to(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging is not None:
            self._dragging = None
            self.release_mouse()
            self.refresh()

    def _drag_to(self, event) -> None:
        frame = self.frame()
        if self._dragging:
            length = frame.rows + 1 + frame.horizontal
            self.scroll_rows(top=round(event.y / max(1, length - 1) * (len(self._rows) - frame.rows)))
        else:
            self.scroll_rows(left=round(event.x / max(1, frame.width - 1) * (self.table_width - frame.width)))

    def on_click(self, event: events.Click) -> None:
        frame = self.frame()
        if event.y < 1 or event.y > frame.rows or event.x >= frame.width:
            return
        row = self.scroll_top + event.y - 1
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

    def get_content_width(self, container, viewport) -> int:
        return self.table_width

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._rows) + 1

    def render_line(self, y: int) -> Strip:
        frame = self.frame()
        if frame.horizontal and y == self.size.height - 1:
            return self._horizontal_bar(frame)
        if y == 0:
            line, fill = self._line(-1, False)
        elif y - 1 + self.scroll_top < len(self._rows):
            row = self.scroll_top + y - 1
            line, fill = self._line(row, row == self.cursor_row)
        else:
            line, fill = Strip([]), self.rich_style
        line = line.crop_extend(self.scroll_left, self.scroll_left + frame.width, fill)  # beyond: in its colours
        if frame.vertical:
            line = Strip.join([line, Strip([self._vertical_bar(frame)[y]])])
        return line

    def _bar_colors(self):
        styles = self.styles
        if self._dragging is not None:
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            background = self.background_colors[0] + background
        return background.rich_color, (background + color).rich_color

    def _vertical_bar(self, frame: Frame) -> list[Segment]:
        """The vertical bar's segment on each line, from the heading down (the corner under it when both show)."""
        back, bar = self._bar_colors()
        length = 1 + frame.rows
        bar_segments = ScrollBarRender.render_bar(size=length, virtual_size=len(self._rows) + 1,
                                                  window_size=length, position=self.scroll_top,
                                                  thickness=frame.vertical, vertical=True, back_color=back,
                                                  bar_color=bar)
        lines = [segment for segment in bar_segments.segments if segment.text != "\n"]
        if frame.horizontal:
            corner = self.styles.scrollbar_corner_color
            lines.append(Segment(" " * frame.vertical, Style(bgcolor=corner.rich_color)))
        return lines

    def _horizontal_bar(self, frame: Frame) -> Strip:
        back, bar = self._bar_colors()
        bar_segments = ScrollBarRender.render_bar(size=frame.width, virtual_size=self.table_width,
                                                  window_size=frame.width, position=self.scroll_left,
                                                  thickness=1, vertical=False, back_color=back, bar_color=bar)
        line = Strip([segment for segment in bar_segments.segments if segment.text != "\n"], frame.width)
        if frame.vertical:
            line = Strip.join([line, Strip([self._vertical_bar(frame)[-1]])])
        return line

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
