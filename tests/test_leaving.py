"""Leaving China before retirement (plans.emigrate before the retirement month, no return recorded): the summary
opens with the departure and what the report assumes (no return to work in China), then what happens to the
account (人社部令第16号 第六条 for a foreign national, the place's rule on settling abroad for a citizen); the years
short, the back-payment and the pension wait are said to matter only on a return, and a month nobody pays is never
priced at 0. A departure after retirement changes none of this."""

from __future__ import annotations

import re

import msgspec
import pytest

from engine import evaluate, load_profile, parse_profile
from engine.evaluation.invariants import report_no_zero_cost_for_uninsured_months, violations
from engine.evaluation.warnings import compute
from engine.core.months import Month
from tests.conftest import AS_OF, ROOT

ANA = (ROOT / "profiles" / "shanghai-foreign-employee-woman.toml").read_text(encoding="utf-8")
WUHAN = (ROOT / "profiles" / "wuhan-emigrating-woman.toml").read_text(encoding="utf-8")
#: a Chinese flexible worker in Xuzhou who settles abroad in 2030-05, before his legal age (2037-10)
FLEXIBLE = """schema = 1
name = "陈先生 · 徐州灵活就业"
[person]
sex = "male"
birth = "1975-03"
region = "jiangsu.xuzhou"
[[periods]]
insurance = "pension"
start = "2012-01"
status = "flexible"
[[periods]]
insurance = "employee_medical"
start = "2012-01"
status = "flexible"
[plans]
emigrate = "2030-05"
"""
#: a Xuzhou flexible worker paying pension since 2020-01, whose medical insurance stopped in 2024-12; no departure
STOPPED = """schema = 1
name = "徐州灵活就业，医保已停"
[person]
sex = "male"
birth = "1972-01"
region = "jiangsu.xuzhou"
[[periods]]
insurance = "pension"
start = "2020-01"
status = "flexible"
[[periods]]
insurance = "employee_medical"
start = "2020-01"
end = "2024-12"
status = "flexible"
"""
#: the Wuhan woman settling abroad in 2045-06, after her retirement in 2044-02
WUHAN_AFTER = WUHAN.replace('emigrate = "2031-06"', 'emigrate = "2045-06"')
WUHAN_STAYS = WUHAN.replace('emigrate = "2031-06"', "")

#: a price of nothing, in either language ("0.00元", "0.00 yuan"), not the end of a larger figure
ZERO = re.compile(r"(?<![\d,.])0\.00 ?(元|yuan)")
LEAVER_CODES = {"leaving", "left", "cover_short_if_back", "cost_leaving", "cost_leaving_estimate",
                "backpay_if_back_price", "backpay_if_back_estimate", "backpay_if_back_unknown"}

# (profile text, the departure, the account line, whether the pension years are short at retirement)
LEAVERS = [
    pytest.param(ANA, "2028-03", "account_kept", True, id="Ana-Shanghai-foreign-employee-leaves-2028-03"),
    pytest.param(WUHAN, "2031-06", "account_emigrating", False, id="Wuhan-woman-settles-abroad-2031-06"),
    pytest.param(FLEXIBLE, "2030-05", "account_emigrating_unknown", True, id="Xuzhou-flexible-man-leaves-2030-05"),
]


def texts(report, lang: str) -> list[str]:
    return [line.text(lang) for line in report.summary()]


@pytest.mark.parametrize("toml,leave,account,pension_short", LEAVERS)
def test_the_summary_opens_with_the_departure_and_the_account(toml, leave, account, pension_short):
    report = evaluate(parse_profile(toml), AS_OF)
    codes = [line.code for line in report.summary()]
    assert codes[:2] == ["leaving", account]
    assert report.summary()[0].message.args["date"] == Month.parse(leave)
    assert report.summary()[1].decision == "withdrawal"
    # the years short matter only on a return; the cost runs until the departure
    assert "cover_short_if_back" in codes and "cover_short" not in codes
    assert any(c.startswith("backpay_if_back") for c in codes)
    assert any(c.startswith("cost_leaving") for c in codes)
    # no deadline after the departure (those apply only on a return), none from the account line's own decision
    assert all(line.message.args["date"] <= Month.parse(leave) and line.decision != "withdrawal"
               for line in report.summary() if line.code == "deadline")
    assert report.facts("retirement")["pension_met"] is (not pension_short)
    assert 3 <= len(codes) <= 7
    assert violations(report) == []


@pytest.mark.parametrize("toml,leave,account,pension_short", LEAVERS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_zero_price_for_the_months_nobody_pays(toml, leave, account, pension_short, lang):
    report = evaluate(parse_profile(toml), AS_OF)
    shown = texts(report, lang) + [w.message(lang) for w in compute(report)]
    shown += [o.verdict_text(lang) for o in report.decisions.values()]
    assert not [t for t in shown if ZERO.search(t)]
    my = report.facts("medical_years")
    if my["pension_wait_months"]:
        assert my["extension_cost_yuan"] is None and my["extension_uninsured_months"] == my["pension_wait_months"]


@pytest.mark.parametrize("toml,leave,account,pension_short", [p for p in LEAVERS if p.values[3]])
def test_the_pension_wait_speaks_of_coming_back(toml, leave, account, pension_short):
    report = evaluate(parse_profile(toml), AS_OF)
    wait = next(w for w in compute(report) if w.code == "pension_wait")
    ids = [p.id for p in wait.parts]
    assert "monthly_if_back" in ids and "monthly" not in ids
    assert not {"cost", "cost_estimate", "unknown_cost", "uninsured_cost"} & set(ids)
    assert wait.parts[ids.index("monthly_if_back")].args["leave"] == Month.parse(leave)


def test_ana_reads_what_happens_to_her_account_in_both_languages():
    report = evaluate(parse_profile(ANA), AS_OF)
    en, zh = texts(report, "en"), texts(report, "zh")
    assert en[0].startswith("You plan to leave China in 2028-03") and "not come back" in en[0]
    assert "kept" in en[1] and "in one sum" in en[1] and "years add up" in en[1]
    assert zh[0].startswith("您计划于2028-03离开中国") and "累计计算" in zh[1]
    assert report.facts("backpay")["leaves_china"] == Month.parse("2028-03")


def test_after_the_departure_the_line_says_she_left():
    report = evaluate(parse_profile(ANA), AS_OF.replace(year=2029))
    assert report.summary()[0].code == "left" and violations(report) == []


@pytest.mark.parametrize("toml", [pytest.param(WUHAN_AFTER, id="Wuhan-woman-settles-abroad-after-retirement"),
                                  pytest.param(ANA.replace('emigrate = "2028-03"', 'emigrate = "2044-03"'),
                                               id="Ana-leaves-after-retirement")])
def test_a_departure_after_retirement_changes_nothing(toml):
    report = evaluate(parse_profile(toml), AS_OF)
    stays = evaluate(parse_profile(toml.split("[plans]")[0]), AS_OF)
    assert report.facts("retirement")["leaves_before_retirement"] is None
    assert not LEAVER_CODES & {line.code for line in report.summary()}
    # the same lines as without the plan, but for the deadline of the account's own choice on leaving, if any
    kept = [line.to_dict("en") for line in report.summary() if line.decision != "withdrawal"]
    assert kept == [line.to_dict("en") for line in stays.summary()][:len(kept)]
    assert [w.to_dict("en") for w in compute(report)] == [w.to_dict("en") for w in compute(stays)]


def test_a_planned_return_is_not_leaving_for_good():
    """A period the person entered as starting after the departure is a return: the report does not assume they
    stay away."""
    toml = FLEXIBLE.replace('status = "flexible"\n[[periods]]', 'status = "flexible"\nend = "2030-04"\n[[periods]]')
    toml = toml.replace("[plans]", 'end = "2030-04"\n[[periods]]\ninsurance = "employee_medical"\n'
                                   'start = "2032-01"\nstatus = "flexible"\n[plans]')
    report = evaluate(parse_profile(toml), AS_OF)
    assert report.facts("retirement")["leaves_before_retirement"] is None
    assert not LEAVER_CODES & {line.code for line in report.summary()}


def test_the_invariant_catches_a_zero_price_for_months_without_insurance():
    report = evaluate(parse_profile(ANA), AS_OF)
    assert report_no_zero_cost_for_uninsured_months(report) == []
    outcome = report.decisions["medical_years"]
    priced = msgspec.structs.replace(outcome.facts, extension_cost_yuan=0.0)
    report.decisions["medical_years"] = msgspec.structs.replace(outcome, facts=priced)
    found = report_no_zero_cost_for_uninsured_months(report)
    # the fact itself, and the pension-wait warning that would show it
    assert {v.where for v in found} == {"medical_years", "warning.pension_wait"}
    assert all(v.found["uninsured"] == report.facts("medical_years")["pension_wait_months"] for v in found)


def test_the_bundled_leavers_hold_every_invariant():
    for path in ("shanghai-foreign-employee-woman.toml", "wuhan-emigrating-woman.toml"):
        assert violations(evaluate(load_profile(ROOT / "profiles" / path), AS_OF)) == []


def test_months_without_insurance_are_not_priced_for_someone_who_stays_either():
    """A Xuzhou flexible worker whose medical insurance stopped in 2024-12, pension years short at 2033-11: the
    months paid on for the pension have no medical insurance, so the warning says they have no price."""
    toml = STOPPED
    report = evaluate(parse_profile(toml), AS_OF)
    my = report.facts("medical_years")
    assert my["pension_wait_months"] > 0 and my["extension_uninsured_months"] == my["pension_wait_months"]
    assert my["extension_cost_yuan"] is None and my["leaves_china"] is None
    wait = next(w for w in compute(report) if w.code == "pension_wait")
    assert [p.id for p in wait.parts][1:3] == ["monthly", "uninsured_cost"]
    for lang in ("zh", "en"):
        assert not ZERO.search(wait.message(lang)) and not ZERO.search(report.decisions["medical_years"].verdict_text(lang))
    assert violations(report) == []
