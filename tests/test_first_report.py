"""From the welcome to a first report, as a newcomer would type it: every key counted (each typed character is one
key), the count held to what it takes now, and the profile saved with the person's facts.

The first: a man whose 1987-1995 factory years are deemed contribution years (视同缴费), then an employee, then a
flexible worker, an employee again now: four periods, one deemed, at most 70 keys. Then six people, each as they
tell their own story."""

from __future__ import annotations

from engine import load_profile
from tests.test_wizard import Keys, guided, qian_to_his_base
from tui.app import MainScreen
from tui.screens.welcome import WelcomeScreen
from tui.screens.wizard import HOWS


def down_to(how: str, default: str) -> tuple[str, ...]:
    """The keys from the answer offered first to ``how`` in the list of how a period was paid."""
    steps = HOWS.index(how) - HOWS.index(default)
    return ("down",) * steps if steps > 0 else ("up",) * -steps


async def reaches_a_report(app, pilot, keys: Keys, most: int):
    """The summary confirmed: the report of the profile saved, within ``most`` keys; the profile as saved."""
    await keys("enter")                    # 对，保存并查看结论
    await pilot.pause()
    assert isinstance(app.screen, MainScreen), app.screen
    assert app.report is not None and app.path is not None
    assert keys.count <= most, keys.count
    saved = load_profile(app.path)
    assert saved == app.profile
    return saved


def medical(profile) -> list[tuple]:
    return [(str(p.start), str(p.end) if p.end else None, p.effective_kind, p.effective_status, p.effective_mode,
             p.region) for p in profile.periods if p.insurance == "employee_medical"]


async def test_a_newcomer_reaches_a_report_of_four_periods_one_deemed_in_at_most_70_keys(user_dir):
    async with guided() as (app, pilot, keys):
        assert isinstance(app.screen, WelcomeScreen)
        await keys("n")                    # 从我自己的情况开始
        await keys.line()                  # the name: 我的档案
        await keys("enter")                # 男
        await keys.line("1968-04")
        await keys("enter")                # 单位职工
        await keys.line("changsha")        # typed where the places are offered: the search, Enter picks
        await keys.line()                  # the balance: not known
        await keys.line("1987-07")
        await keys.line("1995-12")
        await keys(*down_to("deemed", "employed"), "enter")  # 视同缴费
        await keys("enter")                # right; the next follows on from 1996-01
        await keys.line("2009-06")
        await keys("enter", "enter")       # 单位交的; right, next
        await keys.line("2017-12")
        await keys(*down_to("flexible", "employed"), "enter")  # 自己交的
        await keys("enter", "enter")       # 统账结合; right, next
        await keys.line()                  # 至今
        await keys("enter", "enter")       # 单位交的 (what he does now); the base: 不知道
        await keys("enter")                # right, that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=70)
    assert medical(profile) == [
        ("1987-07", "1995-12", "deemed", "employed", "with_account", None),
        ("1996-01", "2009-06", "paid", "employed", "with_account", None),
        ("2009-07", "2017-12", "paid", "flexible", "with_account", None),
        ("2018-01", None, "paid", "employed", "with_account", None),
    ]
    assert profile.person.region == "hunan.changsha" and profile.person.sex == "male"
    assert [str(p.start) for p in profile.periods if p.insurance == "pension"] == [
        "1987-07", "1996-01", "2009-07", "2018-01"]


async def test_li_ayi_harbin(user_dir):
    """李阿姨: a mill worker 1989-09..2003-05, nothing until 2010, a flexible worker since with an account on a 4000
    base; 2018-04..05 missed and paid back in 2018-07; balance 2150 (2026-09); not sure of her original age."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("李阿姨")
        await keys("down", "enter")        # 女
        await keys.line("1971-03")
        await keys("down", "enter")        # 灵活就业
        await keys("down", "enter")        # 不清楚 (the default for a flexible worker is the line above)
        await keys.line("haerbin")
        await keys.line("2150")
        await keys.line("2026-09")
        await keys.line("1989-09")
        await keys.line("2003-05")
        await keys(*down_to("employed", "flexible"), "enter")  # 单位交的
        await keys("down", "enter")        # another period, after a gap
        await keys.line("2010-01")
        await keys.line("2018-03")
        await keys("enter", "enter", "enter")  # 自己交的, 统账结合, the next follows on
        await keys.line("2018-05")
        await keys(*down_to("backpaid", "flexible"), "enter")  # 补缴的
        await keys.line("2018-07")
        await keys("enter", "enter", "enter")  # 自己补交的, 统账结合, the next follows on
        await keys.line()                  # 至今
        await keys("enter", "enter")       # 自己交的, 统账结合
        await keys("up", "enter")          # the base: a number
        await keys.line("4000")
        await keys("enter")                # that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=LI_AYI_KEYS)
    assert profile.person.original_retirement_age is None and str(profile.person.birth) == "1971-03"
    assert profile.person.region == "heilongjiang.haerbin"
    assert (profile.account.balance_yuan, str(profile.account.as_of)) == (2150, "2026-09")
    assert medical(profile) == [
        ("1989-09", "2003-05", "paid", "employed", "with_account", None),
        ("2010-01", "2018-03", "paid", "flexible", "with_account", None),
        ("2018-04", "2018-05", "backpaid", "flexible", "with_account", None),
        ("2018-06", None, "paid", "flexible", "with_account", None),
    ]
    backpaid = [p for p in profile.periods if p.effective_kind == "backpaid"]
    assert len(backpaid) == 2 and all(str(p.paid_on) == "2018-07" for p in backpaid)  # medical and pension
    assert [p.base_yuan for p in profile.periods if p.insurance == "employee_medical"] == [None, None, None, 4000]


async def test_kong_nvshi_shenyang_with_her_months_on_unemployment_benefit(user_dir):
    """孔女士: 女工人 in a factory 1992-09..2015-06, 18 months on unemployment benefit, a flexible worker since
    2017-01 on pooling only."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("孔女士")
        await keys("down", "enter")        # 女
        await keys.line("1974-12")
        await keys("down", "enter")        # 灵活就业
        await keys("up", "up", "enter")    # 女工人（50岁）
        await keys.line("shenyang")
        await keys.line()                  # the balance: not known
        await keys.line("1992-09")
        await keys.line("2015-06")
        await keys(*down_to("employed", "flexible"), "enter")  # 单位交的
        await keys("enter")                # the next follows on
        await keys.line("2016-12")
        await keys(*down_to("unemployed", "flexible"), "enter")  # 领取失业金期间
        await keys("enter")                # the next follows on
        await keys.line()                  # 至今
        await keys("enter")                # 自己交的
        await keys("down", "enter")        # 单建统筹
        await keys("enter", "enter")       # the base: 不知道; that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=KONG_KEYS)
    assert profile.person.original_retirement_age == 50 and profile.person.region == "liaoning.shenyang"
    assert medical(profile) == [
        ("1992-09", "2015-06", "paid", "employed", "with_account", None),
        ("2015-07", "2016-12", "paid", "unemployed", "with_account", None),
        ("2017-01", None, "paid", "flexible", "pooling_only", None),
    ]
    pension = [(str(p.start), p.effective_status) for p in profile.periods if p.insurance == "pension"]
    assert pension == [("1992-09", "employed"), ("2017-01", "flexible")]  # none while on unemployment benefit


async def test_qian_xiansheng_nanchang_on_the_lowest_base(user_dir):
    """钱先生: no insurance until 2019; since 2019-06 a flexible worker with an account on the lowest base."""
    async with guided() as (app, pilot, keys):
        await qian_to_his_base(keys)
        await keys("up", "up", "up", "up", "up", "enter")  # the base: 最低档
        await keys("enter")                # that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=QIAN_KEYS)
    (only,) = [p for p in profile.periods if p.insurance == "employee_medical"]
    assert (str(only.start), only.end, only.effective_status, only.effective_mode) == (
        "2019-06", None, "flexible", "with_account")
    assert only.base_yuan is not None and "最低档" in only.note and "江西省" in only.note
    assert str(profile.person.birth) == "1971-08" and profile.person.region.startswith("jiangxi")


async def test_sun_nvshi_hangzhou_on_60_percent_of_the_average_wage(user_dir):
    """孙女士: an employee 2006-07..2019-06, a flexible worker since 2019-08, base 60% of the average wage. She
    believes she is on pooling only, but Zhejiang sets an account for every flexible worker ("灵活就业人员一律设个人
    账户"): the tier is not asked there."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("孙女士")
        await keys("down", "enter")        # 女
        await keys.line("1984-06")
        await keys("down", "enter")        # 灵活就业
        await keys("enter")                # 以灵活就业人员身份参保 (55)
        await keys.line("hangzhou")
        await keys.line()
        await keys.line("2006-07")
        await keys.line("2019-06")
        await keys(*down_to("employed", "flexible"), "enter")
        await keys("down", "enter")        # after a gap
        await keys.line("2019-08")
        await keys.line()                  # 至今
        await keys("enter")                # 自己交的 (no tier to choose in Zhejiang)
        screen = app.screen
        labels = [str(screen.query_one("#wizard-options").get_option_at_index(i).prompt)
                  for i in range(screen.query_one("#wizard-options").option_count)]
        sixty = next(i for i, label in enumerate(labels) if "60%" in label)
        await keys(*("up",) * (len(labels) - 1 - sixty), "enter")
        await keys("enter")                # that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=SUN_KEYS)
    now = [p for p in profile.periods if p.insurance == "employee_medical"][-1]
    assert (now.effective_status, now.effective_mode) == ("flexible", "with_account")
    assert now.base_yuan is not None and "60%" in now.note


async def test_zhou_shifu_guiyang_retired_with_resident_insurance_after(user_dir):
    """周师傅: retired in 2022; employee medical 1998-01..2016-12 only, then resident medical insurance."""
    async with guided() as (app, pilot, keys):
        await keys("n")
        await keys.line("周师傅")
        await keys("enter")                # 男
        await keys.line("1962-08")
        await keys("down", "down", "enter")  # 已退休
        await keys.line("guiyang")
        await keys.line()
        await keys.line("1998-01")
        await keys.line("2016-12")
        await keys("enter", "enter")       # 单位交的; the next follows on
        await keys.line()                  # 至今
        await keys(*down_to("resident", "employed"), "enter")
        await keys("enter")                # that was all
        await keys("enter")                # nothing planned
        profile = await reaches_a_report(app, pilot, keys, most=ZHOU_KEYS)
    assert [(p.insurance, str(p.start), str(p.end) if p.end else None) for p in profile.periods] == [
        ("employee_medical", "1998-01", "2016-12"), ("pension", "1998-01", "2016-12"),
        ("resident_medical", "2017-01", None)]


async def test_ana_garcia_shanghai_in_english_leaving_for_spain(user_dir):
    """Ana García, in English: born 1985-02, an office employee in Shanghai since 2016-05, going home to Spain in
    2028-03. Her plan and her citizenship reach the profile, and the report's answer on taking the account's money
    out is the one for foreign employees leaving China: the account kept, or paid out on written request."""
    async with guided(lang="en") as (app, pilot, keys):
        await keys("n")
        await keys.line("Ana García")
        await keys("down", "enter")        # female
        await keys.line("1985-02")
        await keys("enter", "enter")       # an employee; 55 (the default for an employee)
        await keys.line("shanghai")
        await keys.line()                  # the balance: not known
        await keys.line("2016-05")
        await keys.line()                  # ongoing
        await keys("enter", "enter")       # through an employer; the base: not known
        await keys("enter")                # right, that was all
        await keys("down", "enter")        # leaving China for good
        await keys.line("2028-03")
        await keys("down", "enter")        # not a Chinese citizen
        await keys.line("ES")
        profile = await reaches_a_report(app, pilot, keys, most=ANA_KEYS)
    assert profile.person.nationality == "ES" and str(profile.plans.emigrate) == "2028-03"
    assert profile.person.region == "shanghai" and str(profile.person.birth) == "1985-02"
    assert medical(profile) == [("2016-05", None, "paid", "employed", "with_account", None)]
    withdrawal = app.report.decisions["withdrawal"]
    verdict = withdrawal.verdict_text("en")
    assert "2028-03" in verdict and "人社部令第16号" in verdict and "come back to work in China" in verdict
    assert "foreign_keep_or_payout" in [option.code for option in withdrawal.options]
    route = next(r for r in withdrawal.facts["routes"] if r["code"] == "foreign_national_leaving")
    assert route["available"] and str(route["when"]) == "2028-03"


#: the keys each person takes now (measured): a change to the guided start that costs a person keys shows here
LI_AYI_KEYS = 114
KONG_KEYS = 70
QIAN_KEYS = 46
SUN_KEYS = 66
ZHOU_KEYS = 54
ANA_KEYS = 62
