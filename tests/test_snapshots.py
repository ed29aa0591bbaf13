"""Snapshots of the app's screens (pytest-textual-snapshot): the profile list, the main screen, help.

Everything on screen is fixed: the date (as_of), the user folder (one fixed tmp path, emptied first), the bundled
examples (a copy of two of them with a fixed modification time, shown in UTC). Review a changed snapshot by eye
before accepting it (``pytest --snapshot-update``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import msgspec
import pytest

import engine
from engine import load_profile, save_profile
from engine.rules.decisions import DECISIONS
from tui import app as app_module
from tui import store as store_module
from tui.app import YibaoApp

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 22)
FIXED_MTIME = 1_795_000_000  # 2026-11-18 08:26 UTC
EXAMPLES = ("xuzhou-flexible-man.toml", "fuxin-resident-woman.toml")
USER_DIR = Path(tempfile.gettempdir()) / "yibao-snapshot-profiles"
#: the decisions the main-screen snapshots other than test_main_screen_xuzhou were drawn with: they are about the
#: layout at small sizes and the banners, so a decision added later is left out of them and changes only that one
DRAWN_WITH = ("retirement", "medical_years", "backpay", "account_now", "account_after_retirement", "gaps",
              "transfers", "withdrawal", "family_aid")


@pytest.fixture
def fixed_folders(tmp_path, monkeypatch) -> Path:
    """A fixed user folder holding one profile, and a bundled folder with two examples; all mtimes fixed."""
    shutil.rmtree(USER_DIR, ignore_errors=True)
    USER_DIR.mkdir(mode=0o700)
    monkeypatch.setenv("YIBAO_PROFILES", str(USER_DIR))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    bundled = tmp_path / "profiles"
    bundled.mkdir()
    for name in EXAMPLES:
        shutil.copyfile(ROOT / "profiles" / name, bundled / name)
        os.utime(bundled / name, (FIXED_MTIME, FIXED_MTIME))
    example = load_profile(ROOT / "profiles" / EXAMPLES[0])
    mine = save_profile(msgspec.structs.replace(example, name="我的档案 · 徐州"), USER_DIR / "我的档案-徐州.toml")
    os.utime(mine, (FIXED_MTIME + 3600, FIXED_MTIME + 3600))
    monkeypatch.setattr(store_module, "BUNDLED_DIR", bundled)
    yield bundled
    shutil.rmtree(USER_DIR, ignore_errors=True)
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def drawn_decisions(monkeypatch) -> None:
    """The app evaluates only the decisions of ``DRAWN_WITH``, in the registry's order."""
    decisions = [d for d in DECISIONS if d.key in DRAWN_WITH]

    def evaluate(profile, as_of):
        return engine.evaluate(profile, as_of, decisions=decisions)

    monkeypatch.setattr(app_module, "evaluate", evaluate)


async def settled(pilot) -> None:
    """Wait until the main screen has built the panes it adds right after its first frame."""
    for _ in range(100):
        if getattr(pilot.app.screen, "panes_ready", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def test_profile_list(snap_compare, fixed_folders):
    assert snap_compare(YibaoApp(as_of=AS_OF), terminal_size=(100, 24))


def test_profile_list_en(snap_compare, fixed_folders):
    assert snap_compare(YibaoApp(as_of=AS_OF, lang="en"), terminal_size=(100, 24))


def test_main_screen_xuzhou(snap_compare, fixed_folders):
    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(140, 42), run_before=settled)


def test_main_screen_xuzhou_80x24(snap_compare, fixed_folders, drawn_decisions):
    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


def test_main_screen_with_an_error(snap_compare, fixed_folders, drawn_decisions):
    async def wrong_birth(pilot):
        await settled(pilot)
        field = pilot.app.screen.query_one("#f-person-birth")
        field.cursor_blink = False
        field.focus()
        field.value = "1968-13"
        await pilot.pause()

    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(140, 42), run_before=wrong_birth)


def test_help_screen(snap_compare, fixed_folders):
    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])


def test_help_screen_en(snap_compare, fixed_folders):
    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), press=["question_mark"])


def test_main_screen_xuzhou_60x20(snap_compare, fixed_folders, drawn_decisions):
    """The smallest size the layout is made for: one pane at a time, the verdicts first and whole, the key to the
    next pane first in the bar, every key of the bar whole or not there."""
    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(60, 20), run_before=settled)


def test_wizard_first_question(snap_compare, fixed_folders):
    async def guide(pilot):
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#wizard-input").cursor_blink = False
        await pilot.pause()

    assert snap_compare(YibaoApp(as_of=AS_OF), terminal_size=(80, 24), run_before=guide)


def test_wizard_period_question_60x20(snap_compare, fixed_folders):
    async def guide(pilot):
        await pilot.press("n")
        await pilot.pause()
        for key in ["enter", "down", "enter", *"1972-03", "enter", "down", "enter", "up", "up", "enter"]:
            await pilot.press(key)
        await pilot.pause()
        await pilot.press("enter", *"national", "enter")  # the region search
        await pilot.pause()
        await pilot.press(*"800", "enter", "enter", *"1992-07", "enter", *"2008-06", "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#wizard-input").cursor_blink = False
        await pilot.pause()

    assert snap_compare(YibaoApp(as_of=AS_OF), terminal_size=(60, 20), run_before=guide)


def test_wizard_how_a_period_counted_80x24(snap_compare, fixed_folders):
    """The second period of a man whose first was deemed years: its months in the question, what 视同缴费 is with
    the place's cut-off, the seven ways a period counted whole, and the first period as answered below."""
    async def guide(pilot):
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter", "enter", *"1968-04", "enter", "enter", *"changsha")
        await pilot.pause()
        await pilot.press("enter")  # the place search: 长沙
        await pilot.pause()
        await pilot.press("enter", *"1987-07", "enter", *"1995-12", "enter", "down", "down", "enter", "enter",
                          *"2009-06", "enter")
        await pilot.pause()

    assert snap_compare(YibaoApp(as_of=AS_OF), terminal_size=(80, 24), run_before=guide)


def test_quit_dialog(snap_compare, fixed_folders, drawn_decisions):
    async def edit_and_quit(pilot):
        await settled(pilot)
        field = pilot.app.screen.query_one("#f-account-balance_yuan")
        field.value = "1"
        await pilot.pause()
        pilot.app.screen.query_one("#decisions-list").focus()
        await pilot.press("q")
        await pilot.pause()

    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=edit_and_quit)


def test_banner_for_an_invalid_field_80x24(snap_compare, fixed_folders, drawn_decisions):
    async def stray_letter(pilot):
        await settled(pilot)
        field = pilot.app.screen.query_one("#f-account-balance_yuan")
        field.cursor_blink = False
        field.focus()
        field.value = "Q"
        await pilot.pause()
        await pilot.pause()

    app = YibaoApp(path=fixed_folders / EXAMPLES[0], as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=stray_letter)


THREE_WARNINGS = ROOT / "tests" / "data" / "mianyang-three-warnings.toml"


def test_main_screen_three_warnings_80x24(snap_compare, fixed_folders, drawn_decisions):
    """The warnings in one line (their count, the key, the titles that fit whole), every verdict on a line of its
    own, the timeline's rows."""
    app = YibaoApp(path=THREE_WARNINGS, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settled)


def test_main_screen_three_warnings_100x30(snap_compare, fixed_folders, drawn_decisions):
    app = YibaoApp(path=THREE_WARNINGS, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settled)


def test_warnings_list_80x24(snap_compare, fixed_folders, drawn_decisions):
    """``!``: every warning in full; the first says where Enter goes."""
    async def listed(pilot):
        await settled(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()

    app = YibaoApp(path=THREE_WARNINGS, as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=listed)


def test_comparison_80x24(snap_compare, fixed_folders):
    """The comparison of the Chongqing example: the table's rows, the legend, the first lines of the basis."""
    async def compared(pilot):
        await settled(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    app = YibaoApp(path=ROOT / "profiles" / "chongqing-lapses-backpay-woman.toml", as_of=AS_OF)
    assert snap_compare(app, terminal_size=(80, 24), run_before=compared)
