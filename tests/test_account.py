"""The personal account now and after retirement (engine/rules/decisions/account.py), case by case with their sources.

Sources named in the ids: 国办发〔2021〕14号 (the account reform), seed 002 (pre-reform split by age, base 6000 at
35 → 180), 劳社厅发〔2003〕10号 and seeds 002/003 (单建统筹 has no account), 浙江条例 第二十五条 (flexible workers
always have one), seed 000 (resident / pension only, enrolling after retirement, 6-month wait), Beijing
(reform 2022-09-01, retirees 100 / 110 from 70), seeds 001/003 (large-amount premium: Mudanjiang 60, Fuxin 100),
seed 003 (Yangquan top-up), 社会保险法 第二十七条 (years short).
"""

from __future__ import annotations

from datetime import date

import pytest
import tomli_w

from engine import evaluate, parse_profile
from tests.worked_examples import FUXIN_WOMAN, XUZHOU_MAN



WORKED_AS_OF = date(2026, 11, 22)


def profile(region="national", birth="1987-01", sex="male", periods=(), plans=None, overrides=None):
    doc = {"schema": 1, "name": "测试", "person": {"sex": sex, "birth": birth, "region": region}}
    if sex == "female":
        doc["person"]["original_retirement_age"] = 55
    if plans:
        doc["plans"] = plans
    if overrides:
        doc["policy_overrides"] = overrides
    if periods:
        doc["periods"] = [dict(p) for p in periods]
    return parse_profile(tomli_w.dumps(doc))


def emp(start, end=None, **kw):
    p = {"insurance": "employee_medical", "start": start, **kw}
    if end:
        p["end"] = end
    return p


def steps(outcome):
    for top in outcome.trace:
        yield from top.walk()


def find(outcome, rule):
    return [s for s in steps(outcome) if s.rule == rule]


# --- account_now ------------------------------------------------------------------------------------------------
NOW_CASES = [
    # id, profile kwargs, as_of, expected facts
    ("seed002-pre-reform-age35-base6000-180", dict(birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]),
     date(2022, 6, 15), {"has_account": True, "monthly_credit_yuan": 180.0, "reason": "in_service", "rate": 0.03,
                         "pre_reform": True, "employer_share": 0.01}),
    ("seed002-pre-reform-under35-0.8pct", dict(birth="1990-01", periods=[emp("2012-01", base_yuan=6000)]),
     date(2022, 6, 15), {"monthly_credit_yuan": 168.0, "rate": 0.028, "employer_share": 0.008}),
    ("seed002-pre-reform-45plus-1.7pct", dict(birth="1970-01", periods=[emp("1995-01", base_yuan=6000)]),
     date(2022, 6, 15), {"monthly_credit_yuan": 222.0, "rate": 0.037, "employer_share": 0.017}),
    ("guoban2021-14-after-reform-national-default-2023-01-01",
     dict(birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]), date(2023, 1, 1),
     {"has_account": True, "monthly_credit_yuan": 120.0, "rate": 0.02, "pre_reform": False,
      "reform_date": "2023-01-01", "reason": "in_service"}),
    ("beijing-before-reform-2022-09-01", dict(region="beijing", birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]),
     date(2022, 8, 31), {"monthly_credit_yuan": 180.0, "pre_reform": True, "reform_date": "2022-09-01"}),
    ("beijing-after-reform-2022-09-01", dict(region="beijing", birth="1987-01", periods=[emp("2010-01", base_yuan=6000)]),
     date(2022, 9, 1), {"monthly_credit_yuan": 120.0, "pre_reform": False, "reform_date": "2022-09-01"}),
    ("seed002-003-flexible-with-account",
     dict(region="jiangsu.xuzhou", periods=[emp("2015-01", status="flexible", mode="with_account", base_yuan=5000)]),
     date(2026, 3, 1), {"has_account": True, "monthly_credit_yuan": 100.0, "reason": "flexible_with_account"}),
    ("laoshe2003-10-seed003-flexible-pooling-only-no-account",
     dict(periods=[emp("2015-01", status="flexible", mode="pooling_only", base_yuan=5000)]),
     date(2026, 3, 1), {"has_account": False, "monthly_credit_yuan": 0, "reason": "pooling_only"}),
    ("zhejiang-art25-flexible-pooling-only-still-has-account",
     dict(region="zhejiang", periods=[emp("2015-01", status="flexible", mode="pooling_only", base_yuan=5000)]),
     date(2026, 3, 1), {"has_account": True, "monthly_credit_yuan": 100.0, "reason": "flexible_with_account",
                        "mode_overruled": True}),
    ("seed000-002-resident-no-account", dict(periods=[{"insurance": "resident_medical", "start": "2010-01"}]),
     date(2026, 3, 1), {"has_account": False, "monthly_credit_yuan": 0, "reason": "resident"}),
    ("lapse-at-as-of-not-insured", dict(periods=[emp("2010-01", "2025-12", base_yuan=6000)]),
     date(2026, 11, 22), {"has_account": False, "monthly_credit_yuan": 0, "reason": "not_insured"}),
    ("no-medical-at-all-not-insured", dict(periods=[{"insurance": "pension", "start": "2010-01"}]),
     date(2026, 11, 22), {"has_account": False, "monthly_credit_yuan": 0, "reason": "not_insured"}),
    ("missing-base-null-credit-with-rate", dict(periods=[emp("2010-01")]), date(2026, 3, 1),
     {"has_account": True, "monthly_credit_yuan": None, "rate": 0.02, "missing": "periods[0].base_yuan",
      "reason": "in_service"}),
    ("beijing-retiree-under-70-100", dict(region="beijing", birth="1960-01", periods=[emp("1985-01", "2019-12")]),
     date(2026, 11, 22), {"has_account": True, "monthly_credit_yuan": 100, "reason": "retired"}),
    ("beijing-retiree-from-70-110", dict(region="beijing", birth="1955-01", periods=[emp("1980-01", "2014-12")]),
     date(2026, 11, 22), {"has_account": True, "monthly_credit_yuan": 110, "reason": "retired"}),
    ("guoban2021-14-retiree-figure-unknown-national-null",
     dict(birth="1960-01", periods=[emp("1985-01", "2019-12")]), date(2026, 11, 22),
     {"has_account": True, "monthly_credit_yuan": None, "reason": "retired", "missing": "account.retiree_monthly_yuan"}),
    ("override-account-individual-rate", dict(periods=[emp("2010-01", base_yuan=6000)],
                                              overrides={"account.individual_rate": 0.025}),
     date(2026, 3, 1), {"monthly_credit_yuan": 150.0, "rate": 0.025}),
    ("override-account-retiree-monthly-yuan", dict(birth="1960-01", periods=[emp("1985-01", "2019-12")],
                                                   overrides={"account.retiree_monthly_yuan": 130}),
     date(2026, 11, 22), {"monthly_credit_yuan": 130, "reason": "retired"}),
    ("seed000-retired-pooling-only-no-account",
     dict(birth="1960-01", periods=[emp("1985-01", "2019-12", status="flexible", mode="pooling_only")]),
     date(2026, 11, 22), {"has_account": False, "monthly_credit_yuan": 0, "reason": "pooling_only"}),
    ("sil27-seed000-retired-years-short-no-retiree-credit",
     dict(region="beijing", birth="1960-01", periods=[emp("2010-01", base_yuan=5000)]),
     date(2026, 11, 22), {"has_account": True, "monthly_credit_yuan": 0, "reason": "retired",
                          "credit_suspended": "years_short"}),
    ("seed000-retired-resident-only", dict(birth="1960-01", periods=[{"insurance": "resident_medical", "start": "2010-01"}]),
     date(2026, 11, 22), {"has_account": False, "monthly_credit_yuan": 0, "reason": "resident"}),
]


@pytest.mark.parametrize("kwargs,as_of,expected", [c[1:] for c in NOW_CASES], ids=[c[0] for c in NOW_CASES])
def test_account_now(kwargs, as_of, expected):
    facts = evaluate(profile(**kwargs), as_of=as_of).facts("account_now")
    for key, value in expected.items():
        assert facts[key] == pytest.approx(value) if isinstance(value, float) else facts[key] == value, key


def test_worked_example_xuzhou_man_now():
    out = evaluate(parse_profile(XUZHOU_MAN), as_of=WORKED_AS_OF).decisions["account_now"]
    assert out.facts["has_account"] is True
    assert out.facts["monthly_credit_yuan"] == pytest.approx(96.0)
    assert out.facts["reason"] == "flexible_with_account"
    assert "96.00元" in out.verdict_text() and "4,800.00元的2%" in out.verdict_text()


def test_worked_example_fuxin_woman_now():
    out = evaluate(parse_profile(FUXIN_WOMAN), as_of=WORKED_AS_OF).decisions["account_now"]
    assert out.facts["has_account"] is False
    assert out.facts["monthly_credit_yuan"] == 0
    assert out.facts["reason"] == "resident"
    assert "居民医保" in out.verdict_text()


def test_missing_base_verdict_names_the_field():
    out = evaluate(profile(periods=[emp("2010-01")]), as_of=date(2026, 3, 1)).decisions["account_now"]
    assert "第1段 职工医保（2010-01起）没有填写缴费基数" in out.verdict_text() and "2%" in out.verdict_text()
    assert "period 1 (employee medical from 2010-01) has no contribution base" in out.verdict_text("en")
    assert out.status == "unknown"


def test_zhejiang_rule_is_in_the_trace():
    p = profile(region="zhejiang", periods=[emp("2015-01", status="flexible", mode="pooling_only", base_yuan=5000)])
    out = evaluate(p, as_of=date(2026, 3, 1)).decisions["account_now"]
    [check] = find(out, "account.flexible_always_has_account")
    assert check.passed is True
    [note] = find(out, "account_now.pooling_only_overruled")
    assert note.passed is True and "浙江" in note.source.title


def test_pooling_only_elsewhere_considers_the_zhejiang_rule_and_rejects_it():
    p = profile(periods=[emp("2015-01", status="flexible", mode="pooling_only", base_yuan=5000)])
    out = evaluate(p, as_of=date(2026, 3, 1)).decisions["account_now"]
    [check] = find(out, "account.flexible_always_has_account")
    assert check.passed is False


@pytest.mark.parametrize("name,value", [("account.individual_rate", 0.025)], ids=["contract-s1-override-individual-rate"])
def test_override_marks_param_step_user(name, value):
    p = profile(periods=[emp("2010-01", base_yuan=6000)], overrides={name: value})
    out = evaluate(p, as_of=date(2026, 3, 1)).decisions["account_now"]
    [step] = find(out, "param:" + name)
    assert step.inputs["confidence"] == "user" and step.inputs["overridden"] is True and step.result == value


def test_override_retiree_figure_marks_param_step_user():
    p = profile(birth="1960-01", periods=[emp("1985-01", "2019-12")], overrides={"account.retiree_monthly_yuan": 130})
    report = evaluate(p, as_of=date(2026, 11, 22))
    for key in ("account_now", "account_after_retirement"):
        found = find(report.decisions[key], "param:account.retiree_monthly_yuan")
        assert found and all(s.inputs["confidence"] == "user" and s.inputs["overridden"] for s in found)
    assert report.facts("account_after_retirement")["monthly_credit_yuan"] == 130


def test_override_beats_beijing_from_70_figure():
    p = profile(region="beijing", birth="1955-01", periods=[emp("1980-01", "2014-12")],
                overrides={"account.retiree_monthly_yuan": 130})
    assert evaluate(p, as_of=date(2026, 11, 22)).facts("account_now")["monthly_credit_yuan"] == 130


def test_rules_considered_and_not_applied_are_in_the_trace():
    out = evaluate(parse_profile(XUZHOU_MAN), as_of=WORKED_AS_OF).decisions["account_now"]
    [pre] = find(out, "account.pre_reform_split")
    assert pre.passed is False
    [retired] = find(out, "account_now.retired_with_employee_medical")
    assert retired.passed is False
    before = evaluate(profile(periods=[emp("2010-01", base_yuan=6000)]), as_of=date(2022, 6, 1))
    [post] = find(before.decisions["account_now"], "account.post_reform_individual_only")
    assert post.passed is False


def test_params_read_are_traced_with_confidence():
    out = evaluate(profile(periods=[emp("2010-01", base_yuan=6000)]), as_of=date(2022, 6, 15)).decisions["account_now"]
    [share] = find(out, "param:account.pre_reform_employer_share.35_to_44")
    assert share.inputs["confidence"] == "seed" and share.result == 0.01
    [reform] = find(out, "param:account.reform_date")
    assert reform.inputs["confidence"] == "assumed" and reform.result == "2023-01-01"


# --- account_after_retirement -----------------------------------------------------------------------------------
AFTER_CASES = [
    ("beijing-100-from-70-110", dict(region="beijing", birth="1966-01", periods=[emp("1990-01", base_yuan=8000)]),
     date(2025, 6, 1), {"eligible": True, "blockers": [], "monthly_credit_yuan": 100, "credit_from_70_yuan": 110,
                        "waiting_months": 0}),
    ("seed003-fuxin-large-amount-premium-100",
     dict(region="liaoning.fuxin", birth="1966-01", periods=[emp("1990-01", base_yuan=5000)],
          overrides={"account.retiree_monthly_yuan": 120, "medical.min_years.male": 25}),
     date(2025, 6, 1), {"eligible": True, "monthly_credit_yuan": 120, "large_amount_premium_yuan_year": 100,
                        "large_amount_deduction_yuan_month": 8.33, "net_monthly_credit_yuan": 111.67}),
    ("seed001-mudanjiang-large-amount-premium-60",
     dict(region="heilongjiang.mudanjiang", birth="1966-01", periods=[emp("1990-01", base_yuan=5000)],
          overrides={"account.retiree_monthly_yuan": 100}),
     date(2025, 6, 1), {"eligible": True, "large_amount_premium_yuan_year": 60, "net_monthly_credit_yuan": 95.0}),
    ("sil27-years-short-blocker", dict(region="beijing", birth="1966-01", periods=[emp("2010-01", base_yuan=8000)]),
     date(2025, 6, 1), {"eligible": False, "blockers": ["years_short"], "monthly_credit_yuan": 0,
                        "credit_if_resolved_yuan": 100}),
    ("sil27-seed000-years-short-resolved-by-planned-backpay",
     dict(region="beijing", birth="1966-01", periods=[emp("2010-01", base_yuan=8000)],
          plans={"backpay_at_retirement": True}),
     date(2025, 6, 1), {"eligible": True, "blockers": [], "resolved_by_plan": ["years_short"],
                        "monthly_credit_yuan": 100}),
    ("laoshe2003-10-pooling-only-blocker",
     dict(birth="1966-01", periods=[emp("1990-01", status="flexible", mode="pooling_only", base_yuan=5000)],
          overrides={"medical.min_years.male": 25}),
     date(2025, 6, 1), {"eligible": False, "blockers": ["pooling_only"], "monthly_credit_yuan": 0}),
    ("zhejiang-art25-pooling-only-not-a-blocker",
     dict(region="zhejiang", birth="1966-01", periods=[emp("1990-01", status="flexible", mode="pooling_only", base_yuan=5000)]),
     date(2025, 6, 1), {"eligible": True, "blockers": []}),
    ("seed000-pension-only-no-employee-medical",
     dict(birth="1966-01", periods=[{"insurance": "pension", "start": "1990-01"}]),
     date(2025, 6, 1), {"eligible": False, "blockers": ["no_employee_medical"], "monthly_credit_yuan": 0,
                        "waiting_months": 6}),
    ("sil27-requirement-unknown-eligible-null", dict(birth="1966-01", periods=[emp("1990-01", base_yuan=5000)]),
     date(2025, 6, 1), {"eligible": None, "blockers": [], "monthly_credit_yuan": None}),
    ("seed000-enrolled-after-retirement-waits-6",
     dict(region="beijing", birth="1960-01", periods=[emp("2021-01", base_yuan=5000)],
          plans={"backpay_at_retirement": True}),
     date(2026, 11, 22), {"post_retirement_enrolment": True, "waiting_months": 6}),
]


@pytest.mark.parametrize("kwargs,as_of,expected", [c[1:] for c in AFTER_CASES], ids=[c[0] for c in AFTER_CASES])
def test_account_after_retirement(kwargs, as_of, expected):
    facts = evaluate(profile(**kwargs), as_of=as_of).facts("account_after_retirement")
    for key, value in expected.items():
        assert facts[key] == pytest.approx(value) if isinstance(value, float) else facts[key] == value, key


def test_worked_example_xuzhou_man_after():
    facts = evaluate(parse_profile(XUZHOU_MAN), as_of=WORKED_AS_OF).facts("account_after_retirement")
    assert facts["eligible"] is True and facts["blockers"] == []
    assert facts["waiting_months"] == 0


def test_worked_example_fuxin_woman_after():
    out = evaluate(parse_profile(FUXIN_WOMAN), as_of=WORKED_AS_OF).decisions["account_after_retirement"]
    assert out.facts["eligible"] is False
    assert out.facts["blockers"] == ["no_employee_medical", "resident_only"]
    assert "居民医保" in out.verdict_text()
    [enrol] = [o for o in out.options if o.code == "enrol_after_retirement"]
    assert enrol.months == 6


def test_beijing_verdict_says_100_and_110():
    p = profile(region="beijing", birth="1966-01", periods=[emp("1990-01", base_yuan=8000)])
    out = evaluate(p, as_of=date(2025, 6, 1)).decisions["account_after_retirement"]
    assert "100.00元" in out.verdict_text() and "70岁起110.00元" in out.verdict_text() and "北京" in out.verdict_text()


def test_years_short_options_lump_sum_and_monthly():
    p = profile(region="beijing", birth="1966-01", periods=[emp("2010-01", base_yuan=8000)],
                overrides={"medical.backpay_base_yuan": 10000})
    report = evaluate(p, as_of=date(2025, 6, 1))
    my = report.facts("medical_years")
    out = report.decisions["account_after_retirement"]
    options = {o.code: o for o in out.options}
    lump = options["backpay_lump_sum"]
    assert lump.price_yuan == my["backpay_estimate_yuan"] and lump.months == my["shortfall_months"]
    assert lump.deadline == report.facts("retirement")["chosen_date"]
    monthly = options["keep_paying_monthly"]
    assert monthly.months == my["shortfall_months"]
    # the back-payment decision's figures: the same base and rate month by month (10000 × 8%), never a second figure
    assert monthly.price_yuan == pytest.approx(10000 * 0.08 * my["shortfall_months"])
    assert monthly.price_yuan == pytest.approx(report.facts("backpay")["monthly_alternative_yuan"] * my["shortfall_months"])


def test_planned_backpay_verdict_gives_the_price():
    p = profile(region="beijing", birth="1966-01", periods=[emp("2010-01", base_yuan=8000)],
                plans={"backpay_at_retirement": True}, overrides={"medical.backpay_base_yuan": 10000})
    report = evaluate(p, as_of=date(2025, 6, 1))
    out = report.decisions["account_after_retirement"]
    price = report.facts("medical_years")["backpay_estimate_yuan"]
    assert f"{price:,.2f}" in out.verdict_text() and "一次性补足" in out.verdict_text()


def test_pooling_only_option_switch_before_retirement():
    p = profile(birth="1966-01", periods=[emp("1990-01", status="flexible", mode="pooling_only", base_yuan=5000)],
                overrides={"medical.min_years.male": 25})
    out = evaluate(p, as_of=date(2025, 6, 1)).decisions["account_after_retirement"]
    [switch] = [o for o in out.options if o.code == "switch_to_with_account"]
    assert switch.deadline is not None and "单建统筹" in out.verdict_text()


def test_already_retired_lump_sum_has_no_past_deadline():
    p = profile(region="beijing", birth="1960-01", periods=[emp("2010-01", base_yuan=5000)])
    out = evaluate(p, as_of=date(2026, 11, 22)).decisions["account_after_retirement"]
    [lump] = [o for o in out.options if o.code == "backpay_lump_sum"]
    assert lump.deadline is None and lump.months == 180
    assert out.verdict_text().startswith("您已退休")


def test_seed003_yangquan_topup_option():
    p = profile(region="shanxi.yangquan", birth="1966-01", overrides={"medical.min_years.male": 25},
                periods=[emp("1990-01", "2019-12", status="flexible", mode="pooling_only", base_yuan=4000),
                         emp("2020-01", status="flexible", mode="with_account", base_yuan=4000)])
    out = evaluate(p, as_of=date(2025, 6, 1)).decisions["account_after_retirement"]
    assert out.facts["blockers"] == ["pooling_only"]
    [topup] = [o for o in out.options if o.code == "flexible_topup"]
    with_account = out.facts["with_account_months"]
    assert topup.months == 120 - with_account and topup.price_yuan is None  # the back-pay base is not known
    assert "85" in topup.detail_text()
    assert "统账结合满10年" in out.verdict_text() and "退休时您的职工医保是单建统筹" not in out.verdict_text()


@pytest.mark.parametrize("status, credit", [
    pytest.param("flexible", 85, id="seed003-yangquan-retired-flexible-85"),
    pytest.param("employed", None, id="seed003-yangquan-figure-not-stated-for-employees"),
])
def test_seed003_yangquan_figure_is_for_retired_flexible_workers_only(status, credit):
    p = profile(region="shanxi.yangquan", birth="1958-01", overrides={"medical.min_years.male": 25},
                periods=[emp("1988-01", "2018-01", status=status, base_yuan=4000)])
    out = evaluate(p, as_of=date(2026, 11, 22)).decisions["account_now"]
    assert out.facts["reason"] == "retired"
    assert out.facts["monthly_credit_yuan"] == credit


def test_decisions_do_not_share_steps_and_json_is_clean():
    import json

    report = evaluate(parse_profile(XUZHOU_MAN), as_of=WORKED_AS_OF)
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    assert '"account_now"' in text and '"account_after_retirement"' in text
