"""The guided start (新建档案向导) as a newcomer drives it: every key is counted.

The Chengdu person: a woman born 1972-03, 女工人 (original age 50), benefits in Chengdu (or, while
the region list has no Chengdu, the national rules), employee medical insurance and pension through an employer
1992-07..2008-06, then a flexible worker on 单建统筹 (pooling only) since 2015-01 with a lapse 2020-03..2020-10,
balance 800. The whole guide must take under 100 keys.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from textual import events
from textual.widgets import Input, OptionList

from engine import Month, load_profile
from engine.data.places import is_known
from tests.conftest import AS_OF, XUZHOU, app_on
from tui.app import MainScreen
from tui.screens.welcome import WelcomeScreen
from tui.screens.wizard import HOWS, WizardScreen, parse_amount, parse_month

REGION_QUERY = "chengdu" if is_known("sichuan.chengdu") else "national"
REGION_ID = "sichuan.chengdu" if is_known("sichuan.chengdu") else "national"


class Keys:
    """Presses keys through the pilot and counts them (a string of text counts one key per character)."""

    def __init__(self, pilot) -> None:
        self.pilot, self.count = pilot, 0

    async def __call__(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
        await self.pilot.pause()

    async def type(self, text: str) -> None:
        await self(*text)

    async def line(self, text: str = "") -> None:
        await self.type(text)
        await self("enter")


async def chengdu_person(keys: Keys) -> None:
    # the person
    await keys.line()                      # name: Enter keeps 我的档案
    await keys("down", "enter")            # 女
    await keys.line("1972-03")             # born
    await keys("down", "enter")            # 灵活就业 now
    await keys("up", "up", "enter")        # 女工人（50岁）: the default for a flexible worker is the third line
    await keys("enter")                    # region: search…
    await keys.line(REGION_QUERY)          # the region picker: type and Enter
    await keys.line("800")                 # balance
    await keys.line()                      # looked up this month: Enter
    # period 1: employee medical and pension through an employer
    await keys.line("1992-07")
    await keys.line("2008-06")
    await keys("up", "enter")              # 单位交的 (a flexible worker's periods are offered as flexible first)
    await keys("down", "enter")            # the period is right; another one, after a gap
    # period 2: flexible, pooling only, until the lapse
    await keys.line("2015-01")
    await keys.line("2020-02")
    await keys("enter")                    # 自己交的（灵活就业）
    await keys("down", "enter")            # 单建统筹
    await keys("down", "enter")            # right; another one after a gap
    # period 3: after the lapse, ongoing; every default fits
    await keys.line("2020-11")
    await keys("enter")                    # end: 至今
    await keys("enter", "enter")           # 灵活就业, 单建统筹 (as the period before)
    await keys("enter")                    # the base: 不知道
    await keys("enter")                    # right, that was all (the default after an ongoing period)
    await keys("enter")                    # nothing planned
    await keys("enter")                    # summary: save and show


async def test_chengdu_person_under_100_keys(user_dir):
    async with guided() as (app, pilot, keys):
        assert isinstance(app.screen, WelcomeScreen)  # a newcomer: the welcome, its first way in the guided start
        await keys("n")
        assert isinstance(app.screen, WizardScreen)
        await chengdu_person(keys)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), app.screen
        assert keys.count < 100, keys.count
        profile = app.profile
        assert profile.person.sex == "female"
        assert str(profile.person.birth) == "1972-03"
        assert profile.person.original_retirement_age == 50
        assert profile.person.region == REGION_ID
        assert profile.account.balance_yuan == 800
        assert profile.account.as_of == Month.from_date(AS_OF)
        medical = [(str(p.start), str(p.end) if p.end else None, p.status, p.mode)
                   for p in profile.periods if p.insurance == "employee_medical"]
        assert medical == [("1992-07", "2008-06", None, None),
                           ("2015-01", "2020-02", "flexible", "pooling_only"),
                           ("2020-11", None, "flexible", "pooling_only")]
        assert sum(p.insurance == "pension" for p in profile.periods) == 3
        assert all(p.base_yuan is None for p in profile.periods)  # "don't know": no base is made up
        # saved under its name, and the report is the main screen's
        assert app.path is not None and app.path.name == "我的档案.toml"
        assert load_profile(app.path) == profile
        assert app.report is not None and "medical_years" in app.report.decisions
    print(f"keys: {keys.count}")


@asynccontextmanager
async def guided(path: Path | None = None, lang: str = "zh"):
    """The app at 100x30 on its first screen (the welcome, or the profile at ``path``): (app, pilot, keys)."""
    app = app_on(path, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        yield app, pilot, Keys(pilot)


async def a_woman(keys: Keys, name: str, born: str) -> None:
    """The guide opened from the welcome, a woman's name, sex and month of birth answered."""
    await keys("n")
    await keys.line(name)
    await keys("down", "enter")            # 女
    await keys.line(born)


async def a_flexible_woman(keys: Keys, name: str, born: str) -> None:
    """:func:`a_woman` who pays as a flexible worker now (the question of her original age is shown next)."""
    await a_woman(keys, name, born)
    await keys("down", "enter")            # 灵活就业


async def test_a_woman_is_never_offered_60(user_dir):
    async with guided() as (app, pilot, keys):
        await a_woman(keys, "王女士", "1980-01")
        await keys("enter")  # employed
        options = app.screen.query_one("#wizard-options")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(labels) == 4 and not any("60" in label for label in labels)
        assert "不清楚" in labels[3]  # she may not know: the report then shows the outcome at 50 beside it
        assert options.highlighted == 1  # 女干部（55岁） is the default


def screen_state(app) -> dict:
    assert isinstance(app.screen, WizardScreen), app.screen
    return app.screen.state


async def test_a_woman_who_does_not_know_her_original_age_and_a_balance_looked_up_months_ago(user_dir):
    """李阿姨: 我是按50岁还是55岁退休？ She answers 不清楚; her balance 2150 is of 2026-09."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "李阿姨", "1971-03")
        await keys("down", "enter")            # from the default (灵活就业人员身份) down to 不清楚
        await keys.line("haerbin")             # typed where the places are offered: the search opens with it
        assert screen_state(app)["region"] == "heilongjiang.haerbin"
        await keys.line("2150")
        screen = app.screen
        assert screen.step == "balance_month"
        await keys.line("2027-01")             # after this month: refused, said in words
        assert screen.step == "balance_month"
        assert "不能晚于本月" in str(screen.query_one("#wizard-error").render())
        await keys("escape")                   # back to the amount, then forward again: Enter keeps this month
        assert screen.step == "balance"
        await keys("enter")
        await keys.line()
        assert screen.step == "p_start"
        assert screen.state["balance_month"] == Month.from_date(AS_OF)
        await keys("escape")
        await keys.line("2026年9月")
        sofar = str(screen.query_one("#wizard-sofar").render())
        assert "原退休年龄不清楚" in sofar and "2150" in sofar and "2026-09" in sofar
        assert screen.build().person.original_retirement_age is None
        assert str(screen.build().account.as_of) == "2026-09"


async def test_wrong_month_says_so_and_esc_goes_back(user_dir):
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line()
        await keys("enter")  # 男
        await keys.line("1972-13")
        screen = app.screen
        assert screen.step == "birth"
        error = str(screen.query_one("#wizard-error").render())
        assert "1972-13" in error and "1975-06" in error
        await keys("escape")
        assert screen.step == "sex"
        await keys("escape", "escape")
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_month_left_empty_is_asked_for_not_quoted_back(user_dir):
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line()
        await keys("enter")  # 男
        await keys.line()    # no month of birth
        screen = app.screen
        assert screen.step == "birth"
        error = str(screen.query_one("#wizard-error").render())
        assert "请写下年月" in error and "1975-06" in error and "“”" not in error


async def test_guide_adds_to_an_existing_history(user_dir):
    async with guided(XUZHOU) as (app, pilot, keys):
        before = len(app.profile.periods)
        await keys("w")
        assert isinstance(app.screen, WizardScreen)
        screen = app.screen
        await keys.line("2009-01")  # the Xuzhou man's lapse 2009-01..2011-03, now filled in part
        await keys.line("2010-06")
        await keys("enter")          # how: as his last period
        if screen.step == "p_mode":
            await keys("enter")
        assert screen.step == "p_card", screen.step
        await keys("down", "down", "enter")  # right, that was all
        assert screen.step == "summary", screen.step
        assert "2009-01" in str(screen.query_one("#wizard-sofar").render())
        await keys("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(app.profile.periods) > before
        assert any(str(p.start) == "2009-01" for p in app.profile.periods)
        assert app.modified


@pytest.mark.parametrize("typed, month", [
    ("1972-03", "1972-03"), ("1972-3", "1972-03"), ("197203", "1972-03"), ("1972.3", "1972-03"),
    ("1972年3月", "1972-03"), (" 1972/03 ", "1972-03"), ("1972-13", None), ("72-03", None), ("", None),
    ("abc", None),
])
def test_parse_month(typed, month):
    found = parse_month(typed)
    assert (str(found) if found else None) == month


@pytest.mark.parametrize("typed, amount", [("800", 800), ("1,200.5", 1200.5), ("800元", 800), ("Q", None),
                                           ("-5", None), ("", None)])
def test_parse_amount(typed, amount):
    assert parse_amount(typed) == amount


def option_labels(screen) -> list[str]:
    options = screen.query_one("#wizard-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_man_who_moved_is_offered_the_place_of_his_benefits_for_the_period_he_pays_now(user_dir):
    """赵先生: employee in 郑州 1988-07..2011-12, in 深圳 since 2012-03, benefits in 深圳."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("赵先生")
        await keys("enter")                    # 男
        await keys.line("1966-11")
        await keys("enter")                    # 单位职工
        await keys.line("shenzhen")            # benefits: typed where the places are offered
        await keys.line()                      # no balance
        await keys.line("1988-07")
        await keys.line("2011-12")
        await keys("enter")                    # 单位交的
        screen = app.screen
        assert screen.step == "p_card"
        assert "深圳" in str(screen.query_one("#wizard-help").render())  # the place shown with the period
        await keys.line("zhengzhou")           # typed at the period: the search opens with it
        assert screen.step == "p_card"
        assert "郑州" in str(screen.query_one("#wizard-sofar").render())  # the place shows beside the period
        await keys("down", "enter")            # another period, after a gap
        await keys.line("2012-03")
        await keys("enter", "enter")           # 至今, 单位交的
        assert screen.step == "p_base"
        await keys("enter")                    # 不知道
        labels = option_labels(screen)
        # paid now: where he lives and will draw benefits, most likely; 郑州 offered as the change
        assert "深圳" in str(screen.query_one("#wizard-help").render())
        assert any("郑州" in label for label in labels)
        await keys("enter")                    # right, that was all
        assert screen.step == "plans"          # anything planned: asked after the history
        profile = screen.build()
        regions = [(str(p.start), p.region) for p in profile.periods if p.insurance == "employee_medical"]
        assert regions == [("1988-07", "henan.zhengzhou"), ("2012-03", None)]  # None: the benefit region
        assert profile.person.region == "guangdong.shenzhen"


async def test_a_place_name_typed_in_one_burst_reaches_one_search_whole(user_dir):
    """An input method gives a whole word at once (牡丹江), a fast typist a name faster than a frame: every letter
    goes into the one search the first letter opened, none opens another."""
    from textual import events
    from textual.widgets import Input

    from tui.screens.region_picker import RegionPicker

    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "马阿姨", "1974-06")
        await keys("enter")                    # 以灵活就业人员身份参保 (the default)
        assert app.screen.step == "region"
        for character in "mudanjiang":          # all delivered before the app draws a frame
            app.post_message(events.Key(character, character))
        await pilot.pause()
        await pilot.pause()
        pickers = [screen for screen in app.screen_stack if isinstance(screen, RegionPicker)]
        assert len(pickers) == 1 and app.screen is pickers[0]
        assert pickers[0].query_one("#region-filter", Input).value == "mudanjiang"
        for character in "牡丹江":
            app.post_message(events.Key(character, character))
        await pilot.pause()
        assert pickers[0].query_one("#region-filter", Input).value == "mudanjiang牡丹江"


async def test_going_back_from_another_period_and_answering_no_more_keeps_the_periods_as_answered(user_dir):
    """马阿姨: after her second period she chose "one more", then Esc, then "no more": the periods are hers as
    answered, none added twice or made of nothing."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "马阿姨", "1974-06")
        await keys("enter")                    # 以灵活就业人员身份参保
        await keys.line("mudanjiang")          # benefits in 牡丹江
        await keys.line("3400")
        await keys.line()                      # looked up this month
        await keys.line("1992-09")
        await keys.line("2009-12")
        await keys("up", "enter")              # 单位交的
        await keys.line("jixi")                # the factory was in 鸡西
        await keys("enter")                    # the next period follows on: from 2010-01
        screen = app.screen
        assert screen.step == "p_end" and str(screen.cur["start"]) == "2010-01"
        await keys("escape")                   # no: there was a gap
        await keys("down", "enter")
        await keys.line("2012-01")
        await keys("enter", "enter", "enter", "enter")  # 至今, 自己交的, 统账结合, the base: 不知道
        assert screen.step == "p_card"
        assert "牡丹江" in str(screen.query_one("#wizard-help").render())  # paying now where she lives
        await keys("down", "down", "down", "down", "enter")  # one more period after all...
        assert screen.step == "p_start"
        await keys("escape")                   # ...no
        assert screen.step == "p_card"
        assert "第2段" in str(screen.query_one("#wizard-progress").render())
        assert screen.query_one("#wizard-options").highlighted == 0  # "that was all" offered first (ongoing)
        await keys("enter")                    # no more; nothing planned: the summary
        assert screen.step == "plans"
        await keys("enter")
        assert screen.step == "summary"
        profile = screen.build()
        employee = [(str(p.start), p.effective_status, p.region) for p in profile.periods
                    if p.insurance == "employee_medical"]
        assert employee == [("1992-09", "employed", "heilongjiang.jixi"), ("2012-01", "flexible", None)]


async def test_months_on_unemployment_benefit_are_offered_for_employee_medical_and_ask_no_pension(user_dir):
    """领取失业金期间 (社会保险法 第四十八条: the unemployment fund pays the medical contributions, not the pension's):
    offered among the ways a period was paid; no pension goes with it and none is offered."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "刘女士", "1975-03")
        await keys("enter")                    # 女干部（55岁）
        await keys.line("xuzhou")
        await keys.line()                      # no balance
        await keys.line("2019-01")
        await keys.line("2019-12")
        screen = app.screen
        assert screen.step == "p_how"
        labels = option_labels(screen)
        assert "领取失业金期间" in labels[HOWS.index("unemployed")]
        await keys("down", "down", "down", "enter")  # from 自己交的 to 领取失业金期间
        assert screen.step == "p_card"         # no tier, no base, no pension asked
        assert not any("养老" in label for label in option_labels(screen))
        await keys("down", "down", "enter")    # right, that was all
        assert screen.step == "plans"
        profile = screen.build()
        assert [(p.insurance, p.status) for p in profile.periods] == [("employee_medical", "unemployed")]


async def test_the_answers_do_not_go_round(user_dir):
    """↓ on the last answer stays there (it went round to the first: an extra period was started), ↑ on the first
    too."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys("enter")  # the profile's name: the default
        options = app.screen.query_one("#wizard-options", OptionList)
        last = options.option_count - 1
        assert last >= 1
        for _ in range(last + 1):
            await keys("down")
        assert options.highlighted == last
        for _ in range(last + 1):
            await keys("up")
        assert options.highlighted == 0


async def test_ctrl_u_and_then_text_in_one_burst_keeps_the_text(user_dir):
    """tmux ``send-keys C-u "1968-04"``: the keys arrive together. The input's ctrl+u is its binding, which the
    app ran as the key came back up to it, after the characters behind it had been typed in: they were deleted."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys("enter", "enter")           # the name, 男
        screen = app.screen
        assert screen.step == "birth"
        box = screen.query_one("#wizard-input", Input)
        await keys.type("19")                   # something typed before, to be cleared
        assert box.value == "19"
        app.post_message(events.Key("ctrl+u", None))
        for character in "1968-04":              # all delivered before the app handles the first
            app.post_message(events.Key(character, character))
        await pilot.pause()
        await pilot.pause()
        assert box.value == "1968-04"
        app.post_message(events.Key("backspace", None))  # the other editing keys keep the order too
        app.post_message(events.Key("5", "5"))
        await pilot.pause()
        assert box.value == "1968-05"
        await keys("enter")
        assert screen.step == "identity" and str(screen.state["birth"]) == "1968-05"


async def test_going_back_keeps_every_answer_and_going_forward_offers_them_again(user_dir):
    """Esc all the way back to the first question and Enter all the way forward: the place, the person and the
    period are as answered (going back cleared the chosen place)."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "孔女士", "1974-12")
        await keys("up", "up", "enter")        # 女工人（50岁）
        await keys.line("shenyang")
        await keys.line("1200")
        await keys.line("2026-10")
        await keys.line("1992-09")
        await keys.line("2015-06")
        await keys("up", "enter")              # 单位交的
        screen = app.screen
        assert screen.step == "p_card"
        answered = (dict(screen.state), [dict(p) for p in screen.periods])
        steps = []
        while screen.step != "name":
            await keys("escape")
            steps.append(screen.step)
        assert "region" in steps and "p_how" in steps
        assert (dict(screen.state), [dict(p) for p in screen.periods]) == answered
        assert screen.query_one("#wizard-input", Input).value == "孔女士"
        while screen.step != "p_card":
            await keys("enter")                # every answer offered again as the default
        assert (dict(screen.state), [dict(p) for p in screen.periods]) == answered
        assert screen.state["region"] == "liaoning.shenyang"


async def test_a_flexible_workers_periods_default_to_flexible_and_the_next_follows_on(user_dir):
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "钱女士", "1975-01")
        await keys("enter")                    # 以灵活就业人员身份参保
        await keys.line("nanchang")
        await keys.line()
        await keys.line("2001-03")
        await keys.line("2010-12")
        screen = app.screen
        options = screen.query_one("#wizard-options", OptionList)
        assert screen.step == "p_how" and options.highlighted == HOWS.index("flexible")
        await keys("enter", "enter")           # 自己交的, 统账结合
        assert screen.step == "p_card"
        await keys("enter")                    # the next period follows on
        assert screen.step == "p_end" and str(screen.cur["start"]) == "2011-01"
        assert "2011-01" in str(screen.query_one("#wizard-question").render())


async def test_where_every_flexible_worker_has_an_account_the_tier_is_not_asked(user_dir):
    """Zhejiang (浙江): "灵活就业人员一律设个人账户" in the data, so a Hangzhou flexible worker is not offered the
    pooling-only tier (which the rules would then override); in Nanchang the tier is asked (the test above)."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "孙女士", "1984-06")
        await keys("enter")                    # 以灵活就业人员身份参保
        await keys.line("hangzhou")
        await keys.line()
        await keys.line("2019-08")
        await keys.line()                      # ongoing
        screen = app.screen
        assert screen.step == "p_how"
        await keys("enter")                    # 自己交的
        assert screen.step == "p_base"


async def test_a_period_after_a_gap_offers_an_example_after_the_last_one(user_dir):
    """After "there was a gap", the example month follows the last period (not the month the person turned 18)."""
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "孙女士", "1984-06")
        await keys("enter")
        await keys.line("hangzhou")
        await keys.line()
        await keys.line("2006-07")
        await keys.line("2019-06")
        await keys(*("up",) * HOWS.index("flexible"), "enter")   # 单位交的
        await keys("down", "enter")                              # after a gap
        screen = app.screen
        assert screen.step == "p_start"
        hint = str(screen.query_one("#wizard-help").render())
        assert "2019-06" in hint and "2019-08" in hint and "18" not in hint


async def qian_to_his_base(keys: Keys) -> None:
    """钱先生 from the welcome: 南昌, born 1971-08, a flexible worker since 2019-06 with an account, up to the
    question of his base."""
    await keys("n")
    await keys.line("钱先生")
    await keys("enter")                    # 男
    await keys.line("1971-08")
    await keys("down", "enter")            # 灵活就业
    await keys.line("nanchang")
    await keys.line()
    await keys.line("2019-06")
    await keys("enter", "enter", "enter")  # 至今, 自己交的, 统账结合


async def test_the_base_in_words_is_the_places_figures_with_their_year_and_dont_know_says_what_it_leaves(user_dir):
    """钱先生's lowest base: the lower limit of 江西 with the year it is for; stored as that number with where it
    came from; "don't know" stores no base and says the personal-account figures are what it leaves unknown."""
    from engine import region_data

    low = dict(region_data("jiangxi").params)["medical.min_base_yuan"][-1][1]
    async with guided() as (app, pilot, keys):
        await qian_to_his_base(keys)
        screen = app.screen
        assert screen.step == "p_base"
        labels = option_labels(screen)
        assert labels[0] == f"最低档：下限 {low.value} 元"
        assert labels[-1] == "不知道" and screen.query_one("#wizard-options").highlighted == len(labels) - 1
        hint = str(screen.query_one("#wizard-help").render())
        assert "个人账户每月划入多少就算不出来" in hint and f"江西省{low.effective_from[:4]}年" in hint
        await keys("enter")                    # 不知道
        assert screen.build().periods[0].base_yuan is None
        await keys("escape")
        await keys("up", "up", "up", "up", "up", "enter")  # 最低档
        medical = screen.build().periods[0]
        assert medical.base_yuan == low.value
        assert "最低档" in medical.note and str(low.value) in medical.note and low.effective_from[:4] in medical.note
        await keys("escape")
        await keys("down", "down", "down", "down", "enter")  # a number
        await keys.line("5000")
        assert screen.build().periods[0].base_yuan == 5000 and screen.build().periods[0].note is None


async def test_months_paid_back_ask_when_and_by_whom(user_dir):
    async with guided() as (app, pilot, keys):
        await a_flexible_woman(keys, "李阿姨", "1971-03")
        await keys("enter")
        await keys.line("haerbin")
        await keys.line()
        await keys.line("2018-04")
        await keys.line("2018-05")
        await keys("down", "down", "enter")    # from 自己交的 to 补缴的
        screen = app.screen
        assert screen.step == "p_paid_on"
        await keys.line("2018-03")             # before the months paid for: refused
        assert screen.step == "p_paid_on" and "2018-04" in str(screen.query_one("#wizard-error").render())
        await keys("ctrl+u")
        await keys.line("2018-07")
        await keys("enter", "enter")           # 自己补交的, 统账结合
        assert screen.step == "p_card"
        medical, pension = screen.build().periods
        assert (medical.kind, str(medical.paid_on), medical.status) == ("backpaid", "2018-07", "flexible")
        assert (pension.insurance, pension.kind, str(pension.paid_on)) == ("pension", "backpaid", "2018-07")


async def test_a_whole_history_sent_in_one_burst_is_answered_in_order(user_dir):
    """tmux ``send-keys`` with every answer at once: each key acts on the question it was typed for (the months
    after an Enter went into the question before, and a ↓ after an Enter into the typed answer)."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("陈先生")
        await keys("enter")                    # 男
        await keys.line("1968-04")
        await keys("enter")                    # 单位职工
        await keys.line("changsha")
        screen = app.screen
        assert screen.step == "balance"
        burst = ["enter", *"1987-07", "enter", *"1995-12", "enter", "down", "down", "enter", "enter",
                 *"2009-06", "enter", "enter", "enter", *"2017-12", "enter", "down", "enter", "enter", "enter",
                 "enter", "enter", "enter", "enter", "enter"]
        for key in burst:                      # all delivered before the app handles the first
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(6):
            await pilot.pause()
        assert screen.step == "summary", screen.step
        assert [(str(p.start), str(p.end) if p.end else None, p.effective_kind, p.effective_status)
                for p in screen.build().periods if p.insurance == "employee_medical"] == [
            ("1987-07", "1995-12", "deemed", "employed"), ("1996-01", "2009-06", "paid", "employed"),
            ("2009-07", "2017-12", "paid", "flexible"), ("2018-01", None, "paid", "employed")]


async def test_that_was_all_said_too_early_keeps_the_periods_after_it(user_dir):
    """"That was all" at the first period, then Esc and "the next follows on": the second period as answered."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys("enter", "enter")
        await keys.line("1970-01")
        await keys("enter")
        await keys.line("xuzhou")
        await keys.line()
        await keys.line("1990-01")
        await keys.line("1999-12")
        await keys("enter", "enter")           # 单位交的; the next follows on
        await keys.line("2005-06")
        await keys("enter")                    # 单位交的
        screen = app.screen
        await keys("escape", "escape", "escape")  # back to the first period's card
        assert screen.step == "p_card" and screen.i == 0
        await keys("down", "down", "enter")    # that was all
        assert screen.step == "plans" and len(screen.build().periods) == 2  # medical and pension
        await keys("escape")
        await keys("enter")                    # the next follows on after all
        assert screen.step == "p_end" and screen.query_one("#wizard-input", Input).value == "2005-06"
        await keys("enter", "enter")           # as answered
        assert screen.step == "p_card"
        await keys("down", "down", "enter")
        assert screen.step == "plans" and len(screen.build().periods) == 4


def shown(screen, widget: str) -> str:
    return str(screen.query_one(widget).render())


def burst(app, keys) -> None:
    """Keys all delivered before the app handles the first (tmux ``send-keys`` with several at once)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(pilot, times: int = 8) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_the_first_period_offers_the_month_one_turned_18_and_refuses_a_start_before_16(user_dir):
    """Ana, born 1985-02: the first period's example is 2003-02 (she turned 18), not a fixed month she was 10 in;
    1995-07 is refused in words with the earliest month, 2001-02; that month itself is taken."""
    async with guided(lang="en") as (app, pilot, keys):
        await a_woman(keys, "Ana", "1985-02")
        await keys("enter", "enter")           # an employee; 55
        await keys.line("shanghai")
        await keys.line()                      # no balance
        screen = app.screen
        assert screen.step == "p_start"
        box = screen.query_one("#wizard-input", Input)
        assert box.placeholder == "2003-02" and box.value == ""
        hint = shown(screen, "#wizard-help")
        assert "2003-02" in hint and "18" in hint and "2001-02" in hint and "16" in hint
        await keys("enter")                    # the example is no answer: a month is asked for
        assert screen.step == "p_start" and "like 2003-02" in shown(screen, "#wizard-error")
        await keys.line("1995-07")
        assert screen.step == "p_start"
        error = shown(screen, "#wizard-error")
        assert "16" in error and "2001-02" in error
        await keys("ctrl+u")
        await keys.line("2001-02")
        assert screen.step == "p_end" and str(screen.cur["start"]) == "2001-02"


async def test_a_period_after_a_gap_offers_an_example_month_after_the_gap_and_takes_no_default(user_dir):
    async with guided() as (app, pilot, keys):
        await a_woman(keys, "王女士", "1980-01")
        await keys("enter", "enter")
        await keys.line("xuzhou")
        await keys.line()
        screen = app.screen
        assert screen.query_one("#wizard-input", Input).placeholder == "1998-01"  # she turned 18
        await keys.line("2000-03")
        await keys.line("2005-06")
        await keys("enter", "down", "enter")   # 单位交的; another period after a gap
        assert screen.step == "p_start"        # no month to follow on from: an example after the last period
        assert screen.query_one("#wizard-input", Input).placeholder == "2005-08"
        assert screen.query_one("#wizard-input", Input).value == ""
        await keys("enter")                    # the example is no answer
        assert screen.step == "p_start"


async def ana_to_her_plans(keys: Keys) -> None:
    """Ana García (Shanghai, English): born 1985-02, an office employee since 2016-05, up to "anything planned?"."""
    await keys("n")
    await keys.line("Ana García")
    await keys("down", "enter")                # female
    await keys.line("1985-02")
    await keys("enter", "enter")               # an employee now; 55
    await keys.line("shanghai")
    await keys.line()                          # the balance: not known
    await keys.line("2016-05")
    await keys.line()                          # ongoing
    await keys("enter", "enter")               # through an employer; the base: not known
    await keys("enter")                        # right, that was all


async def test_citizenship_is_asked_with_leaving_china_and_yes_or_cn_is_china(user_dir):
    """Leaving China for good: the month, then whether a Chinese citizen; "yes", or the code CN, leave the
    nationality out (China); a code that is none is refused in words; a lowercase code is taken in capitals."""
    async with guided(lang="en") as (app, pilot, keys):
        await ana_to_her_plans(keys)
        screen = app.screen
        assert screen.step == "plans" and "Part 3" in shown(screen, "#wizard-progress")
        assert [label.split(" (")[0] for label in option_labels(screen)] == [
            "nothing planned", "leaving China for good", "moving to another city after retirement"]
        await keys("down", "enter")
        assert screen.step == "plan_month"
        await keys.line("1980-01")             # before her birth: refused
        assert screen.step == "plan_month" and "1985-02" in shown(screen, "#wizard-error")
        await keys("ctrl+u")
        await keys.line("2028-03")
        assert screen.step == "citizen"
        await keys("enter")                    # yes
        assert screen.step == "summary"
        profile = screen.build()
        assert profile.person.nationality is None and str(profile.plans.emigrate) == "2028-03"
        assert "plans to leave China for good in 2028-03" in shown(screen, "#wizard-sofar")
        await keys("escape")
        await keys("down", "enter")            # no: another country
        assert screen.step == "country"
        await keys.line("XX")
        assert screen.step == "country" and '"XX" is not a country code' in shown(screen, "#wizard-error")
        await keys("ctrl+u")
        await keys.line("cn")
        assert screen.step == "summary" and screen.build().person.nationality is None
        await keys("escape")
        await keys("ctrl+u")
        await keys.line("es")
        assert screen.step == "summary" and screen.build().person.nationality == "ES"
        assert "citizen of ES" in shown(screen, "#wizard-sofar")


async def test_moving_after_retirement_is_picked_through_the_place_search_and_nothing_planned_clears_it(user_dir):
    async with guided(lang="en") as (app, pilot, keys):
        await ana_to_her_plans(keys)
        screen = app.screen
        await keys("down", "down", "enter")    # moving after retirement: the place search
        await keys.line("hangzhou")
        assert screen.step == "summary"
        plans = screen.build().plans
        assert plans.relocate_after_retirement.startswith("zhejiang") and plans.emigrate is None
        await keys("escape")                   # back: the plan offered with its place, highlighted
        assert screen.step == "plans" and "Hangzhou" in option_labels(screen)[2]
        assert screen.query_one("#wizard-options", OptionList).highlighted == 2
        await keys("up", "up", "enter")        # nothing planned after all
        assert screen.step == "summary" and screen.build().plans is None


async def test_adding_to_a_profile_asks_no_plans(user_dir):
    async with guided(XUZHOU) as (app, pilot, keys):
        await keys("w")
        screen = app.screen
        await keys.line("2009-01")
        await keys.line("2010-06")
        await keys("enter")
        if screen.step == "p_mode":
            await keys("enter")
        await keys("down", "down", "enter")    # right, that was all
        assert screen.step == "summary"


async def test_a_burst_from_the_welcomes_n_through_the_place_search_is_answered_in_order(user_dir):
    """tmux ``send-keys`` from the welcome: ``n`` opens the guide and the keys after it, the name first, answer it;
    the place typed, Enter and the next answers go through the place search in order (the keys after ``n`` were
    lost while the guide opened, and the ones after the place's Enter went into the search)."""
    async with guided(lang="en") as (app, pilot, keys):
        assert isinstance(app.screen, WelcomeScreen)
        burst(app, ["n", *"Ana", "enter", "down", "enter", *"1985-02", "enter", "enter", "enter",
                    *"shanghai", "enter", *"1200", "enter", "enter", *"2016-05", "enter", "enter", "enter"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WizardScreen), screen
        assert (screen.state["name"], screen.state["sex"], str(screen.state["birth"])) == ("Ana", "female", "1985-02")
        assert screen.state["region"] == "shanghai" and screen.state["balance"] == 1200
        assert screen.state["balance_month"] == Month.from_date(AS_OF)
        assert screen.step == "p_base", screen.step
        assert (str(screen.periods[0]["start"]), screen.periods[0]["end"], screen.periods[0]["how"]) == (
            "2016-05", None, "employed")


async def test_a_burst_through_the_plans_place_search_reaches_the_report(user_dir):
    async with guided(lang="en") as (app, pilot, keys):
        await ana_to_her_plans(keys)
        burst(app, ["down", "down", "enter", *"hangzhou", "enter", "enter"])
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), app.screen
        assert app.profile.plans.relocate_after_retirement.startswith("zhejiang")


async def test_enter_on_the_welcome_and_the_answers_after_it_in_one_burst(user_dir):
    """The welcome's focused way in taken with Enter, the name and sex sent with it: the guide has them."""
    async with guided() as (app, pilot, keys):
        burst(app, ["enter", *"Ana", "enter", "down", "enter"])
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WizardScreen), screen
        assert (screen.state["name"], screen.state["sex"], screen.step) == ("Ana", "female", "birth")
