"""Months on unemployment benefit (领取失业金期间): 社会保险法 第四十八条 "失业人员在领取失业保险金期间，参加职工基本医疗
保险，享受基本医疗保险待遇。失业人员应当缴纳的基本医疗保险费从失业保险基金中支付，个人不缴纳基本医疗保险费。"

Read only on employee medical periods, counted as actually paid months, costing the person nothing; a profile
without such months reads as before.
"""

from __future__ import annotations

import pytest

from engine import ProfileError, dump_profile, evaluate, parse_profile
from engine.data.glossary import step_text
from engine.evaluation.compare import parse_scenario, run_scenario
from tests.conftest import AS_OF, find_steps, make_profile, period
from tui.widgets.timeline import SYMBOLS, chart_lines

MAN = 'sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"'
SPAN = 28  # 2026-12 .. 2029-03: the months before his legal retirement 2029-04
SIL_48 = "社会保险法 第四十八条"


def overrides(**values) -> str:
    return "[policy_overrides]\n" + "".join(f'"{k.replace("__", ".")}" = {v}\n' for k, v in values.items())


def test_read_on_employee_medical_and_written_back():
    profile = make_profile(MAN, period("employee_medical", "2020-01", "2021-06", status="unemployed"))
    assert profile.periods[0].status == "unemployed"
    assert parse_profile(dump_profile(profile)) == profile


# (case, period, the field refused, words of the refusal)
REFUSED = [
    ("a pension period is paid by no unemployment fund (第四十八条 names basic medical insurance only)",
     period("pension", "2020-01", "2021-06", status="unemployed"), "periods[0].status", "失业"),
    ("resident medical has no status at all",
     period("resident_medical", "2020-01", "2021-06", status="unemployed"), "periods[0].status", "居民医保"),
]


@pytest.mark.parametrize("case, text, field, words", REFUSED, ids=[c[0][:30] for c in REFUSED])
def test_refused_elsewhere_in_words(case, text, field, words):
    with pytest.raises(ProfileError) as caught:
        make_profile(MAN, text)
    assert caught.value.field == field, case
    assert words in caught.value.message, case
    assert caught.value.en and caught.value.en != caught.value.message


def medical_years(status: str | None):
    keys = {"status": status} if status else {}
    periods = (period("employee_medical", "2000-01", "2019-12")
               + period("employee_medical", "2020-01", "2021-12", **keys)
               + period("employee_medical", "2022-01"))
    return evaluate(make_profile(MAN, periods), as_of=AS_OF).decisions["medical_years"]


def test_counted_as_actually_paid_months():
    """第四十八条: the fund pays the contributions, so the months count as paid (actual), the same as employed."""
    unemployed, employed = medical_years("unemployed"), medical_years(None)
    assert unemployed.facts["actual_months"] == employed.facts["actual_months"]
    assert unemployed.facts["shortfall_months"] == employed.facts["shortfall_months"]
    steps = find_steps(unemployed.trace, "medical_years.count_unemployed")
    assert len(steps) == 1 and SIL_48 in steps[0].source.title
    assert steps[0].result.n == 24 and "失业" in step_text(steps[0], "zh")
    assert not find_steps(employed.trace, "medical_years.count_unemployed")  # without such months: as before


# (source, status of the months ahead, contributions, employer's share)
COSTS = [
    (SIL_48 + ": the unemployment fund pays, the person nothing", "unemployed", 0.0, 0.0),
    ("国发〔1998〕44号: the same months employed cost the individual share", None, SPAN * 120.0, SPAN * 360.0),
]


@pytest.mark.parametrize("source, status, paid, employer", COSTS, ids=[c[0][:30] for c in COSTS])
def test_costs_nothing(source, status, paid, employer):
    keys = {"status": status} if status else {}
    text = period("employee_medical", "2010-01", **keys).replace('start = "2010-01"\n',
                                                                   'start = "2010-01"\nbase_yuan = 6000\n')
    profile = make_profile(MAN, text, overrides(medical__rate__individual=0.02, medical__rate__employer=0.06))
    res = run_scenario(profile, parse_scenario("baseline"), AS_OF)
    assert res.costs.span_months == SPAN
    assert res.costs.contributions_yuan == pytest.approx(paid), source
    assert res.costs.employer_yuan == pytest.approx(employer), source
    if status == "unemployed":
        assert {r["kind"] for r in res.costs.rows} == {"unemployed"}
        notes = find_steps(res.trace, "costs.unemployed")
        assert notes and SIL_48 in notes[0].source.title


def test_the_timeline_shows_them_and_its_legend_says_so_only_when_there_are_some():
    with_them = make_profile(MAN, period("employee_medical", "2000-01", "2019-12")
                             + period("employee_medical", "2020-01", "2021-12", status="unemployed"))
    without = make_profile(MAN, period("employee_medical", "2000-01", "2021-12"))
    for profile, shown in ((with_them, True), (without, False)):
        report = evaluate(profile, as_of=AS_OF)
        text = "\n".join(line.plain for line in chart_lines(profile, report, AS_OF, 200, "zh"))
        assert (SYMBOLS["unemployed"] in text) is shown
        assert ("领取失业金期间" in text) is shown
