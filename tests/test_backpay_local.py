"""Local back-payment rules (一次性补缴): each place's own base, share, rate, pool-only and monthly option, and the
national estimate only where the place has none.

One case per place: the rule's figures with the source id each comes from (checked against the data), what the
base rests on, the rate, and whether the price is an estimate. The person: a man born 1968-03, retiring 2029-01,
insured in the place from 2010-01 on a base of 6,000 yuan (228 months counted), evaluated on 2026-11-22. The
expected price is the rule's formula on the figures the data gives: months short × base × rate.
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import evaluate
from engine.data import policy
from engine.rules.decisions.backpay_rules import BASES, KIND_BASIS, RATE_BASES
from engine.evaluation.questions import questions
from tests.conftest import AS_OF, find_steps, make_profile, period

DEADLINE = date(2029, 1, 1)
OWN_BASE = 6000.0
WAGE = "wage.average_monthly_yuan"


def person(region: str) -> str:
    return f'sex = "male"\nbirth = "1968-03"\nregion = "{region}"'


def insured(status: str = "employed", base: bool = True) -> str:
    text = period("employee_medical", "2010-01", status=status)
    return text.replace("\nstatus", "\nbase_yuan = 6000\nstatus") if base else text


def backpay(region: str, status: str = "employed", extra: str = ""):
    report = evaluate(make_profile(person(region), insured(status), extra), as_of=AS_OF)
    return report, report.decisions["backpay"]


def wage_of(region: str) -> float:
    return float(policy.lookup(WAGE, region, DEADLINE).value)


def source_of(region: str, name: str) -> str:
    return policy.lookup(name, region, DEADLINE).source_id


def case(region, status, *, figures, base, basis, rule, rate, rate_basis, estimate, to_pool=None, monthly=None):
    """``figures``: {parameter: (value, source id)} the place's own rule gives; ``base``: how to get the base from the
    data (a callable); the rest: what the facts must say."""
    return pytest.param(region, status, figures, base, basis, rule, rate, rate_basis, estimate, to_pool, monthly,
                        id=f"{region}-{status}-" + ("-".join(sorted({sid for _, sid in figures.values()}))
                                                    or "no-local-rule"))


CASES = [
    # 苏州市社会基本医疗保险管理办法 第四十一条: 月平均工资×6%×不足月数, 全部计入统筹基金; Suzhou's own average wage
    # is not in the data: Jiangsu's stands in (估算)
    case("jiangsu.suzhou", "employed",
         figures={"medical.backpay_base_kind": ("backpay.local_average_wage", "suzhou_measures"),
                  "medical.backpay_rate": (0.06, "suzhou_measures"),
                  "medical.backpay_to_pool_only": (True, "suzhou_measures")},
         base=lambda: wage_of("jiangsu"), basis="province_average_wage", rule="local_average_wage", rate=0.06,
         rate_basis="region", estimate=True, to_pool=True),
    # Shenyang: 上年度全市职工平均工资×8%, 全部计入统筹基金; Liaoning's wage stands in for Shenyang's
    case("liaoning.shenyang", "employed",
         figures={"medical.backpay_base_kind": ("backpay.local_average_wage", "shenyang_notice"),
                  "medical.backpay_rate": (0.08, "shenyang_notice"),
                  "medical.backpay_to_pool_only": (True, "shenyang_notice")},
         base=lambda: wage_of("liaoning"), basis="province_average_wage", rule="local_average_wage", rate=0.08,
         rate_basis="region", estimate=True, to_pool=True),
    # Nanjing: 最后一个月本人缴费基数×9%×不足月数: the person's own base, no estimate
    case("jiangsu.nanjing", "employed",
         figures={"medical.backpay_base_kind": ("backpay.own_last_base", "nanjing_ccschy"),
                  "medical.backpay_rate": (0.09, "nanjing_ccschy")},
         base=lambda: OWN_BASE, basis="own_base", rule="own_base", rate=0.09, rate_basis="region", estimate=False),
    # Zhengzhou: 最后一个月本人缴费基数×5.6%
    case("henan.zhengzhou", "employed",
         figures={"medical.backpay_base_kind": ("backpay.own_last_base", "jiusong_5438328"),
                  "medical.backpay_rate": (0.056, "jiusong_5438328")},
         base=lambda: OWN_BASE, basis="own_base", rule="own_base", rate=0.056, rate_basis="region", estimate=False),
    # Hefei: 全省社平工资×6.5%: Anhui's own wage is the figure the rule names
    case("anhui.hefei", "employed",
         figures={"medical.backpay_base_kind": ("backpay.provincial_average_wage", "hefei_pages"),
                  "medical.backpay_rate": (0.065, "hefei_pages")},
         base=lambda: wage_of("anhui"), basis="province_average_wage", rule="province_average_wage", rate=0.065,
         rate_basis="region", estimate=False),
    # Changsha: 全省职工平均工资的60%; the local rate is not in the data: employer + individual stand in (估算);
    # 长沙市职工基本医疗保险管理办法: 或按月缴至年满
    case("hunan.changsha", "employed",
         figures={"medical.backpay_base_kind": ("backpay.provincial_average_wage", "changsha_backpay_base"),
                  "medical.backpay_base_fraction": (0.6, "changsha_backpay_base"),
                  "medical.backpay_monthly_allowed": (True, "changsha_measures")},
         base=lambda: round(wage_of("hunan") * 0.6, 2), basis="province_average_wage", rule="province_average_wage",
         rate=0.08, rate_basis="employer_plus_individual", estimate=True, monthly=True),
    # Changchun: 补缴按本人工资，单位7%、个人2%: the person's base stands in for the wage (估算)
    case("jilin.changchun", "employed",
         figures={"medical.backpay_base_kind": ("backpay.own_wage", "jiusong_4584299"),
                  "medical.backpay_rate": (0.09, "jiusong_4584299")},
         base=lambda: OWN_BASE, basis="own_base", rule="own_wage", rate=0.09, rate_basis="region", estimate=True),
    # Chongqing: 补缴基数为用人单位上年度平均缴费基数: not known here; the person's base stands in, and no local rate
    case("chongqing", "employed",
         figures={"medical.backpay_base_kind": ("backpay.employer_average_base", "jiusong_5884210")},
         base=lambda: OWN_BASE, basis="own_base", rule="employer_average_base", rate=0.08,
         rate_basis="employer_plus_individual", estimate=True),
    # Tianjin: a rate of its own (7.5%), no base rule: the national estimate of the base (Tianjin's average wage)
    case("tianjin", "employed",
         figures={"medical.backpay_rate": (0.075, "jiusong_4798709")},
         base=lambda: wage_of("tianjin"), basis="average_wage", rule=None, rate=0.075, rate_basis="region",
         estimate=True),
    # Kunming: 灵活就业人员按5%补缴 (flexible workers only); no average wage for Yunnan: the person's base (估算)
    case("yunnan.kunming", "flexible",
         figures={"medical.backpay_rate_flexible": (0.05, "kunming_pages")},
         base=lambda: OWN_BASE, basis="own_base", rule=None, rate=0.05, rate_basis="region_flexible", estimate=True),
    case("yunnan.kunming", "employed", figures={},
         base=lambda: OWN_BASE, basis="own_base", rule=None, rate=0.08, rate_basis="employer_plus_individual",
         estimate=True),
    # Shenzhen (深医保规〔2022〕3号): 上上年度全市职工平均工资 … 按月或一次性缴费; Guangdong's wage stands in for the
    # city's, and the local rate is not in the data
    case("guangdong.shenzhen", "employed",
         figures={"medical.backpay_base_kind": ("backpay.local_average_wage_two_years_before", "shenzhen_measures"),
                  "medical.backpay_monthly_allowed": (True, "shenzhen_measures")},
         base=lambda: float(policy.lookup(WAGE, "guangdong", date(2028, 1, 1)).value), basis="province_average_wage",
         rule="local_average_wage_two_years_before", rate=0.08, rate_basis="employer_plus_individual",
         estimate=True, monthly=True),
    # Xuzhou: no rule of its own: 北京市基本医疗保险规定 第十一条's employer + individual (国发〔1998〕44号 6% + 2%) on
    # Jiangsu's average wage, the national estimate
    case("jiangsu.xuzhou", "employed", figures={},
         base=lambda: wage_of("jiangsu"), basis="average_wage", rule=None, rate=0.08,
         rate_basis="employer_plus_individual", estimate=True),
]


@pytest.mark.parametrize("region, status, figures, base, basis, rule, rate, rate_basis, estimate, to_pool, monthly",
                         CASES)
def test_each_places_rule(region, status, figures, base, basis, rule, rate, rate_basis, estimate, to_pool, monthly):
    for name, (value, sid) in figures.items():
        found = policy.lookup(name, region, DEADLINE)
        assert (found.value, found.source_id, found.region) == (value, sid, region), name
    report, out = backpay(region, status)
    f = out.facts
    short = report.facts("medical_years")["shortfall_months"]
    assert f.needed is True and short == f.shortfall_months > 0
    assert (f.base_basis, f.base_rule, f.rate_basis) == (basis, rule, rate_basis)
    assert f.base_basis in BASES and f.rate_basis in RATE_BASES and (rule is None or rule in KIND_BASIS.values())
    assert f.base_yuan == pytest.approx(base()) and f.rate == pytest.approx(rate)
    assert f.price_yuan == pytest.approx(round(short * base() * rate, 2))
    # 深医保规〔2022〕3号: paying monthly after legal age is on the city's average wage of two years before, at the
    # higher tier's employer rate: figures not in the data, so the monthly amount is unknown there
    if policy.lookup("medical.after_age_monthly_at_average_wage", region, DEADLINE).value:
        assert f.monthly_alternative_yuan is None
    else:
        assert f.monthly_alternative_yuan == pytest.approx(round(base() * rate, 2))
    assert f.price_is_estimate is estimate
    assert (f.to_pool_only, f.monthly_allowed) == (to_pool, monthly)
    zh, en = out.verdict_text("zh"), out.verdict_text("en")
    assert ("估算" in zh) is estimate and ("an estimate" in en) is estimate
    my = report.facts("medical_years")
    # medical years gives the price only where it is not an estimate, and names the missing figure otherwise
    assert my["backpay_estimate_yuan"] == (None if estimate else f.price_yuan)
    assert (my["backpay_missing"] is None) is (not estimate)


def test_suzhou_a_man_short_of_years_pays_6_percent_of_the_average_wage_all_to_the_pool():
    """苏州市社会基本医疗保险管理办法 第四十一条 (suzhou_measures): "月平均工资×6%×不足月数……一次性缴纳的费用全部计入统筹
    基金". Suzhou's average wage is not in the data: the price is an estimate on Jiangsu's (cn_tax_social), said in
    words, and the city's wage is among the questions to ask; the pool-only rule is said in words."""
    assert source_of("jiangsu.suzhou", "medical.backpay_rate") == "suzhou_measures"
    assert policy.lookup(WAGE, "jiangsu.suzhou", DEADLINE).region == "jiangsu"  # the city's own is not in the data
    report, out = backpay("jiangsu.suzhou")
    f = out.facts
    my = report.facts("medical_years")
    assert my["required_months"] == 360 and my["counted_months"] == 228 and f.shortfall_months == 132
    assert f.price_yuan == round(132 * wage_of("jiangsu") * 0.06, 2) and f.price_is_estimate is True
    assert f.to_pool_only is True and f.base_region == "jiangsu"
    zh, en = out.verdict_text("zh"), out.verdict_text("en")
    assert "全部计入统筹基金，不计入个人账户" in zh and "adds nothing to your personal account" in en
    assert "用江苏省的职工月平均工资代替" in zh and "the average monthly wage of Jiangsu stands in" in en
    assert any("当地职工月平均工资" in q for q in questions(report, "zh"))
    wage_step = find_steps(out.trace, "backpay.base.wage")[0]
    assert wage_step.key == "stand_in" and wage_step.inputs["missing_figure"] == WAGE


def test_suzhou_with_the_city_average_wage_known_is_no_estimate():
    """The user's own figure for Suzhou's average wage: the rule's own base, so the price is not an estimate."""
    report, out = backpay("jiangsu.suzhou", extra='[policy_overrides]\n"wage.average_monthly_yuan" = 10000\n')
    f = out.facts
    assert (f.base_basis, f.base_yuan, f.rate) == ("local_average_wage", 10000.0, 0.06)
    assert f.price_yuan == round(f.shortfall_months * 10000 * 0.06, 2) and f.price_is_estimate is False
    assert report.facts("medical_years")["backpay_estimate_yuan"] == f.price_yuan
    assert "估算" not in out.verdict_text("zh")


def test_a_place_with_a_base_of_its_own_is_priced_on_it_before_any_rule():
    """北京市基本医疗保险规定 第十一条 with the user's base: the base wins over Suzhou's rule of the average wage, and
    the local 6% still applies."""
    _, out = backpay("jiangsu.suzhou", extra='[policy_overrides]\n"medical.backpay_base_yuan" = 7000\n')
    f = out.facts
    assert (f.base_basis, f.base_yuan, f.rate, f.price_is_estimate) == ("user", 7000.0, 0.06, False)


def test_the_monthly_option_says_what_the_place_allows():
    """深医保规〔2022〕3号 "按月或一次性缴费" (shenzhen_measures): monthly is allowed in Shenzhen; Xuzhou does not say."""
    _, shenzhen = backpay("guangdong.shenzhen")
    _, xuzhou = backpay("jiangsu.xuzhou")
    monthly = {o.code: o for o in shenzhen.options}["keep_paying_monthly"]
    assert "当地规定允许退休后按月缴费至年满" in monthly.detail_text("zh")
    assert "allows paying monthly" in monthly.detail_text("en")
    other = {o.code: o for o in xuzhou.options}["keep_paying_monthly"]
    assert "请向医保经办机构确认" in other.detail_text("zh")


def test_a_price_is_known_an_estimate_or_unknown_never_two(monkeypatch):
    """No base at all (no wage, no base of the person's): the price is unknown, and not an estimate."""
    real = policy.lookup

    def lookup(name, region, at, folders=None):
        if name == WAGE:
            return policy.ParamValue(name, None, "national", None, "assumed")
        return real(name, region, at, folders)

    monkeypatch.setattr(policy, "lookup", lookup)
    report = evaluate(make_profile(person("jiangsu.suzhou"), insured(base=False)), as_of=AS_OF)
    f = report.decisions["backpay"].facts
    assert f.price_yuan is None and f.price_is_estimate is False and f.base_yuan is None
    assert report.facts("medical_years")["backpay_missing"] == WAGE
