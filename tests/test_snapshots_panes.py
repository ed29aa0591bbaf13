"""Snapshots of the timeline pane and the period form (pytest-textual-snapshot), at a fixed date.

Review a changed snapshot by eye before accepting it (``pytest --snapshot-update``).
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from engine import evaluate, load_profile
from tui.screens.period_form import PeriodForm
from tui.widgets.table import RowTable
from tui.widgets.timeline import TimelinePane

AS_OF = date(2026, 11, 22)
XUZHOU = "profiles/xuzhou-flexible-man.toml"


class TimelineSnapApp(App):
    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.lang)

    def on_mount(self) -> None:
        profile = load_profile(XUZHOU)
        self.query_one(TimelinePane).show(profile, evaluate(profile, AS_OF), AS_OF)


class FormSnapApp(App):
    def __init__(self, index: int | None, lang: str = "zh") -> None:
        super().__init__()
        self.index, self.lang = index, lang

    def compose(self) -> ComposeResult:
        yield Static("")

    def on_mount(self) -> None:
        self.push_screen(PeriodForm(load_profile(XUZHOU), self.index, self.lang))


def no_blink(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False


def test_timeline_zh(snap_compare):
    async def to_the_lapse(pilot):
        table = pilot.app.query_one(RowTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.pause()

    assert snap_compare(TimelineSnapApp("zh"), terminal_size=(100, 30), run_before=to_the_lapse)


def test_timeline_en(snap_compare):
    assert snap_compare(TimelineSnapApp("en"), terminal_size=(100, 30))


def test_period_form_edit_with_error(snap_compare):
    async def type_wrong_end(pilot):
        no_blink(pilot)
        pilot.app.screen.query_one("#end").value = "2005-01"
        await pilot.pause()

    assert snap_compare(FormSnapApp(3, "zh"), terminal_size=(100, 30), run_before=type_wrong_end)


def test_period_form_add_en(snap_compare):
    async def prepare(pilot):
        no_blink(pilot)
        await pilot.pause()

    assert snap_compare(FormSnapApp(None, "en"), terminal_size=(100, 30), run_before=prepare)
