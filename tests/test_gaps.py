"""Lapses of medical insurance (engine/rules/decisions/gaps.py): table-driven cases, each named after its source.

Sources: 医保办发〔2021〕43号 第十一条 (short lapse ≤ 3 months paid back: no waiting; longer: local waiting ≤ 6 months;
switch after 2+ continuous years with a lapse ≤ 3 months: no waiting), 国办发〔2024〕38号 (resident insurance from
2025: 3 fixed months + 1 per extra year of break, at least 6 after 4+ years), seed 004 (a lapse over 3 months restarts
the continuous years), the policy data of Jiangsu (3, secondary), Zhejiang (2, 条例 第二十九条), Wuhan and Chongqing
(6, secondary), national (6, assumed), 社会保险法 第八十六条 (employer late fee 0.05%/day).
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import evaluate, parse_profile, questions
from tests.conftest import period
from tests.worked_examples import XUZHOU_MAN

AS_OF = date(2026, 11, 22)



def profile(*periods: str, region: str = "national", birth: str = "1970-01", sex: str = "male"):
    head = f'schema = 1\nname = "测试"\n[person]\nsex = "{sex}"\nbirth = "{birth}"\nregion = "{region}"\n'
    return parse_profile(head + "".join(periods))


def gaps(prof, as_of: date = AS_OF) -> dict:
    """The gaps decision as in the JSON report (months as text)."""
    return evaluate(prof, as_of=as_of).to_dict()["decisions"]["gaps"]


EMP, RES = "employee_medical", "resident_medical"


# --- the worked example ---------------------------------------------------------------------------------------------
def test_xuzhou_worked_example():
    """The Xuzhou worked example: 1990-07..2008-12 employed, flexible from 2011-04; Jiangsu waits at most 3 months."""
    out = gaps(parse_profile(XUZHOU_MAN))
    items = out["facts"]["items"]
    assert len(items) == 1
    expected = {"insurance": "employee_medical", "start": "2009-01", "end": "2011-03", "months": 27, "long": True,
                "waiting_months": 3, "continuity_reset": True, "backpay_deadline": None}
    assert {k: items[0][k] for k in expected} == expected
    assert items[0]["waiting_region"] == "jiangsu"
    assert items[0]["rule_of_today"] is True          # 2011: the rule of the time is not in the data
    assert items[0]["switch"] is None
    assert "2009-01至2011-03共2年3个月" in out["verdict"] and "最长3个月" in out["verdict"]
    assert out["status"] == "info"                    # the waiting period ended long ago
    assert out["facts"]["continuous_since"] == "2011-04"


# --- employee insurance: short lapses -------------------------------------------------------------------------------
SHORT_CASES = [
    pytest.param(
        [period(EMP, "2020-01", "2026-06"), period(EMP, "2026-09")],
        {"start": "2026-07", "end": "2026-08", "months": 2, "long": False, "backpay_deadline": "2026-11",
         "repaired": False, "waiting_months": 0, "continuity_reset": False, "deadline_passed": False, "current": True},
        "not_met", ["pay_back_short_gap"],
        id="43号第十一条-short-lapse-deadline-E+3-still-open"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05", status="flexible")],
        {"start": "2024-03", "end": "2024-04", "months": 2, "long": False, "backpay_deadline": "2024-07",
         "repaired": False, "waiting_months": None, "continuity_reset": None, "deadline_passed": True,
         "current": False},
        "info", [],
        id="43号第十一条-short-lapse-deadline-passed-unpaid-local"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
         period(EMP, "2024-03", "2024-04", kind="backpaid", paid_on="2024-06")],
        {"start": "2024-03", "end": "2024-04", "months": 2, "long": False, "backpay_deadline": "2024-07",
         "repaired": True, "waiting_months": 0, "continuity_reset": False, "backpaid_on": "2024-06"},
        "met", [],
        id="43号第十一条-short-lapse-repaired-by-backpaid-period"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
         period(EMP, "2024-03", "2024-04", kind="backpaid", paid_on="2024-07")],
        {"repaired": True, "backpay_deadline": "2024-07"},
        "met", [],
        id="43号第十一条-backpaid-in-the-deadline-month-counts"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
         period(EMP, "2024-03", "2024-04", kind="backpaid", paid_on="2024-08")],
        {"repaired": False, "deadline_passed": True, "backpaid_months": 2},
        "info", [],
        id="43号第十一条-backpaid-too-late-not-repaired"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
         period(EMP, "2024-03", "2024-03", kind="backpaid", paid_on="2024-05")],
        {"repaired": False, "backpaid_months": 1},
        "info", [],
        id="43号第十一条-partly-backpaid-not-repaired"),
]


@pytest.mark.parametrize("periods, expected, status, options", SHORT_CASES)
def test_short_lapses(periods, expected, status, options):
    out = gaps(profile(*periods))
    (item,) = out["facts"]["items"]
    assert {k: item[k] for k in expected} == expected
    assert out["status"] == status
    assert [o["code"] for o in out["options"]] == options


def test_short_lapse_option_names_the_deadline():
    """43号 第十一条: the person is told to pay back before the deadline."""
    out = gaps(profile(period(EMP, "2020-01", "2026-06"), period(EMP, "2026-09")))
    (opt,) = out["options"]
    assert opt["deadline"] == "2026-11" and "2026-11" in opt["title"]
    assert "2026-11前补缴" in out["verdict"]


def test_repaired_lapse_does_not_count():
    """43号 第十一条: benefits for a short lapse paid back in time are restored: it is no lapse for counting."""
    facts = gaps(profile(period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
                         period(EMP, "2024-03", "2024-04", kind="backpaid", paid_on="2024-06")))["facts"]
    assert facts["count"] == 0 and facts["lapsed_months"] == 0
    assert facts["continuous_since"] == "2020-01"


# --- open lapses ----------------------------------------------------------------------------------------------------
OPEN_CASES = [
    pytest.param(
        [period(EMP, "2015-01", "2026-08")],
        {"start": "2026-09", "end": None, "months": 3, "long": False, "open": True, "backpay_deadline": "2027-02",
         "resume_by": "2026-12", "waiting_months": 0},
        ["resume_and_pay_back"],
        id="43号第十一条-open-short-lapse-resume-by-and-deadline"),
    pytest.param(
        [period(EMP, "2015-01", "2026-01")],
        {"start": "2026-02", "end": None, "months": 10, "long": True, "open": True, "backpay_deadline": None,
         "waiting_months": 6, "waiting_confidence": "assumed", "continuity_reset": True},
        ["resume_now"],
        id="43号第十一条-open-long-lapse-national-6-assumed"),
]


@pytest.mark.parametrize("periods, expected, options", OPEN_CASES)
def test_open_lapse(periods, expected, options):
    out = gaps(profile(*periods))
    (item,) = out["facts"]["items"]
    assert {k: item[k] for k in expected} == expected
    assert out["status"] == "not_met" and out["facts"]["open"] is True
    assert [o["code"] for o in out["options"]] == options


# --- employee insurance: long lapses, waiting by region -------------------------------------------------------------
LONG_CASES = [
    pytest.param("national", 6, "assumed", "national", id="43号第十一条-national-at-most-6-assumed"),
    pytest.param("jiangsu.xuzhou", 3, "secondary", "jiangsu", id="江苏医保局2022-at-most-3-secondary"),
    pytest.param("zhejiang", 2, "official", "zhejiang", id="浙江条例第二十九条-from-3rd-month-official"),
    pytest.param("hubei.wuhan", 6, "secondary", "hubei.wuhan", id="武汉-6-secondary"),
    pytest.param("chongqing", 6, "secondary", "chongqing", id="重庆-6-secondary"),
]


@pytest.mark.parametrize("region, waiting, confidence, answered_by", LONG_CASES)
def test_long_lapse_waiting_by_region(region, waiting, confidence, answered_by):
    out = gaps(profile(period(EMP, "2015-01", "2022-12"), period(EMP, "2024-01", status="flexible"), region=region))
    (item,) = out["facts"]["items"]
    assert item["months"] == 12 and item["long"] is True
    assert item["waiting_months"] == waiting
    assert item["waiting_confidence"] == confidence and item["waiting_region"] == answered_by
    assert item["rule_of_today"] is False
    assert item["continuity_reset"] is True          # seed 004
    assert item["backpay_deadline"] is None
    assert item["benefits_from"] == f"2024-{1 + waiting:02d}"


def test_long_lapse_waits_by_the_region_that_resumes():
    """43号 第十一条: the receiving region's rule: a Jiangsu worker resuming in Zhejiang waits as Zhejiang says."""
    out = gaps(profile(period(EMP, "2015-01", "2022-12", region="jiangsu.xuzhou"),
                       period(EMP, "2024-01", region="zhejiang", status="flexible"), region="zhejiang"))
    assert out["facts"]["items"][0]["waiting_months"] == 2


def test_waiting_still_running_is_not_met():
    """43号 第十一条: a lapse whose waiting period has not ended at as_of still acts."""
    out = gaps(profile(period(EMP, "2015-01", "2025-12"), period(EMP, "2026-07")))
    (item,) = out["facts"]["items"]
    assert item["benefits_from"] == "2027-01" and item["waiting_running"] is True
    assert out["status"] == "not_met"


def test_override_of_the_long_gap_waiting():
    """docs/contract.md §2: medical.long_gap_waiting_months may be overridden; the trace marks it as the user's."""
    prof = parse_profile(XUZHOU_MAN + '\n[policy_overrides]\n"medical.long_gap_waiting_months" = 1\n')
    report = evaluate(prof, as_of=AS_OF)
    assert report.facts("gaps")["items"][0]["waiting_months"] == 1
    steps = [s for st in report.decisions["gaps"].trace for s in st.walk()
             if s.rule == "param:medical.long_gap_waiting_months"]
    assert steps and steps[0].inputs["overridden"] is True


# --- late fees ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status, payer, rate", [
    pytest.param("employed", "employer", 0.0005, id="社会保险法第八十六条-employer-0.05%-per-day"),
    pytest.param("flexible", "individual", None, id="seed004-individual-late-fee-local-unknown"),
])
def test_late_fee(status, payer, rate):
    out = gaps(profile(period(EMP, "2020-01", "2026-06"), period(EMP, "2026-09", status=status)))
    fee = out["facts"]["items"][0]["late_fee"]
    assert fee["payer"] == payer and fee["daily_rate"] == rate


# --- switches between employee and resident insurance ---------------------------------------------------------------
SWITCH_CASES = [
    pytest.param(
        [period(EMP, "2018-01", "2024-12"), period(RES, "2025-03")],
        {"switch": "employee_to_resident", "months": 2, "switch_no_wait": True, "waiting_months": 0,
         "continuity_reset": False, "backpay_deadline": None},
        id="43号第十一条-switch-after-2-years-gap-2-no-wait"),
    pytest.param(
        [period(EMP, "2024-01", "2024-12"), period(RES, "2025-03")],
        {"switch": "employee_to_resident", "months": 2, "switch_no_wait": False, "waiting_months": 3,
         "continuity_reset": True},
        id="43号第十一条+38号-switch-after-1-year-waits-3"),
    pytest.param(
        [period(EMP, "2018-01", "2024-08"), period(RES, "2025-01")],
        {"switch": "employee_to_resident", "months": 4, "long": True, "switch_no_wait": False,
         "waiting_months": 3},
        id="43号第十一条-switch-gap-over-3-months-waits"),
    pytest.param(
        [period(RES, "2019-01", "2024-12"), period(EMP, "2025-02", status="flexible")],
        {"switch": "resident_to_employee", "months": 1, "switch_no_wait": True, "waiting_months": 0},
        id="43号第十一条-resident-to-employee-after-6-years"),
]


@pytest.mark.parametrize("periods, expected", SWITCH_CASES)
def test_switches(periods, expected):
    out = gaps(profile(*periods))
    (item,) = out["facts"]["items"]
    assert {k: item[k] for k in expected} == expected
    assert item["insurance"] == periods[0].split('"')[1]


def test_switch_without_a_gap_is_listed_apart():
    """43号 第十一条: a switch with no month between is no lapse; it goes to the `switches` list."""
    out = gaps(profile(period(EMP, "2023-01", "2024-12"), period(RES, "2025-01")))
    assert out["facts"]["items"] == []
    (sw,) = out["facts"]["switches"]
    assert sw["switch"] == "employee_to_resident" and sw["no_wait"] is True and sw["gap_months"] == 0
    assert out["status"] == "met"


# --- resident insurance from 2025 (国办发〔2024〕38号) ------------------------------------------------------------------
RESIDENT_CASES = [
    pytest.param([period(RES, "2015-01", "2023-12"), period(RES, "2025-01")], 12, 3, 3,
                 id="38号-1-year-break-fixed-3"),
    pytest.param([period(RES, "2015-01", "2022-12"), period(RES, "2025-01")], 24, 4, 3,
                 id="38号-2-year-break-3+1"),
    pytest.param([period(RES, "2015-01", "2020-12"), period(RES, "2025-01")], 48, 6, 6,
                 id="38号-4-year-break-6-and-at-least-6-after-repair"),
    pytest.param([period(RES, "2010-01", "2019-12"), period(RES, "2025-01")], 60, 7, 6,
                 id="38号-5-year-break-at-least-6"),
    pytest.param([period(RES, "2010-01", "2019-12"), period(RES, "2025-01"),
                  period(RES, "2020-01", "2021-12", kind="backpaid", paid_on="2024-12")], 60, 6, 6,
                 id="38号-5-year-break-2-years-paid-back-floor-6"),
    pytest.param([period(RES, "2015-01", "2024-06"), period(RES, "2025-01")], 6, 3, 3,
                 id="38号-break-under-a-year-fixed-3"),
]


@pytest.mark.parametrize("periods, months, waiting, floor", RESIDENT_CASES)
def test_resident_2025_rule(periods, months, waiting, floor):
    out = gaps(profile(*periods, region="liaoning.fuxin", sex="female", birth="1979-12"))
    (item,) = out["facts"]["items"]
    assert item["insurance"] == "resident_medical" and item["months"] == months
    assert item["waiting_months"] == waiting and item["waiting_months"] >= floor
    assert item["min_waiting_after_repair"] == floor
    assert item["continuity_reset"] is True          # 38号: 断保之后再次参保的，连续参保年数重新计算
    assert item["backpay_deadline"] is None


def test_resident_rule_not_in_force_before_2025():
    """38号: "自2025年起": a resumption in 2022 waits by the local rule, unknown here."""
    out = gaps(profile(period(RES, "2015-01", "2020-12"), period(RES, "2022-01"),
                       region="liaoning.fuxin", sex="female", birth="1979-12"))
    (item,) = out["facts"]["items"]
    assert item["waiting_months"] is None and item["continuity_reset"] is True
    assert "何时恢复待遇未知" in out["verdict"]


# --- retirement ends the scope --------------------------------------------------------------------------------------
def test_lapse_after_retirement_not_counted():
    """社会保险法 第二十七条: a retiree (born 1964-06, retired 2024-06) pays no more; later months are no lapse."""
    out = gaps(profile(period(EMP, "2000-01", "2024-05"), period(RES, "2025-06"), birth="1964-06"))
    assert out["facts"]["items"] == [] and out["facts"]["horizon"] == "2024-05"
    assert out["status"] == "met"


def test_lapse_up_to_retirement_is_closed_not_open():
    """A lapse running into retirement ends the month before retirement; nothing after counts."""
    out = gaps(profile(period(EMP, "2000-01", "2020-12"), birth="1964-06"))
    (item,) = out["facts"]["items"]
    assert item["start"] == "2021-01" and item["end"] == "2024-05" and item["months"] == 41
    assert item["open"] is False and item["ended_by_retirement"] is True and item["waiting_months"] is None
    assert out["status"] == "info"


def test_no_lapse_and_no_medical_insurance():
    assert gaps(profile(period(EMP, "2000-01")))["status"] == "met"
    out = gaps(profile(period("pension", "2000-01")))
    assert out["facts"]["items"] == [] and out["status"] == "info"


def test_every_item_has_the_contract_keys():
    """docs/contract.md §4: the keys of every gaps item."""
    keys = {"insurance", "start", "end", "months", "long", "waiting_months", "continuity_reset", "backpay_deadline",
            "covered_again_from", "repay_until", "repay_open"}
    for case in SHORT_CASES + OPEN_CASES + SWITCH_CASES:
        for item in gaps(profile(*case.values[0]))["facts"]["items"]:
            assert keys <= set(item)


# --- each lapse answered as people ask: covered again since when, repay until when, at what price, what it took -------
def with_base(text: str, base: int) -> str:
    return text + f"base_yuan = {base}\n"


SHENZHEN_DRIVER = [with_base(period(EMP, "2015-01", "2023-04", status="flexible"), 6727),
                   with_base(period(EMP, "2023-11", status="flexible"), 6727)]
LONG_WINDOW_12 = '[policy_overrides]\n"medical.long_gap_backpay_window_months" = 12\n'

ANSWER_CASES = [
    pytest.param(
        SHENZHEN_DRIVER, "guangdong.shenzhen", "",
        {"covered_again_from": "2024-05", "waiting_running": False, "repay_until": None, "repay_open": None,
         "repay_cost_is_estimate": True, "continuous_months_lost": 100},
        ["最迟已于2024-05恢复待遇", "能否补缴、最晚何时补缴，这里的数据没有", "请咨询当地医保经办机构", "估算约需",
         "断缴前连续缴费的8年4个月不再算连续"],
        ["covered again since 2024-05 at the latest", "is not in the data here", "an estimate"],
        id="shenzhen-driver-43号-6-months-at-most-window-local-unknown"),
    pytest.param(
        [period(EMP, "2015-01", "2023-02"), period(EMP, "2023-09")], "jiangsu", "",
        {"covered_again_from": "2023-12", "waiting_running": False, "repay_until": None, "continuous_months_lost": 98},
        ["最迟已于2023-12恢复待遇", "从2023-09重新计算"],
        ["since 2023-12 at the latest"],
        id="jiangsu-3-months-at-most-secondary-wait-over"),
    pytest.param(
        [period(EMP, "2015-01", "2026-02"), period(EMP, "2026-09")], "national", "",
        {"covered_again_from": "2027-03", "waiting_running": True, "repay_open": None},
        ["最迟2027-03起恢复待遇"], ["covered again from 2027-03 at the latest"],
        id="43号-national-6-assumed-wait-still-running"),
    pytest.param(
        [period(EMP, "2015-01", "2026-02"), period(EMP, "2026-09")], "national", LONG_WINDOW_12,
        {"repay_until": "2027-08", "repay_open": True},
        ["断缴的月份可补缴至2027-08"], ["can be paid back until 2027-08"],
        id="own-figure-12-months-window-open"),
    pytest.param(
        [period(EMP, "2015-01", "2024-02"), period(EMP, "2024-09")], "national", LONG_WINDOW_12,
        {"repay_until": "2025-08", "repay_open": False, "repay_cost_yuan": None},
        ["补缴期限已于2025-08截止"], ["ended in 2025-08"],
        id="own-figure-12-months-window-closed-no-price"),
    pytest.param(
        [with_base(period(EMP, "2020-01", "2026-06"), 5000), with_base(period(EMP, "2026-09"), 5000)], "national", "",
        {"covered_again_from": "2026-09", "repay_until": "2026-11", "repay_open": True,
         "repay_cost_yuan": 2 * 5000 * (0.02 + 0.06), "repay_cost_is_estimate": False, "continuous_months_lost": 0},
        ["在2026-11前补缴", "补缴这2个月约需800.00元", "按时补缴则连续缴费年限不受影响"],
        ["pay it back by 2026-11", "about 800.00 yuan"],
        id="43号-short-lapse-window-open-priced-at-both-shares"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05", status="flexible")], "national", "",
        {"covered_again_from": None, "repay_until": "2024-07", "repay_open": False, "repay_cost_yuan": None,
         "continuous_months_lost": None},
        ["未在2024-07前补缴", "何时恢复待遇未知"], ["when benefits resume is unknown"],
        id="43号-short-lapse-window-closed-local-unknown"),
    pytest.param(
        [period(EMP, "2020-01", "2024-02"), period(EMP, "2024-05"),
         period(EMP, "2024-03", "2024-04", kind="backpaid", paid_on="2024-06")], "national", "",
        {"covered_again_from": "2024-05", "repay_until": "2024-07", "repay_open": False, "continuous_months_lost": 0},
        ["已于2024-06补缴"], ["paid back in 2024-06"],
        id="43号-short-lapse-repaired-nothing-left-to-pay"),
    pytest.param(
        [period(RES, "2018-01", "2023-12"), period(RES, "2025-03")], "national", "",
        {"covered_again_from": "2025-06", "waiting_running": False, "repay_until": None, "repay_open": None,
         "continuous_months_lost": 72},
        ["已于2025-06恢复待遇", "连续参保年数从2025-03重新计算"], ["covered again since 2025-06"],
        id="38号-resident-3-fixed-months-over"),
    pytest.param(
        [period(EMP, "2015-01", "2026-02")], "national", "",
        {"covered_again_from": None, "open": True, "repay_until": None},
        ["尚未恢复缴费"], ["not resumed"],
        id="open-lapse-not-covered-yet"),
]


@pytest.mark.parametrize("periods, region, extra, expected, zh, en", ANSWER_CASES)
def test_lapse_answers(periods, region, extra, expected, zh, en):
    """Each lapse says since when the person is covered again, whether and until when it can still be paid back,
    what that would cost and what it took from the continuous years; the sentences say the same as the facts."""
    prof = parse_profile(f'schema = 1\nname = "测试"\n[person]\nsex = "male"\nbirth = "1970-01"\n'
                         f'region = "{region}"\n' + "".join(periods) + extra)
    report = evaluate(prof, as_of=AS_OF)
    (item,) = report.to_dict()["decisions"]["gaps"]["facts"]["items"]
    got = {k: item[k] for k in expected}
    if isinstance(expected.get("repay_cost_yuan"), float):
        got["repay_cost_yuan"] = pytest.approx(got["repay_cost_yuan"])
    assert got == expected
    assert item["repay_open"] is None or item["repay_until"] is not None  # an open or closed window has an end
    zh_text = report.to_dict("zh")["decisions"]["gaps"]["verdict"]
    en_text = report.to_dict("en")["decisions"]["gaps"]["verdict"]
    assert all(words in zh_text for words in zh), zh_text
    assert all(words in en_text for words in en), en_text


def test_shenzhen_driver_price_is_his_base_at_the_estimated_rate():
    """The repayment of the Shenzhen driver's six months is his base at the flexible rate the report uses for his
    contributions (the employer's and individual rates together where the place's own is missing: an estimate)."""
    prof = parse_profile('schema = 1\nname = "刘师傅"\n[person]\nsex = "male"\nbirth = "1980-03"\n'
                         'region = "guangdong.shenzhen"\n' + "".join(SHENZHEN_DRIVER))
    report = evaluate(prof, as_of=date(2026, 12, 6))
    (item,) = report.facts("gaps")["items"]
    rate_steps = [s for o in report.decisions.values() for top in o.trace for s in top.walk()
                  if s.rule == "costs.flexible_rate_estimate"]
    assert rate_steps, "the flexible rate is an estimate here"
    assert item["repay_cost_yuan"] == pytest.approx(6 * 6727 * rate_steps[0].result.fraction)
    assert item["repay_cost_is_estimate"] is True


def test_unknown_repay_window_is_asked_locally():
    """No national rule says whether a lapse of more than 3 months can be paid back: the question is asked."""
    prof = parse_profile('schema = 1\nname = "刘师傅"\n[person]\nsex = "male"\nbirth = "1980-03"\n'
                         'region = "guangdong.shenzhen"\n' + "".join(SHENZHEN_DRIVER))
    asked = questions(evaluate(prof, as_of=date(2026, 12, 6)), "zh")
    assert any("断缴超过3个月的月份，还能不能补缴" in q for q in asked)
