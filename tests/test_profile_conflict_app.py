"""The app and a file changed by another program: ctrl+s never overwrites it silently; the user chooses
重新载入 / 覆盖 / 另存为副本, and nothing is lost that the user did not choose to drop."""

from __future__ import annotations

from pathlib import Path

import msgspec
from textual.widgets import Input

from engine import load_profile, save_profile
from tests.conftest import XUZHOU, app_on
from tui.screens.conflict import ConflictScreen


async def edit_balance(pilot, value: str) -> None:
    field = pilot.app.screen.query_one("#f-account-balance_yuan", Input)
    field.focus()
    field.value = value
    await pilot.pause()
    await pilot.press("tab")
    await pilot.pause()


async def conflict_after_an_outside_change(pilot, path: Path):
    """Edit the balance to 6000 in the app, let another program save 7000, press ctrl+s: the conflict screen."""
    await pilot.pause()
    await edit_balance(pilot, "6000")
    assert pilot.app.profile.account.balance_yuan == 6000
    outside = load_profile(path)
    outside = msgspec.structs.replace(outside, account=msgspec.structs.replace(outside.account, balance_yuan=7000.0))
    save_profile(outside, path)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConflictScreen)
    assert load_profile(path).account.balance_yuan == 7000  # nothing written before the user chooses
    return outside


def user_copy(user_dir: Path) -> Path:
    user_dir.mkdir(mode=0o700)
    path = user_dir / "me.toml"
    path.write_bytes(XUZHOU.read_bytes())
    path.chmod(0o600)
    return path


async def test_overwrite_writes_the_apps_version_and_keeps_the_other_in_the_bak(user_dir):
    path = user_copy(user_dir)
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await conflict_after_an_outside_change(pilot, path)
        await pilot.press("o")
        await pilot.pause()
        assert load_profile(path).account.balance_yuan == 6000
        assert load_profile(path.with_name("me.toml.bak")).account.balance_yuan == 7000
        assert not app.modified
        # the stamp follows the save: the next ctrl+s saves without a question
        await edit_balance(pilot, "6100")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert load_profile(path).account.balance_yuan == 6100


async def test_save_as_copy_keeps_both_versions(user_dir):
    path = user_copy(user_dir)
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await conflict_after_an_outside_change(pilot, path)
        await pilot.press("c")
        await pilot.pause()
        assert load_profile(path).account.balance_yuan == 7000  # the other program's version untouched
        assert app.path != path and app.path.parent == user_dir
        assert load_profile(app.path).account.balance_yuan == 6000
        assert not app.modified


async def test_reload_shows_the_version_on_disk(user_dir):
    path = user_copy(user_dir)
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await conflict_after_an_outside_change(pilot, path)
        await pilot.press("r")
        await pilot.pause()
        assert app.profile.account.balance_yuan == 7000 and not app.modified


async def test_escape_cancels_and_keeps_the_edits_unsaved(user_dir):
    path = user_copy(user_dir)
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await conflict_after_an_outside_change(pilot, path)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ConflictScreen)
        assert app.profile.account.balance_yuan == 6000 and app.modified
        assert load_profile(path).account.balance_yuan == 7000
