"""The ``backpay`` decision, the cost model, the scenarios, ``compare`` and ``yibao compare``.

Exact costs come from profiles whose rates and bases are set in ``[policy_overrides]``, so that each case names
the rule it checks and nothing depends on the bundled data. The person of most cases: a man born 1968-05 in
Xuzhou, legal retirement 2029-04 (国务院 2025 办法 第一条), evaluated on 2026-11-22: the span of the cost model is
2026-12 .. 2029-03, 28 months.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import evaluate
from engine.core.months import Month
from engine.data import policy
from engine.data.glossary import step_text
from engine.data.sources import SEED_000
from engine.evaluation.compare import (ESTIMATE_FLAGS, FACTS, ScenarioError, compare, parse_scenario,
                                       rank_regions, regions_with_own_years, run_scenario, stop_curve)
from engine.rules.context import Context
from engine.rules.decisions.requirement_parts import part_met
from tests.conftest import AS_OF, ROOT, find_steps, make_profile, period

MAN = 'sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"'
SPAN = 28  # 2026-12 .. 2029-03


def overrides(**values) -> str:
    return "[policy_overrides]\n" + "".join(f'"{k.replace("__", ".")}" = {v}\n' for k, v in values.items())


def flexible(mode: str = "with_account", **keys) -> str:
    return period("employee_medical", "2010-01", status="flexible", mode=mode, **keys)


def result(periods: str, extra: str = "", scenario: str = "baseline", person: str = MAN, as_of: date = AS_OF):
    profile = make_profile(person, periods, extra)
    return run_scenario(profile, parse_scenario(scenario), as_of)


# --- the cost model: table-driven, each case naming its source --------------------------------------------------
COST_CASES = [
    # (source, periods, overrides, contributions, employer)
    ("劳社厅发〔2003〕10号: flexible, with account: region's minimum base × the tier's rate",
     flexible(), dict(medical__flexible_rate__with_account=0.08, medical__min_base_yuan=4000), SPAN * 320.0, 0.0),
    ("劳社厅发〔2003〕10号: flexible, pooling only: the period's own base × the lower tier's rate",
     period("employee_medical", "2010-01", status="flexible", mode="pooling_only").replace(
         'mode = "pooling_only"\n', 'mode = "pooling_only"\nbase_yuan = 5000\n'),
     dict(medical__flexible_rate__pooling_only=0.05), SPAN * 250.0, 0.0),
    ("Beijing's flexible workers: a fixed monthly amount wins over base × rate",
     flexible(), dict(medical__flexible_fixed_monthly_yuan=500, medical__flexible_rate__with_account=0.1,
                      medical__min_base_yuan=4000), SPAN * 500.0, 0.0),
    ("国发〔1998〕44号: an employee pays the individual share; the employer's share is shown apart",
     period("employee_medical", "2010-01").replace('start = "2010-01"\n', 'start = "2010-01"\nbase_yuan = 6000\n'),
     dict(medical__rate__individual=0.02, medical__rate__employer=0.06), SPAN * 120.0, SPAN * 360.0),
    ("Jiangsu's lower base limit 5025 (secondary) wins over 60% of an average wage",
     flexible(), dict(medical__flexible_rate__with_account=0.08, wage__average_monthly_yuan=8000), SPAN * 402.0, 0.0),
    ("国办发〔2024〕38号: resident medical, the yearly premium for each calendar year started (2026, 2027, 2028, 2029)",
     period("resident_medical", "2015-01"), dict(resident__premium_yuan=400), 4 * 400.0, 0.0),
]


@pytest.mark.parametrize("source, periods, values, paid, employer", COST_CASES, ids=[c[0][:40] for c in COST_CASES])
def test_costs_month_by_month(source, periods, values, paid, employer):
    res = result(periods, overrides(medical__min_years__male=25, **values))
    costs = res.costs
    assert costs.span_months == SPAN and str(costs.first_month) == "2026-12" and str(costs.last_month) == "2029-03"
    assert costs.contributions_yuan == pytest.approx(paid), source
    assert costs.employer_yuan == pytest.approx(employer), source
    assert res.facts["contributions_yuan"] == pytest.approx(paid)
    assert len(costs.rows) == SPAN


def test_costs_say_which_base():
    rows = result(flexible(), overrides(medical__flexible_rate__with_account=0.08, medical__min_base_yuan=4000)).costs.rows
    assert {r["base_basis"] for r in rows} == {"min_base"}
    rows = result(flexible(base_yuan="5000").replace('base_yuan = "5000"', "base_yuan = 5000"),
                  overrides(medical__flexible_rate__with_account=0.08)).costs.rows
    assert {r["base_basis"] for r in rows} == {"period"}


def test_an_unknown_flexible_rate_is_estimated_on_the_local_contribution_rates():
    """劳社厅发〔2003〕10号 （六）: "缴费率原则上按照当地的缴费率确定": no flexible rate in the data, so the employer's
    6% and the individual's 2% (国发〔1998〕44号, national) stand in: an estimate, and the rate is asked about."""
    res = result(flexible(), overrides(medical__min_base_yuan=4000))
    assert res.facts["contributions_yuan"] == SPAN * 4000 * 0.08 and res.facts["contributions_is_estimate"] is True
    assert res.facts["total_cost_is_estimate"] is True and res.costs.estimated_months == SPAN
    steps = find_steps(res.trace, "costs.flexible_rate_estimate")
    assert steps and steps[0].inputs["missing_figure"] == "medical.flexible_rate.with_account"
    assert "按当地缴费率估算" in step_text(steps[0], "zh")
    assert "estimated on the local contribution rates" in step_text(steps[0], "en")
    assert all(s.key == "estimate" for s in find_steps(res.trace, "costs.flexible"))
    pooling = result(flexible("pooling_only"), overrides(medical__min_base_yuan=4000))
    assert pooling.facts["contributions_yuan"] == SPAN * 4000 * 0.06  # the pool's share: the employer's rate


def test_a_known_rate_is_no_estimate():
    res = result(flexible(), overrides(medical__min_base_yuan=4000, medical__flexible_rate__with_account=0.08,
                                       medical__min_years__male=15))
    assert res.facts["shortfall_months"] == 0 and res.facts["contributions_is_estimate"] is False and res.facts["total_cost_is_estimate"] is False
    assert not find_steps(res.trace, "costs.flexible_rate_estimate")


def test_an_unknown_base_leaves_the_cost_null_with_the_reason_in_the_trace(monkeypatch):
    real = policy.lookup

    def lookup(name, region, at, folders=None):
        if name in ("medical.min_base_yuan", "wage.average_monthly_yuan"):
            return policy.ParamValue(name, None, "national", None, "assumed")
        return real(name, region, at, folders)

    monkeypatch.setattr(policy, "lookup", lookup)
    res = result(flexible(), "")
    assert res.facts["contributions_yuan"] is None and res.facts["total_cost_yuan"] is None
    assert res.facts["contributions_is_estimate"] is False and res.facts["total_cost_is_estimate"] is False
    steps = find_steps(res.trace, "costs.flexible")
    assert steps and all(s.key == "unknown" for s in steps)
    assert "缴费基数" in step_text(steps[0], "zh") and "base" in step_text(steps[0], "en")


def test_resident_premium_estimated_on_the_national_minimum():
    """Seed 003: "这一标准与国家规定的最低个人缴费标准一致" (400 yuan a year): Xuzhou's own premium is not in the data,
    so each calendar year started (2026 .. 2029) is priced at the national minimum, an estimate."""
    res = result(period("resident_medical", "2015-01"), "")
    assert res.facts["contributions_yuan"] == 4 * 400.0 and res.facts["contributions_is_estimate"] is True
    step = find_steps(res.trace, "costs.resident")[0]
    assert step.key == "estimate" and step.inputs["missing_figure"] == "resident.premium_yuan"
    assert find_steps(res.trace, "param:resident.min_premium_yuan")[0].source.title.startswith("网络文章")


# --- the backpay decision ----------------------------------------------------------------------------------------
def backpay(periods: str, extra: str, person: str = MAN, as_of: date = AS_OF):
    report = evaluate(make_profile(person, periods, extra), as_of=as_of)
    return report.decisions["backpay"]


BACKPAY_CASES = [
    # (source, overrides, base, basis, estimate)
    ("北京市基本医疗保险规定 第十一条: your own back-payment base (user)", dict(medical__backpay_base_yuan=6000),
     6000.0, "user", False),
    ("no base: the average wage, an estimate", dict(wage__average_monthly_yuan=8000), 8000.0, "average_wage", True),
]


@pytest.mark.parametrize("source, values, base, basis, estimate", BACKPAY_CASES, ids=["user", "average_wage"])
def test_backpay_price_and_basis(source, values, base, basis, estimate):
    out = backpay(flexible(), overrides(medical__min_years__male=25, medical__rate__employer=0.06,
                                        medical__rate__individual=0.02, **values))
    f = out.facts.to_dict()
    # 2010-01 .. 2029-03 = 231 months counted; 25 years = 300: 69 short
    assert f["needed"] is True and f["shortfall_months"] == 69 and f["deadline"] == "2029-04"
    assert f["base_yuan"] == base and f["base_basis"] == basis and f["rate"] == pytest.approx(0.08)
    assert f["price_yuan"] == round(69 * base * 0.08, 2) and f["price_is_estimate"] is estimate
    assert f["monthly_alternative_yuan"] == round(base * 0.08, 2)
    price = find_steps(out.trace, "backpay.price")[0]
    assert "× 基数" in step_text(price, "zh") and "× base" in step_text(price, "en")
    assert f["deadline_passed"] is False


def test_backpay_on_the_persons_own_base(monkeypatch):
    """Where the place has neither a back-payment base nor an average wage in the data (Jiangsu now has an average
    wage, so it is taken away here), the person's own latest base is used, said to be an estimate."""
    real = policy.lookup

    def lookup(name, region, at, folders=None):
        if name == "wage.average_monthly_yuan":
            return policy.ParamValue(name, None, "national", None, "assumed")
        return real(name, region, at, folders)

    monkeypatch.setattr(policy, "lookup", lookup)
    assert real("wage.average_monthly_yuan", "jiangsu.xuzhou", AS_OF).value is not None
    out = backpay(flexible().replace('start = "2010-01"\n', 'start = "2010-01"\nbase_yuan = 5000\n'),
                  overrides(medical__min_years__male=25))
    f = out.facts
    assert (f.base_basis, f.base_yuan, f.price_yuan, f.price_is_estimate) == ("own_base", 5000.0, 27600.0, True)
    assert "估算" in out.verdict_text("zh") and "estimate" in out.verdict_text("en")


def test_backpay_on_the_regions_base(monkeypatch):
    real = policy.lookup

    def lookup(name, region, at, folders=None):
        if name == "medical.backpay_base_yuan":
            return policy.ParamValue(name, 7000, "jiangsu.xuzhou", "2026-01-01", "official", "test", None)
        return real(name, region, at, folders)

    monkeypatch.setattr(policy, "lookup", lookup)
    f = backpay(flexible(), overrides(medical__min_years__male=25)).facts
    assert (f.base_basis, f.base_yuan, f.price_is_estimate) == ("region", 7000.0, False)


def test_backpay_not_needed_and_unknown():
    met = backpay(flexible(), overrides(medical__min_years__male=15)).facts
    assert met.needed is False and met.shortfall_months == 0 and met.deadline_passed is False
    unknown = backpay(flexible(), "", person='sex = "male"\nbirth = "1968-05"\nregion = "shanghai"').facts
    if unknown.needed is None:  # Shanghai's requirement may be filled by the data helper; then it is decided
        assert unknown.deadline_passed is False


def test_a_deadline_already_passed_says_so_and_what_can_still_be_done():
    person = 'sex = "male"\nbirth = "1960-03"\nregion = "jiangsu.xuzhou"'
    periods = period("employee_medical", "2010-01", "2019-12", status="flexible")
    out = backpay(periods, overrides(medical__min_years__male=25, medical__backpay_base_yuan=6000), person=person)
    f = out.facts
    assert f.needed is True and str(f.deadline) == "2020-03" and f.deadline_passed is True
    assert "已经过了" in out.verdict_text("zh") and "has passed" in out.verdict_text("en")
    assert [o.code for o in out.options][0] == "enrol_as_new"
    after = find_steps(out.trace, "backpay.after_deadline")
    assert after and after[0].source == SEED_000


def test_medical_years_backpay_estimate_keeps_its_meaning():
    report = evaluate(make_profile(MAN, flexible(), overrides(medical__min_years__male=25, medical__backpay_base_yuan=6000)),
                      as_of=AS_OF)
    assert report.decisions["medical_years"].facts["backpay_estimate_yuan"] == report.decisions["backpay"].facts.price_yuan


def test_backpay_decision_record():
    from engine.rules.decisions.backpay import DECISION, BackpayFacts

    assert DECISION.key == "backpay" and DECISION.facts is BackpayFacts
    assert DECISION.reads == ("retirement", "medical_years")
    facts = backpay(flexible(), overrides(medical__min_years__male=25, medical__backpay_base_yuan=6000)).facts
    assert DECISION.key_figure(facts, "zh") == "33,120.00元" and DECISION.key_figure(facts, "en") == "33,120.00 yuan"


# --- a part of a requirement cannot exceed the whole -----------------------------------------------------------
PART_CASES = [
    # (why, total_required, counted, part_months, expected)
    ("every counted month is actual and the total is met", 300, 310, 310, True),
    ("deemed months among the counted: cannot infer", 300, 310, 250, None),
    ("the total is not met: cannot infer", 300, 280, 280, None),
    ("the total is unknown: cannot infer", None, 310, 310, None),
]


@pytest.mark.parametrize("why, total, counted, part, expected", PART_CASES, ids=[c[0] for c in PART_CASES])
def test_a_part_cannot_exceed_the_whole(why, total, counted, part, expected):
    ctx = Context(make_profile(MAN), AS_OF)
    assert part_met(ctx, "actual", total_required=total, counted=counted, part_months=part) is expected, why
    step = ctx.tracer.root.children[-1]
    assert step.rule == "medical_years.part_within_whole"
    assert step_text(step, "zh") and step_text(step, "en")


# --- scenarios: one test per kind --------------------------------------------------------------------------------
RATES = overrides(medical__min_years__male=25, medical__backpay_base_yuan=6000,
                  medical__flexible_rate__with_account=0.08, medical__flexible_rate__pooling_only=0.05,
                  medical__min_base_yuan=4000, resident__premium_yuan=400)
HISTORY = period("employee_medical", "2000-01", "2009-12") + flexible()


def scenario(text: str, periods: str = HISTORY):
    return result(periods, RATES, text)


def kept_history(res) -> bool:
    """Every period that ended by as_of's month is there, unchanged (an edit of the plan, never of the history)."""
    now = Month.from_date(AS_OF)
    original = make_profile(MAN, HISTORY, RATES).periods
    past = [p for p in original if p.end is not None and p.end <= now]
    return all(p in res.profile.periods for p in past)


def test_scenario_baseline():
    res = scenario("baseline")
    # 2000-01 .. 2029-03 = 351 months counted ≥ 300
    assert res.facts["shortfall_months"] == 0 and res.facts["medical_met"] is True
    assert res.facts["contributions_yuan"] == SPAN * 320.0 and res.facts["backpay_yuan"] == 0.0
    assert res.facts["lifetime_benefits"] is True


def test_scenario_stop_now():
    res = scenario("stop_now")
    assert kept_history(res)
    assert res.facts["contributions_yuan"] == 0.0 and res.facts["uninsured_months"] == SPAN
    assert res.facts["account_credit_until_retirement_yuan"] == 0.0
    assert max(p.end for p in res.profile.periods if p.insurance == "employee_medical") == Month.parse("2026-11")


def test_scenario_resident():
    res = scenario("resident")
    assert kept_history(res)
    assert res.facts["contributions_yuan"] == 4 * 400.0 and res.facts["uninsured_months"] == 0
    assert any(p.insurance == "resident_medical" and str(p.start) == "2026-12" for p in res.profile.periods)


def test_scenario_mode_pooling_only():
    res = scenario("mode:pooling_only")
    assert kept_history(res)
    assert res.facts["contributions_yuan"] == SPAN * 200.0
    assert res.facts["account_credit_until_retirement_yuan"] == 0.0
    modes = [(str(p.start), p.effective_mode) for p in res.profile.periods if p.insurance == "employee_medical"]
    assert ("2026-12", "pooling_only") in modes and ("2010-01", "with_account") in modes


def test_scenario_mode_with_account():
    periods = period("employee_medical", "2010-01", status="flexible", mode="pooling_only")
    res = result(periods, RATES, "mode:with_account")
    assert res.facts["contributions_yuan"] == SPAN * 320.0
    with pytest.raises(ScenarioError):
        result(period("employee_medical", "2010-01"), RATES, "mode:with_account")  # no flexible period


def test_scenario_shift():
    late = scenario("shift:12")
    assert str(late.facts["retirement_date"]) == "2030-04"
    assert late.facts["contributions_yuan"] == (SPAN + 12) * 320.0
    with pytest.raises(ScenarioError) as err:
        scenario("shift:-36")  # below the original age of 60 (2028-05 is the earliest)
    assert "2028-05" in err.value.text("zh")
    with pytest.raises(ScenarioError):
        parse_scenario("shift:40")


def test_scenario_region():
    res = scenario("region:beijing")
    assert res.profile.person.region == "beijing"
    assert all(p.region == "jiangsu.xuzhou" for p in res.profile.periods)  # where the months were paid stays
    with pytest.raises(ScenarioError) as err:
        parse_scenario("region:beijin")
    assert "beijing" in err.value.text("en")


def test_scenario_backpay_lump_and_monthly():
    short = period("employee_medical", "2015-01", status="flexible")  # 2015-01 .. 2029-03 = 171: 129 short
    lump = result(short, RATES, "backpay:lump")
    monthly = result(short, RATES, "backpay:monthly")
    base = result(short, RATES, "baseline")
    assert lump.facts["shortfall_months"] == 129
    assert lump.facts["backpay_yuan"] == 129 * 6000 * 0.08 and lump.facts["lifetime_benefits"] is True
    assert monthly.facts["backpay_yuan"] == round(129 * 480.0, 2) and monthly.facts["lifetime_benefits"] is True
    assert base.facts["lifetime_benefits"] is False  # no plan to settle
    assert lump.facts["total_cost_yuan"] == SPAN * 320.0 + 129 * 480.0


def test_unknown_scenario_kind():
    with pytest.raises(ScenarioError) as err:
        parse_scenario("retire_abroad")
    assert "stop_now" in err.value.text("en")


# --- compare() -------------------------------------------------------------------------------------------------
def test_compare_json_shape_and_differs():
    profile = make_profile(MAN, HISTORY, RATES)
    doc = compare(profile, ["stop_now", "shift:12"], AS_OF).to_dict("en")
    assert set(doc) == {"schema", "as_of", "profile", "scenarios"} and doc["schema"] == 1
    assert doc["as_of"] == "2026-11-22"
    first, stop, late = doc["scenarios"]
    assert (first["id"], first["kind"], first["arg"], first["differs"]) == ("baseline", "baseline", None, [])
    assert (stop["id"], stop["kind"], stop["arg"]) == ("stop_now", "stop_now", None)
    assert (late["kind"], late["arg"]) == ("shift", 12)
    assert list(first["facts"]) == list(FACTS) + list(ESTIMATE_FLAGS.values()) + ["lifetime_by"]
    assert "contributions_yuan" in stop["differs"] and "retirement_date" not in stop["differs"]
    assert "retirement_date" in late["differs"]
    assert all(set(s) == {"id", "kind", "arg", "label", "facts", "differs"} for s in doc["scenarios"])


def test_compare_without_scenarios_keeps_those_that_change_something():
    profile = make_profile(MAN, HISTORY, RATES)
    results = compare(profile, None, AS_OF).results
    assert results[0].scenario.id == "baseline"
    assert all(r.differs for r in results[1:])
    assert {"stop_now", "resident", "mode:pooling_only"} <= {r.scenario.id for r in results}


def test_each_cell_has_a_trace():
    res = compare(make_profile(MAN, HISTORY, RATES), ["stop_now"], AS_OF).results[1]
    for fact in FACTS:
        assert res.figure_trace(fact), fact
    assert find_steps(res.figure_trace("contributions_yuan"), "costs.span")


def test_stop_curve_every_month_until_retirement():
    profile = make_profile(MAN, HISTORY, RATES)
    curve = stop_curve(profile, AS_OF)
    assert [str(p["stop_after"]) for p in (curve[0], curve[-1])] == ["2026-11", "2029-03"]
    assert len(curve) == SPAN + 1
    assert curve[0]["contributions_yuan"] == 0 and curve[-1]["contributions_yuan"] == SPAN * 320.0


def test_regions_ranking():
    profile = make_profile(MAN, period("employee_medical", "2010-01", status="flexible"), "")
    ranked = rank_regions(profile, AS_OF)
    assert {r["region"] for r in ranked} == set(regions_with_own_years())
    assert ranked, "some bundled region gives its own minimum years"
    judged = [r for r in ranked if r["judged"]]
    apart = [r for r in ranked if not r["judged"]]
    assert ranked == judged + apart  # the places that can be judged first, then those listed apart
    assert all(r["medical_met"] is not None for r in judged)
    assert [r["shortfall_months"] for r in judged] == sorted(r["shortfall_months"] for r in judged)
    assert all(r["confidence"] in ("official", "secondary", "unverified", "seed", "assumed", "user", None) for r in ranked)


# --- property: the baseline scenario is the plain report ------------------------------------------------------
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(year=st.integers(1962, 1990), start=st.integers(1985, 2026), sex=st.sampled_from(["male", "female"]),
       base=st.one_of(st.none(), st.integers(2000, 30000)), years=st.integers(10, 30),
       status=st.sampled_from(["employed", "flexible"]), ended=st.booleans())
def test_baseline_equals_the_plain_report(year, start, sex, base, years, status, ended):
    start = max(start, year + 17)
    person = f'sex = "{sex}"\nbirth = "{year}-06"\nregion = "jiangsu.xuzhou"'
    keys = {"status": status}
    text = period("employee_medical", f"{start}-01", f"{start + 3}-12" if ended else None, **keys)
    if base is not None:
        text = text.replace("\nstatus", f"\nbase_yuan = {base}\nstatus")
    profile = make_profile(person, text, overrides(medical__min_years__male=years, medical__min_years__female=years))
    report = evaluate(profile, as_of=AS_OF)
    res = compare(profile, ["baseline"], AS_OF).results[0]
    d = report.decisions
    assert res.facts["retirement_date"] == d["retirement"].facts["chosen_date"]
    assert res.facts["medical_met"] == d["medical_years"].facts["met"]
    assert res.facts["shortfall_months"] == d["medical_years"].facts["shortfall_months"]
    assert res.facts["retiree_monthly_credit_yuan"] == d["account_after_retirement"].facts["monthly_credit_yuan"]
    short = d["medical_years"].facts["shortfall_months"]
    assert res.facts["backpay_yuan"] == 0.0  # nothing planned: no back-payment counted, and no lifelong cover
    assert res.facts["lifetime_benefits"] is (None if d["medical_years"].facts["met"] is None else short == 0)
    assert res.report.to_dict() == report.to_dict()


# --- the command line ---------------------------------------------------------------------------------------------
@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "me.toml"
    path.write_text(f'schema = 1\nname = "测试"\n\n[person]\n{MAN}\n\n{RATES}\n\n{HISTORY}\n', encoding="utf-8")
    return str(path)


def cli(capsys, *args):
    from tui.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_compare_json(capsys, profile_file):
    code, out, _ = cli(capsys, "compare", profile_file, "--scenario", "stop_now", "--as-of", "2026-11-22",
                       "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [s["id"] for s in doc["scenarios"]] == ["baseline", "stop_now"]
    assert doc["scenarios"][0]["facts"]["contributions_yuan"] == SPAN * 320.0


@pytest.mark.parametrize("fmt, lang, needle", [
    ("text", "zh", "方案对比"), ("text", "en", "Scenario comparison"),
    ("markdown", "zh", "| 项目 | 现状 | 现在停缴 |"), ("markdown", "en", "| figure | as planned | stop paying now |"),
])
def test_cli_compare_text_and_markdown(capsys, profile_file, fmt, lang, needle):
    code, out, _ = cli(capsys, "compare", profile_file, "--scenario", "stop_now", "--as-of", "2026-11-22",
                       "--format", fmt, "--lang", lang)
    assert code == 0 and needle in out
    assert "≠" in out


def test_cli_compare_regions(capsys, profile_file):
    code, out, _ = cli(capsys, "compare", profile_file, "--regions", "--as-of", "2026-11-22", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert len(doc["regions"]) == len(regions_with_own_years())
    ranks = [r["rank"] for r in doc["regions"] if r["judged"]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert all(r["rank"] is None for r in doc["regions"] if not r["judged"])
    code, out, _ = cli(capsys, "compare", profile_file, "--regions", "--as-of", "2026-11-22", "--format", "markdown",
                       "--lang", "en")
    assert code == 0 and "Which city" in out


def test_cli_compare_exit_codes(capsys, profile_file, tmp_path):
    code, _, err = cli(capsys, "compare", profile_file, "--scenario", "nonsense", "--lang", "en")
    assert code == 2 and "unknown scenario" in err and "Traceback" not in err
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n", encoding="utf-8")
    code, _, err = cli(capsys, "compare", str(bad))
    assert code == 2 and str(bad) in err


def test_examples_compare_without_error():
    for path in sorted((ROOT / "profiles").glob("*.toml")):
        from engine import load_profile

        comparison = compare(load_profile(path), None, AS_OF)
        assert comparison.results[0].scenario.id == "baseline"
        for lang in ("zh", "en"):
            json.dumps(comparison.to_dict(lang), ensure_ascii=False)


# --- property: scenario texts and profiles from users never give a traceback ------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=30), st.sampled_from(["shift:", "shift:x", "shift:-0", "region:", "mode:",
                                                      "backpay:", "region:national", "shift:36", "mode:both"])))
def test_any_scenario_text_is_read_or_refused_in_words(raw):
    try:
        sc = parse_scenario(raw)
    except ScenarioError as err:
        assert err.text("zh") and err.text("en")
    else:
        assert sc.kind in ("baseline", "stop_now", "resident", "mode", "shift", "region", "backpay")


from tests.test_profile import valid_profiles  # noqa: E402


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_profiles(), st.dates(min_value=date(2010, 1, 1), max_value=date(2040, 12, 31)))
def test_any_valid_profile_compares_without_error(profile, as_of):
    comparison = compare(profile, None, as_of)
    assert comparison.results[0].scenario.id == "baseline"
    doc = json.loads(json.dumps(comparison.to_dict("en"), ensure_ascii=False))
    assert all(set(s["facts"]) == set(FACTS) | set(ESTIMATE_FLAGS.values()) | {"lifetime_by"} for s in doc["scenarios"])
    for s in doc["scenarios"]:
        for fact, flag in ESTIMATE_FLAGS.items():
            assert not s["facts"][flag] or s["facts"][fact] is not None  # an estimate flag sits beside a figure
