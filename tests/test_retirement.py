"""Retirement under the 2025 reform: the official annex tables' first and last rows, the minimum pension years,
flexible early and late retirement. Source: 国务院关于渐进式延迟法定退休年龄的办法 第一条至第三条 and 附件1–4."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import find_steps, run


def person(sex: str, birth: str, original: int | None = None, shift: int | None = None) -> str:
    lines = [f'sex = "{sex}"', f'birth = "{birth}"', 'region = "national"']
    if original is not None:
        lines.append(f"original_retirement_age = {original}")
    if shift is not None:
        lines.append(f"retirement_shift_months = {shift}")
    return "\n".join(lines)


# (sex, birth, original age, delay months, legal age months, legal date), each naming its table and row.
ANNEX_ROWS = [
    pytest.param("male", "1964-12", 60, 0, 720, "2024-12", id="annex1-born-before-start-no-delay"),
    pytest.param("male", "1965-01", 60, 1, 721, "2025-02", id="annex1-first-row-1965-01"),
    pytest.param("male", "1965-04", 60, 1, 721, "2025-05", id="annex1-first-row-1965-04"),
    pytest.param("male", "1965-05", 60, 2, 722, "2025-07", id="annex1-second-row"),
    pytest.param("male", "1966-01", 60, 4, 724, "2026-05", id="annex1-southmoney-1966-01"),
    pytest.param("male", "1967-05", 60, 8, 728, "2028-01", id="sources-check-1967-05"),
    pytest.param("male", "1968-05", 60, 11, 731, "2029-04", id="worked-example-xuzhou"),
    pytest.param("male", "1975-05", 60, 32, 752, "2038-01", id="sources-check-1975-05"),
    pytest.param("male", "1976-09", 60, 36, 756, "2039-09", id="annex1-last-row-1976-09"),
    pytest.param("male", "1976-12", 60, 36, 756, "2039-12", id="annex1-last-row-1976-12"),
    pytest.param("male", "1980-06", 60, 36, 756, "2043-06", id="annex1-after-table-capped-63"),
    pytest.param("female", "1969-12", 55, 0, 660, "2024-12", id="annex2-before-start"),
    pytest.param("female", "1970-01", 55, 1, 661, "2025-02", id="annex2-first-row-1970-01"),
    pytest.param("female", "1970-04", 55, 1, 661, "2025-05", id="annex2-first-row-1970-04"),
    pytest.param("female", "1971-04", 55, 4, 664, "2026-08", id="annex2-rust-vector-1971-04"),
    pytest.param("female", "1974-10", 55, 15, 675, "2031-01", id="sources-check-1974-10"),
    pytest.param("female", "1979-12", 55, 30, 690, "2037-06", id="worked-example-fuxin"),
    pytest.param("female", "1981-09", 55, 36, 696, "2039-09", id="annex2-last-row-1981-09"),
    pytest.param("female", "1981-12", 55, 36, 696, "2039-12", id="annex2-last-row-1981-12"),
    pytest.param("female", "1974-12", 50, 0, 600, "2024-12", id="annex3-before-start"),
    pytest.param("female", "1975-01", 50, 1, 601, "2025-02", id="annex3-first-row-1975-01"),
    pytest.param("female", "1975-02", 50, 1, 601, "2025-03", id="annex3-first-row-1975-02"),
    pytest.param("female", "1975-03", 50, 2, 602, "2025-05", id="annex3-second-row"),
    pytest.param("female", "1984-11", 50, 60, 660, "2039-11", id="annex3-last-row-1984-11"),
    pytest.param("female", "1984-12", 50, 60, 660, "2039-12", id="annex3-last-row-1984-12"),
    pytest.param("female", "1990-01", 50, 60, 660, "2045-01", id="annex3-after-table-capped-55"),
]


@pytest.mark.parametrize("sex, birth, original, delay, legal_age, legal_date", ANNEX_ROWS)
def test_annex_rows(sex, birth, original, delay, legal_age, legal_date):
    facts = run(person(sex, birth, original)).facts("retirement")
    assert facts["original_age"] == original
    assert facts["delay_months"] == delay
    assert facts["legal_age_months"] == legal_age
    assert str(facts["legal_date"]) == legal_date
    assert str(facts["chosen_date"]) == legal_date


def test_women_default_original_age_is_55_and_the_trace_says_it_was_assumed():
    """docs/contract.md §1: women default 55, and the trace says that it was assumed."""
    report = run(person("female", "1979-12"))
    facts = report.facts("retirement")
    assert facts["original_age"] == 55 and facts["original_age_assumed"] is True
    steps = find_steps(report.decisions["retirement"].trace, "retirement.original_age")
    assert steps and steps[0].inputs.get("assumed") is True
    param = find_steps(report.decisions["retirement"].trace, "param:retirement.original_age.female_default")
    assert param[0].inputs["confidence"] == "assumed"


def test_woman_with_original_age_50_uses_the_two_month_step():
    facts = run(person("female", "1979-12", 50)).facts("retirement")
    # (1979-1975)*12 + 11 = 59 → 59 // 2 + 1 = 30 months
    assert facts["delay_months"] == 30 and facts["legal_age_months"] == 630


# Minimum pension months by the year of the chosen date (办法 第二条, 附件4): 180 until 2029, +6 a year, 240 from 2039.
PENSION_MIN = [(2025, 180), (2026, 180), (2029, 180), (2030, 186), (2031, 192), (2032, 198), (2033, 204),
               (2034, 210), (2035, 216), (2036, 222), (2037, 228), (2038, 234), (2039, 240), (2040, 240)]


@pytest.mark.parametrize("year, months", PENSION_MIN, ids=[f"annex4-{y}" for y, _ in PENSION_MIN])
def test_pension_minimum_by_year_of_retirement(year, months):
    """The minimum is read for the year of the chosen date: find a man whose legal date falls in January of it."""
    for b_month in range((year - 64) * 12, (year - 59) * 12):
        birth = f"{b_month // 12}-{b_month % 12 + 1:02d}"
        facts = run(person("male", birth)).facts("retirement")
        if facts["legal_date"].year == year:
            break
    assert facts["legal_date"].year == year
    assert facts["pension_min_months"] == months


def test_worked_example_fuxin_minimum_19_years_in_2037():
    assert run(person("female", "1979-12", 55)).facts("retirement")["pension_min_months"] == 228


def test_bounds_early_never_below_original_age():
    """办法 第三条: early by at most 3 years, never below the original age; late at most 3 years."""
    facts = run(person("male", "1968-05")).facts("retirement")
    assert str(facts["earliest_date"]) == "2028-05"  # 60 years: the floor binds (11 months of delay < 36)
    assert str(facts["latest_date"]) == "2032-04"
    facts = run(person("male", "1977-01")).facts("retirement")
    assert str(facts["legal_date"]) == "2040-01"
    assert str(facts["earliest_date"]) == "2037-01"  # 36 months early = 60 years exactly
    assert str(facts["latest_date"]) == "2043-01"


PENSION_PERIOD = '[[periods]]\ninsurance = "pension"\nstart = "{start}"\n{end}'


@pytest.mark.parametrize("start, end, allowed", [
    pytest.param("2000-01", "", True, id="art3-early-with-enough-years"),
    pytest.param("2020-01", 'end = "2021-12"', False, id="art3-early-without-minimum-years"),
])
def test_early_retirement_needs_minimum_pension_years(start, end, allowed):
    report = run(person("male", "1970-01", shift=-12), PENSION_PERIOD.format(start=start, end=end))
    facts = report.facts("retirement")
    assert facts["shift_months"] == -12
    assert facts["chosen_date"] == facts["legal_date"] - 12
    assert facts["early_allowed"] is allowed
    assert facts["early_notice_by"] == facts["chosen_date"] - 3  # 94号: written notice 3 months ahead
    if not allowed:
        assert any(o.code == "early_not_allowed" for o in report.decisions["retirement"].options)


def test_late_retirement_moves_the_chosen_date_and_leaves_early_allowed_null():
    facts = run(person("male", "1970-01", shift=24), PENSION_PERIOD.format(start="2000-01", end="")).facts("retirement")
    assert facts["chosen_date"] == facts["legal_date"] + 24
    assert facts["early_allowed"] is None


def test_pension_years_short_offers_to_extend():
    report = run(person("male", "1970-01"), PENSION_PERIOD.format(start="2020-01", end='end = "2024-12"'))
    out = report.decisions["retirement"]
    assert out.status == "not_met" and out.facts["pension_met"] is False
    assert out.options[0].code == "pension_extend" and out.options[0].months == out.facts["pension_min_months"] - 60


def test_retired_in_the_past():
    facts = run(person("male", "1960-03"), as_of=date(2026, 11, 22)).facts("retirement")
    assert facts["retired"] is True and str(facts["legal_date"]) == "2020-03" and facts["delay_months"] == 0


def test_reform_step_not_applied_is_traced_with_passed_false():
    report = run(person("male", "1960-03"))
    steps = find_steps(report.decisions["retirement"].trace, "retirement.delay_2025.in_force")
    assert steps and steps[0].passed is False
