"""Medical years at retirement, region by region: 社会保险法 第二十七条 (the frame), the local numbers of
engine/policy/*.toml (each case names the source of its region's figure), deemed years, projection, overrides."""

from __future__ import annotations

from datetime import date

import pytest

from engine.data.glossary import step_text
from tests.conftest import find_steps, run


def person(region: str, sex: str = "male", birth: str = "1968-05", original: int | None = None) -> str:
    out = f'sex = "{sex}"\nbirth = "{birth}"\nregion = "{region}"'
    return out + (f"\noriginal_retirement_age = {original}" if original else "")


def period(start: str, end: str | None = None, region: str | None = None, kind: str | None = None,
           insurance: str = "employee_medical", paid_on: str | None = None, status: str | None = None) -> str:
    lines = ["[[periods]]", f'insurance = "{insurance}"', f'start = "{start}"']
    for key, value in (("end", end), ("region", region), ("kind", kind), ("paid_on", paid_on), ("status", status)):
        if value is not None:
            lines.append(f'{key} = "{value}"')
    return "\n".join(lines) + "\n"


# region, sex, birth, expected required / actual / local months — the source of each figure in the id.
REQUIREMENTS = [
    pytest.param("beijing", "male", "1968-05", 300, 120, None, id="beijing-25y-10actual-secondary-规定第十一条"),
    pytest.param("beijing", "female", "1975-05", 240, 120, None, id="beijing-women-20y-secondary"),
    pytest.param("zhejiang", "male", "1968-05", 240, None, None, id="zhejiang-20y-official-条例第二十一条"),
    pytest.param("zhejiang", "female", "1975-05", 240, None, None, id="zhejiang-women-20y-official"),
    pytest.param("jiangsu", "male", "1968-05", None, None, None, id="jiangsu-no-province-figure-each-city-its-own"),
    pytest.param("jiangsu.xuzhou", "male", "1968-05", 300, 120, 120,
                 id="xuzhou-25y-10actual-10local-seed001-and-reply"),
    pytest.param("jiangsu.xuzhou", "female", "1975-05", 240, 120, 120, id="xuzhou-20y-10actual-10local-人社局答复"),
    pytest.param("shandong.jining", "male", "1968-05", 360, None, None, id="jining-30y-from-2026-seed003"),
    pytest.param("shandong.jining", "female", "1975-05", 300, None, None, id="jining-women-25y-seed003"),
    pytest.param("heilongjiang.mudanjiang", "male", "1968-05", 300, None, None, id="mudanjiang-25y-seed001"),
    pytest.param("fujian.xiamen", "male", "1968-05", 300, None, 120, id="xiamen-25y-10local-secondary"),
    pytest.param("guangdong.guangzhou", "male", "1972-05", 360, None, 120, id="guangdong-30y-from-2030-6号第六条第八条"),
    pytest.param("guangdong.shenzhen", "female", "1980-05", 300, None, 180,
                 id="guangdong-women-25y-from-2030-shenzhen-15-local-stricter-than-6号第八条"),
    pytest.param("guangdong", "male", "1968-05", None, None, 120, id="guangdong-before-2030-unknown-transition"),
    pytest.param("shanghai", "male", "1968-05", 180, None, None, id="shanghai-15-years-official-local-unknown"),
    pytest.param("tianjin", "male", "1968-05", 360, None, None, id="tianjin-sources-disagree-stricter-30"),
    pytest.param("national", "male", "1968-05", None, None, None, id="national-no-figure-社会保险法第二十七条"),
]


@pytest.mark.parametrize("region, sex, birth, total, actual, local", REQUIREMENTS)
def test_required_months_by_region(region, sex, birth, total, actual, local):
    facts = run(person(region, sex, birth), period("1995-01", region=region)).facts("medical_years")
    assert facts["required_months"] == total
    assert facts["required_actual_months"] == actual
    assert facts["required_local_months"] == local
    if total is None:
        assert facts["met"] is None


def test_worked_example_xuzhou():
    """examples/expected.json: 438 actual months by 2029-04, 300 required, met."""
    facts = run(person("jiangsu.xuzhou"),
                period("1990-07", "2008-12") + period("2011-04", status="flexible")).facts("medical_years")
    assert (facts["required_months"], facts["required_actual_months"]) == (300, 120)
    assert (facts["actual_months"], facts["deemed_months"], facts["counted_months"]) == (438, 0, 438)
    assert facts["shortfall_months"] == 0 and facts["met"] is True
    assert facts["projected_months"] == 28  # 2026-12 .. 2029-03 is projection


def test_deemed_years_count_toward_total_not_actual():
    """Beijing: 连续工龄 before the 2001 规定 is deemed (第十一条); 10 actual years still needed."""
    periods = period("1990-01", "2001-03", kind="deemed") + period("2001-04", "2008-12")
    facts = run(person("beijing"), periods).facts("medical_years")
    assert facts["deemed_months"] == 135 and facts["actual_months"] == 93
    assert facts["counted_months"] == 228
    assert facts["shortfall_months"] == 300 - 228  # total short 72; actual short 120-93 = 27
    assert facts["met"] is False


def test_deemed_months_after_the_local_cutoff_do_not_count():
    """Mudanjiang counts from 1997-01-01 (seed 001): deemed months after that date are dropped, and the trace says so."""
    periods = period("1990-01", "1998-12", kind="deemed") + period("1999-01", region="heilongjiang.mudanjiang")
    report = run(person("heilongjiang.mudanjiang"), periods)
    facts = report.facts("medical_years")
    assert facts["deemed_months"] == 84  # 1990-01 .. 1996-12
    cut = find_steps(report.decisions["medical_years"].trace, "medical_years.deemed_cutoff")
    assert cut and cut[0].passed is False


def test_ongoing_period_is_projected_to_retirement():
    facts = run(person("zhejiang"), period("2015-01", region="zhejiang")).facts("medical_years")
    # 2015-01 .. 2029-03 = 171 months, of which 2026-12 .. 2029-03 (28) projected
    assert facts["actual_months"] == 171 and facts["projected_months"] == 28
    assert facts["shortfall_months"] == 240 - 171 and facts["met"] is False


def test_jining_transferred_in_needs_ten_years_in_shandong():
    """seed 003: 省外转入济宁市的参保职工 … 省内实际缴费年限不低于10年."""
    periods = period("1990-01", "2022-12", region="jiangsu") + period("2023-01", region="shandong.jining")
    facts = run(person("shandong.jining"), periods).facts("medical_years")
    assert facts["transferred_in"] is True
    assert facts["required_local_months"] == 120 and facts["local_scope"] == "province"
    assert facts["local_months"] == 75  # 2023-01 .. 2029-03
    assert facts["counted_months"] >= 360
    assert facts["shortfall_months"] == 45 and facts["met"] is False


def test_jining_local_rule_not_applied_without_a_transfer():
    report = run(person("shandong.jining"), period("1990-01", region="shandong.jining"))
    facts = report.facts("medical_years")
    assert facts["required_local_months"] is None and facts["met"] is True
    steps = find_steps(report.decisions["medical_years"].trace, "medical_years.transferred_in")
    assert steps and steps[0].passed is False  # considered, not applied


def test_guangdong_ten_years_in_the_benefit_city():
    """粤医保规〔2022〕6号 第七条 (years of other Guangdong cities count) and 第八条 (10 years in the benefit city)."""
    periods = period("1995-01", "2024-12", region="guangdong.shenzhen") + period("2025-01", region="guangdong.guangzhou")
    facts = run(person("guangdong.guangzhou", birth="1972-05"), periods).facts("medical_years")
    assert facts["counted_months"] >= 360
    assert facts["local_months"] == facts["actual_months"] - 360  # only the Guangzhou months are local
    assert facts["required_local_months"] == 120
    assert facts["met"] is False and facts["shortfall_months"] == 120 - facts["local_months"]


def test_huizhou_conflicting_claim_is_shown_beside_the_province_rule():
    facts = run(person("guangdong.huizhou", birth="1972-05"), period("2000-01")).facts("medical_years")
    assert facts["required_months"] == 360
    assert facts["conflicting_required_months"] == 120


def test_resident_years_do_not_count():
    """seed 000: 居民医保年限一般不计入."""
    periods = period("2000-01", "2009-12", insurance="resident_medical") + period("2010-01")
    facts = run(person("beijing"), periods).facts("medical_years")
    assert facts["resident_months"] == 120 and facts["actual_months"] == 231


def test_backpaid_months_count_as_actual():
    periods = period("2000-01", "2009-12") + period("2010-01", "2010-02", kind="backpaid", paid_on="2010-04") \
        + period("2010-03")
    facts = run(person("beijing"), periods).facts("medical_years")
    assert facts["actual_months"] == (2029 - 2000) * 12 + 3


BACKPAY = [
    pytest.param('"medical.backpay_base_yuan" = 8000', 72 * 8000 * 0.08, id="override-base-national-rates-44号"),
    pytest.param('"medical.backpay_base_yuan" = 8000\n"medical.rate.employer" = 0.075', 72 * 8000 * 0.095,
                 id="override-base-and-employer-rate"),
    pytest.param("", None, id="no-base-known-null"),
]


@pytest.mark.parametrize("overrides, price", BACKPAY)
def test_backpay_estimate(overrides, price):
    """Price = shortfall × base × (employer + individual) (北京规定 第十一条: both shares)."""
    extra = f"[policy_overrides]\n{overrides}" if overrides else ""
    periods = period("2000-01", "2017-12")  # 216 months before 2029-04 → 84 short of 300
    report = run(person("beijing"), periods, extra)
    facts = report.facts("medical_years")
    assert facts["shortfall_months"] == 84
    expected = None if price is None else round(84 * price / 72, 2)
    assert facts["backpay_estimate_yuan"] == (pytest.approx(expected) if expected is not None else None)
    if price is None:
        assert facts["backpay_missing"] == "medical.backpay_base_yuan"
    codes = [o.code for o in report.decisions["medical_years"].options]
    assert codes[:2] == ["backpay_lump_sum", "keep_paying_monthly"]


def test_override_of_the_minimum_is_marked_user_in_the_trace():
    report = run(person("national"), period("2000-01"), '[policy_overrides]\n"medical.min_years.male" = 25')
    facts = report.facts("medical_years")
    assert facts["required_months"] == 300 and facts["met"] is True
    step = find_steps(report.decisions["medical_years"].trace, "param:medical.min_years.male")[0]
    assert step.inputs["confidence"] == "user" and step.inputs["overridden"] is True


def test_unknown_requirement_says_how_to_find_out():
    out = run(person("national"), period("2000-01")).decisions["medical_years"]
    assert out.status == "unknown" and "本地规定" in out.verdict_text() and "unknown" in out.verdict_text("en") and "local figures" in out.verdict_text("en")


def test_no_employee_medical_at_all():
    """seed 000: only pension or resident insurance → no employee-medical retiree benefits."""
    out = run(person("beijing"), period("2000-01", insurance="resident_medical")).decisions["medical_years"]
    assert out.facts["counted_months"] == 0 and out.facts["met"] is False
    assert "职工医保" in out.verdict_text()


def test_chosen_date_moves_the_horizon():
    """Late retirement (办法 第三条) counts months up to the chosen month, not the legal one."""
    base = run(person("zhejiang"), period("2015-01")).facts("medical_years")["actual_months"]
    late = run(person("zhejiang") + "\nretirement_shift_months = 12", period("2015-01")).facts("medical_years")
    assert late["actual_months"] == base + 12


def test_requirement_is_read_at_the_retirement_date():
    """Jining's 30 years apply from 2026-01-01 (seed 003); someone who retired in 2025 falls back to national."""
    facts = run(person("shandong.jining", birth="1965-01"), period("1990-01"), as_of=date(2026, 11, 22))
    assert facts.facts("medical_years")["required_months"] is None


# The three requirements one by one (requirement_checks) and the price (backpay_price): which check failed, the
# shortfall, the verdict's key words in both languages. Sources: 社会保险法 第二十七条 (total), Beijing 规定第十一条
# (10 years actually paid; the price covers both shares), 粤医保规〔2022〕6号 (10 years paid in the region).
CHECKS = [
    pytest.param(person("beijing"), period("2010-01"), {"medical_years.total": False, "medical_years.actual": True},
                 ("差", "short of"), id="sil27-total-short-beijing"),
    pytest.param(person("beijing"), period("1984-01", "2001-03", kind="deemed") + period("2021-01"),
                 {"medical_years.total": True, "medical_years.actual": False},
                 ("实际缴费年限", "actually paid years"), id="beijing-art11-actual-short-deemed-do-not-count"),
    pytest.param(person("guangdong.guangzhou", birth="1972-05"),
                 period("1990-01", "2024-12", region="beijing") + period("2025-01"),
                 {"medical_years.total": True, "medical_years.local": False},
                 ("本地实际缴费年限", "benefit region"), id="yuebao2022-6-local-short-guangzhou"),
    pytest.param(person("national"), period("1990-01"), {"medical_years.total": None},
                 ("本地规定", "local figures"), id="national-requirement-unknown"),
]


@pytest.mark.parametrize("who, periods, passed, words", CHECKS)
def test_requirement_checks(who, periods, passed, words):
    out = run(who, periods).decisions["medical_years"]
    for rule, expected in passed.items():
        [step] = find_steps(out.trace, rule)
        assert step.passed is expected, rule
    zh, en = words
    assert zh in out.verdict_text("zh") and en in out.verdict_text("en")
    if out.facts.met is False:
        assert out.facts.shortfall_months > 0
        assert {o.code for o in out.options} >= {"backpay_lump_sum", "keep_paying_monthly"}
    else:
        assert not out.options


# A part cannot exceed the whole: where the actual-years or local-years requirement
# is unknown and the months of that part reach the total requirement, the part is met too, and the trace says so;
# where they do not, for someone who has paid in the place, the unknown part is not held against them.
# region (whose figure leaves the part unknown, with its source), periods, part, passed in the trace.
PART_WITHIN_WHOLE = [
    pytest.param("zhejiang", period("1995-01", region="zhejiang"), "actual", True,
                 id="zhejiang-actual-unknown-all-actual-浙江条例第二十一条"),
    pytest.param("shanghai", period("1990-01", region="shanghai"), "local", True,
                 id="shanghai-local-unknown-all-local-official-15y"),
    pytest.param("beijing", period("1990-01", "2001-03", kind="deemed") + period("2001-04", region="beijing"),
                 "local", True, id="beijing-local-unknown-local-months-alone-reach-the-whole-规定第十一条"),
    pytest.param("beijing", period("1990-01", "2012-12", kind="deemed") + period("2013-01", region="beijing"),
                 "local", False, id="beijing-local-unknown-local-months-short-of-the-whole-paid-there-规定第十一条"),
    pytest.param("zhejiang", period("2015-01", "2016-12", region="zhejiang"), "actual", False,
                 id="zhejiang-total-not-met-nothing-inferred"),
]


@pytest.mark.parametrize("region, periods, part, passed", PART_WITHIN_WHOLE)
def test_a_part_within_a_met_whole_is_met(region, periods, part, passed):
    report = run(person(region), periods)
    found = [s for s in find_steps(report.decisions["medical_years"].trace, "medical_years.part_within_whole")
             if s.inputs["part"].code == "part." + part]
    assert len(found) == 1 and found[0].passed is passed
    assert ("is met too" in step_text(found[0], "en")) is passed
    assert report.decisions["medical_years"].status != "unknown"
