"""engine/evaluation/warnings.py: each warning code with a profile that triggers it and one that does not.

The Mianyang woman (placed in 绵阳, a Sichuan city without data of its own, since 成都 has some): born 1972, a
factory worker (女工人, original age 50) 1992-07..2008-06, a flexible worker on the low tier (单建统筹) since 2015-01
with a lapse 2020-03..2020-10, still paying in 2026.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import msgspec
import pytest

from engine import evaluate, load_profile, parse_profile
from engine.evaluation.coverage import coverage
from engine.data.i18n import msg
from engine.core.months import Month
from engine.evaluation.report import Outcome
from engine.evaluation.warnings import CODES, compute, retirement_with_age

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 22)
MIANYANG = ROOT / "tests" / "data" / "mianyang-flexible-woman.toml"


def mianyang(**person) -> object:
    profile = load_profile(MIANYANG)
    return msgspec.structs.replace(profile, person=msgspec.structs.replace(profile.person, **person)) if person else profile


def codes(report) -> list[str]:
    return [w.code for w in compute(report)]


def doc(person: str, periods: str = "", extra: str = "") -> str:
    return f'schema = 1\nname = "t"\n[person]\n{person}\n{extra}\n{periods}'


XUZHOU_MAN = ('sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"',
              '[[periods]]\ninsurance = "employee_medical"\nstart = "1990-01"\nend = "2020-12"\n')


# --- contributions_after_retirement ---------------------------------------------------------------------------
def test_the_mianyang_woman_gets_contributions_after_retirement_with_the_likely_cause():
    report = evaluate(mianyang(), AS_OF)
    found = {w.code: w for w in compute(report)}
    warning = found["contributions_after_retirement"]
    zh, en = warning.message("zh"), warning.message("en")
    assert "2022年9月" in zh and "灵活就业" in zh and "55岁" in zh and "若原退休年龄为55岁" in zh
    assert "2028年6月" in zh  # the other outcome: 55 + the 2025 delay
    assert "flexible worker" in en and "2022-09" in en
    assert "person.original_retirement_age" in warning.fields and "periods[3].end" in warning.fields


def test_no_contributions_warning_when_the_age_fits_or_nothing_is_paid_after():
    assert "contributions_after_retirement" not in codes(evaluate(mianyang(original_retirement_age=55), AS_OF))
    man = parse_profile(doc(*XUZHOU_MAN))
    assert "contributions_after_retirement" not in codes(evaluate(man, AS_OF))
    # before the retirement month nothing is flagged: the ongoing period is a plan
    assert "contributions_after_retirement" not in codes(evaluate(mianyang(), date(2022, 8, 1)))


def test_an_ended_period_after_retirement_is_flagged_with_its_end_month():
    man = parse_profile(doc('sex = "male"\nbirth = "1960-01"\nregion = "jiangsu.xuzhou"',
                            '[[periods]]\ninsurance = "pension"\nstart = "1990-01"\nend = "2024-06"\n'))
    found = {w.code: w for w in compute(evaluate(man, AS_OF))}
    warning = found["contributions_after_retirement"]
    assert "2024-06" in warning.message("zh") and "person.original_retirement_age" not in warning.fields
    assert "person.birth" in warning.fields and "periods[0].end" in warning.fields


# --- original_age_assumed ---------------------------------------------------------------------------------------
def test_an_assumed_age_shows_the_other_outcome():
    report = evaluate(mianyang(original_retirement_age=None), AS_OF)
    found = {w.code: w for w in compute(report)}
    warning = found["original_age_assumed"]
    assert "若原退休年龄为50岁" in warning.message("zh") and "2022年9月" in warning.message("zh")
    assert "original retirement age of 50" in warning.message("en")
    assert warning.fields == ("person.original_retirement_age",)


def test_no_assumed_age_warning_when_given_or_for_a_man():
    assert "original_age_assumed" not in codes(evaluate(mianyang(), AS_OF))
    assert "original_age_assumed" not in codes(evaluate(parse_profile(doc(*XUZHOU_MAN)), AS_OF))


def test_retirement_with_the_other_age():
    other = retirement_with_age(mianyang(), AS_OF, 55)
    assert other["chosen_date"] == Month.parse("2028-06") and other["retired"] is False
    assert retirement_with_age(mianyang(), AS_OF, 50)["chosen_date"] == Month.parse("2022-09")


# --- region_not_covered ---------------------------------------------------------------------------------------
def test_a_place_without_data_says_which_rules_apply_and_what_is_unknown():
    report = evaluate(mianyang(), AS_OF)
    found = {w.code: w for w in compute(report)}
    zh = found["region_not_covered"].message("zh")
    assert zh.startswith("绵阳市没有本地数据") and "全国" in zh and "未知" in zh
    assert found["region_not_covered"].fields == ("person.region",)
    cov = coverage(report)
    assert not cov.own_data and {f.level for f in cov.figures} <= {"province", "national", "unknown"}
    assert any(f.level == "unknown" for f in cov.figures)


def test_coverage_of_a_report_and_its_levels():
    cov = coverage(evaluate(mianyang(), AS_OF))
    names = {f.name: f for f in cov.figures}
    assert names["medical.min_years.female"].level == "unknown"  # retiring 2022-09, before Sichuan's 2025 draft
    later = {f.name: f for f in coverage(evaluate(mianyang(original_retirement_age=55), AS_OF)).figures}
    assert later["medical.min_years.female"].level == "province"  # the Sichuan draft's 25 years, from 2025-03
    assert names["medical.rate.employer"].level == "national"
    assert "medical.min_years.male" not in names  # only the person's own sex
    assert cov.to_dict()["region"] == "sichuan.mianyang" and not cov.covered
    text = MIANYANG.read_text(encoding="utf-8") + '\n[policy_overrides]\n"medical.min_years.female" = 25\n'
    cov = coverage(evaluate(parse_profile(text), AS_OF))
    assert {f.name: f.level for f in cov.figures}["medical.min_years.female"] == "user"
    guangzhou = coverage(evaluate(load_profile(ROOT / "profiles" / "guangdong-intercity-woman-worker.toml"), AS_OF))
    assert any(f.level == "province" for f in guangzhou.figures)
    assert guangzhou.message().text("zh").startswith("广州市没有本地数据：以下按广东省、再按全国的规定。来自广东省：")


def test_a_place_with_data_is_covered():
    report = evaluate(parse_profile(doc(*XUZHOU_MAN)), AS_OF)
    assert "region_not_covered" not in codes(report)
    assert coverage(report).own_data


# --- conflicting_sources ----------------------------------------------------------------------------------------
def _first_param(report, name):
    for outcome in report.decisions.values():
        for top in outcome.trace:
            for step in top.walk():
                if step.rule == "param:" + name:
                    return step
    raise AssertionError(name)


def test_alternatives_on_a_parameter_step_are_a_conflict():
    report = evaluate(parse_profile(doc(*XUZHOU_MAN)), AS_OF)
    assert "conflicting_sources" not in codes(report)
    step = _first_param(report, "medical.min_years.male")
    step.inputs["alternatives"] = [{"value": 30, "source": "另一来源", "confidence": "unverified"}]
    found = [w for w in compute(report) if w.code == "conflicting_sources"]
    assert len(found) == 1
    assert "来源不一致" in found[0].message("zh") and "30（另一来源）" in found[0].message("zh")
    assert found[0].fields == ('policy_overrides."medical.min_years.male"',)


# --- deadline_passed --------------------------------------------------------------------------------------------
def test_a_backpay_decision_with_its_deadline_passed():
    report = evaluate(parse_profile(doc(*XUZHOU_MAN)), AS_OF)
    report.decisions["backpay"] = Outcome("not_met", msg("warning.deadline_passed", "title"),
                                          facts={"deadline_passed": False, "deadline": "2028-05"})
    assert "deadline_passed" not in codes(report)
    report.decisions["backpay"].facts = {"deadline_passed": True, "deadline": "2022-09"}
    found = {w.code: w for w in compute(report)}
    assert "2022年9月" in found["deadline_passed"].message("zh") and "6个月" in found["deadline_passed"].message("zh")
    assert found["deadline_passed"].fields == ("plans.backpay_at_retirement",)


def test_without_the_decision_a_lump_sum_deadline_behind_as_of_is_passed():
    text = MIANYANG.read_text(encoding="utf-8") + '\n[policy_overrides]\n"medical.min_years.female" = 25\n'
    report = evaluate(parse_profile(text), AS_OF)
    assert "deadline_passed" in codes(report)
    met = MIANYANG.read_text(encoding="utf-8") + '\n[policy_overrides]\n"medical.min_years.female" = 10\n'
    assert "deadline_passed" not in codes(evaluate(parse_profile(met), AS_OF))  # nothing short, nothing to pay


# --- the report -------------------------------------------------------------------------------------------------
def test_warnings_are_in_the_json_report_after_the_profile():
    data = evaluate(mianyang(), AS_OF).to_dict("en")
    keys = list(data)
    assert keys.index("warnings") == keys.index("profile") + 1
    assert all(set(w) == {"code", "message", "fields"} and w["code"] in CODES for w in data["warnings"])


def test_warnings_follow_the_summary_in_text_and_markdown():
    """The summary first, then the warnings that qualify it, then the decisions."""
    from io import StringIO

    from rich.console import Console

    from engine.words.render import markdown
    from tui.textreport import print_report

    report = evaluate(mianyang(), AS_OF)
    summary = report.summary()[0].text("zh")
    out = StringIO()
    print_report(report, "zh", trace=False, console=Console(file=out, width=200, highlight=False))
    text = out.getvalue()
    assert text.index(summary) < text.index("退休月份之后还有缴费记录") < text.index("法定退休")
    md = markdown(report, "zh")
    assert md.index(summary) < md.index("退休月份之后还有缴费记录") < md.index("## 各项结论")


BAD = re.compile(r"periods\[|person\.|policy_overrides|\bNone\b|\bTrue\b|\bFalse\b|\['|medical\.min|_")


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.toml")) + [MIANYANG], ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_warning_messages_are_plain_words(path, lang):
    for warning in compute(evaluate(load_profile(path), AS_OF)):
        text = warning.message(lang)
        assert text and not BAD.search(text), (warning.code, text)
        if lang == "en":
            assert not re.search(r"[\u4e00-\u9fff]", text), text
