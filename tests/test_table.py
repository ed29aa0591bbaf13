"""The timeline's table draws a one-line Text cell itself, into exactly the segments DataTable draws through Rich.

Sources: the frame after a period is saved, of which the table's cells were a large part; tui/widgets/table.py
(TextTable._render_cell); Textual's DataTable._render_cell (``Styled(Padding(cell))``).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from tui.widgets.table import TextTable

STYLES = st.sampled_from(["", "bold", "dim italic", "red", "green on black", "bold yellow", "underline"])
WORDS = st.text(alphabet=st.sampled_from(list("ab 1-…·（）职工医保徐州市✔✖?")), max_size=30)


@st.composite
def cells(draw) -> Text:
    """A Text as the timeline makes them: words, a style of its own, spans over parts of it."""
    text = Text(draw(WORDS), style=draw(STYLES))
    for _ in range(draw(st.integers(0, 3))):
        if text.plain:
            start = draw(st.integers(0, len(text.plain) - 1))
            text.stylize(draw(STYLES) or "bold", start, draw(st.integers(start + 1, len(text.plain))))
    return text


class Table(App):
    def compose(self) -> ComposeResult:
        yield TextTable(id="t", cursor_type="row", zebra_stripes=True)


@pytest.fixture
async def table():
    app = Table()
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.query_one(TextTable)
        table.add_column("a", width=9)
        table.add_column("b")
        table.add_row(Text("2015-01"), Text("职工医保", style="bold"), key="r0")
        table.add_row(Text(""), Text.assemble(("✔ ", "green"), ("达标", "bold")), key="r1")
        await pilot.pause()
        yield table


def both(table: TextTable, row: int, column: int, width: int, cursor: bool, hover: bool):
    """The cell as this table draws it and as DataTable draws it (each from an empty cache)."""
    table._cell_render_cache.clear()
    ours = table._render_cell(row, column, table.rich_style, width, cursor, hover)
    table._cell_render_cache.clear()
    textual = DataTable._render_cell(table, row, column, table.rich_style, width, cursor, hover)
    return ours, textual


async def test_cells_are_drawn_as_datatable_draws_them_at_every_width_and_cursor(table):
    for row, column, width in itertools.product((0, 1), (0, 1), (0, 1, 2, 3, 4, 7, 9, 30)):
        for cursor, hover in itertools.product((False, True), repeat=2):
            ours, textual = both(table, row, column, width, cursor, hover)
            assert ours == textual, (row, column, width, cursor, hover)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=cells(), width=st.integers(0, 40), cursor=st.booleans())
async def test_any_one_line_cell_is_drawn_as_datatable_draws_it(table, cell, width, cursor):
    table.update_cell("r0", table.ordered_columns[1].key, cell)
    ours, textual = both(table, 0, 1, width, cursor, False)
    assert ours == textual


async def test_a_cell_of_two_lines_or_another_renderable_is_left_to_datatable(table):
    table.add_row(Text("two\nlines"), "[b]markup[/b]", key="r2", height=2)
    table.settle()
    ours, textual = both(table, 2, 0, 12, False, False)
    assert ours == textual and len(ours) == 2


async def test_columns_are_as_wide_and_the_table_as_large_as_datatable_measures_them():
    class Both(App):
        def compose(self) -> ComposeResult:
            yield TextTable(id="ours")
            yield DataTable(id="textual")

    rows = [[Text("第1段", style="bold"), Text("职工医保"), Text("2015-01"), None],
            [Text("第12段"), Text(""), Text("徐州市 (江苏省) 很长的地名"), Text("x")],
            [Text("✕", style="red"), Text("居民医保 ongoing…"), Text("a"), Text("two\nlines")]]
    app = Both()
    async with app.run_test(size=(120, 20)) as pilot:
        ours, textual = app.query_one("#ours", TextTable), app.query_one("#textual", DataTable)
        for table in (ours, textual):
            for name in ("n", "insurance", "start", "note"):
                table.add_column(name)
            for i, cells in enumerate(rows):
                table.add_row(*cells, key=f"r{i}")
        ours.settle()
        await pilot.pause()
        assert [c.content_width for c in ours.ordered_columns] == [c.content_width for c in textual.ordered_columns]
        assert ours.virtual_size == textual.virtual_size
        ours.add_column("later")  # a column added: the columns in order are worked out again
        assert [c.label.plain for c in ours.ordered_columns][-1] == "later"


async def test_rows_added_at_once_make_the_table_add_row_makes():
    highlighted = []

    class Both(App):
        def compose(self) -> ComposeResult:
            yield TextTable(id="bulk", cursor_type="row")
            yield TextTable(id="one_by_one", cursor_type="row")

        def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
            highlighted.append((event.data_table.id, event.cursor_row))

    rows = [(f"p{i}", [Text(f"第{i + 1}段", style="bold"), Text("职工医保"), Text(f"20{10 + i}-01")]) for i in range(5)]
    rows.append(("g0", [Text("✕", style="red"), Text("居民医保")]))  # a short row: the rest of its cells empty
    app = Both()
    async with app.run_test(size=(100, 30)) as pilot:
        bulk, one_by_one = app.query_one("#bulk", TextTable), app.query_one("#one_by_one", TextTable)
        for table in (bulk, one_by_one):
            for name in ("n", "insurance", "start"):
                table.add_column(name)
        bulk.add_text_rows(rows)
        for key, cells in rows:
            one_by_one.add_row(*cells, key=key)
        for table in (bulk, one_by_one):
            table.settle()
        await pilot.pause()
        assert [r.key.value for r in bulk.ordered_rows] == [r.key.value for r in one_by_one.ordered_rows]
        assert {k.value: list(v.values()) for k, v in bulk._data.items()} == \
            {k.value: list(v.values()) for k, v in one_by_one._data.items()}
        assert bulk.virtual_size == one_by_one.virtual_size and bulk.cursor_row == one_by_one.cursor_row == 0
        assert sorted(highlighted) == [("bulk", 0), ("one_by_one", 0)]  # the first row highlighted, as it came
        assert [bulk.render_line(y).text for y in range(8)] == [one_by_one.render_line(y).text for y in range(8)]
        bulk.add_text_rows([])  # nothing to add: nothing changes
        with pytest.raises(Exception):
            bulk.add_text_rows([("p0", [Text("again")])])  # a key twice, as add_row refuses it
