"""Cash withdrawal routes and family mutual aid, region by region (each case names its source).

Withdrawal: no national right to cash out (seeds 001, 004); 武汉市医保局 (official): 个人账户不得提取现金，归个人所有，
可以结转和继承; Wuhan Q&A (secondary): paid out once on 出国（境）定居、死亡、转出市外且无法转移, applied for 2 months
after the relationship ends; 福建 (secondary): only when neither transferable nor usable, e.g. 出国定居; seed 004:
跨省异地安置退休人员 may have the balance paid to their bank. Family mutual aid: 国办发〔2021〕14号 (配偶、父母、子女),
widened to 近亲属 by 国办发〔2024〕38号 (every province by 2024-12-09); resident insurance has no account.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine.rules.context import Context
from engine.rules.decisions.withdrawal import decide_family_aid
from engine.data.places import REGION_IDS
from engine.data.sources import SEED_001
from tests.conftest import find_steps, make_profile, run

ROUTE_CODES = ["death_inheritance", "emigration", "retiree_relocation", "untransferable"]


def person(region: str, sex: str = "male", birth: str = "1975-05", original: int | None = None) -> str:
    out = f'sex = "{sex}"\nbirth = "{birth}"\nregion = "{region}"'
    return out + (f"\noriginal_retirement_age = {original}" if original else "")


def period(start: str, end: str | None = None, region: str | None = None, insurance: str = "employee_medical",
           mode: str | None = None, status: str | None = None, base: float | None = None) -> str:
    lines = ["[[periods]]", f'insurance = "{insurance}"', f'start = "{start}"']
    for key, value in (("end", end), ("region", region), ("mode", mode), ("status", status)):
        if value is not None:
            lines.append(f'{key} = "{value}"')
    if base is not None:
        lines.append(f"base_yuan = {base}")
    return "\n".join(lines) + "\n"


def plans(emigrate: str | None = None, relocate: str | None = None) -> str:
    lines = ["[plans]"]
    if emigrate:
        lines.append(f'emigrate = "{emigrate}"')
    if relocate:
        lines.append(f'relocate_after_retirement = "{relocate}"')
    return "\n".join(lines) + "\n"


ACCOUNT = '[account]\nbalance_yuan = 5230.5\nas_of = "2026-10"\n'


def routes(report) -> dict[str, dict]:
    return {r["code"]: r for r in report.facts("withdrawal")["routes"]}


# region → expected availability of each route, the level whose data answered, and that level's confidence.
REGION_ROUTES = [
    pytest.param("national", {"death_inheritance": True, "emigration": None, "retiree_relocation": None,
                              "untransferable": None}, {"emigration": ("national", "secondary")},
                 id="national-only-inheritance-known-seeds001-004"),
    pytest.param("jiangsu.xuzhou", {"death_inheritance": True, "emigration": None, "retiree_relocation": None,
                                    "untransferable": None}, {"emigration": ("national", "secondary")},
                 id="xuzhou-no-local-data-falls-back-to-national"),
    pytest.param("hubei.wuhan", {"death_inheritance": True, "emigration": True, "retiree_relocation": None,
                                 "untransferable": True},
                 {"death_inheritance": ("hubei.wuhan", "official"), "emigration": ("hubei.wuhan", "unverified"),
                  "untransferable": ("hubei.wuhan", "unverified")},
                 id="wuhan-official-inheritance-unverified-emigration-64365-names-no-document"),
    pytest.param("fujian.xiamen", {"death_inheritance": True, "emigration": True, "retiree_relocation": None,
                                   "untransferable": True},
                 {"emigration": ("fujian.xiamen", "secondary"), "death_inheritance": ("national", "secondary")},
                 id="xiamen-fujian-neither-transferable-nor-usable-secondary"),
    pytest.param("beijing", {"death_inheritance": True, "emigration": None, "retiree_relocation": None,
                             "untransferable": None}, {}, id="beijing-no-withdrawal-data"),
]


@pytest.mark.parametrize("region, available, levels", REGION_ROUTES)
def test_routes_available_by_region(region, available, levels):
    report = run(person(region), period("2000-01", region=region, base=6000), ACCOUNT)
    facts = report.facts("withdrawal")
    found = routes(report)
    assert [r["code"] for r in facts["routes"]] == ROUTE_CODES
    assert {code: found[code]["available"] for code in ROUTE_CODES} == available
    for code, (level, confidence) in levels.items():
        assert (found[code]["region"], found[code]["confidence"]) == (level, confidence)
    # nothing applies to a person with no plans: no cash now
    assert not any(r["applies_now"] for r in facts["routes"])
    assert facts["cash_out_now"] is False


@pytest.mark.parametrize("region", REGION_IDS)
def test_inheritance_available_everywhere(region):
    """The balance belongs to the person and is inherited (武汉市医保局 official; seeds 001, 004)."""
    report = run(person(region), period("2000-01", region=region), ACCOUNT)
    facts = report.facts("withdrawal")
    assert routes(report)["death_inheritance"]["available"] is True
    assert routes(report)["death_inheritance"]["applies_now"] is False  # the living holder never triggers it
    assert facts["inheritable"] is True and facts["owner"] == "个人所有，可以结转和继承"


def test_no_cash_out_in_ordinary_times_wuhan_official():
    report = run(person("hubei.wuhan"), period("2000-01", base=6000), ACCOUNT)
    facts = report.facts("withdrawal")
    assert facts["cash_out_anytime"] is False and facts["cash_out_now"] is False
    params = find_steps(report.decisions["withdrawal"].trace, "param:withdrawal.cash_out_anytime")
    assert params[0].inputs["region"] == "hubei.wuhan" and params[0].inputs["confidence"] == "official"


def test_balance_and_owner_facts_from_the_profile():
    facts = run(person("jiangsu.xuzhou"), period("2000-01", base=6000), ACCOUNT).facts("withdrawal")
    assert facts["balance_yuan"] == pytest.approx(5230.5)
    assert str(facts["balance_as_of"]) == "2026-10"
    assert facts["has_funds"] is True


# emigration plan month, evaluation date → applies now, cash out now (Wuhan: emigration available, secondary)
EMIGRATION_TIMING = [
    pytest.param(None, date(2031, 7, 1), False, False, id="no-plan-never-applies"),
    pytest.param("2031-06", date(2026, 11, 22), False, False, id="planned-not-yet-reached"),
    pytest.param("2031-06", date(2031, 5, 31), False, False, id="month-before-the-plan"),
    pytest.param("2031-06", date(2031, 6, 1), True, True, id="planned-month-reached-wuhan-pays-out"),
    pytest.param("2025-03", date(2026, 11, 22), True, True, id="already-emigrated"),
]


@pytest.mark.parametrize("emigrate, as_of, applies, cash", EMIGRATION_TIMING)
def test_emigration_applies_only_from_the_planned_month(emigrate, as_of, applies, cash):
    extra = ACCOUNT + (plans(emigrate=emigrate) if emigrate else "")
    report = run(person("hubei.wuhan", "female", "1986-02", 55), period("2009-07", base=8000), extra, as_of=as_of)
    route = routes(report)["emigration"]
    assert route["available"] is True
    assert route["applies_now"] is applies
    assert report.facts("withdrawal")["cash_out_now"] is cash


def test_emigration_reached_where_the_rule_is_unknown_is_unknown_not_no():
    """Never invent: with no local data the answer is null and the verdict says to ask the local office."""
    report = run(person("jiangsu.xuzhou"), period("2000-01", base=6000), ACCOUNT + plans(emigrate="2026-01"))
    outcome = report.decisions["withdrawal"]
    assert routes(report)["emigration"]["applies_now"] is True
    assert outcome.facts["cash_out_now"] is None and outcome.status == "unknown"
    assert "未知" in str(outcome.verdict) and "医保经办机构" in str(outcome.verdict)


def test_wuhan_emigration_verdict_and_option():
    report = run(person("hubei.wuhan", "female", "1986-02", 55), period("2009-07", base=8000),
                 ACCOUNT + plans(emigrate="2031-06"))
    outcome = report.decisions["withdrawal"]
    assert str(outcome.verdict).startswith("个人账户余额5230.50元归您所有、可以结转和继承，但现在不能取现")
    assert "出国定居时（计划2031-06）武汉市允许一次性支取" in str(outcome.verdict)
    option = next(o for o in outcome.options if o.code == "emigration_payout")
    assert option.months == 2 and "2031-08" in option.detail_text()  # 终止后满2个月申请 (Wuhan Q&A, secondary)


def test_planned_emigration_where_unknown_suggests_asking():
    report = run(person("national"), period("2000-01", base=6000), ACCOUNT + plans(emigrate="2031-06"))
    outcome = report.decisions["withdrawal"]
    assert "本地是否允许出国定居时支取未知（计划2031-06）：请咨询当地医保经办机构" in str(outcome.verdict)
    assert any(o.code == "ask_emigration_rule" for o in outcome.options)


def test_emigration_asks_the_region_holding_the_account():
    """Benefit region Jining, but the account is held in Wuhan where he pays now: Wuhan's route answers."""
    periods = period("2000-01", "2019-12", region="shandong.jining") + period("2020-01", region="hubei.wuhan")
    report = run(person("shandong.jining"), periods, ACCOUNT + plans(emigrate="2026-06"))
    route = routes(report)["emigration"]
    assert (route["asked_region"], route["available"], route["applies_now"]) == ("hubei.wuhan", True, True)
    assert report.facts("withdrawal")["cash_out_now"] is True


# benefit region, birth, relocation target, evaluation date → applies now, cash (seed 004: 跨省异地安置退休人员)
RELOCATION = [
    pytest.param("beijing", "1963-04", "guangdong.guangzhou", date(2026, 11, 22), True, None,
                 id="retired-cross-province-unknown-in-beijing-seed004"),
    pytest.param("beijing", "1968-05", "guangdong.guangzhou", date(2026, 11, 22), False, False,
                 id="not-yet-retired"),
    pytest.param("guangdong.shenzhen", "1963-04", "guangdong.guangzhou", date(2026, 11, 22), False, False,
                 id="same-province-is-not-cross-province"),
    pytest.param("beijing", "1963-04", None, date(2026, 11, 22), False, False, id="no-relocation-planned"),
]


@pytest.mark.parametrize("region, birth, target, as_of, applies, cash", RELOCATION)
def test_retiree_relocation_across_provinces(region, birth, target, as_of, applies, cash):
    extra = ACCOUNT + (plans(relocate=target) if target else "")
    end = "2023-03" if birth == "1963-04" else None  # born 1963-04: retired at 60 in 2023-04
    report = run(person(region, birth=birth, original=60), period("2001-04", end, region=region, base=9000), extra,
                 as_of=as_of)
    route = routes(report)["retiree_relocation"]
    assert route["available"] is None and route["asked_region"] == region
    assert route["applies_now"] is applies
    assert report.facts("withdrawal")["cash_out_now"] is cash


def test_relocation_planned_before_retirement_names_the_month_and_suggests_asking():
    report = run(person("beijing", birth="1968-05", original=60), period("2001-04", base=9000),
                 ACCOUNT + plans(relocate="hubei.wuhan"))
    outcome = report.decisions["withdrawal"]
    route = routes(report)["retiree_relocation"]
    assert str(route["when"]) == str(report.facts("retirement")["chosen_date"])
    assert any(o.code == "ask_relocation_rule" for o in outcome.options)


def test_untransferable_is_never_derived_from_the_profile():
    report = run(person("hubei.wuhan"), period("2000-01", base=6000), ACCOUNT)
    route = routes(report)["untransferable"]
    assert route["available"] is True and route["applies_now"] is False


def test_refund_condition_is_recorded_seed_001():
    """seed 001: 余额不足以支付当年度已发生的医疗费用，则不能办理退保手续 — not in the profile, so not decided."""
    report = run(person("hubei.wuhan"), period("2000-01", base=6000), ACCOUNT)
    step = find_steps(report.decisions["withdrawal"].trace, "withdrawal.refund_costs_within_balance")[0]
    assert step.passed is None and step.source == SEED_001
    assert "网络文章" in report.facts("withdrawal")["refund_condition"]


def test_every_route_is_a_traced_step_with_its_parameter():
    report = run(person("jiangsu.xuzhou"), period("2000-01", base=6000), ACCOUNT)
    trace = report.decisions["withdrawal"].trace
    for code in ROUTE_CODES:
        step = find_steps(trace, f"withdrawal.{code}")[0]
        assert any(c.rule == f"param:withdrawal.{code}" for c in step.children)
        assert step.passed in (False, None)  # considered; not applied now


@pytest.mark.parametrize("profile_periods, reason", [
    pytest.param(period("2009-01", insurance="resident_medical"), "resident", id="resident-only-seed000"),
    pytest.param(period("2010-01", mode="pooling_only", status="flexible"), "pooling_only",
                 id="pooling-only-never-had-an-account-seed002"),
    pytest.param(period("2001-01", insurance="pension", status="flexible"), "not_insured", id="pension-only-seed000"),
])
def test_no_account_nothing_to_withdraw(profile_periods, reason):
    report = run(person("hubei.wuhan", "female", "1979-12", 55), profile_periods, plans(emigrate="2025-01"))
    assert report.facts("account_now")["reason"] == reason
    facts = report.facts("withdrawal")
    assert facts["has_funds"] is False and facts["cash_out_now"] is False
    assert "没有" in str(report.decisions["withdrawal"].verdict)


# ---- family mutual aid ----------------------------------------------------------------------------------------

NEAR_RELATIVES = ["spouse", "parents", "children", "siblings", "grandparents", "maternal_grandparents",
                  "grandchildren", "maternal_grandchildren"]

FAMILY_AID = [
    pytest.param(person("jiangsu.xuzhou", birth="1968-05"), period("2011-04", status="flexible", base=4800), "",
                 date(2026, 11, 22), True, NEAR_RELATIVES, id="flexible-with-account-38号-near-relatives"),
    pytest.param(person("beijing", birth="1963-04"), period("2001-04", "2023-03", base=9000), "",
                 date(2026, 11, 22), True, NEAR_RELATIVES, id="retiree-with-account"),
    pytest.param(person("jiangsu.xuzhou", birth="1968-05"), period("2011-04", status="flexible", base=4800), "",
                 date(2023, 6, 1), True, ["spouse", "parents", "children"], id="before-2024-12-09-14号-spouse-parents-children"),
    pytest.param(person("jiangsu.xuzhou", birth="1968-05"), period("2011-04", status="flexible", base=4800), "",
                 date(2020, 6, 1), False, [], id="before-14号-not-in-force"),
    pytest.param(person("liaoning.fuxin", "female", "1979-12", 55), period("2009-01", insurance="resident_medical"),
                 "", date(2026, 11, 22), False, NEAR_RELATIVES, id="resident-only-no-account-seed000"),
    pytest.param(person("shaanxi.xian"), period("2012-01", status="flexible", mode="pooling_only"), "",
                 date(2026, 11, 22), False, NEAR_RELATIVES, id="pooling-only-no-account-seed002"),
    pytest.param(person("shaanxi.xian"), period("1997-07", "2011-12") +
                 period("2012-01", status="flexible", mode="pooling_only"),
                 '[account]\nbalance_yuan = 1860.4\nas_of = "2026-09"\n', date(2026, 11, 22), None, NEAR_RELATIVES,
                 id="pooling-only-with-leftover-balance-unknown-seed001"),
]


@pytest.mark.parametrize("who, periods, extra, as_of, available, relatives", FAMILY_AID)
def test_family_aid(who, periods, extra, as_of, available, relatives):
    outcome = run(who, periods, extra, as_of=as_of).decisions["family_aid"]
    assert outcome.facts["available"] is available
    assert [r["code"] for r in outcome.facts["relatives"]] == relatives
    assert outcome.status == {True: "met", False: "not_met", None: "unknown"}[available]


def test_family_aid_relatives_uses_and_exclusions():
    facts = run(person("jiangsu.xuzhou", birth="1968-05"), period("2011-04", status="flexible", base=4800)
                ).facts("family_aid")
    assert [r["zh"] for r in facts["relatives"]] == ["配偶", "父母", "子女", "兄弟姐妹", "祖父母", "外祖父母",
                                                      "孙子女", "外孙子女"]
    assert {u["code"] for u in facts["uses"]} >= {"resident_contributions", "out_of_pocket_hospitals",
                                                  "out_of_pocket_pharmacies"}
    assert {n["code"] for n in facts["not_for"]} == {"public_health", "fitness_wellness"}


def test_family_aid_unknown_while_the_account_is_not_settled():
    """account_now.has_account None (not decided) → available null, never a guess."""
    ctx = Context(make_profile(person("jiangsu.xuzhou", birth="1968-05"), period("2011-04", status="flexible")),
                  date(2026, 11, 22))
    ctx.facts["account_now"] = {"has_account": None, "reason": None}
    outcome = decide_family_aid(ctx)
    assert outcome.facts["available"] is None and outcome.status == "unknown"


def test_family_aid_no_account_suggests_an_account_tier():
    outcome = run(person("liaoning.fuxin", "female", "1979-12", 55),
                  period("2009-01", insurance="resident_medical")).decisions["family_aid"]
    assert any(o.code == "join_with_account" for o in outcome.options)
    assert "居民医保不设个人账户" in str(outcome.verdict)
