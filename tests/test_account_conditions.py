"""The account's conditions one by one (engine/rules/decisions/account.py, account_now.py), each at the grain of the text
it encodes: which condition step passed, failed or was not reached, case by case with its source in the id.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import evaluate
from engine.data.glossary import step_text
from tests.test_account import emp, find, profile

AS_OF = date(2025, 6, 1)
PENSION = {"insurance": "pension", "start": "1990-01"}
RESIDENT = {"insurance": "resident_medical", "start": "1990-01"}

# id (source), profile kwargs, as_of, decision, {rule id: passed (None = recorded without a verdict)}, rules absent
CONDITION_CASES = [
    ("seed000-has_employee_medical-pension-only", dict(birth="1966-01", periods=[PENSION]), AS_OF,
     "account_after_retirement", {"account.has_employee_medical": False},
     ["account.resident_only", "account.mode_at_retirement", "account.years_met"]),
    ("seed000-resident-only", dict(birth="1966-01", periods=[RESIDENT]), AS_OF, "account_after_retirement",
     {"account.has_employee_medical": False, "account.resident_only": False}, ["account.years_met"]),
    ("sil27-period-at-retirement-in-force", dict(region="beijing", birth="1966-01", periods=[emp("1990-01")]), AS_OF,
     "account_after_retirement", {"account.insured_at_retirement": True,
                                  "account.post_retirement_enrolment": False}, []),
    ("sil27-period-at-retirement-ended-before", dict(region="beijing", birth="1966-01",
                                                     periods=[emp("1990-01", "2015-12")]), AS_OF,
     "account_after_retirement", {"account.insured_at_retirement": False}, []),
    ("seed000-post-retirement-enrolment", dict(region="beijing", birth="1960-01", periods=[emp("2021-01")],
                                               plans={"backpay_at_retirement": True}), date(2026, 11, 22),
     "account_after_retirement", {"account.post_retirement_enrolment": True}, []),
    ("laoshe2003-10-mode-at-retirement-pooling", dict(birth="1966-01", periods=[
        emp("1990-01", status="flexible", mode="pooling_only")], overrides={"medical.min_years.male": 25}), AS_OF,
     "account_after_retirement", {"account.mode_at_retirement": False}, ["account.pooling_only_overruled"]),
    ("zhejiang-art25-mode-overruled", dict(region="zhejiang", birth="1966-01", periods=[
        emp("1990-01", status="flexible", mode="pooling_only")]), AS_OF, "account_after_retirement",
     {"account.flexible_always_has_account": True, "account.pooling_only_overruled": True,
      "account.mode_at_retirement": True}, []),
    ("seed003-yangquan-topup-short", dict(region="shanxi.yangquan", birth="1966-01", overrides={
        "medical.min_years.male": 25}, periods=[emp("1990-01", "2019-12", status="flexible", mode="pooling_only"),
                                                emp("2020-01", status="flexible", mode="with_account")]),
     AS_OF, "account_after_retirement", {"account.flexible_topup": False}, []),
    ("sil27-years-met-short", dict(region="beijing", birth="1966-01", periods=[emp("2010-01")]), AS_OF,
     "account_after_retirement", {"account.years_met": False}, []),
    ("sil27-years-met-planned-backpay", dict(region="beijing", birth="1966-01", periods=[emp("2010-01")],
                                             plans={"backpay_at_retirement": True}), AS_OF,
     "account_after_retirement", {"account.years_met": True}, []),
    ("sil27-years-met-unknown", dict(birth="1966-01", periods=[emp("1990-01")]), AS_OF,
     "account_after_retirement", {"account.years_met": None}, []),
    # account_now
    ("guoban2021-14-retired-fixed-credit", dict(region="beijing", birth="1960-01", periods=[emp("1985-01")]),
     date(2026, 11, 22), "account_now", {"account_now.retired_with_employee_medical": True},
     ["account_now.insured"]),
    ("guoban2021-14-not-retired", dict(birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]), AS_OF,
     "account_now", {"account_now.retired_with_employee_medical": False, "account_now.insured": True,
                     "account_now.with_account": True}, []),
    ("sil23-not-insured-now", dict(birth="1987-01", periods=[emp("2010-01", "2020-12")]), AS_OF, "account_now",
     {"account_now.insured": False}, ["account_now.with_account"]),
    ("seed002-resident-no-account", dict(birth="1987-01", periods=[RESIDENT]), AS_OF, "account_now",
     {"account_now.employee_medical": False}, ["account_now.with_account"]),
    ("laoshe2003-10-pooling-only-now", dict(birth="1987-01", periods=[
        emp("2010-01", status="flexible", mode="pooling_only")]), AS_OF, "account_now",
     {"account_now.with_account": False}, ["account.in_service_credit"]),
    ("guoban2021-14-reform-in-force-beijing", dict(region="beijing", birth="1987-01",
                                                   periods=[emp("2010-01", base_yuan=6000)]), AS_OF,
     "account_now", {"account.reform_in_force": True, "account.post_reform_individual_only": True,
                     "account.pre_reform_split": False, "account.base_known": True}, []),
    ("seed002-pre-reform-split", dict(birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]), date(2022, 6, 15),
     "account_now", {"account.reform_in_force": False, "account.pre_reform_split": True,
                     "account.post_reform_individual_only": False}, []),
    ("guoban2021-14-base-missing", dict(region="beijing", birth="1987-01", periods=[emp("2010-01")]), AS_OF,
     "account_now", {"account.base_known": False}, []),
]


@pytest.mark.parametrize("kwargs,as_of,decision,passed,absent", [c[1:] for c in CONDITION_CASES],
                         ids=[c[0] for c in CONDITION_CASES])
def test_condition_steps(kwargs, as_of, decision, passed, absent):
    out = evaluate(profile(**kwargs), as_of=as_of).decisions[decision]
    for rule, expected in passed.items():
        found = find(out, rule)
        assert found, f"{rule} not recorded"
        assert found[-1].passed is expected, (rule, [s.passed for s in found])
    for rule in absent:
        assert not find(out, rule), f"{rule} should not be reached"


@pytest.mark.parametrize("kwargs,as_of,decision,passed,absent", [c[1:] for c in CONDITION_CASES],
                         ids=[c[0] for c in CONDITION_CASES])
def test_condition_titles_in_both_languages(kwargs, as_of, decision, passed, absent):
    """Every step renders from the catalog in both languages (strict mode raises on a missing message)."""
    out = evaluate(profile(**kwargs), as_of=as_of).decisions[decision]
    for top in out.trace:
        for step in top.walk():
            assert step_text(step, "zh") and step_text(step, "en")
    assert out.verdict_text("zh") and out.verdict_text("en")
