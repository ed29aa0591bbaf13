"""Third round of region data: the corrections, the 30 largest cities, retiree credits, when a figure applies
versus when it was read (``read_on``), and sources shown by their document with the page read.

One case per figure encoded: the place, the parameter, the day asked about, the value, the confidence and the
source it names. A figure kept as a disagreeing source (``alternative``) is found beside the one used."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from engine import evaluate, parse_profile
from engine.data import policy
from engine.data.policy import PolicyError, parse_region_file
from engine.evaluation.questions import questions
from engine.words.render import verify_lines
from engine.core.trace import Source, Step
from engine.words.trace import view
from tests.conftest import ROOT
from tui.screens.verify import verify_markdown

Y = "medical.min_years."
D26 = date(2026, 7, 1)


def case(region, name, at, value, confidence, source, *, used=True):
    """A figure: ``used`` is False for a disagreeing source kept beside the one the verdict uses."""
    kind = "used" if used else "beside"
    return pytest.param(region, name, at, value, confidence, source, used,
                        id=f"{region}-{name.split('.', 1)[1]}-{at.isoformat()}-{source}-{kind}")


FIGURES = [
    # §1 corrections
    case("shandong", Y + "male", D26, 30, "unverified", "yicai_shandong_2022"),
    case("shandong", Y + "female", D26, 25, "unverified", "yicai_shandong_2022"),
    case("shandong.jinan", Y + "male", D26, 30, "unverified", "yicai_shandong_2022"),
    case("shandong.linyi", Y + "female", D26, 25, "unverified", "yicai_shandong_2022"),
    case("shandong.qingdao", Y + "male", D26, 30, "unverified", "qingdao_ybj_reply"),
    case("shandong.qingdao", Y + "female", D26, 25, "unverified", "qingdao_ybj_reply"),
    case("shandong.qingdao", Y + "male", date(2025, 6, 1), 25, "unverified", "depponfx_687054"),
    case("shandong.qingdao", Y + "female", date(2025, 6, 1), 20, "unverified", "depponfx_687054"),
    case("jiangsu.xuzhou", Y + "male", date(2005, 1, 1), 25, "seed", "seed_001"),
    case("jiangsu.xuzhou", Y + "female", date(2005, 1, 1), 20, "seed", "seed_001"),
    case("jiangsu.xuzhou", "medical.min_actual_years", date(2005, 1, 1), 10, "seed", "seed_001"),
    case("jiangsu.xuzhou", Y + "male", D26, 25, "secondary", "xuzhou_hrss_reply"),
    case("shanghai", Y + "male", date(2025, 6, 1), 15, "official", "shanghai_ybj_retiree_2026"),
    case("shanghai", Y + "female", date(2025, 6, 1), 15, "official", "shanghai_ybj_retiree_2026"),
    case("shanghai", "medical.flexible_rate.with_account", date(2025, 6, 1), 0.10, "official",
         "shanghai_rsj_flex_rates"),
    case("shanghai", "medical.flexible_rate.with_account", D26, 0.11, "unverified", "shanghai_flex_rate_2026"),
    case("sichuan", "medical.min_base_yuan", D26, None, "secondary", "cn_tax_social"),
    case("sichuan", "medical.max_base_yuan", D26, None, "secondary", "cn_tax_social"),
    case("sichuan", "wage.average_monthly_yuan", D26, 7831, "secondary", "cn_tax_social"),
    case("sichuan", "wage.average_monthly_yuan", date(2025, 6, 1), 7646, "official", "sichuan_2025_39"),
    case("sichuan", Y + "male", D26, 30, "unverified", "jiusong_5023579"),
    case("sichuan", Y + "female", D26, 25, "unverified", "jiusong_5023579"),
    case("sichuan", "medical.min_local_years", D26, 15, "unverified", "jiusong_5023579"),
    case("sichuan.chengdu", Y + "male", D26, 30, "unverified", "jiusong_5023579"),
    case("sichuan.chengdu", Y + "female", D26, 25, "unverified", "jiusong_5023579"),
    case("sichuan.chengdu", Y + "male", D26, 25, "unverified", "jiusong_chengdu", used=False),
    case("sichuan.chengdu", Y + "female", D26, 20, "unverified", "jiusong_chengdu", used=False),
    case("hunan", "medical.min_base_yuan", date(2026, 11, 1), 4106, "secondary", "cn_tax_social"),
    case("hunan", "medical.max_base_yuan", date(2026, 11, 1), 20529, "secondary", "cn_tax_social"),
    case("beijing", "medical.min_actual_years", D26, 10, "unverified", "beijing_reg_qa"),
    case("beijing", Y + "male", D26, 25, "secondary", "beijing_reg_2001"),
    case("hubei.wuhan", "withdrawal.emigration", D26, True, "unverified", "withdrawal_local"),
    case("hubei.wuhan", "withdrawal.untransferable", D26, True, "unverified", "withdrawal_local"),
    case("hubei.wuhan", "withdrawal.emigration_apply_after_months", D26, 2, "unverified", "withdrawal_local"),
    case("guangdong", Y + "male", date(2030, 3, 1), 30, "official", "guangdong_2022_6"),
    case("guangdong", Y + "female", date(2030, 3, 1), 25, "official", "guangdong_2022_6"),
    case("guangdong", "medical.min_local_years", D26, 10, "official", "guangdong_2022_6"),
    case("guangdong", "medical.local_scope", D26, "city", "official", "guangdong_2022_6"),
    case("yunnan", "wage.average_monthly_yuan", D26, None, "secondary", "cn_tax_social"),
    # §2 cities
    case("guangdong.shenzhen", Y + "male", date(2022, 6, 1), 23, "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", Y + "female", date(2023, 6, 1), 24, "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", Y + "male", D26, 25, "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", Y + "female", D26, 25, "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", Y + "male", date(2030, 3, 1), 30, "official", "guangdong_2022_6"),
    case("guangdong.shenzhen", Y + "female", date(2030, 3, 1), 25, "official", "guangdong_2022_6"),
    case("guangdong.shenzhen", "medical.min_local_years", D26, 15, "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", "medical.min_local_years", D26, 10, "official", "guangdong_2022_6", used=False),
    case("guangdong.shenzhen", "medical.backpay_base_kind", D26, "backpay.local_average_wage_two_years_before",
         "unverified", "shenzhen_measures"),
    case("guangdong.shenzhen", "medical.min_top_tier_years", D26, 10, "unverified", "shenzhen_measures"),
    case("jiangsu.suzhou", Y + "male", D26, 30, "unverified", "suzhou_measures"),
    case("jiangsu.suzhou", Y + "female", D26, 25, "unverified", "suzhou_measures"),
    case("jiangsu.suzhou", "medical.min_local_years_if_transferred_in", D26, 10, "unverified", "suzhou_measures"),
    case("jiangsu.suzhou", "medical.backpay_base_kind", D26, "backpay.local_average_wage", "unverified",
         "suzhou_measures"),
    case("jiangsu.suzhou", "medical.backpay_rate", D26, 0.06, "unverified", "suzhou_measures"),
    case("jiangsu.suzhou", "medical.backpay_to_pool_only", D26, True, "unverified", "suzhou_measures"),
    case("jiangsu.suzhou", "medical.deemed_until", D26, "2002-07-01", "unverified", "suzhou_measures"),
    case("jiangsu.nanjing", Y + "male", D26, 25, "unverified", "nanjing_ccschy"),
    case("jiangsu.nanjing", Y + "female", D26, 20, "unverified", "nanjing_ccschy"),
    case("jiangsu.nanjing", "medical.min_actual_years", D26, 10, "unverified", "nanjing_ccschy"),
    case("jiangsu.nanjing", "medical.backpay_base_kind", D26, "backpay.own_last_base", "unverified", "nanjing_ccschy"),
    case("jiangsu.nanjing", "medical.backpay_rate", D26, 0.09, "unverified", "nanjing_ccschy"),
    case("heilongjiang.haerbin", Y + "male", D26, 30, "unverified", "haerbin_order_146"),
    case("heilongjiang.haerbin", Y + "female", D26, 25, "unverified", "haerbin_order_146"),
    case("heilongjiang.haerbin", "medical.min_actual_years", D26, 10, "unverified", "haerbin_order_146"),
    case("heilongjiang.haerbin", "medical.min_actual_years_flexible", D26, 15, "unverified", "haerbin_order_146"),
    case("hunan.changsha", Y + "male", D26, 30, "unverified", "changsha_measures"),
    case("hunan.changsha", Y + "female", D26, 25, "unverified", "changsha_measures"),
    case("hunan.changsha", "medical.deemed_until", D26, "2003-01-01", "unverified", "changsha_measures"),
    case("hunan.changsha", "medical.min_local_years", date(2025, 6, 1), 12, "unverified", "jiusong_8006130"),
    case("hunan.changsha", "medical.min_local_years", date(2025, 6, 1), 10, "unverified", "changsha_measures",
         used=False),
    case("hunan.changsha", "medical.backpay_base_kind", D26, "backpay.provincial_average_wage", "unverified",
         "changsha_backpay_base"),
    case("hunan.changsha", "medical.backpay_base_fraction", D26, 0.6, "unverified", "changsha_backpay_base"),
    case("liaoning.shenyang", Y + "male", D26, 30, "unverified", "shenyang_notice"),
    case("liaoning.shenyang", Y + "male", D26, 25, "unverified", "shenyang_notice", used=False),
    case("liaoning.shenyang", Y + "female", D26, 25, "unverified", "shenyang_notice"),
    case("liaoning.shenyang", "medical.min_actual_years", date(2018, 6, 1), None, "unverified", "shenyang_notice"),
    case("liaoning.shenyang", "medical.min_actual_years", D26, 10, "unverified", "shenyang_notice"),
    case("liaoning.shenyang", "medical.backpay_base_kind", D26, "backpay.local_average_wage", "unverified",
         "shenyang_notice"),
    case("liaoning.shenyang", "medical.backpay_rate", D26, 0.08, "unverified", "shenyang_notice"),
    case("liaoning.shenyang", "medical.backpay_to_pool_only", D26, True, "unverified", "shenyang_notice"),
    case("chongqing", Y + "male", D26, 30, "unverified", "jiusong_5376476"),
    case("chongqing", "medical.min_local_years", D26, 10, "unverified", "jiusong_5884210"),
    case("chongqing", "medical.backpay_base_kind", D26, "backpay.employer_average_base", "unverified",
         "jiusong_5884210"),
    case("hubei.wuhan", Y + "male", D26, 30, "unverified", "jiusong_5376476"),
    case("hubei.wuhan", "medical.min_local_years", D26, 10, "unverified", "kidbbs_1366562"),
    case("shaanxi.xian", Y + "male", D26, 30, "unverified", "jiusong_6913532"),
    case("shaanxi.xian", Y + "female", D26, 25, "unverified", "jiusong_6913532"),
    case("shaanxi.xian", "medical.min_actual_years", date(2016, 6, 1), 10, "unverified", "jiusong_6913532"),
    case("shaanxi.xian", "medical.min_actual_years", date(2018, 6, 1), 12, "unverified", "jiusong_6913532"),
    case("shaanxi.xian", "medical.min_actual_years", D26, 15, "unverified", "jiusong_6913532"),
    case("henan.zhengzhou", Y + "male", D26, 25, "unverified", "jiusong_5438328"),
    case("henan.zhengzhou", Y + "female", D26, 20, "unverified", "jiusong_5438328"),
    case("henan.zhengzhou", "medical.min_actual_years", D26, 10, "unverified", "jiusong_5438328"),
    case("henan.zhengzhou", "medical.backpay_base_kind", D26, "backpay.own_last_base", "unverified",
         "jiusong_5438328"),
    case("henan.zhengzhou", "medical.backpay_rate", D26, 0.056, "unverified", "jiusong_5438328"),
    case("hebei.shijiazhuang", Y + "male", D26, 30, "unverified", "jiusong_shijiazhuang"),
    case("hebei.shijiazhuang", Y + "female", D26, 25, "unverified", "jiusong_shijiazhuang"),
    case("hebei.shijiazhuang", Y + "male", D26, 25, "unverified", "jiusong_shijiazhuang", used=False),
    case("hebei.shijiazhuang", Y + "female", D26, 20, "unverified", "jiusong_shijiazhuang", used=False),
    case("hebei.shijiazhuang", "medical.min_actual_years", D26, 15, "unverified", "jiusong_shijiazhuang"),
    case("hebei.shijiazhuang", "medical.min_actual_years", D26, 10, "unverified", "jiusong_shijiazhuang",
         used=False),
    case("guangdong.dongguan", Y + "male", D26, 25, "unverified", "jiusong_6182592"),
    case("guangdong.dongguan", Y + "female", D26, 25, "unverified", "jiusong_6182592"),
    case("guangdong.dongguan", "medical.min_actual_years", D26, 10, "unverified", "jiusong_6182592"),
    case("guangdong.dongguan", Y + "male", date(2030, 3, 1), 30, "official", "guangdong_2022_6"),
    case("guangdong.foshan", Y + "male", D26, 25, "unverified", "zhuanguanjia_foshan"),
    case("guangdong.foshan", Y + "female", D26, 25, "unverified", "zhuanguanjia_foshan"),
    case("guangdong.foshan", "medical.min_local_years_if_transferred_in", D26, 10, "unverified",
         "zhuanguanjia_foshan"),
    case("guangdong.foshan", Y + "female", date(2030, 3, 1), 25, "official", "guangdong_2022_6"),
    case("anhui.hefei", Y + "male", D26, 30, "unverified", "hefei_pages"),
    case("anhui.hefei", Y + "female", D26, 25, "unverified", "hefei_pages"),
    case("anhui.hefei", Y + "male", D26, 25, "unverified", "hefei_pages", used=False),
    case("anhui.hefei", Y + "female", D26, 20, "unverified", "hefei_pages", used=False),
    case("anhui.hefei", "medical.min_actual_years", D26, 15, "unverified", "hefei_pages"),
    case("anhui.hefei", "medical.min_actual_years", D26, 10, "unverified", "hefei_pages", used=False),
    case("anhui.hefei", "medical.backpay_base_kind", D26, "backpay.provincial_average_wage", "unverified",
         "hefei_pages"),
    case("anhui.hefei", "medical.backpay_rate", D26, 0.065, "unverified", "hefei_pages"),
    case("yunnan.kunming", Y + "male", D26, 30, "unverified", "kunming_pages"),
    case("yunnan.kunming", Y + "female", D26, 25, "unverified", "kunming_pages"),
    case("yunnan.kunming", "medical.min_actual_years_flexible", D26, 15, "unverified", "kunming_pages"),
    case("yunnan.kunming", "medical.min_local_years", D26, 10, "unverified", "kunming_pages"),
    case("yunnan.kunming", "medical.backpay_rate_flexible", D26, 0.05, "unverified", "kunming_pages"),
    case("yunnan.kunming", "account.retiree_monthly_yuan", D26, 106, "unverified", "kunming_pages"),
    case("guangxi.nanning", Y + "male", D26, 25, "unverified", "nanning_pages"),
    case("guangxi.nanning", Y + "female", D26, 20, "unverified", "nanning_pages"),
    case("guangxi.nanning", "medical.min_actual_years", D26, 5, "unverified", "nanning_pages"),
    case("jilin.changchun", Y + "male", D26, 30, "unverified", "jiusong_4584299"),
    case("jilin.changchun", Y + "female", D26, 25, "unverified", "jiusong_4584299"),
    case("jilin.changchun", "medical.backpay_base_kind", D26, "backpay.own_wage", "unverified", "jiusong_4584299"),
    case("jilin.changchun", "medical.backpay_rate", D26, 0.09, "unverified", "jiusong_4584299"),
    case("fujian.fuzhou", Y + "male", D26, 25, "unverified", "juanbaike_fuzhou"),
    case("fujian.fuzhou", Y + "female", D26, 25, "unverified", "juanbaike_fuzhou"),
    case("fujian.fuzhou", "medical.min_actual_years_flexible", D26, 10, "unverified", "juanbaike_fuzhou"),
    case("zhejiang.hangzhou", Y + "male", D26, 20, "official", "zhejiang_reg"),
    case("zhejiang.hangzhou", "medical.min_local_years", D26, 10, "unverified", "hangzhou_pages"),
    case("zhejiang.hangzhou", "medical.min_actual_years", D26, 15, "unverified", "hangzhou_pages"),
    case("tianjin", Y + "male", D26, 30, "unverified", "jiusong_5023579"),
    case("tianjin", Y + "male", D26, 25, "unverified", "jiusong_4798709", used=False),
    case("tianjin", "medical.backpay_rate", D26, 0.075, "unverified", "jiusong_4798709"),
    # retiree credits (Beijing, Kunming above)
    case("beijing", "account.retiree_monthly_yuan", D26, 100, "secondary", "beijing_account_2022"),
    case("beijing", "account.retiree_monthly_yuan_from_70", D26, 110, "secondary", "beijing_account_2022"),
]


@pytest.mark.parametrize("region, name, at, value, confidence, source, used", FIGURES)
def test_each_figure_with_its_source(region, name, at, value, confidence, source, used):
    found = policy.lookup(name, region, at)
    if used:
        assert (found.value, found.confidence, found.source_id) == (value, confidence, source)
        # shown by its document, with where to find it (a web article's address was never recorded)
        assert found.source and (found.ref or found.source_id.startswith("seed_"))
    else:  # kept beside the one used, from its own source
        beside = [(a.value, a.confidence, a.source_id) for a in found.alternatives]
        assert (value, confidence, source) in beside and found.value != value


def test_a_page_that_could_not_be_read_again_is_at_most_unverified_and_says_so():
    """Every figure of the new places comes from pages the research notes read; none could be read again here."""
    new = ["jiangsu.suzhou", "jiangsu.nanjing", "heilongjiang.haerbin", "hunan.changsha", "liaoning.shenyang",
           "henan.zhengzhou", "hebei.shijiazhuang", "guangdong.dongguan", "guangdong.foshan", "anhui.hefei",
           "yunnan.kunming", "guangxi.nanning", "jilin.changchun", "fujian.fuzhou", "zhejiang.hangzhou",
           "sichuan.chengdu"]
    for region in new:
        for entries in policy.region_data(region).params.values():
            for _, v in entries:
                if v.source_id == "guangdong_2022_6":
                    continue  # read in Socila's verbatim excerpt, with the official address
                assert v.confidence == "unverified", (region, v.name)
                assert "调研笔记" in v.note and "research notes" in v.note_en, (region, v.name)


# --- the 30 largest cities -----------------------------------------------------------------------------------------
CITIES = ["beijing", "shanghai", "guangdong.guangzhou", "guangdong.shenzhen", "jiangsu.suzhou", "jiangsu.nanjing",
          "heilongjiang.haerbin", "hunan.changsha", "liaoning.shenyang", "shandong.qingdao", "shandong.jinan",
          "shandong.linyi", "chongqing", "sichuan.chengdu", "hubei.wuhan", "shaanxi.xian", "henan.zhengzhou",
          "hebei.shijiazhuang", "guangdong.dongguan", "guangdong.foshan", "anhui.hefei", "yunnan.kunming",
          "guangxi.nanning", "jilin.changchun", "fujian.fuzhou", "zhejiang.hangzhou", "tianjin", "fujian.quanzhou",
          "zhejiang.ningbo", "zhejiang.wenzhou"]


def test_at_least_28_of_the_30_largest_cities_answer():
    at = date(2026, 12, 1)
    answered = [c for c in CITIES
                if policy.lookup(Y + "male", c, at).known and policy.lookup(Y + "female", c, at).known]
    assert len(CITIES) == 30 and len(answered) >= 28, sorted(set(CITIES) - set(answered))


def test_a_man_retiring_in_qingdao_in_2026_needs_30_years():
    profile = parse_profile('schema = 1\nname = "青岛"\n[person]\nsex = "male"\nbirth = "1966-03"\n'
                            'region = "shandong.qingdao"\n[[periods]]\ninsurance = "employee_medical"\n'
                            'start = "1999-01"\n')
    facts = evaluate(profile, as_of=date(2026, 1, 15)).facts("medical_years")
    assert facts["horizon"].year == 2026 and facts["required_months"] == 360


def test_jiangsu_has_no_province_figure_but_xuzhou_and_suzhou_have_theirs():
    at = date(2026, 12, 1)
    assert not policy.lookup(Y + "male", "jiangsu", at).known
    assert not policy.lookup(Y + "male", "jiangsu.wuxi", at).known  # another city: unknown, not Xuzhou's
    assert policy.lookup(Y + "male", "jiangsu.xuzhou", at).value == 25
    assert policy.lookup(Y + "male", "jiangsu.suzhou", at).value == 30


def test_the_sichuan_draft_says_it_is_a_draft():
    for sex in ("male", "female"):
        found = policy.lookup(Y + sex, "sichuan", D26)
        assert "征求意见稿" in found.source and "征求意见稿" in found.note and "draft" in found.note_en


def test_one_sichuan_average_wage_a_day():
    days = [since for since, _ in policy.region_data("sichuan").params["wage.average_monthly_yuan"]]
    assert len(days) == len(set(days))


def test_yunnan_is_listed_with_its_data():
    out = subprocess.run([sys.executable, "-m", "tui", "regions", "--format", "json"], capture_output=True,
                         text=True, cwd=ROOT)
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["yunnan"]["summary"] and rows["yunnan"]["sourcing"]["unknown"] == 1
    assert rows["yunnan.kunming"]["sourcing"]["unverified"] >= 6


# --- when a figure applies, and when it was read --------------------------------------------------------------------
def test_a_value_applies_from_its_rule_and_keeps_the_day_it_was_read():
    found = policy.lookup(Y + "male", "shanghai", date(2025, 6, 1))
    assert found.effective_from == "2010-01-01" and found.read_on == "2026-09-11"
    assert found.ref.startswith("https://ybj.sh.gov.cn/") and "Jan-mx/Socila" in found.read_at


@pytest.mark.parametrize("read_on, at, stale", [
    pytest.param("2026-09-11", date(2028, 9, 10), False, id="a-day-short-of-two-years"),
    pytest.param("2026-09-11", date(2028, 9, 11), True, id="two-years-to-the-day"),
    pytest.param("2024-02-29", date(2026, 2, 28), False, id="leap-day-not-yet"),
    pytest.param("2024-02-29", date(2026, 3, 1), True, id="leap-day-two-years-on"),
    pytest.param(None, date(2040, 1, 1), False, id="not-known-when-read"),
])
def test_stale(read_on, at, stale):
    assert policy.stale(read_on, at) is stale


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", 20260911])
def test_a_bad_read_on_fails_loudly(tmp_path, value):
    path = tmp_path / "shanghai.toml"
    text = value if isinstance(value, int) else f'"{value}"'
    path.write_text('id = "shanghai"\n[[param]]\nname = "medical.min_years.male"\nfrom = "2010-01-01"\nvalue = 15\n'
                    f'confidence = "official"\nsource = "shanghai_ybj_retiree_2026"\nread_on = {text}\n',
                    encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        parse_region_file(path)
    assert err.value.message.id == "bad_read_on"


SHANGHAI_MAN = ('schema = 1\nname = "上海"\n[person]\nsex = "male"\nbirth = "1966-03"\nregion = "shanghai"\n'
                '[[periods]]\ninsurance = "employee_medical"\nstart = "1990-01"\n')


def test_a_figure_read_two_years_ago_is_flagged_to_verify():
    profile = parse_profile(SHANGHAI_MAN)
    fresh = evaluate(profile, as_of=date(2026, 12, 1))
    old = evaluate(profile, as_of=date(2028, 10, 1))
    assert not [e for e in fresh.to_verify() if e["name"] == Y + "male"]  # official and read recently
    entry = next(e for e in old.to_verify() if e["name"] == Y + "male")
    assert entry["stale"] and entry["read_on"] == "2026-09-11" and entry["confidence"] == "official"
    assert any("可能已过时" in line and "2026-09-11" in line for line in verify_lines(old, "zh"))
    assert any("may be out of date" in line for line in verify_lines(old, "en"))
    assert any("2026-09-11" in q and "还是这个数" in q for q in questions(old, "zh"))
    assert any("does it still hold" in q for q in questions(old, "en"))


# --- sources people can judge ----------------------------------------------------------------------------------------
def test_a_source_is_shown_by_its_document_then_the_page_read():
    step = Step("param:" + Y + "male", {"region": "shanghai", "confidence": "official", "read_on": "2026-09-11",
                                        "effective_from": "2010-01-01"}, 15,
                source=Source("上海市医保局：职工享受医保待遇的条件", "https://ybj.sh.gov.cn/x.html",
                              "https://github.com/Jan-mx/Socila/blob/c/f.json"))
    zh, en = view(step, "zh").source, view(step, "en").source
    assert zh == ("来源：上海市医保局：职工享受医保待遇的条件（https://ybj.sh.gov.cn/x.html） — 读自 "
                  "https://github.com/Jan-mx/Socila/blob/c/f.json（2026-09-11读取）")
    assert en.endswith("(https://ybj.sh.gov.cn/x.html) — read at https://github.com/Jan-mx/Socila/blob/c/f.json "
                       "on 2026-09-11")


def test_sources_name_their_document_and_the_page_read():
    table = policy.sources()
    assert table["guangdong_2022_6"].number == "粤医保规〔2022〕6号"
    assert policy.source_title("shanghai_2025_7") == "上海市职工基本医疗保险办法实施细则（沪医保规〔2025〕7号）"
    assert table["retirement_2024"].ref.startswith("https://www.gov.cn/")
    assert table["retirement_2024"].page.startswith("https://news.china.com/")
    assert table["jiusong_8006130"].page is None and table["jiusong_8006130"].ref.endswith("8006130.html")


def test_the_verify_screen_flags_a_figure_read_long_ago():
    old = evaluate(parse_profile(SHANGHAI_MAN), as_of=date(2028, 10, 1))
    assert "2026-09-11读到，已满两年：可能已过时" in verify_markdown(old, "zh")
    assert "may be out of date" in verify_markdown(old, "en")
    assert "may be out of date" not in verify_markdown(evaluate(parse_profile(SHANGHAI_MAN), as_of=date(2026, 12, 1)),
                                                        "en")
