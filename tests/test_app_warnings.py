"""The app: the warnings banner above the panes, and a woman's original retirement age asked in words."""

from __future__ import annotations

from tests.conftest import ROOT, XUZHOU, app_on
from tui.widgets.profile import Choice, ProfilePane
from tui.widgets.warnings_banner import WarningsBanner

MIANYANG = ROOT / "tests" / "data" / "mianyang-flexible-woman.toml"


async def test_the_banner_shows_the_mianyang_womans_warnings_and_changing_the_age_clears_one(user_dir):
    app = app_on(MIANYANG)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(WarningsBanner)
        assert banner.codes[0] == "contributions_after_retirement"
        assert "退休月份之后还有缴费记录" in banner.banner_text and "绵阳市没有本地数据" in banner.banner_text
        age = app.screen.query_one("#f-person-original_retirement_age", Choice)
        labels = [label for label, _ in age.options]
        assert labels == ["未填写（按55岁计算）", "女工人（50岁）", "女干部（55岁）", "灵活就业55岁"]
        assert not any("60" in label for label in labels)
        assert age.value == "50"
        age.focus()
        await pilot.press("right", "right")  # 50 → 55 → insured as a flexible worker
        await pilot.pause()
        assert age.value == "55f" and app.profile.person.original_retirement_age == 55
        assert "contributions_after_retirement" not in banner.codes


async def test_no_banner_without_warnings(user_dir):
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(WarningsBanner)
        assert banner.codes == [] and banner.banner_text == "" and not banner.display


async def test_a_man_is_offered_60_only_and_a_woman_never_60(user_dir):
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        age = app.screen.query_one("#f-person-original_retirement_age", Choice)
        assert [label for label, _ in age.options] == ["60岁"]
        sex = app.screen.query_one("#f-person-sex", Choice)
        sex.focus()
        await pilot.press("right")  # male → female
        await pilot.pause()
        assert app.profile.person.sex == "female"
        assert [v for _, v in age.options] == ["", "50", "55", "55f"] and age.value == ""
        banner = app.screen.query_one(WarningsBanner)
        assert "original_age_assumed" in banner.codes and "若原退休年龄为50岁" in banner.banner_text
        assert app.screen.query_one(ProfilePane).error_text is None


async def test_english_labels(user_dir):
    app = app_on(MIANYANG, lang="en")
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        age = app.screen.query_one("#f-person-original_retirement_age", Choice)
        assert [label for label, _ in age.options][1:3] == ["production or manual job (retires at 50)", "office or managerial job (retires at 55)"]
        banner = app.screen.query_one(WarningsBanner)
        assert "Contributions after the retirement month" in banner.banner_text


async def test_at_80x24_the_warnings_take_one_row_and_the_explanation_grows_with_the_focus(user_dir):
    """覃女士 at 80x24 (no data for 南宁): six rows of warnings left the why pane one line. They take one now
    (their count and the key that lists them), and the explanation takes most of the room while it has the focus;
    at 140x42 the warnings are shown in full."""
    app = app_on(MIANYANG, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(WarningsBanner)
        assert banner.has_class("-shown") and banner.outer_size.height == 1  # their count; the key lists them
        why = app.screen.query_one("#why")
        before = why.content_size.height
        app.screen.query_one("#why-tree").focus()
        await pilot.pause()
        assert why.content_size.height >= before + 4
        app.screen.query_one("#decisions-list").focus()
        await pilot.pause()
        assert why.content_size.height == before
    app = app_on(MIANYANG, lang="en")
    async with app.run_test(size=(140, 42)) as pilot:
        banner = app.screen.query_one(WarningsBanner)
        for _ in range(20):  # laid out within a few frames, however busy the machine
            await pilot.pause()
            if banner.outer_size.height:
                break
        assert banner.outer_size.height > 3
