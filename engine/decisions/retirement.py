"""Retirement under the 2025 reform.

国务院关于渐进式延迟法定退休年龄的办法 第一条: "从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工，
法定退休年龄每四个月延迟一个月，分别逐步延迟至六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄
每二个月延迟一个月，逐步延迟至五十五周岁。"
第二条: "从2030年1月1日起，将职工按月领取基本养老金最低缴费年限由十五年逐步提高至二十年，每年提高六个月。"
第三条: "职工达到最低缴费年限，可以自愿选择弹性提前退休，提前时间最长不超过三年，且退休年龄不得低于……原法定退休年龄。
职工达到法定退休年龄，所在单位与职工协商一致的，可以弹性延迟退休，延迟时间最长不超过三年。"
"""

from __future__ import annotations

from ..context import Context
from ..counting import count, projected
from ..months import Month, age_text, months_text
from ..report import Option, Outcome
from ..sources import RETIREMENT_ART1, RETIREMENT_ART2, RETIREMENT_ART3
from ..trace import rule


def original_age(ctx: Context) -> tuple[int, str]:
    """The age before the reform and the schedule it puts the person on (male, female55, female50)."""
    person = ctx.person
    if person.sex == "male":
        age = ctx.value("retirement.original_age.male", ctx.now)
        ctx.note("retirement.original_age", f"男职工原法定退休年龄 {age} 岁", f"men's original age {age}",
                 result=age, source=RETIREMENT_ART1)
        return age, "male"
    if person.original_retirement_age is not None:
        age = person.original_retirement_age
        ctx.note("retirement.original_age", f"女职工原法定退休年龄 {age} 岁（档案填写）",
                 f"women's original age {age} (from the profile)", result=age, source=RETIREMENT_ART1)
    else:
        age = ctx.value("retirement.original_age.female_default", ctx.now)
        ctx.note("retirement.original_age", f"档案未填写原退休年龄：假定 {age} 岁（女干部及多数灵活就业人员）",
                 f"original age not given: {age} assumed (women cadres and most flexible workers)", result=age,
                 source=RETIREMENT_ART1, assumed=True)
    return age, f"female{age}"


@rule("retirement.delay_2025", "渐进式延迟退休：延迟月数", "2025 reform: months of delay", RETIREMENT_ART1)
def delay_months(ctx: Context, *, birth: Month, schedule: str, original_date: Month) -> int:
    """``delay = min(cap, floor(((y - y0) * 12 + (m - 1)) / step) + 1)`` for a birth month on or after y0-01.

    The schedule is read as in force when the person reaches the original age: before 2025 there is none.
    """
    start = ctx.value(f"retirement.delay_start.{schedule}", original_date)
    if start is None:
        ctx.note("retirement.delay_2025.in_force", "达到原退休年龄时改革尚未施行（2025-01-01起）",
                 "the reform was not in force when the original age was reached", passed=False, found=original_date)
        return 0
    start = Month.parse(start)
    step = ctx.value(f"retirement.delay_step.{schedule}", original_date)
    cap = ctx.value(f"retirement.delay_cap.{schedule}", original_date)
    if not ctx.check("retirement.delay_2025.born_from", f"出生于{start}或以后才延迟",
                     f"delayed only if born {start} or later", f">= {start}", birth, birth >= start):
        return 0
    return min(cap, (birth - start) // step + 1)


@rule("retirement.flexible_bounds", "弹性退休的可选范围", "bounds of flexible retirement", RETIREMENT_ART3)
def flexible_bounds(ctx: Context, *, birth: Month, original: int, legal_date: Month) -> str:
    """Early by at most 3 years but never below the original age; late by at most 3 years."""
    most = ctx.value("retirement.flex_max_months", legal_date) or 0
    floor = birth + original * 12
    binds = ctx.check("retirement.flexible_bounds.floor", f"提前不超过{most}个月，且不早于原法定退休年龄（{original}岁，即{floor}）",
                      f"at most {most} months early, and not before the original age ({original}, i.e. {floor})",
                      f">= {floor}", legal_date - most, legal_date - most >= floor)
    earliest = legal_date - most if binds else floor
    return f"{earliest}..{legal_date + most}"


def pension_months_by(ctx: Context, horizon: Month) -> int:
    periods = ctx.profile.periods
    months = count(periods, horizon, lambda p: p.insurance == "pension")
    ahead = projected(periods, ctx.now, horizon, lambda p: p.insurance == "pension" and p.end is None)
    ctx.note("retirement.pension_months", f"到{horizon}前的养老缴费月数（含视同缴费；持续中的时段按续缴推算 {ahead} 个月）",
             f"pension months before {horizon} (deemed included; {ahead} projected from ongoing periods)",
             result=months, horizon=horizon, projected=ahead)
    return months


def decide(ctx: Context) -> Outcome:
    person = ctx.person
    original, schedule = original_age(ctx)
    delay = delay_months(ctx, birth=person.birth, schedule=schedule, original_date=person.birth + original * 12)
    legal_age = original * 12 + delay
    legal_date = person.birth + legal_age
    ctx.note("retirement.legal_date", f"法定退休：出生月 + {age_text(legal_age)} = {legal_date}",
             f"legal retirement: birth + {age_text(legal_age, 'en')} = {legal_date}", result=legal_date,
             source=RETIREMENT_ART1, birth=person.birth, legal_age_months=legal_age)
    bounds = flexible_bounds(ctx, birth=person.birth, original=original, legal_date=legal_date)
    earliest, latest = (Month.parse(x) for x in bounds.split(".."))
    shift = person.shift
    chosen = legal_date + shift
    ctx.check("retirement.shift_in_bounds", f"选择的退休月 {chosen} 在弹性范围内", f"chosen month {chosen} within bounds",
              f"{earliest}..{latest}", chosen, earliest <= chosen <= latest, source=RETIREMENT_ART3,
              shift_months=shift)
    min_months = ctx.value("pension.min_months", chosen)
    ctx.note("retirement.pension_min", f"{chosen.year}年退休的养老金最低缴费年限：{months_text(min_months)}",
             f"minimum pension years for retiring in {chosen.year}: {months_text(min_months, 'en')}",
             result=min_months, source=RETIREMENT_ART2)
    pension_months = pension_months_by(ctx, chosen)
    pension_met = ctx.check("retirement.pension_years", "养老缴费达到最低缴费年限", "pension months reach the minimum",
                            min_months, pension_months, pension_months >= min_months, source=RETIREMENT_ART2)
    early_allowed = None
    if shift < 0:
        early_allowed = ctx.check("retirement.early_condition", "弹性提前退休须已达到最低缴费年限",
                                  "early retirement needs the minimum pension years", min_months, pension_months,
                                  pension_months >= min_months, source=RETIREMENT_ART3)
    else:
        ctx.note("retirement.early_condition", "未选择提前退休，不检查提前条件", "no early retirement chosen",
                 passed=False, source=RETIREMENT_ART3)
    notice_by = chosen - (ctx.value("retirement.early_notice_months", chosen) or 0) if shift < 0 else None
    retired = ctx.now >= chosen

    facts = {
        "original_age": original, "delay_months": delay, "legal_age_months": legal_age, "legal_date": legal_date,
        "earliest_date": earliest, "latest_date": latest, "chosen_date": chosen, "shift_months": shift,
        "chosen_age_months": legal_age + shift, "pension_min_months": min_months, "pension_months": pension_months,
        "pension_met": pension_met, "early_allowed": early_allowed, "early_notice_by": notice_by,
        "retired": retired, "original_age_assumed": person.sex == "female" and person.original_retirement_age is None,
    }
    age = legal_age + shift
    tense, tense_en = ("已于", "retired in") if retired else ("将于", "will retire in")
    verdict = f"按现行规定您{tense}{chosen.year}年{chosen.month}月（{age_text(age)}）退休"
    verdict_en = f"Under current rules you {tense_en} {chosen} at {age_text(age, 'en')}"
    if shift:
        verdict += f"（法定退休 {legal_date}，弹性{'提前' if shift < 0 else '延迟'}{abs(shift)}个月）"
        verdict_en += f" (legal date {legal_date}, {abs(shift)} months {'early' if shift < 0 else 'late'})"
    if pension_met:
        verdict += f"；养老缴费{months_text(pension_months)}，达到{months_text(min_months)}的最低年限"
        verdict_en += f"; pension {months_text(pension_months, 'en')}, reaching the minimum of {months_text(min_months, 'en')}"
    else:
        verdict += f"；养老缴费届时{months_text(pension_months)}，不足最低{months_text(min_months)}"
        verdict_en += f"; pension {months_text(pension_months, 'en')} by then, short of {months_text(min_months, 'en')}"
    options: list[Option] = []
    if not pension_met:
        short = min_months - pension_months
        options.append(Option("pension_extend", "延长缴费或一次性缴费至最低年限", "pay on or in one sum up to the minimum",
                              f"还差{months_text(short)}养老缴费（办法 第二条）",
                              f"{months_text(short, 'en')} of pension contributions missing (art. 2)", months=short))
    if early_allowed is False:
        options.append(Option("early_not_allowed", "提前退休条件未满足", "early retirement not allowed yet",
                              "弹性提前退休须先达到最低缴费年限", "early retirement needs the minimum pension years first"))
    if shift < 0 and not retired:
        options.append(Option("early_notice", "提前3个月书面告知", "give written notice 3 months ahead",
                              "弹性提前退休须提前3个月书面告知（人社部发〔2024〕94号）",
                              "early retirement needs written notice 3 months ahead (94号)", deadline=notice_by))
    status = "met" if pension_met and early_allowed is not False else "not_met"
    return Outcome(status, verdict, verdict_en, facts, options)
