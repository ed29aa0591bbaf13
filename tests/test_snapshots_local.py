"""Snapshots of the local figures screen (本地规定) at 80×24: its first view (the questions to ask above the first
figure) and its end (the yes / no / don't know rows and the buttons), with the learned-on dates typed as a person
would, so that the day the suite runs is not drawn. Review a changed snapshot by eye before accepting it."""

from __future__ import annotations

from textual.widgets import Input

from tests.test_snapshots import AS_OF, ROOT, fixed_folders  # noqa: F401  (the fixture)
from tui.app import YibaoApp

CHONGQING = ROOT / "profiles" / "chongqing-lapses-backpay-woman.toml"


async def open_form(pilot) -> None:
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        if (field.id or "").endswith("-date"):
            field.value = AS_OF.isoformat()
    await pilot.pause()


async def open_form_at_its_end(pilot) -> None:
    await open_form(pilot)
    pilot.app.screen.query_one("#lf-body").scroll_end(animate=False)
    await pilot.pause()


def test_local_figures_80x24(snap_compare, fixed_folders):  # noqa: F811
    app = YibaoApp(path=CHONGQING, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_form)


def test_local_figures_end_80x24_en(snap_compare, fixed_folders):  # noqa: F811
    app = YibaoApp(path=CHONGQING, as_of=AS_OF, lang="en")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_form_at_its_end)
