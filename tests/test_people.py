"""People the rules used to leave out: foreign employees, family aid by place and date, subsidies and hukou,
Shenzhen's tiers and the reading of resident-insurance break years. Each table names the text it encodes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from engine import ProfileError, dump_profile, evaluate, load_profile, parse_profile
from engine.data.glossary import step_text
from engine.evaluation.compare import parse_scenario, run_scenario
from engine.evaluation.summary import summary
from tests.conftest import AS_OF, EXAMPLES, find_steps, make_profile, period

ANA = EXAMPLES / "shanghai-foreign-employee-woman.toml"
WOMAN_SH = 'sex = "female"\nbirth = "1985-02"\noriginal_retirement_age = 55\nregion = "shanghai"'
ORDER_16 = "人社部令第16号 第六条"
SZ_REPLY = "深医保规〔2022〕3号"


def person(extra: str = "", base: str = WOMAN_SH) -> str:
    return base + ("\n" + extra if extra else "")


# --- the profile: the new keys read, refused in words, and written back --------------------------------------------
def test_keys_left_out_read_as_before():
    profile = make_profile(WOMAN_SH, period("employee_medical", "2016-05"))
    assert profile.person.nationality is None and profile.person.effective_nationality == "CN"
    assert profile.person.hukou is None and not profile.person.foreign
    assert "nationality" not in dump_profile(profile) and "hukou" not in dump_profile(profile)


def test_new_keys_written_back():
    profile = make_profile(person('nationality = "ES"\nhukou = "sichuan.chengdu"'), period("employee_medical", "2016-05"),
                           '[plans]\nflexible_subsidy = true\nrelative_region = "jiangsu.suzhou"')
    assert profile.person.foreign and profile.person.hukou == "sichuan.chengdu"
    assert profile.plans.flexible_subsidy is True and profile.plans.relative_region == "jiangsu.suzhou"
    assert parse_profile(dump_profile(profile)) == profile


def test_cn_is_the_default_and_not_written():
    profile = make_profile(person('nationality = "CN"'))
    assert profile.person.nationality is None and 'nationality' not in dump_profile(profile)


# (case, person lines, field path, words of the Chinese refusal, words of the English one)
REFUSED = [
    ("ISO 3166 codes are written in capitals", 'nationality = "es"', "person.nationality", "大写", "capitals: ES"),
    ("not an ISO 3166 alpha-2 code", 'nationality = "XX"', "person.nationality", "国家代码", "country code"),
    ("a nationality is text", "nationality = 34", "person.nationality", "国籍", "nationality"),
    ("hukou is a region id of the places registry", 'hukou = "atlantis"', "person.hukou", "户籍", "hukou"),
]


@pytest.mark.parametrize("case, lines, field, zh, en", REFUSED, ids=[c[0][:30] for c in REFUSED])
def test_refused_in_words(case, lines, field, zh, en):
    with pytest.raises(ProfileError) as caught:
        make_profile(person(lines))
    assert caught.value.field == field, case
    assert zh in caught.value.message and en in caught.value.en, case
    assert "person." not in caught.value.en  # the field is named in words, not by its path


# --- foreign employees: 人社部令第16号 第六条 ------------------------------------------------------------------------
def withdrawal(profile, as_of: date = AS_OF):
    return evaluate(profile, as_of=as_of).decisions["withdrawal"]


def test_ana_garcia_reads_the_three_answers():
    """第六条 (secondary, as quoted): "外国人在达到规定的领取养老金年龄前离境的，其社会保险个人账户予以保留，再次来
    中国就业的，缴费年限累计计算；经本人书面申请终止社会保险关系的，也可以将其社会保险个人账户储存额一次性支付给本人"."""
    out = withdrawal(load_profile(ANA))
    route = next(r for r in out.facts["routes"] if r["code"] == "foreign_national_leaving")
    assert route["available"] is True and route["confidence"] == "secondary"
    assert str(route["when"]) == "2028-03" and route["applies_now"] is False
    assert out.facts["foreign_national"] is True and out.facts["years_count_on_return"] is True
    assert out.facts["cash_out_now"] is False
    en = out.verdict.text("en")
    for words in ("is kept", "in one sum", "years add up", "does not name the medical account", "Shanghai"):
        assert words in en
    zh = out.verdict.text("zh")
    for words in ("予以保留", "一次性支付", "累计计算", "没有单独提到医保个人账户"):
        assert words in zh
    option = next(o for o in out.options if o.code == "foreign_keep_or_payout")
    assert str(option.deadline) == "2028-03"
    steps = find_steps(out.trace, "withdrawal.foreign_national_leaving.before_pension_age")
    assert steps and ORDER_16 in steps[0].source.title


# (source, nationality, as of, route shown, cash out now)
FOREIGN = [
    (ORDER_16 + ": before leaving, the account stays and nothing is paid out", "ES", date(2026, 12, 6), True, False),
    (ORDER_16 + ": after leaving, the balance may be paid out on written request", "ES", date(2028, 6, 1), True, True),
    ("a Chinese national keeps today's routes only", None, date(2026, 12, 6), False, False),
    ("Hong Kong residents insure under their own measures (人社部令第41号): not this route", "HK",
     date(2026, 12, 6), False, False),
]


@pytest.mark.parametrize("source, nationality, as_of, shown, cash", FOREIGN, ids=[c[0][:30] for c in FOREIGN])
def test_foreign_route(source, nationality, as_of, shown, cash):
    lines = f'nationality = "{nationality}"' if nationality else ""
    profile = make_profile(person(lines), period("employee_medical", "2016-05"), '[plans]\nemigrate = "2028-03"')
    out = withdrawal(profile, as_of)
    codes = [r["code"] for r in out.facts["routes"]]
    assert ("foreign_national_leaving" in codes) is shown, source
    assert ("foreign_national" in out.facts) is shown, source
    if shown:
        assert out.facts["cash_out_now"] is cash, source


# --- family aid by place and date ----------------------------------------------------------------------------------
# (source, benefit region, as of, relative's region, scope, reached)
FAMILY = [
    ("国办发〔2021〕14号: within the pooling area", "shanghai", date(2024, 6, 1), "shanghai", "city", True),
    ("新华网 2024-11-26 (secondary): 省内跨统筹区共济 in every province", "jiangsu.xuzhou", date(2024, 6, 1),
     "jiangsu.suzhou", "city", False),
    ("新华网 2024-11-26 (secondary): 省内跨统筹区共济 in every province", "jiangsu.xuzhou", date(2025, 3, 1),
     "jiangsu.suzhou", "province", True),
    ("reported only (secondary): across provinces not yet in 2025", "shanghai", date(2025, 3, 1),
     "sichuan.chengdu", "province", False),
    ("reported only (secondary): across provinces from 2026-06", "shanghai", date(2026, 12, 6),
     "sichuan.chengdu", "national", True),
    ("a province named without its city: the same city or not cannot be told", "jiangsu.xuzhou", date(2024, 6, 1),
     "jiangsu", "city", None),
]


@pytest.mark.parametrize("source, region, as_of, relative, scope, reached", FAMILY, ids=[c[0][:30] for c in FAMILY])
def test_family_aid_by_place_and_date(source, region, as_of, relative, scope, reached):
    base = f'sex = "female"\nbirth = "1975-02"\nregion = "{region}"'
    profile = make_profile(base, period("employee_medical", "2010-01"), f'[plans]\nrelative_region = "{relative}"')
    out = evaluate(profile, as_of=as_of).decisions["family_aid"]
    assert out.facts["scope"] == scope, source
    assert out.facts["relative_region"] == relative
    assert out.facts["relative_reached"] is reached, source
    assert relative not in out.verdict.text("en")  # the place is named in words, not by its id


def test_family_aid_scope_without_a_relative():
    out = evaluate(make_profile(WOMAN_SH, period("employee_medical", "2010-01")), as_of=AS_OF).decisions["family_aid"]
    assert out.facts["scope"] == "national" and "relative_region" not in out.facts


# --- the flexible-employment subsidy: 沪人社规〔2022〕8号 (secondary) ---------------------------------------------------
FLEX_SH = (period("pension", "2020-01", status="flexible") + period("employee_medical", "2020-01", status="flexible"))
MAN_XZ = 'sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"'
MAN_SH = 'sex = "male"\nbirth = "1968-05"\nregion = "shanghai"'


def costs(base: str, periods: str, extra: str, as_of: date = date(2026, 8, 1)):
    profile = make_profile(base, periods, extra)
    return run_scenario(profile, parse_scenario("baseline"), as_of).costs


# (source, person, periods, subsidy per month in 2026 (None: unknown), summary code)
SUBSIDY = [
    ("沪人社规〔2022〕8号: half of what is due at the lower base (7546 × 11%)", MAN_SH, FLEX_SH, round(0.5 * 7546 * 0.11, 2),
     "cost_subsidy_part"),
    ("沪人社规〔2022〕8号: only for people paying pension and medical as flexible workers", MAN_SH,
     period("employee_medical", "2020-01", status="flexible"), 0.0, "cost"),
    ("no subsidy in the data: unknown here, nothing subtracted", MAN_XZ, FLEX_SH, None,
     "cost_subsidy_unknown"),
]


@pytest.mark.parametrize("source, base, periods, monthly, code", SUBSIDY, ids=[c[0][:30] for c in SUBSIDY])
def test_flexible_subsidy(source, base, periods, monthly, code):
    with_it = costs(base, periods, "[plans]\nflexible_subsidy = true")
    without = costs(base, periods, "")
    first = with_it.rows[0]
    assert first.get("subsidy_yuan") == monthly, source
    assert "subsidy_yuan" not in without and "subsidy_yuan" in with_it
    if monthly:
        assert first["amount_yuan"] == round(without.rows[0]["amount_yuan"] - monthly, 2)
        # the document runs to 2026-12-31: from 2027 the subsidy is unknown and the months are counted in full
        later = [r for r in with_it.rows if r["month"].year == 2027]
        assert later and all(r["subsidy_yuan"] is None for r in later)
    profile = make_profile(base, periods, "[plans]\nflexible_subsidy = true")
    report = evaluate(profile, as_of=date(2026, 8, 1))
    lines = {line.code for line in summary(profile, date(2026, 8, 1), report.decisions)}
    assert code in lines, source


# --- hukou: 全面取消在就业地参保户籍限制 (2025, secondary) ---------------------------------------------------------------
# (source, flexible period start, key of the note)
HUKOU = [
    ("2025年中央一号文件: insuring where one works needs no local hukou", "2025-03", "not_required"),
    ("before 2025 the data cannot tell", "2023-01", "unknown"),
]


@pytest.mark.parametrize("source, start, key", HUKOU, ids=[c[0][:30] for c in HUKOU])
def test_hukou_in_the_notes(source, start, key):
    profile = make_profile(person('hukou = "sichuan.chengdu"'), period("employee_medical", start, status="flexible"))
    out = evaluate(profile, as_of=AS_OF).decisions["transfers"]
    steps = find_steps(out.trace, "transfers.hukou_elsewhere")
    assert [s.key for s in steps] == [key], source
    assert "Chengdu" in step_text(steps[0], "en") and "sichuan" not in step_text(steps[0], "en")
    assert find_steps(out.trace, "transfers.hukou")


def test_no_hukou_no_note():
    out = evaluate(make_profile(WOMAN_SH, period("employee_medical", "2025-03", status="flexible")),
                   as_of=AS_OF).decisions["transfers"]
    assert not find_steps(out.trace, "transfers.hukou") and not find_steps(out.trace, "transfers.hukou_elsewhere")


# --- Shenzhen's tiers: 深医保规〔2022〕3号 (the city's official reply) ----------------------------------------------------
MAN_SZ = 'sex = "male"\nbirth = "1966-03"\nregion = "guangdong.shenzhen"'
# (source, periods, months short of 10 years in the higher tier, or None when met)
TIERS = [
    (SZ_REPLY + ": 一档满10年的，享受一档待遇", period("employee_medical", "1996-01", base_yuan="8000"), None),
    (SZ_REPLY + ": 不满10年的享受二档待遇", period("employee_medical", "1996-01", "2020-12", mode="pooling_only")
     + period("employee_medical", "2021-01"), 120 - 66),
]


@pytest.mark.parametrize("source, periods, short", TIERS, ids=[c[0][:30] for c in TIERS])
def test_shenzhen_tier_one_years(source, periods, short):
    out = evaluate(make_profile(MAN_SZ, periods.replace('base_yuan = "8000"', "base_yuan = 8000")),
                   as_of=AS_OF).decisions["account_after_retirement"]
    steps = find_steps(out.trace, "account.tier_one_years")
    assert steps and SZ_REPLY in steps[0].source.title
    if short is None:
        assert "tier_one_short" not in out.facts["blockers"], source
        assert "tier_one_short_months" not in out.facts
    else:
        assert "tier_one_short" in out.facts["blockers"], source
        assert out.facts["tier_one_short_months"] == short
        assert any(o.code == "keep_tier_one" for o in out.options)


def test_tier_rule_only_in_shenzhen():
    periods = period("employee_medical", "1996-01", "2020-12", mode="pooling_only") + period("employee_medical", "2021-01")
    out = evaluate(make_profile(MAN_XZ, periods), as_of=AS_OF).decisions["account_after_retirement"]
    assert not find_steps(out.trace, "account.tier_one_years")


def test_shenzhen_after_age_monthly_rule_named():
    """深医保规〔2022〕3号 第五点第二款: monthly at the all-sector average wage of two years before × the higher tier's
    employer rate: the figures are not in the data, so the amount is unknown and the rule is named."""
    profile = make_profile('sex = "male"\nbirth = "1968-03"\nregion = "guangdong.shenzhen"',
                           period("employee_medical", "2016-01"))
    out = evaluate(profile, as_of=AS_OF).decisions["account_after_retirement"]
    monthly = next(o for o in out.options if o.code == "keep_paying_monthly")
    assert monthly.price_yuan is None and "average monthly wage of two years before" in monthly.detail.text("en")
    assert find_steps(out.trace, "account_after_retirement.after_age_monthly")


# --- resident insurance: break years before 2025 (Xiamen's reading, unverified, overridable) ---------------------------
RESIDENT = period("resident_medical", "2010-01", "2021-12") + period("resident_medical", "2026-01")
# (source, region, overrides, break months counted)
BREAKS = [
    ("厦门政务助手 (unverified): 2024年及以前的断保年限不计入", "fujian.xiamen", "", 12),
    ("unknown elsewhere: every break year counts (the stricter)", "jiangsu.xuzhou", "", 48),
    ("the reading entered as an override", "jiangsu.xuzhou",
     '[policy_overrides]\n"resident.break_counted_from_year" = 2025', 12),
]


@pytest.mark.parametrize("source, region, extra, counted", BREAKS, ids=[c[0][:30] for c in BREAKS])
def test_break_years_before_2025(source, region, extra, counted):
    base = f'sex = "female"\nbirth = "1975-02"\nregion = "{region}"'
    out = evaluate(make_profile(base, RESIDENT, extra), as_of=AS_OF).decisions["gaps"]
    steps = find_steps(out.trace, "gaps.break_counted_from")
    assert steps, source
    counted_months = steps[0].result.n if steps[0].result is not None else steps[0].inputs["months"].n
    assert counted_months == counted, source


def test_a_foreign_employee_leaving_beijing_reads_order_16_and_her_projection_ends_when_she_leaves():
    """The foreign employee leaving in 2027-06: 人社部令第16号 第六条 answers what happens to her account, whether she
    can have the balance and whether her years count if she comes back; nothing is projected after she leaves."""
    path = Path(__file__).parent / "data" / "beijing-foreign-employee-leaving-woman.toml"
    report = evaluate(load_profile(path), date(2026, 12, 6))
    data = report.to_dict("en")
    assert [line["code"] for line in data["summary"]][:2] == ["leaving", "account_kept"]
    withdrawal = report.facts("withdrawal")
    route = next(r for r in withdrawal["routes"] if r["code"] == "foreign_national_leaving")
    assert (route["available"], str(route["when"])) == (True, "2027-06")
    assert withdrawal["years_count_on_return"] is True
    my = report.facts("medical_years")
    # 2016-05 .. 2027-05: 133 months paid, none after the departure
    assert my["actual_months"] == 133
