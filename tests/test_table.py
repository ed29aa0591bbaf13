"""The timeline's table (tui/widgets/table.py): rows of one-line Texts drawn as Textual's DataTable draws them, a
cursor that follows the keys and the mouse, and the highlighted row kept in view."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tui.widgets.table import RowTable

STYLES = st.sampled_from(["", "bold", "dim italic", "red", "green on black", "bold yellow", "underline"])
WORDS = st.text(alphabet=st.sampled_from(list("ab 1-…·（）职工医保徐州市✔✖?")), max_size=16)


@st.composite
def cells(draw) -> Text:
    """A Text as the timeline makes them: words, a style of its own, spans over parts of it."""
    text = Text(draw(WORDS), style=draw(STYLES))
    for _ in range(draw(st.integers(0, 2))):
        if text.plain:
            start = draw(st.integers(0, len(text.plain) - 1))
            text.stylize(draw(STYLES) or "bold", start, draw(st.integers(start + 1, len(text.plain))))
    return text


class Both(App):
    CSS = "DataTable, RowTable { width: 60; height: 8; }"

    def compose(self) -> ComposeResult:
        yield DataTable(id="theirs", cursor_type="row", zebra_stripes=True)
        yield RowTable(id="ours", zebra_stripes=True)


def fill(app: Both, rows: list[list[Text]]) -> tuple[DataTable, RowTable]:
    theirs, ours = app.query_one(DataTable), app.query_one(RowTable)
    for key in ("a", "b", "c"):
        theirs.add_column(Text(f"列{key}"), key=key)
        ours.add_column(Text(f"列{key}"), key=key)
    for i, row in enumerate(rows):
        theirs.add_row(*row, key=f"r{i}")
    ours.set_rows((f"r{i}", row) for i, row in enumerate(rows))
    return theirs, ours


def drawn(table, y: int) -> list[tuple[str, str]]:
    """A line as (text, style) of each cell, the whole width."""
    out = []
    for segment in table.render_line(y):
        for character in segment.text:
            out.append((character, str(segment.style)))
    return out


@pytest.fixture
async def both():
    app = Both()
    async with app.run_test(size=(80, 24)) as pilot:
        yield app, pilot


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells(), min_size=3, max_size=3), min_size=1, max_size=4))
async def test_lines_are_drawn_as_datatable_draws_them(both, rows):
    app, pilot = both
    await app.query("DataTable, RowTable").remove()
    await app.mount(DataTable(id="theirs", cursor_type="row", zebra_stripes=True), RowTable(id="ours"))
    theirs, ours = fill(app, rows)
    await pilot.pause()
    for y in range(len(rows) + 1):  # the heading, then each row (the first one highlighted)
        assert drawn(ours, y) == drawn(theirs, y), y


async def test_a_column_is_as_wide_as_its_widest_cell_or_heading(both):
    app, pilot = both
    _, ours = fill(app, [[Text("职工医保"), Text("x"), Text("")], [Text("ab"), Text("1990-07"), Text("")]])
    assert [column.width for column in ours.columns] == [8, 7, 3]
    assert ours.table_width == 8 + 7 + 3 + 3 * 2 and ours.row_count == 2
    assert [str(cell) for cell in ours.get_row("r1")] == ["ab", "1990-07", ""]
    assert str(ours.get_row_at(0)[0]) == "职工医保"
    with pytest.raises(ValueError):
        ours.set_rows([("k", []), ("k", [])])


async def test_the_cursor_follows_keys_and_clicks_and_stays_in_view(both):
    app, pilot = both
    _, ours = fill(app, [[Text(f"row {i}"), Text(""), Text("")] for i in range(20)])
    highlighted: list[int] = []
    ours.watch(ours, "cursor_row", lambda row: highlighted.append(row), init=False)
    ours.focus()
    await pilot.pause()
    await pilot.press("down", "down")
    assert ours.cursor_row == 2 and ours.row_key == "r2" and highlighted == [1, 2]
    await pilot.press("end")
    await pilot.pause()
    assert ours.cursor_row == 19
    rows_shown = ours.frame().rows
    assert rows_shown == 8 - 1 and ours.scroll_top == 19 - rows_shown + 1  # the last row shows at the bottom
    assert ours.frame().vertical and not ours.frame().horizontal  # a scroll bar: 20 rows in 7 lines
    await pilot.press("home")
    await pilot.pause()
    assert ours.cursor_row == 0 and ours.scroll_top == 0
    await pilot.click(RowTable, offset=(2, 3))  # the third row below the heading
    assert ours.cursor_row == 2
    ours.move_cursor(99)
    assert ours.cursor_row == 19  # within the rows
    ours.set_rows([("only", [Text("x"), Text(""), Text("")])])
    assert ours.cursor_row == 0 and ours.row_count == 1
