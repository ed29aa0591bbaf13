"""The parts of a medical-years requirement some people only owe, and honesty where a part is unknown.

Each case names the place, the figure with its source id (checked against the data), the history and what the
medical-years decision must say. The person: a man born 1968-03, retiring 2029-01, evaluated on 2026-11-22.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import evaluate, load_profile
from engine.data import policy
from engine.evaluation.compare import ESTIMATE_FLAGS, compare, rank_regions, stop_curve
from engine.data.glossary import step_text
from tests.conftest import AS_OF, XUZHOU, find_steps, make_profile, period
from tui.comparereport import chart_lines

AT = date(2029, 1, 1)


def person(region: str) -> str:
    return f'sex = "male"\nbirth = "1968-03"\nregion = "{region}"'


def medical_years(region: str, periods: str):
    report = evaluate(make_profile(person(region), periods), as_of=AS_OF)
    return report.decisions["medical_years"]


def figure(region: str, name: str, value, source: str) -> None:
    found = policy.lookup(name, region, AT)
    assert (found.value, found.source_id, found.region) == (value, source, region), name


FLEXIBLE_ACTUAL = [
    # 哈尔滨市人民政府令第146号 第十一条 "以个人身份参保的，实际缴费年限满15年"; employees need 10
    pytest.param("heilongjiang.haerbin", 15, "haerbin_order_146", 10, id="haerbin-15-haerbin_order_146"),
    # Kunming "灵活就业人员实际缴费满15年"; no general figure
    pytest.param("yunnan.kunming", 15, "kunming_pages", None, id="kunming-15-kunming_pages"),
    # Fuzhou "灵活就业人员实际缴费满10年"; no general figure
    pytest.param("fujian.fuzhou", 10, "juanbaike_fuzhou", None, id="fuzhou-10-juanbaike_fuzhou"),
]


@pytest.mark.parametrize("region, years, source, employee_years", FLEXIBLE_ACTUAL)
def test_flexible_workers_actual_years(region, years, source, employee_years):
    figure(region, "medical.min_actual_years_flexible", years, source)
    flexible = medical_years(region, period("employee_medical", "2010-01", status="flexible"))
    employed = medical_years(region, period("employee_medical", "2010-01"))
    assert flexible.facts.required_actual_months == years * 12
    assert employed.facts.required_actual_months == (None if employee_years is None else employee_years * 12)
    [applies] = find_steps(flexible.trace, "medical_years.flexible_actual")
    [not_applied] = find_steps(employed.trace, "medical_years.flexible_actual")
    assert applies.passed is True and not_applied.passed is False
    assert "以个人身份参保" in step_text(applies, "zh") and "insured as individuals" in step_text(applies, "en")


TRANSFERRED_IN = [
    # 苏州市社会基本医疗保险管理办法 第四十一条 "转入人员在苏州实际缴费满10年"
    pytest.param("jiangsu.suzhou", 10, "suzhou_measures", id="suzhou-10-suzhou_measures"),
    # Foshan "2013年7月1日起首次参保或转入的，在佛山实际缴费满10年"
    pytest.param("guangdong.foshan", 10, "zhuanguanjia_foshan", id="foshan-10-zhuanguanjia_foshan"),
]


@pytest.mark.parametrize("region, years, source", TRANSFERRED_IN)
def test_local_years_of_people_who_transferred_in(region, years, source):
    figure(region, "medical.min_local_years_if_transferred_in", years, source)
    moved = period("employee_medical", "1995-01", "2009-12", region="jiangsu.xuzhou") + \
        period("employee_medical", "2010-01", region=region)
    stayed = period("employee_medical", "1995-01", region=region)
    came = medical_years(region, moved)
    assert came.facts.required_local_months >= years * 12 and came.facts.local_months == 228
    assert find_steps(came.trace, "medical_years.transferred_in_local")[0].passed is True
    home = medical_years(region, stayed)
    assert find_steps(home.trace, "medical_years.transferred_in_local")[0].passed is False
    general = policy.lookup("medical.min_local_years", region, AT).value  # Foshan: Guangdong's 10; Suzhou: none
    assert home.facts.required_local_months == (None if general is None else general * 12)


def test_suzhou_transferred_in_short_of_local_years_is_not_met():
    """Suzhou (suzhou_measures): 30 years in all, 10 of them paid in Suzhou by people who transferred in: 28 years
    elsewhere and 3 in Suzhou is short of the local part."""
    periods = period("employee_medical", "1998-01", "2025-12", region="jiangsu.xuzhou") + \
        period("employee_medical", "2026-01", region="jiangsu.suzhou")
    out = medical_years("jiangsu.suzhou", periods)
    f = out.facts
    assert f.counted_months >= 360 and f.local_months == 36 and f.required_local_months == 120
    assert f.met is False and f.shortfall_months == 120 - 36


@pytest.mark.parametrize("start, met", [("2020-01", False), ("2015-01", True)], ids=["9-years-short", "14-years-met"])
def test_shenzhen_top_tier_years(start, met):
    """深医保规〔2022〕3号 (shenzhen_measures): "享受一档退休待遇须一档缴费满10年": months paid in Shenzhen with a
    personal account (the tier that has one) against 10 years; the lifelong cover itself is judged apart."""
    figure("guangdong.shenzhen", "medical.min_top_tier_years", 10, "shenzhen_measures")
    out = medical_years("guangdong.shenzhen", period("employee_medical", start, region="guangdong.shenzhen"))
    assert out.facts.top_tier_met is met
    [step] = find_steps(out.trace, "medical_years.top_tier")
    assert step.passed is met
    assert ("一档退休待遇" in out.verdict_text("zh")) is (not met)


def test_an_unknown_part_is_never_met_for_someone_who_paid_nothing_there():
    """Beijing (beijing_reg_2001, beijing_reg_qa): 25 years in all, 10 actually paid, the local part unknown. Years
    paid only in Xuzhou: not met, not judged, the trace says why; some months paid in Beijing: the unknown part is
    not held against the person."""
    assert policy.lookup("medical.min_local_years", "beijing", AT).value is None
    elsewhere = medical_years("beijing", period("employee_medical", "1995-01", region="jiangsu.xuzhou"))
    assert elsewhere.facts.met is None and elsewhere.status == "unknown"
    assert "local" in elsewhere.facts.unknown_requirements and elsewhere.facts.local_months == 0
    assert find_steps(elsewhere.trace, "medical_years.unknown_not_paid_there")
    assert "没有在当地缴费" in elsewhere.verdict_text("zh") and "paid nothing there" in elsewhere.verdict_text("en")
    there = medical_years("beijing", period("employee_medical", "1995-01", "2019-12", region="jiangsu.xuzhou")
                          + period("employee_medical", "2020-01", region="beijing"))
    assert there.facts.met is True and there.facts.local_months > 0


# --- the Xuzhou example: the comparison and which city --------------------------------------------------------------
@pytest.fixture(scope="module")
def xuzhou():
    return load_profile(XUZHOU)


def test_xuzhou_every_cost_row_has_a_number(xuzhou):
    """Xuzhou's flexible rates and resident premium are not in the data: each is estimated (劳社厅发〔2003〕10号 （六）;
    seed 003's national minimum), marked as such, so no cost row is unknown."""
    comparison = compare(xuzhou, None, AS_OF)
    assert len(comparison.results) > 2
    for res in comparison.results:
        for fact, flag in ESTIMATE_FLAGS.items():
            assert res.facts[fact] is not None, (res.scenario.id, fact)
            assert isinstance(res.facts[flag], bool)
    assert comparison.results[0].facts["contributions_is_estimate"] is True


def test_xuzhou_which_city_ranks_no_unknown_requirement_as_met(xuzhou):
    rows = rank_regions(xuzhou, AS_OF)
    judged = [r for r in rows if r["judged"]]
    apart = [r for r in rows if not r["judged"]]
    assert judged and apart and rows == judged + apart
    for row in rows:
        my = row["result"].report.facts("medical_years")
        if my["unknown_requirements"] and my["local_months"] == 0:
            assert row["medical_met"] is not True and not row["judged"], row["region"]
    for row in judged:
        assert row["own_requirement"] and not row["unknown_requirements"] and row["medical_met"] is not None
        assert row["requirement_region"] == row["region"]
    met = [r["region"] for r in judged if r["medical_met"]]
    assert met == ["jiangsu.xuzhou"]  # the only judged place where he has paid
    assert "beijing" in {r["region"] for r in apart} and "shanghai" in {r["region"] for r in apart}


def test_xuzhou_chart_draws_only_months_that_can_be_priced(xuzhou):
    curve = stop_curve(xuzhou, AS_OF)
    lines = chart_lines(curve, "zh")
    assert all(p["total_cost_yuan"] is not None for p in curve)
    assert len(lines) == len(curve) and not any("未知" in line for line in lines)
    assert all("估算" in line for line, p in zip(lines, curve) if p["is_estimate"])


def test_a_chart_leaves_out_what_cannot_be_priced():
    curve = [{"stop_after": "2027-01", "contributions_yuan": 100.0, "backpay_yuan": 0.0, "total_cost_yuan": 100.0,
              "is_estimate": False},
             {"stop_after": "2027-02", "contributions_yuan": None, "backpay_yuan": 0.0, "total_cost_yuan": None,
              "is_estimate": False}]
    zh, en = chart_lines(curve, "zh"), chart_lines(curve, "en")
    assert zh[0].startswith("2027-01") and not any(line.startswith("2027-02") for line in zh)
    assert "另有1个月无法定价" in zh[-1] and "1 month more cannot be priced" in en[-1]
