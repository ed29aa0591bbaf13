"""Start with your own story: with no profile of one's own, the app opens a welcome that offers the guided start
first and the examples second; every way to a new profile (the palette, the list, the welcome) is the guided
start."""

from __future__ import annotations

import msgspec
from textual.widgets import Button

from engine import load_profile, save_profile
from tests.conftest import XUZHOU, app_on
from tui.app import MainScreen
from tui.i18n import t
from tui.screens.profiles import ProfilesScreen
from tui.screens.welcome import WelcomeScreen
from tui.screens.wizard import WizardScreen


async def test_with_no_profile_of_ones_own_the_welcome_offers_the_guided_start_first(user_dir):
    app = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        buttons = list(screen.query(Button))
        assert [b.id for b in buttons] == ["welcome-guide", "welcome-examples"]
        assert app.focused is buttons[0]
        assert str(buttons[0].label) == t("welcome.guide", "zh")
        await pilot.press("enter")  # the focused way in: the guided start
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("escape")  # its first question: back to the welcome
        await pilot.pause()
        assert app.screen is screen


async def test_the_welcomes_second_way_in_is_the_examples_and_esc_comes_back(user_dir):
    app = app_on(None, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert any(e.path == XUZHOU for e in app.screen.entries)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is welcome
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        await pilot.press("enter")  # an example opens as before
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_the_welcome_switches_language_and_stays(user_dir):
    app = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.run_action("switch_language")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.screen.lang == "en"
        assert str(app.screen.query_one("#welcome-guide", Button).label) == t("welcome.guide", "en")


async def test_with_a_profile_of_ones_own_the_list_opens(user_dir):
    user_dir.mkdir()
    save_profile(msgspec.structs.replace(load_profile(XUZHOU), name="陈先生"), user_dir / "chen.toml")
    app = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)


async def test_every_new_profile_path_is_the_guided_start(user_dir):
    """The welcome's n, the list's n and the palette's 新建档案 each open the guided start, and write nothing until
    its summary is confirmed."""
    app = app_on(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e", "n")  # the list's n
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        await app.run_action("new_profile")  # the palette's 新建档案
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert not user_dir.exists() or not list(user_dir.glob("*.toml"))  # no placeholder written


async def test_the_palettes_new_profile_is_offered_as_the_guided_start(user_dir):
    from tui.commands import COMMANDS

    assert ("cmd.new", "new_profile", False) in COMMANDS
    assert t("cmd.new.help", "zh").startswith("新建档案向导")
    app = app_on(XUZHOU)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.run_action("new_profile")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.path == XUZHOU  # the open profile is left as it was
