"""方案对比: the person's choices side by side.

Scenarios are columns, facts are rows; a cell that differs from the baseline is marked ``≠`` (never colour alone).
Moving onto a cell shows the trace of that figure below the table. Under the table, a bar chart of the total cost
until lifelong benefits against the month contributions stop (every month from now to retirement). The second tab,
"which city", ranks the bundled regions that have their own minimum years and can be judged; those whose
requirement is not known well enough follow, unranked, with the reason. ``x`` exports the comparison as
Markdown (0600), ``t`` switches tabs, Esc closes.

On a short screen (80x24, 100x30) the table and its legend keep their lines, with the first lines of the basis
under them: Enter on a cell (or Tab) gives the basis the whole tab, ``g`` the chart, and Esc comes back to the table.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane, Tree

from engine import FACTS, Comparison, FileBusy, Profile, compare, os_error_words, rank_regions, stop_curve
from engine import write_atomic
from engine.words import text

from .. import comparereport as view
from ..i18n import t
from ..widgets.keybar import KeyBar
from ..widgets.explanation import add_step
from .base import KeyLabels, StyledOnce


class CompareScreen(StyledOnce, KeyLabels, Screen[None]):
    AUTO_FOCUS = "#compare-table"
    BINDINGS = [
        Binding("escape,q", "close", "key.close", key_display="Esc"),
        Binding("x", "export", "key.export"),
        Binding("t", "toggle_tab", "key.compare_tab"),
        Binding("g", "chart", "key.compare_chart"),  # a short screen: the chart in place of the table
    ]
    DEFAULT_CSS = """
    CompareScreen #compare-head { height: auto; }
    CompareScreen #compare-title { padding: 0 1; text-style: bold; height: 1; width: auto; }
    CompareScreen #compare-sub { height: auto; width: 1fr; }
    CompareScreen #compare-tabs { height: 1fr; }
    CompareScreen #compare-sub { padding: 0 1; color: $text-muted; }
    CompareScreen #compare-table { height: auto; max-height: 16; }
    CompareScreen #compare-why { height: 1fr; min-height: 6; border: round $primary-background; }
    CompareScreen #compare-chart-box { height: 1fr; min-height: 6; border: round $primary-background; }
    CompareScreen #regions-table { height: 1fr; }
    CompareScreen.-short #compare-why { min-height: 3; border: none; border-top: solid $primary-background;
                                        overflow-x: hidden; }
    CompareScreen.-short.-reading #compare-why { overflow-x: auto; }
    CompareScreen.-short #compare-why:focus { border-top: heavy $accent; }
    CompareScreen.-short #compare-chart-box { display: none; }
    CompareScreen.-short.-reading #compare-table, CompareScreen.-short.-reading #compare-legend { display: none; }
    CompareScreen.-short.-charting #compare-table, CompareScreen.-short.-charting #compare-legend,
    CompareScreen.-short.-charting #compare-why { display: none; }
    CompareScreen.-short.-charting #compare-chart-box { display: block; }
    """

    def __init__(self, profile: Profile, as_of: date, lang: str = "zh", export_path=None) -> None:
        super().__init__()
        self.profile = profile
        self.as_of = as_of
        self.lang = lang
        self.export_path = export_path
        self.comparison: Comparison = compare(profile, None, as_of)
        self.curve = stop_curve(profile, as_of)
        self.ranked = rank_regions(profile, as_of)

    # -- layout -----------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        with Horizontal(id="compare-head"):
            yield Static(text("compare.view", "title", lang), id="compare-title")
            yield Static(view.subtitle(self.comparison, lang), id="compare-sub")
        with TabbedContent(id="compare-tabs"):
            with TabPane(text("compare.view", "tab.scenarios", lang), id="tab-scenarios"):
                with Vertical():
                    yield DataTable(id="compare-table", cursor_type="cell", zebra_stripes=True)
                    yield Static(text("compare.view", "legend", lang), id="compare-legend")
                    why = Tree(text("compare.view", "why", lang, label="—"), id="compare-why")
                    why.show_root = True
                    yield why
                    with VerticalScroll(id="compare-chart-box"):
                        yield Static(self.chart_text(), id="compare-chart")
            with TabPane(text("compare.view", "tab.regions", lang), id="tab-regions"):
                with Vertical():
                    yield Static(text("compare.regions", "title", lang), id="regions-title")
                    yield DataTable(id="regions-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        lang = self.lang
        self.query_one("#compare-chart-box").border_title = text("compare.chart", "title", lang)
        self._why_title()
        table = self.query_one("#compare-table", DataTable)
        head, rows = view.grid(self.comparison, lang)
        for h in head:
            table.add_column(h)
        for fact, row in zip(FACTS, rows):
            table.add_row(*[Text(c, style="bold" if c.startswith(view.DIFF_MARK) else "") for c in row], key=fact)
        regions = self.query_one("#regions-table", DataTable)
        head = view.region_head(lang) + [text("compare.regions", "why_apart", lang)]
        for h in head:
            regions.add_column(h)
        if not self.ranked:
            regions.add_row(text("compare.regions", "none", lang), *[""] * (len(head) - 1))
        judged, apart = view.split(self.ranked)
        for i, row in enumerate(judged):
            regions.add_row(*view.region_cells(i, row, lang), "", key=row["region"])
        for row in apart:  # after the places that can be judged, unranked, with why
            cells = view.region_cells(0, row, lang)
            regions.add_row(text("compare.regions", "unranked", lang), *cells[1:], view.apart_reason(row, lang),
                            key=row["region"])
        table.focus()
        if len(self.comparison.results) > 0:
            table.move_cursor(row=FACTS.index("total_cost_yuan"), column=1)
            self.show_trace(FACTS.index("total_cost_yuan"), 1)

    def chart_text(self) -> Text:
        lines = view.chart_lines(self.curve, self.lang)
        out = Text()
        out.append(text("compare.chart", "legend", self.lang) + "\n", style="dim")
        out.append(text("compare.chart", "axis", self.lang) + "\n", style="bold")
        for line in lines:
            out.append(line + "\n")
        return out

    # -- the trace of a cell ------------------------------------------------------------------------------------
    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table.id == "compare-table":
            self.show_trace(event.coordinate.row, event.coordinate.column)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "compare-table":
            self.show_trace(event.coordinate.row, event.coordinate.column)
            self.query_one("#compare-why", Tree).focus()

    def show_trace(self, row: int, column: int) -> None:
        """The steps behind one figure of one scenario (column 0, the labels, shows the baseline's)."""
        results = self.comparison.results
        result = results[max(0, column - 1)] if results else None
        tree = self.query_one("#compare-why", Tree)
        tree.clear()
        if result is None or not 0 <= row < len(FACTS):
            return
        fact = FACTS[row]
        label = f"{result.scenario.label().text(self.lang)} · {view.fact_label(fact, self.lang)}: " \
                f"{view.cell(result, fact, self.lang)}"
        tree.root.set_label(text("compare.view", "why", self.lang, label=label))
        for step in result.figure_trace(fact):
            add_step(tree.root, step, self.lang)
        tree.root.expand()
        self.shown = (result.scenario.id, fact)

    # -- a short screen: the table, or the basis, or the chart -------------------------------------------------
    def on_descendant_focus(self, event) -> None:
        """The basis has the whole tab while it has the focus (a short screen: the rules of DEFAULT_CSS)."""
        self.set_class(event.widget.id == "compare-why", "-reading")
        if event.widget.id in ("compare-table", "regions-table"):
            self.remove_class("-charting")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "chart":  # the chart has room of its own on a tall screen
            return self.has_class("-short") and self.query_one("#compare-tabs", TabbedContent).active == \
                "tab-scenarios"
        return True

    def action_chart(self) -> None:
        """The chart in place of the table and the basis (Esc or g: back to the table)."""
        if self.has_class("-charting"):
            self.back_to_table()
            return
        self.add_class("-charting")
        self.query_one("#compare-chart-box").focus()

    def back_to_table(self) -> None:
        self.remove_class("-charting", "-reading")
        self.query_one("#compare-table", DataTable).focus()

    def on_resize(self) -> None:
        self.call_later(self.refresh_bindings)  # the chart key shows on a short screen only
        self.call_later(self._why_title)

    def _why_title(self) -> None:
        """On a short screen the basis's rule says how to read it in full."""
        hint = t("compare.why_hint", self.lang) if self.has_class("-short") else ""
        self.query_one("#compare-why", Tree).border_title = hint

    # -- actions ------------------------------------------------------------------------------------------------
    def action_close(self) -> None:
        """Esc: back to the table from the basis or the chart of a short screen; else close the comparison."""
        if self.has_class("-short") and (self.has_class("-charting") or self.has_class("-reading")):
            self.back_to_table()
            return
        self.dismiss(None)

    def action_toggle_tab(self) -> None:
        tabs = self.query_one("#compare-tabs", TabbedContent)
        regions = tabs.active == "tab-scenarios"
        # focus first: a focused widget inside the hidden pane would bring its tab back
        self.remove_class("-charting", "-reading")
        self.query_one("#regions-table" if regions else "#compare-table", DataTable).focus()
        tabs.active = "tab-regions" if regions else "tab-scenarios"
        self.refresh_bindings()

    def markdown(self) -> str:
        body = view.markdown(self.comparison, self.lang, self.ranked)
        chart = "\n".join(view.chart_lines(self.curve, self.lang))
        return body + f"\n## {text('compare.chart', 'title', self.lang)}\n\n```\n{chart}\n```\n"

    def action_export(self) -> None:
        target = self.export_path
        if target is None:
            return
        written = self.app.export(target, self.markdown().encode("utf-8"), "msg.exported")  # a new file, never over one
        if written is not None:
            self.exported = written
