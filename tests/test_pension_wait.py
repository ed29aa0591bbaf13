"""Medical retirement waits for the pension. 国务院关于渐进式延迟法定退休年龄的办法 第二条: "从2030年1月1日起，将职工按月
领取基本养老金最低缴费年限由十五年逐步提高至二十年，每年提高六个月。职工达到法定退休年龄但不满最低缴费年限的，可以按照
国家有关规定延长缴费或者一次性缴费至最低缴费年限，按月领取基本养老金。" In many places retiree medical cover needs a drawn
pension (北京市基本医疗保险规定 第十一条): the medical years are counted to the month the pension can begin."""

from __future__ import annotations

import pytest

from engine import ProfileError, dump_profile, evaluate, parse_profile
from engine.evaluation.warnings import warnings_dicts
from tests.conftest import AS_OF, find_steps, make_profile, period

ART2 = "国务院关于渐进式延迟法定退休年龄的办法 第二条"
ART11 = "北京市基本医疗保险规定"


def flexible_man(birth: str, start: str, plan: str | None = None, region: str = "jiangsu.xuzhou",
                 extra: str = ""):
    plans = f'[plans]\npension_shortfall = "{plan}"\n' if plan else ""
    return make_profile(f'sex = "male"\nbirth = "{birth}"\nregion = "{region}"',
                        period("employee_medical", start, status="flexible") + period("pension", start, status="flexible"),
                        plans + extra)


# (source of the minimum, birth, first month paid, plan, legal date, minimum, paid by then, pension start, wait)
CASES = [
    pytest.param("1972-01", "2020-01", None, "2033-11", 204, 166, "2037-01", 38,
                 id="第二条-2033-minimum-17y-paid-on-monthly-38-months-to-2037-01"),
    pytest.param("1972-01", "2020-01", "monthly", "2033-11", 204, 166, "2037-01", 38,
                 id="第二条-monthly-said-outright-is-the-default"),
    pytest.param("1972-01", "2020-01", "lump_sum", "2033-11", 204, 166, "2033-11", 0,
                 id="第二条-一次性缴费-starts-at-the-legal-date"),
    pytest.param("1972-01", "2010-01", None, "2033-11", 204, 286, "2033-11", 0,
                 id="第二条-minimum-met-no-wait"),
    pytest.param("1968-05", "2020-01", None, "2029-04", 180, 111, "2035-01", 69,
                 id="第二条-before-2030-still-15y"),
]


@pytest.mark.parametrize("birth, start, plan, legal, minimum, paid, begins, wait", CASES)
def test_pension_start_and_the_medical_horizon(birth, start, plan, legal, minimum, paid, begins, wait):
    report = evaluate(flexible_man(birth, start, plan), as_of=AS_OF)
    ret = report.decisions["retirement"].facts
    assert str(ret["legal_date"]) == legal and ret["pension_min_months"] == minimum and ret["pension_months"] == paid
    assert str(ret["pension_start"]) == begins and ret["pension_wait_months"] == wait
    assert str(ret["pension_start"]) == str(ret["chosen_date"] + (minimum - paid if plan != "lump_sum" and paid < minimum
                                                                   else 0))
    years = report.decisions["medical_years"]
    assert str(years.facts["horizon"]) == begins and years.facts["pension_wait_months"] == wait
    if wait:
        steps = find_steps(report.decisions["retirement"].trace, "retirement.pension_start")
        assert steps and ART2 in steps[0].source.title
        why = find_steps(years.trace, "medical_years.pension_wait")
        assert why and ART11 in why[0].source.title
        assert begins in years.verdict_text("zh") and begins in years.verdict_text("en")


def test_the_medical_years_are_counted_to_the_pension_start():
    """The 38 months paid on count: 166 months by 2033-11, 204 by 2037-01 (the flexible medical period goes on)."""
    monthly = evaluate(flexible_man("1972-01", "2020-01"), as_of=AS_OF).decisions["medical_years"].facts
    lump = evaluate(flexible_man("1972-01", "2020-01", "lump_sum"), as_of=AS_OF).decisions["medical_years"].facts
    assert lump["counted_months"] == 166 and monthly["counted_months"] == 166 + 38
    assert monthly["shortfall_months"] == lump["shortfall_months"] - 38


def test_the_extension_is_priced_month_by_month():
    """The 38 months after 2033-11 at the flexible fixed amount set here (社会保险法 第二十三条第二款)."""
    extra = '[policy_overrides]\n"medical.flexible_fixed_monthly_yuan" = 500\n'
    facts = evaluate(flexible_man("1972-01", "2020-01", extra=extra), as_of=AS_OF).decisions["medical_years"].facts
    assert facts["extension_cost_yuan"] == pytest.approx(38 * 500.0)
    assert facts["extension_cost_is_estimate"] is False
    lump = evaluate(flexible_man("1972-01", "2020-01", "lump_sum", extra=extra), as_of=AS_OF)
    assert lump.decisions["medical_years"].facts["extension_cost_yuan"] is None


def test_a_warning_names_the_wait_its_cost_and_the_lump_sum():
    extra = '[policy_overrides]\n"medical.flexible_fixed_monthly_yuan" = 500\n'
    report = evaluate(flexible_man("1972-01", "2020-01", extra=extra), as_of=AS_OF)
    found = [w for w in warnings_dicts(report, "zh") if w["code"] == "pension_wait"]
    assert len(found) == 1
    message = found[0]["message"]
    assert "2037-01" in message and "2033-11" in message and "19,000" in message and "3年2个月" in message
    assert found[0]["fields"] == ["plans.pension_shortfall"]
    english = [w for w in warnings_dicts(report, "en") if w["code"] == "pension_wait"][0]["message"]
    assert "2037-01" in english and "19,000" in english


def test_without_pension_periods_nothing_moves():
    """No pension history entered: the pension start is not guessed; the medical years end at the legal date."""
    profile = make_profile('sex = "male"\nbirth = "1972-01"\nregion = "jiangsu.xuzhou"',
                           period("employee_medical", "2020-01", status="flexible"))
    report = evaluate(profile, as_of=AS_OF)
    ret = report.decisions["retirement"].facts
    assert ret["pension_met"] is False and ret["pension_start"] == ret["chosen_date"]
    assert report.decisions["medical_years"].facts["horizon"] == ret["chosen_date"]
    assert not [w for w in warnings_dicts(report, "zh") if w["code"] == "pension_wait"]


def test_the_plan_is_read_and_written_back_and_checked():
    profile = flexible_man("1972-01", "2020-01", "lump_sum")
    assert profile.plans.pension_shortfall == "lump_sum"
    assert parse_profile(dump_profile(profile)) == profile
    with pytest.raises(ProfileError) as caught:
        flexible_man("1972-01", "2020-01", "yearly")
    assert caught.value.field == "plans.pension_shortfall"
