"""The answer agrees with itself: the invariants of engine/evaluation/invariants.py hold for any valid profile at any
date (a property test), for every bundled example, and for the four people whose reports once contradicted
themselves (tests/data): the Changsha woman retired 3 years 7 months short, the Shenzhen driver who lapsed in
2023, the foreign employee who leaves Beijing in 2027-06, and the Markdown a volunteer hands over for them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import compare, evaluate, load_profile, parse_profile
from engine.core.months import Month
from engine.data.glossary import step_text
from engine.evaluation.invariants import (COMPARISON_INVARIANTS, REPORT_INVARIANTS, Violation,
                                          comparison_columns_agree, comparison_waiting_own, violations)
from engine.words.render import markdown
from tests.conftest import ROOT
from tests.test_profile import valid_profiles

AS_OF = date(2026, 12, 6)
DATA = ROOT / "tests" / "data"
CHANGSHA = DATA / "changsha-original-50-short-woman.toml"
SHENZHEN = DATA / "shenzhen-lapsed-driver-man.toml"
BEIJING = DATA / "beijing-foreign-employee-leaving-woman.toml"
PEOPLE = (CHANGSHA, SHENZHEN, BEIJING)
EXAMPLES = sorted((ROOT / "profiles").glob("*.toml")) + sorted(DATA.glob("*.toml"))


def checked(profile, as_of: date) -> list[Violation]:
    return violations(evaluate(profile, as_of), compare(profile, None, as_of))


def test_every_invariant_says_its_rule():
    for check in REPORT_INVARIANTS + COMPARISON_INVARIANTS:
        assert check.__doc__ and check.__doc__.strip(), check.__name__


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_profiles(), st.dates(min_value=date(2010, 1, 1), max_value=date(2045, 12, 31)))
def test_no_invariant_is_broken_for_any_valid_profile(profile, as_of):
    assert checked(profile, as_of) == []


@pytest.mark.parametrize("as_of", [date(2024, 3, 1), AS_OF, date(2031, 7, 1)], ids=str)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_invariant_is_broken_for_the_examples(path, as_of):
    assert checked(load_profile(path), as_of) == []


# --- the Changsha woman: retired 2026-02, 3 years 7 months short ------------------------------------------------
def test_changsha_one_price_one_deadline():
    report = evaluate(load_profile(CHANGSHA), AS_OF)
    bp = report.facts("backpay")
    assert report.facts("medical_years")["shortfall_months"] == 43 and bp["deadline_passed"] is True
    assert bp["price_is_estimate"] is True and bp["price_yuan"] is not None
    for key in ("medical_years", "backpay", "account_after_retirement"):
        for opt in report.decisions[key].options:
            # a deadline behind her is never offered as still open, and a price is the estimate or none
            assert opt.deadline is None or opt.deadline >= Month.from_date(AS_OF), (key, opt.code)
            assert opt.price_yuan in (None, bp["price_yuan"], round(bp["monthly_alternative_yuan"] * 43, 2))
            assert opt.price_yuan is None or opt.price_is_estimate, (key, opt.code)
    after = {o.code: o for o in report.decisions["account_after_retirement"].options}
    words = after["backpay_lump_sum"].detail_text("zh") + after["keep_paying_monthly"].detail_text("zh")
    assert "仍可凭养老金核算通知单" not in words and "金额未知" not in words and "金额取决于" not in words
    assert f"{bp['monthly_alternative_yuan']:,.2f}" in after["keep_paying_monthly"].detail_text("zh")
    monthly = {o.code: o for o in report.decisions["backpay"].options}["keep_paying_monthly"]
    assert monthly.price_yuan == round(bp["monthly_alternative_yuan"] * 43, 2)  # a total, never one month's


def test_changsha_comparison_says_what_makes_the_cover_lifelong():
    comparison = compare(load_profile(CHANGSHA), None, AS_OF)
    by_id = {r.scenario.id: r for r in comparison.results}
    base, lump, monthly = by_id["baseline"], by_id["backpay:lump"], by_id["backpay:monthly"]
    # nothing planned: nothing paid, no lifelong cover
    assert base.facts["backpay_yuan"] == 0.0 and base.facts["lifetime_benefits"] is False
    assert base.facts["total_cost_yuan"] == base.facts["contributions_yuan"]
    # the back-payment after the deadline: lifelong after the new enrollee's wait, and the row says why
    assert lump.facts["medical_met"] is False and lump.facts["lifetime_benefits"] is True
    assert lump.facts["lifetime_by"] == "lump" and lump.facts["waiting_months"] == 6
    assert monthly.facts["lifetime_by"] == "monthly"
    assert comparison_columns_agree(comparison) == [] and comparison_waiting_own(comparison) == []
    costs = [s for s in base.trace for s in s.walk() if s.rule == "costs.span"]
    assert costs and all("first" not in s.inputs or s.inputs["first"] <= s.inputs["last"] for s in costs)


def test_changsha_planned_backpay_after_the_deadline_is_lifelong_after_the_wait():
    """A back-payment planned at retirement, retirement behind her: paid as a new enrollee, who waits; nothing says
    the account is credited already."""
    profile = parse_profile(CHANGSHA.read_text(encoding="utf-8") + "\n[plans]\nbackpay_at_retirement = true\n")
    report = evaluate(profile, AS_OF)
    assert report.facts("account_now")["monthly_credit_yuan"] == 0
    assert report.facts("account_after_retirement")["waiting_months"] == 6
    base = compare(profile, ["baseline"], AS_OF).results[0]
    assert base.facts["lifetime_benefits"] is True and base.facts["lifetime_by"] == "lump"
    assert base.facts["waiting_months"] == 6 and base.facts["backpay_yuan"] == report.facts("backpay")["price_yuan"]
    assert checked(profile, AS_OF) == []


# --- the Shenzhen driver: lapsed 2023-05..10, resumed 2023-11 -----------------------------------------------------
def test_shenzhen_waiting_over_in_every_scenario():
    comparison = compare(load_profile(SHENZHEN), None, AS_OF)
    item = comparison.results[0].report.facts("gaps")["items"][0]
    assert item["benefits_from"] <= Month.from_date(AS_OF) and item["waiting_running"] is False
    assert len(comparison.results) > 1
    assert all(r.facts["waiting_months"] == 0 for r in comparison.results)
    assert comparison_waiting_own(comparison) == []


# --- the foreign employee who leaves in 2027-06 ------------------------------------------------------------------
def test_departure_ends_the_projected_contributions():
    profile = load_profile(BEIJING)
    report = evaluate(profile, AS_OF)
    my = report.facts("medical_years")
    assert my["projected_months"] == Month.parse("2027-05") - Month.parse("2026-12")  # 2027-01 .. 2027-05
    assert my["counted_months"] == Month.parse("2027-05") - Month.parse("2016-05") + 1
    steps = [s for o in report.decisions.values() for t in o.trace for s in t.walk()
             if s.rule == "projection.emigrate"]
    assert steps and steps[0].result == Month.parse("2027-05") and steps[0].inputs["leave"] == Month.parse("2027-06")
    assert step_text(steps[0], "en") == "contributions projected to end 2027-05 because you plan to leave in 2027-06"
    base = compare(profile, ["baseline"], AS_OF).results[0]
    assert [r["month"] for r in base.costs.rows if r["kind"] != "uninsured"][-1] == Month.parse("2027-05")


def test_every_decision_reads_the_same_projection():
    """A planned departure changes what each decision counts, and what a scenario counts, the same way."""
    profile = load_profile(BEIJING)
    staying = parse_profile((BEIJING.read_text(encoding="utf-8")).replace('emigrate = "2027-06"', ""))
    leaving, stays = evaluate(profile, AS_OF), evaluate(staying, AS_OF)
    assert leaving.facts("retirement")["pension_months"] < stays.facts("retirement")["pension_months"]
    assert leaving.facts("medical_years")["counted_months"] < stays.facts("medical_years")["counted_months"]
    lump = compare(profile, ["backpay:lump"], AS_OF).results[1]
    assert lump.report.facts("medical_years")["counted_months"] == leaving.facts("medical_years")["counted_months"]


def test_persona_ana_in_shanghai_sees_her_contributions_end_when_she_goes_home():
    profile = parse_profile("""schema = 1
name = "Ana García"
[person]
sex = "female"
birth = "1985-02"
region = "shanghai"
[[periods]]
insurance = "employee_medical"
start = "2016-05"
[[periods]]
insurance = "pension"
start = "2016-05"
[plans]
emigrate = "2028-03"
""")
    report = evaluate(profile, AS_OF)
    assert report.facts("medical_years")["projected_months"] == Month.parse("2028-02") - Month.parse("2026-12")
    assert checked(profile, AS_OF) == []


# --- the Markdown a volunteer hands over ---------------------------------------------------------------------------
RANGE = re.compile(r"(\d{4}-\d{2})至(\d{4}-\d{2})")


@pytest.mark.parametrize("path", PEOPLE, ids=lambda p: p.stem)
def test_the_markdown_reads_no_contradiction(path):
    report = evaluate(load_profile(path), AS_OF)
    page = markdown(report, "zh")
    for first, last in RANGE.findall(page):
        assert first <= last, (first, last)
    bp = report.facts("backpay")
    if bp["price_yuan"] is not None:
        assert "每月金额未知" not in page and "金额取决于当地补缴基数" not in page
        assert f"费用 {bp['monthly_alternative_yuan']:,.2f} 元" not in page
    if bp["deadline_passed"]:
        assert "仍可凭养老金核算通知单办理一次性补缴" not in page
