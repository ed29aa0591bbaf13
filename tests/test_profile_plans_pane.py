"""The profile pane's plan fields: how pension years short at legal age are made up, the flexible-employment
subsidy and where a relative the account may pay for is insured, each in plain words and each reaching the
profile (and back out when set to "not said")."""

from __future__ import annotations

from tests.conftest import app_on
from tui.screens.region_picker import RegionPicker
from tui.widgets.profile import Action, Choice, ProfilePane


async def test_the_plan_fields_reach_the_profile_in_plain_words(user_dir):
    app = app_on(lang="en")
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(ProfilePane)
        labels = " ".join(app.screen.query_one("#profile-fields").labels.values())
        assert "Pens. gap" in labels and "Subsidy" in labels and "Relative" in labels
        shortfall = app.screen.query_one("#f-plans-pension_shortfall", Choice)
        assert [label for label, _ in shortfall.options] == [
            "not said", "pay on month by month after the legal age", "pay the pension years short in one sum"]
        shortfall.value = "lump_sum"
        await pilot.pause()
        assert app.profile.plans.pension_shortfall == "lump_sum" and pane.error_text is None
        subsidy = app.screen.query_one("#f-plans-flexible_subsidy", Choice)
        assert "subsidy" in subsidy.options[1][0]
        subsidy.value = "true"
        await pilot.pause()
        assert app.profile.plans.flexible_subsidy is True
        relative = app.screen.query_one("#f-plans-relative_region", Action)
        relative.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#f-plans-relative_region")
        await pilot.pause()
        assert isinstance(app.screen, RegionPicker) and app.screen.optional  # "none" is offered first
        await pilot.press(*"chengdu", "enter")
        await pilot.pause()
        assert app.profile.plans.relative_region == "sichuan.chengdu"
        assert "Chengdu" in str(relative.render())
        shortfall.value = ""
        subsidy.value = ""
        await pilot.pause()
        assert app.profile.plans.pension_shortfall is None and app.profile.plans.flexible_subsidy is None


async def test_the_plan_fields_show_a_profile_that_has_them(user_dir, tmp_path):
    path = tmp_path / "plans.toml"
    path.write_text('schema = 1\nname = "x"\n[person]\nsex = "male"\nbirth = "1970-01"\nregion = "national"\n'
                    '[plans]\npension_shortfall = "monthly"\nflexible_subsidy = false\n'
                    'relative_region = "sichuan.chengdu"\n', encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#f-plans-pension_shortfall", Choice).value == "monthly"
        assert str(screen.query_one("#f-plans-pension_shortfall", Choice).render()) == "◂ 到龄后按月续缴 ▸"
        assert screen.query_one("#f-plans-flexible_subsidy", Choice).value == "false"
        assert "成都" in str(screen.query_one("#f-plans-relative_region", Action).render())
