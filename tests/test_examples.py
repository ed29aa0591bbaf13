"""The bundled example profiles (profiles/*.toml).

(i) The two worked examples with the facts the report must carry at 2026-11-22 (the numbers of the project's
    worked examples, copied here so that the tests do not depend on anything outside the repository), compared as
    a subset of each decision's facts.
(ii) Every other bundled profile: it loads, evaluates, and shows the facts that make it the example it is; each
    case names the source of the rule it illustrates.
(iii) Every file in profiles/ loads, evaluates, serialises to JSON and survives a save round trip.
"""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from engine import evaluate, load_profile, parse_profile
from engine import dump_profile
from engine.rules.decisions import DECISIONS
from tests.conftest import ROOT

PROFILES = ROOT / "profiles"
AS_OF = date(2026, 11, 22)

# The worked examples: a subset of each decision's facts (as in the JSON report) at 2026-11-22.
EXPECTED = {
    "xuzhou-flexible-man.toml": {
        "retirement": {"original_age": 60, "delay_months": 11, "legal_age_months": 731, "legal_date": "2029-04",
                       "earliest_date": "2028-05", "latest_date": "2032-04", "chosen_date": "2029-04",
                       "pension_min_months": 180, "early_allowed": None},
        "medical_years": {"required_months": 300, "required_actual_months": 120, "actual_months": 438,
                          "deemed_months": 0, "counted_months": 438, "shortfall_months": 0, "met": True},
        "account_now": {"has_account": True, "monthly_credit_yuan": 96.0, "reason": "flexible_with_account"},
        "account_after_retirement": {"eligible": True, "blockers": []},
        "gaps": {"items": [{"insurance": "employee_medical", "start": "2009-01", "end": "2011-03", "months": 27,
                            "long": True, "waiting_months": 3, "continuity_reset": True, "backpay_deadline": None}]},
        "transfers": {"items": []},
        "withdrawal": {"cash_out_now": False},
        "family_aid": {"available": True},
    },
    "fuxin-resident-woman.toml": {
        "retirement": {"original_age": 55, "delay_months": 30, "legal_age_months": 690, "legal_date": "2037-06",
                       "chosen_date": "2037-06", "pension_min_months": 228},
        "account_now": {"has_account": False, "monthly_credit_yuan": 0, "reason": "resident"},
        "account_after_retirement": {"eligible": False},
        "family_aid": {"available": False},
    },
}


def assert_subset(actual, expected, path: str = "") -> None:
    """Every key of ``expected`` is in ``actual`` with an equal value (floats with a tolerance; lists item by item)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, found {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}: missing"
            assert_subset(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected a list, found {actual!r}"
        assert len(actual) == len(expected), f"{path}: expected {len(expected)} items, found {len(actual)}: {actual!r}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            assert_subset(a, e, f"{path}[{i}]")
    elif isinstance(expected, bool) or expected is None:
        assert actual is expected, f"{path}: expected {expected!r}, found {actual!r}"
    elif isinstance(expected, (int, float)):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{path}: found {actual!r}"
        assert math.isclose(actual, expected, abs_tol=0.005), f"{path}: expected {expected!r}, found {actual!r}"
    else:
        assert actual == expected, f"{path}: expected {expected!r}, found {actual!r}"


def report_json(name: str, as_of: date = AS_OF) -> dict:
    report = evaluate(load_profile(PROFILES / name), as_of=as_of)
    return json.loads(json.dumps(report.to_dict()))


WORKED = [pytest.param(name, decision, facts, id=f"{name.removesuffix('.toml')}-{decision}")
          for name, decisions in EXPECTED.items() for decision, facts in decisions.items()]


@pytest.mark.parametrize("name, decision, facts", WORKED)
def test_worked_examples(name, decision, facts):
    decisions = report_json(name)["decisions"]
    assert_subset(decisions[decision]["facts"], facts, f"{name}:{decision}")


# (ii) the other bundled examples: file, decision, facts subset, as_of — what makes each the example it is.
KEY_FACTS = [
    # seed 000: pension only, no employee medical at all (浙江省医疗保障条例: 20 years)
    pytest.param("zhejiang-pension-only-flexible-man.toml", "medical_years",
                 {"required_months": 240, "counted_months": 0, "met": False}, AS_OF,
                 id="zhejiang-pension-only-seed000-no-medical-years"),
    pytest.param("zhejiang-pension-only-flexible-man.toml", "account_now",
                 {"has_account": False, "monthly_credit_yuan": 0, "reason": "not_insured"}, AS_OF,
                 id="zhejiang-pension-only-seed000-not-insured"),
    pytest.param("zhejiang-pension-only-flexible-man.toml", "account_after_retirement", {"eligible": False}, AS_OF,
                 id="zhejiang-pension-only-seed000-no-account-after-retirement"),
    pytest.param("zhejiang-pension-only-flexible-man.toml", "withdrawal",
                 {"cash_out_now": False, "has_funds": False}, AS_OF, id="zhejiang-pension-only-nothing-to-withdraw"),
    pytest.param("zhejiang-pension-only-flexible-man.toml", "family_aid", {"available": False}, AS_OF,
                 id="zhejiang-pension-only-no-family-aid"),
    # seeds 002, 003: 单建统筹 sets up no personal account
    pytest.param("xian-pooling-only-flexible-man.toml", "account_now",
                 {"has_account": False, "monthly_credit_yuan": 0, "reason": "pooling_only"}, AS_OF,
                 id="xian-pooling-only-seed002-003"),
    pytest.param("xian-pooling-only-flexible-man.toml", "account_after_retirement",
                 {"eligible": False, "blockers": ["pooling_only"]}, AS_OF, id="xian-pooling-only-blocker"),
    pytest.param("xian-pooling-only-flexible-man.toml", "withdrawal",
                 {"cash_out_now": False, "balance_yuan": 1860.4, "has_funds": True, "inheritable": True}, AS_OF,
                 id="xian-leftover-balance-stays-his"),
    # seed 004, 医保办发〔2021〕43号 第十一条: a short lapse repaired, a long one with Chongqing's 6-month wait
    pytest.param("chongqing-lapses-backpay-woman.toml", "medical_years",
                 {"actual_months": 398, "counted_months": 398, "required_months": 300, "met": True}, AS_OF,
                 id="chongqing-backpaid-months-count-women-25y-unverified-5376476"),
    pytest.param("chongqing-lapses-backpay-woman.toml", "account_now",
                 {"has_account": True, "monthly_credit_yuan": 80.0, "reason": "flexible_with_account"}, AS_OF,
                 id="chongqing-flexible-with-account-now"),
    # seed 003: Jining, transferred in from another province, 10 years in Shandong
    pytest.param("jining-cross-province-mover-man.toml", "medical_years",
                 {"required_months": 360, "required_local_months": 120, "local_months": 94, "counted_months": 472,
                  "shortfall_months": 26, "met": False, "transferred_in": True}, AS_OF,
                 id="jining-mover-seed003-short-of-10-province-years"),
    pytest.param("jining-cross-province-mover-man.toml", "account_after_retirement",
                 {"eligible": False, "blockers": ["years_short"]}, AS_OF, id="jining-mover-years-short-blocker"),
    pytest.param("jining-cross-province-mover-man.toml", "transfers",
                 {"items": [{"from_region": "jiangsu.xuzhou", "to_region": "shandong.jining", "month": "2024-01",
                             "cross_province": True, "account_balance_moves": True}]}, AS_OF,
                 id="jining-mover-43号-cross-province-transfer"),
    # Beijing (secondary): retirees under 70 get 100 yuan a month; deemed years before 2001-04 count
    pytest.param("beijing-retiree-man.toml", "retirement",
                 {"legal_date": "2023-04", "delay_months": 0, "chosen_date": "2023-04"}, AS_OF,
                 id="beijing-retiree-born-before-1965-no-delay"),
    pytest.param("beijing-retiree-man.toml", "medical_years",
                 {"required_months": 300, "required_actual_months": 120, "deemed_months": 211, "actual_months": 264,
                  "met": True}, AS_OF, id="beijing-retiree-deemed-years-规定第十一条"),
    pytest.param("beijing-retiree-man.toml", "account_now",
                 {"has_account": True, "monthly_credit_yuan": 100, "reason": "retired"}, AS_OF,
                 id="beijing-retiree-100-a-month-secondary"),
    pytest.param("beijing-retiree-man.toml", "account_after_retirement",
                 {"eligible": True, "blockers": [], "monthly_credit_yuan": 100}, AS_OF,
                 id="beijing-retiree-eligible"),
    pytest.param("beijing-retiree-man.toml", "family_aid", {"available": True}, AS_OF,
                 id="beijing-retiree-family-aid-14号"),
    # 武汉市医保局 (official) + Wuhan Q&A (secondary): no cash out now, paid out once on settling abroad
    pytest.param("wuhan-emigrating-woman.toml", "withdrawal", {"cash_out_now": False}, AS_OF,
                 id="wuhan-emigrant-before-leaving-no-cash"),
    pytest.param("wuhan-emigrating-woman.toml", "withdrawal", {"cash_out_now": True}, date(2031, 9, 1),
                 id="wuhan-emigrant-after-settling-abroad-cash"),
    pytest.param("wuhan-emigrating-woman.toml", "retirement",
                 {"original_age": 55, "delay_months": 36, "legal_date": "2044-02"}, AS_OF,
                 id="wuhan-emigrant-woman55-cap-58"),
    # 办法 第一条 (women originally 50) and 粤医保规〔2022〕6号 第七条、第八条
    pytest.param("guangdong-intercity-woman-worker.toml", "retirement",
                 {"original_age": 50, "delay_months": 23, "legal_age_months": 623, "legal_date": "2030-08",
                  "pension_min_months": 186}, AS_OF, id="guangdong-woman50-reform-annex3"),
    pytest.param("guangdong-intercity-woman-worker.toml", "medical_years",
                 {"required_months": 300, "required_local_months": 120, "local_months": 175, "counted_months": 365,
                  "met": True}, AS_OF, id="guangdong-cities-add-up-6号"),
    pytest.param("guangdong-intercity-woman-worker.toml", "transfers",
                 {"items": [{"from_region": "guangdong.shenzhen", "to_region": "guangdong.guangzhou",
                             "month": "2016-01", "cross_province": False}]}, AS_OF,
                 id="guangdong-in-province-move-6号第七条"),
    # 上海市医保局 (official, 2026-06-29): 累计超过15年; 条例第十六条: local years required, number unknown
    pytest.param("shanghai-employee-man.toml", "medical_years",
                 {"required_months": 180, "required_local_months": None, "met": True, "counted_months": 484},
                 AS_OF, id="shanghai-15-years-official-local-unknown"),
    pytest.param("shanghai-employee-man.toml", "retirement", {"legal_age_months": 756, "legal_date": "2043-11"},
                 AS_OF, id="shanghai-born-1980-retires-at-63"),
]


@pytest.mark.parametrize("name, decision, facts, as_of", KEY_FACTS)
def test_example_profiles_key_facts(name, decision, facts, as_of):
    decisions = report_json(name, as_of)["decisions"]
    assert_subset(decisions[decision]["facts"], facts, f"{name}:{decision}")


def test_xian_pooling_only_blocker_listed():
    """seeds 002, 003: on 单建统筹 at retirement no account is set up — whatever else blocks, pooling_only does."""
    facts = report_json("xian-pooling-only-flexible-man.toml")["decisions"]["account_after_retirement"]["facts"]
    assert "pooling_only" in facts["blockers"]


def test_zhejiang_pension_only_blocker_listed():
    """seed 000: only pension paid → no employee-medical retiree benefits."""
    facts = report_json("zhejiang-pension-only-flexible-man.toml")["decisions"]["account_after_retirement"]["facts"]
    assert "no_employee_medical" in facts["blockers"]


def test_chongqing_long_lapse_has_the_local_waiting_period_and_the_repaired_one_none():
    """seed 004 / 43号 第十一条: the 2-month lapse paid back within 3 months carries no wait; the 12-month lapse
    carries Chongqing's 6 months (secondary) and restarts the continuous years."""
    items = report_json("chongqing-lapses-backpay-woman.toml")["decisions"]["gaps"]["facts"]["items"]
    long_items = [i for i in items if i["long"]]
    assert len(long_items) == 1
    assert_subset(long_items[0], {"insurance": "employee_medical", "start": "2023-02", "end": "2024-01",
                                  "months": 12, "waiting_months": 6, "continuity_reset": True,
                                  "backpay_deadline": None})
    for item in items:
        if item["start"] == "2022-04":  # the repaired lapse, if it is listed at all
            assert item["long"] is False and item["waiting_months"] == 0


def test_wuhan_emigrant_route_and_option():
    report = evaluate(load_profile(PROFILES / "wuhan-emigrating-woman.toml"), as_of=AS_OF)
    route = next(r for r in report.facts("withdrawal")["routes"] if r["code"] == "emigration")
    assert (route["available"], route["applies_now"], route["region"]) == (True, False, "hubei.wuhan")
    assert any(o.code == "emigration_payout" for o in report.decisions["withdrawal"].options)


# (iii) every bundled profile
ALL = sorted(p.name for p in PROFILES.glob("*.toml"))


def test_there_are_at_least_seven_examples():
    assert len(ALL) >= 7


@pytest.mark.parametrize("name", ALL)
def test_every_profile_loads_evaluates_and_round_trips(name):
    path: Path = PROFILES / name
    profile = load_profile(path)
    assert 1 <= len(profile.name) <= 40
    report = evaluate(profile, as_of=AS_OF)
    data = json.loads(json.dumps(report.to_dict()))
    assert list(data["decisions"]) == [d.key for d in DECISIONS]
    for outcome in data["decisions"].values():
        assert outcome["verdict"]
    assert parse_profile(dump_profile(profile)) == profile
