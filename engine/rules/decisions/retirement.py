"""Retirement under the 2025 reform.

国务院关于渐进式延迟法定退休年龄的办法 第一条: "从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工，
法定退休年龄每四个月延迟一个月，分别逐步延迟至六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄
每二个月延迟一个月，逐步延迟至五十五周岁。"
第二条: "从2030年1月1日起，将职工按月领取基本养老金最低缴费年限由十五年逐步提高至二十年，每年提高六个月。职工达到
法定退休年龄但不满最低缴费年限的，可以按照国家有关规定延长缴费或者一次性缴费至最低缴费年限，按月领取基本养老金。"
第三条: "职工达到最低缴费年限，可以自愿选择弹性提前退休，提前时间最长不超过三年，且退休年龄不得低于……原法定退休年龄。
职工达到法定退休年龄，所在单位与职工协商一致的，可以弹性延迟退休，延迟时间最长不超过三年。"
"""

from __future__ import annotations

from datetime import date


from ...core.facts import Decision, Facts
from ...core.months import Month
from ...core.trace import rule
from ...core.values import Age, Months
from ...data import policy
from ...data.i18n import Msg, msg, text
from ...data.sources import RETIREMENT_ART1, RETIREMENT_ART2, RETIREMENT_ART3
from ..context import Context
from ..counting import count, projected
from ..outcome import Option, Outcome
from ..projection import record as record_projection


class RetirementFacts(Facts, frozen=True):
    """docs/contract.md §4 ``retirement``, and what the later decisions read (``chosen_date``, ``retired``)."""

    original_age: int
    delay_months: int
    legal_age_months: int
    legal_date: Month
    earliest_date: Month
    latest_date: Month
    chosen_date: Month
    shift_months: int
    chosen_age_months: int
    pension_min_months: int | None
    pension_months: int
    pension_met: bool | None
    early_allowed: bool | None
    early_notice_by: Month | None
    retired: bool
    original_age_assumed: bool
    pension_start: Month | None = None  # the month the pension can first be drawn (the years short made up)
    pension_wait_months: int = 0        # months after chosen_date paid monthly to reach the minimum
    pension_shortfall_plan: str | None = None  # how the years short are made up: monthly | lump_sum (None: none short)
    #: the planned departure from China where it comes at or before chosen_date with no return recorded (None: none)
    leaves_before_retirement: Month | None = None


def _standing(ctx: Context, name: str) -> int:
    """An original age in force today; before its first entry (1978-06-02) the earliest entry, said in the trace:
    the original ages are the person's own whatever the date of the evaluation."""
    age = ctx.value(name, ctx.now)
    if age is not None:
        return age
    dates = sorted(v.effective_from for v in policy.history(name, ctx.region) if v.effective_from and v.known)
    if not dates:
        return 60 if name.endswith(".male") else 55  # the figures of the 1978 rules, should the data lack them
    first = date.fromisoformat(dates[0])
    ctx.note("retirement.original_age", key="earliest", source=RETIREMENT_ART1, at=ctx.now,
             first=Month.from_date(first))
    return ctx.value(name, first)


def original_age(ctx: Context) -> tuple[int, str]:
    """The age before the reform and the schedule it puts the person on (male, female55, female50)."""
    person = ctx.person
    if person.sex == "male":
        age = _standing(ctx, "retirement.original_age.male")
        ctx.note("retirement.original_age", key="male", result=age, source=RETIREMENT_ART1, age=age)
        return age, "male"
    if person.original_retirement_age is not None:
        age = person.original_retirement_age
        ctx.note("retirement.original_age", key="given", result=age, source=RETIREMENT_ART1, age=age)
    else:
        age = _standing(ctx, "retirement.original_age.female_default")
        ctx.note("retirement.original_age", key="assumed", result=age, source=RETIREMENT_ART1, assumed=True,
                 age=age)
    return age, f"female{age}"


@rule("retirement.delay_2025", source=RETIREMENT_ART1)
def delay_months(ctx: Context, *, birth: Month, schedule: str, original_date: Month) -> int:
    """``delay = min(cap, floor(((y - y0) * 12 + (m - 1)) / step) + 1)`` for a birth month on or after y0-01.

    The schedule is read as in force when the person reaches the original age: before 2025 there is none.
    """
    start = ctx.value(f"retirement.delay_start.{schedule}", original_date)
    if start is None:
        ctx.note("retirement.delay_2025.in_force", passed=False, found=original_date)
        return 0
    start = Month.parse(start)
    step = ctx.value(f"retirement.delay_step.{schedule}", original_date)
    cap = ctx.value(f"retirement.delay_cap.{schedule}", original_date)
    if not ctx.check("retirement.delay_2025.born_from", expected=f">= {start}", found=birth, passed=birth >= start,
                     start=start):
        return 0
    return min(cap, (birth - start) // step + 1)


@rule("retirement.flexible_bounds", source=RETIREMENT_ART3)
def flexible_bounds(ctx: Context, *, birth: Month, original: int, legal_date: Month) -> str:
    """Early by at most 3 years but never below the original age; late by at most 3 years."""
    most = ctx.value("retirement.flex_max_months", legal_date) or 0
    floor = birth + original * 12
    binds = ctx.check("retirement.flexible_bounds.floor", expected=f">= {floor}", found=legal_date - most,
                      passed=legal_date - most >= floor, most=Months(most), original=original, floor=floor)
    earliest = legal_date - most if binds else floor
    return f"{earliest}..{legal_date + most}"


def pension_months_by(ctx: Context, horizon: Month) -> int:
    periods = ctx.profile.periods
    months = count(periods, horizon, lambda p: p.insurance == "pension")
    ahead = projected(periods, ctx.now, horizon, lambda p: p.insurance == "pension" and ctx.projection.ongoing(p))
    ctx.note("retirement.pension_months", result=Months(months), horizon=horizon, projected=Months(ahead))
    return months


def pension_start(ctx: Context, chosen: Month, min_months: int | None,
                  pension_months: int) -> tuple[Month, int, str | None]:
    """第二条: "不满最低缴费年限的，可以按照国家有关规定延长缴费或者一次性缴费至最低缴费年限，按月领取基本养老金": the month the
    pension can first be drawn, the months paid on after ``chosen`` (extension month by month, the default) and how;
    a lump sum (``plans.pension_shortfall = "lump_sum"``) lets it start at ``chosen``. A profile with no pension
    period at all says nothing of the pension: the start stays ``chosen``."""
    if min_months is None or pension_months >= min_months:
        return chosen, 0, None
    if not any(p.insurance == "pension" for p in ctx.profile.periods):
        # no pension history recorded: nothing to say when the pension starts; retiree cover is judged at ``chosen``
        ctx.note("retirement.pension_start", key="no_pension_periods", passed=None, source=RETIREMENT_ART2)
        return chosen, 0, None
    short = min_months - pension_months
    plan = ctx.projection.pension_shortfall
    start = chosen if plan == "lump_sum" else chosen + short
    ctx.note("retirement.pension_start", key=plan, result=start, source=RETIREMENT_ART2, chosen=chosen,
             months=Months(short))
    return start, (0 if plan == "lump_sum" else short), plan


def verdict(chosen: Month, age: int, legal_date: Month, shift: int, retired: bool, pension_months: int,
            min_months: int | None, pension_met: bool | None) -> Msg:
    """One sentence: when the person retires, and whether the pension years are reached."""
    when = msg("retirement.verdict", "retired" if retired else "will_retire", date=chosen, age=Age(age))
    how = msg("retirement.verdict", "early" if shift < 0 else "late", legal_date=legal_date,
              shift=Months(abs(shift))) if shift else ""
    if min_months is None:
        pension = msg("retirement.verdict", "pension_no_minimum", months=Months(pension_months), year=chosen.year)
    else:
        pension = msg("retirement.verdict", "pension_met" if pension_met else "pension_short",
                      months=Months(pension_months), min=Months(min_months))
    return msg("retirement.verdict", "sentence", when=when, how=how, pension=pension)


def decide(ctx: Context) -> Outcome:
    person = ctx.person
    record_projection(ctx)
    original, schedule = original_age(ctx)
    delay = delay_months(ctx, birth=person.birth, schedule=schedule, original_date=person.birth + original * 12)
    legal_age = original * 12 + delay
    legal_date = person.birth + legal_age
    ctx.note("retirement.legal_date", result=legal_date, source=RETIREMENT_ART1, birth=person.birth,
             legal_age_months=Age(legal_age))
    bounds = flexible_bounds(ctx, birth=person.birth, original=original, legal_date=legal_date)
    earliest, latest = (Month.parse(x) for x in bounds.split(".."))
    shift = person.shift
    chosen = legal_date + shift
    ctx.check("retirement.shift_in_bounds", expected=f"{earliest}..{latest}", found=chosen,
              passed=earliest <= chosen <= latest, source=RETIREMENT_ART3, shift_months=shift, chosen=chosen)
    min_months = ctx.value("pension.min_months", chosen)
    pension_months = pension_months_by(ctx, chosen)
    early_allowed = None
    if min_months is None:
        # before 1997-07-16 (国发〔1997〕26号) no minimum pension period is in the data: nothing to check
        ctx.note("retirement.pension_min", key="none", passed=None, source=RETIREMENT_ART2, year=chosen.year)
        pension_met = None
        if shift < 0:
            ctx.note("retirement.early_condition", key="no_minimum", passed=None, source=RETIREMENT_ART3)
    else:
        ctx.note("retirement.pension_min", result=Months(min_months), source=RETIREMENT_ART2, year=chosen.year)
        pension_met = ctx.check("retirement.pension_years", expected=Months(min_months),
                                found=Months(pension_months), passed=pension_months >= min_months,
                                source=RETIREMENT_ART2)
    if min_months is None:
        pass  # noted above
    elif shift < 0:
        early_allowed = ctx.check("retirement.early_condition", expected=Months(min_months),
                                  found=Months(pension_months), passed=pension_months >= min_months,
                                  source=RETIREMENT_ART3)
    else:
        ctx.note("retirement.early_condition", key="not_chosen", passed=False, source=RETIREMENT_ART3)
    notice_by = chosen - (ctx.value("retirement.early_notice_months", chosen) or 0) if shift < 0 else None
    retired = ctx.now >= chosen
    starts, wait, plan = pension_start(ctx, chosen, min_months, pension_months)

    facts = RetirementFacts(
        original_age=original, delay_months=delay, legal_age_months=legal_age, legal_date=legal_date,
        earliest_date=earliest, latest_date=latest, chosen_date=chosen, shift_months=shift,
        chosen_age_months=legal_age + shift, pension_min_months=min_months, pension_months=pension_months,
        pension_met=pension_met, early_allowed=early_allowed, early_notice_by=notice_by,
        retired=retired, original_age_assumed=person.sex == "female" and person.original_retirement_age is None,
        pension_start=starts, pension_wait_months=wait, pension_shortfall_plan=plan,
        leaves_before_retirement=ctx.projection.departure_before(chosen),
    )
    options: list[Option] = []
    if pension_met is False:
        short = min_months - pension_months
        options.append(Option("pension_extend", msg("retirement.option.pension_extend"),
                              detail=msg("retirement.option.pension_extend", "detail", months=Months(short)),
                              months=short))
    if early_allowed is False:
        options.append(Option("early_not_allowed", msg("retirement.option.early_not_allowed"),
                              detail=msg("retirement.option.early_not_allowed", "detail")))
    if shift < 0 and not retired:
        late = notice_by is not None and ctx.now > notice_by  # the notice was due already: no open deadline to show
        options.append(Option("early_notice", msg("retirement.option.early_notice"),
                              detail=msg("retirement.option.early_notice", "detail.late" if late else "detail",
                                         months=Months(3), deadline=notice_by),
                              deadline=None if late else notice_by))
    if pension_met is None:
        status = "info"  # retired before any minimum pension period: nothing to meet
    else:
        status = "met" if pension_met and early_allowed is not False else "not_met"
    verdict_msg = verdict(chosen, legal_age + shift, legal_date, shift, retired, pension_months, min_months,
                          pension_met)
    return Outcome(status, verdict_msg, facts=facts, options=options)


def key_figure(facts: RetirementFacts, lang: str) -> str:
    """``2029-04（60岁11个月）``: the month of retirement and the age then."""
    chosen = facts.get("chosen_date")
    if not isinstance(chosen, Month):
        return ""
    age = facts.get("chosen_age_months")
    if not isinstance(age, int) and not facts.get("shift_months"):
        age = facts.get("legal_age_months")
    if not isinstance(age, int) or isinstance(age, bool):
        return str(chosen)
    return text("retirement.figure", "title", lang, date=chosen, age=Age(age))


DECISION = Decision("retirement", decide, RetirementFacts, reads=(), key_figure=key_figure)
