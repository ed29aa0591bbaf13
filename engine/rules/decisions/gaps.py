"""Lapses of medical insurance (断缴) after the first enrolment: what each one cost, and what can still be repaired.

医保办发〔2021〕43号 第十一条 (secondary, Xinhua summary): employee insurance "中断缴费3个月以内补缴的" is paid back
under the receiving region's rules, with no waiting period, and the benefits of the lapse are restored; after a
longer lapse the region sets a waiting period, "原则上待遇享受等待期不超过6个月" (national 6 assumed; Jiangsu at most 3
since 2022, secondary; 浙江省医疗保障条例 第二十九条 "中断后再次参保的，自缴费第三个月起享受待遇", official; Wuhan and
Chongqing 6, secondary). People "连续参保满2年" who switch between employee and resident insurance with a lapse of at
most 3 months have no waiting period either. Seed 004: "断缴超3个月再续保,连续参保年限重新计算" (the total years are
kept: "断交之前的缴费年限也依然有效…可以累计计算").
国办发〔2024〕38号 (official): "自2025年起……对未在居民医保集中参保期内参保或未连续参保的人员，设置参保后固定待遇
等待期3个月；其中，未连续参保的，每多断保1年，原则上在固定待遇等待期基础上增加变动待遇等待期1个月，参保人员可通过缴费
修复变动待遇等待期，每多缴纳1年可减少1个月变动待遇等待期，连续断缴4年及以上的，修复后固定待遇等待期和变动待遇等待期之和
原则上不少于6个月"; "断保之后再次参保的，连续参保年数重新计算".
社会保险法 第八十六条 (official): an employer in arrears pays "自欠缴之日起，按日加收万分之五的滞纳金"; the law sets
no late fee for individuals (flexible workers), which is local (seed 004 claims 0.05%/day).

How this module reads those texts (every reading is also a step of the trace):

- Coverage: a month covered by a paid or deemed medical period (employee or resident). Back-paid periods
  (``kind = "backpaid"``) do not close a lapse by themselves; they repair a short one when paid in time (below).
- Scope: from the first covered month to H = min(as_of month, retirement ``chosen_date`` - 1). Lapses after
  retirement do not count (a retiree whose years are met pays nothing more, 社会保险法 第二十七条).
- A lapse is a maximal run S..E of months in scope without coverage. ``insurance`` is the insurance held before it,
  ``resumed_insurance`` the one after it, ``switch`` says when they differ. A lapse that runs up to H is open
  (``end`` null) unless the person has retired: it then ends at H, the month before retirement.
- ``long``: more than ``medical.short_gap_months`` (3) months.
- ``backpay_deadline`` (employee insurance resumed after employee insurance, short lapses only): a lapse S..E may be
  paid back until E + ``medical.short_gap_backpay_window_months`` (3) inclusive: a back-payment with
  ``paid_on`` ≤ E + 3 repairs it. For an open short lapse E is taken as H (contributions resume next month), and
  ``resume_by`` = S + 3 is the month whose contribution must be paid for the lapse to stay short. Null for long
  lapses, for switches and for resident insurance (38号 repairs the waiting period year by year instead).
- ``repaired``: a short employee lapse wholly covered by back-paid employee periods with ``paid_on`` ≤ the deadline.
  It is still listed, but it is no lapse any more: no waiting, continuity kept, and it does not count.
- ``waiting_months``: for the insurance resumed, in the region where it resumes, in force at the resume month. Where
  our data has no rule that early (before 43号, 2022), today's rule is used and the item says ``rule_of_today``.
  Employee, long: ``medical.long_gap_waiting_months`` (an upper bound, "不超过"). Employee, short: 0 when repaired
  or still repairable; null (local) once the deadline passed unpaid. Resident: 38号, only for resumptions from
  2025-01-01 (null before: local): 3 + 1 for every full year of break after the first ("每多断保1年" read as the
  years beyond the first; break years = full years, months // 12: a 1-year break gives 3, 2 years 4, 4 years 6),
  less 1 per full year back-paid, and at least 6 after a break of 4 full years or more. A switch after 2+ years of
  continuous insurance (``medical.switch_no_wait_min_continuous_years``) with a lapse of at most 3 months: 0.
- ``continuity_reset``: employee long lapse → true (seed 004); employee short → false when repaired or still
  repairable, null (local) once the deadline passed unpaid; resident, any break → true (38号); exempt switch → false.
- ``late_fee``: who would pay a late fee on back-paying the lapse: the employer (the resumed period is ``employed``,
  0.05%/day, 社会保险法 第八十六条) or the individual (``flexible``: local, no national rule); null for resident
  insurance.
- ``covered_again_from``: the month benefits resume, the resume month plus the waiting period (an upper bound
  where the waiting period is one: "at the latest"); null while the lapse is open, after retirement, or where the
  waiting period is unknown. A month not after as_of is a wait already over ("已于2024-05恢复待遇").
- ``repay_until`` / ``repay_open``: the last month the lapse may still be paid back, and whether that is still ahead
  at as_of (false once passed, or once the lapse is repaired). A short employee lapse: its ``backpay_deadline``
  (43号). A longer employee lapse: E + ``medical.long_gap_backpay_window_months``, which no national rule sets
  (local: null unless a place's data or the person's own figure gives it). Null for switches and resident
  insurance (38号 repairs the waiting period by paying years back, with no deadline).
- ``repay_cost_yuan``: what paying the lapse back would cost, for employee insurance while it can be (or may be)
  paid back: each month priced as the period it is paid under (the one resumed, else the one before), both shares
  of an employee's; ``repay_cost_is_estimate`` where a figure of the price is estimated; null where one is unknown.
  No late fee is included.
- ``continuous_months_lost``: the continuous months before the lapse that no longer count as continuous (the run
  before it when the continuous years restart, 0 when they are kept, null where that is local and unknown); the
  total years are kept either way (seed 004).
- Status: ``met`` when there is no lapse (or every one is repaired); ``not_met`` when a lapse still acts at as_of:
  it is open, its waiting period is still running, or it is short and can still be paid back before its deadline;
  ``info`` when there were lapses whose effects are over (the verdict still says the continuous years restarted).
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from ...core.facts import ABSENT, Decision, Facts
from ...core.months import Month
from ...core.trace import Source
from ...core.values import Months, Region, Term, Yuan
from ...data.i18n import Msg, msg
from ...data.phrases import both, clauses, concat, count_figure
from ...data.policy import ParamValue
from ...data.sources import GUOBAN_2024_38, SEED_004, SIL_27, SIL_86, YIBAO_2021_43_ART11
from ...profile.model import MEDICAL, Period
from ..context import Context
from ..outcome import Option, Outcome
from ..pricing import price_month

#: 医保办发〔2021〕43号 took effect on 2022-01-01 (the date of the national entries in the policy data): the first
#: month for which the data holds the lapse rules at all.
RULE_43_FROM = Month.of(2022, 1)
MAX_ITEMS_IN_VERDICT = 4


class Segment(Struct, frozen=True):
    """A stretch of coverage by one period, clipped to the horizon."""

    start: Month
    last: Month
    period: Period


class Rules(Struct, frozen=True):
    short: int          # months: a lapse of at most this many months is short
    window: int         # months after a short lapse's last month to pay it back
    switch_months: int  # continuous months before a switch for no waiting period


class Lapse(Struct, frozen=True):
    """One lapse as the conditions below read it: S..E, the insurance before and after, and where it resumes."""

    before: Period
    after: Period | None
    start: Month
    end: Month
    open: bool
    by_retirement: bool
    resume: Month | None
    run_months: int
    horizon: Month
    had_employee: bool

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    @property
    def target(self) -> str:
        return (self.after or self.before).insurance

    @property
    def same_employee(self) -> bool:
        return self.before.insurance == "employee_medical" and self.target == "employee_medical"


class GapItem(Facts, frozen=True):
    """One lapse of medical insurance after the first enrolment (docs/contract.md §4 ``gaps.items``)."""

    insurance: str
    resumed_insurance: str | None
    switch: Any
    start: Month
    end: Month | None
    months: int
    long: bool
    open: bool
    ended_by_retirement: bool
    resume_month: Month | None
    region: str
    waiting_months: int
    waiting_region: str | None
    waiting_confidence: str | None
    waiting_upper_bound: bool
    rule_of_today: bool
    min_waiting_after_repair: int | None
    switch_no_wait: Any
    benefits_from: Month | None
    waiting_running: bool
    continuity_reset: bool
    backpay_deadline: Month | None
    resume_by: Month | None
    deadline_passed: bool | None
    repaired: bool
    backpaid_months: int
    backpaid_on: Month | None
    late_fee: dict
    continuous_months_before: int
    current: bool
    covered_again_from: Month | None
    repay_until: Month | None
    repay_open: bool | None
    repay_cost_yuan: float | None
    repay_cost_is_estimate: bool
    continuous_months_lost: int | None


class GapsFacts(Facts, frozen=True):
    items: list = field()  # of GapItem (a plain annotation would take Facts.items as its default)
    horizon: Month
    switches: list
    count: int
    lapsed_months: int
    open: bool
    first_enrolment: Month | None
    continuous_since: Month | None
    continuous_months: int
    short_gap_months: int = ABSENT  # only with a medical record
    backpay_window_months: int = ABSENT


def read_rule(ctx: Context, name: str, at: Month, region: str | None = None) -> tuple[ParamValue, bool]:
    """The parameter in force at ``at``; where the data starts later (43号, 2022), today's rule, flagged True."""
    return ctx.param_or_today(name, at, RULE_43_FROM, region, rule="gaps.rule_of_today")


def thresholds(ctx: Context) -> Rules:
    short, _ = read_rule(ctx, "medical.short_gap_months", ctx.now)
    window, _ = read_rule(ctx, "medical.short_gap_backpay_window_months", ctx.now)
    years, _ = read_rule(ctx, "medical.switch_no_wait_min_continuous_years", ctx.now)
    return Rules(int(short.value), int(window.value), round(years.value * 12))


def coverage(ctx: Context, horizon: Month) -> list[Segment]:
    """Paid and deemed medical periods (employee or resident) that start by ``horizon``, clipped, in time order."""
    segs = [Segment(p.start, min(p.last_month(horizon), horizon), p) for p in ctx.profile.periods
            if p.insurance in MEDICAL and p.effective_kind != "backpaid" and p.start <= horizon]
    return sorted(segs, key=lambda s: (s.start, s.last))


def backpaid_in(periods: list[Period], insurance: str, start: Month, end: Month, horizon: Month) -> tuple[int, Month | None]:
    """Months of ``start..end`` covered by back-paid periods of ``insurance``, and the latest month they were paid."""
    months, paid_on = 0, None
    for b in periods:
        if b.insurance != insurance:
            continue
        lo, hi = max(start, b.start), min(end, b.last_month(horizon))
        if hi >= lo:
            months += hi - lo + 1
            if b.paid_on is not None and (paid_on is None or b.paid_on > paid_on):
                paid_on = b.paid_on
    return months, paid_on


def switch_kind(before: str, after: str) -> str | None:
    if before == after:
        return None
    return "employee_to_resident" if before == "employee_medical" else "resident_to_employee"


# --- waiting periods -----------------------------------------------------------------------------------------------
def counted_break_months(ctx: Context, *, resume: Month, region: str, months: int, first: Month | None) -> int:
    """The break months that add variable waiting time: where the place reads the rule as counting breaks only from
    a year on (``resident.break_counted_from_year``: 厦门's assistant, "2024年及以前的断保年限不计入变动待遇等待期",
    unverified), the months of the break before that year are left out; unknown, all of them count (the stricter)."""
    since = ctx.param("resident.break_counted_from_year", resume, region)
    if first is None or months <= 0:
        return months
    if not since.known:
        ctx.note("gaps.break_counted_from", key="unknown", passed=None, source=GUOBAN_2024_38, months=Months(months))
        return months
    start = Month(int(since.value) * 12)  # January of that year
    before = max(0, min(months, start - first))
    ctx.note("gaps.break_counted_from", result=Months(months - before), passed=True, year=int(since.value),
             left_out=Months(before), months=Months(months),
             source=Source(since.source, since.ref, since.read_at) if since.source else GUOBAN_2024_38)
    return months - before


def resident_waiting(ctx: Context, *, resume: Month, region: str, months: int, repaid_months: int,
                     first: Month | None = None) -> dict:
    """国办发〔2024〕38号, for resumptions from 2025: "设置参保后固定待遇等待期3个月；其中，未连续参保的，每多断保1年，
    原则上在固定待遇等待期基础上增加变动待遇等待期1个月……每多缴纳1年可减少1个月变动待遇等待期，连续断缴4年及以上的，
    修复后固定待遇等待期和变动待遇等待期之和原则上不少于6个月"."""
    fixed = ctx.param("resident.fixed_waiting_months", resume, region)
    if not fixed.known:
        ctx.note("gaps.resident_2025_rule", passed=False, source=GUOBAN_2024_38, resume=resume)
        return {"waiting_months": None, "region": fixed.region, "confidence": fixed.confidence, "upper_bound": False,
                "rule_of_today": False, "min_after_repair": None}
    per = ctx.value("resident.extra_waiting_per_year", resume, region) or 0
    floor = ctx.value("resident.min_waiting_after_long_break", resume, region)
    long_years = ctx.value("resident.long_break_years", resume, region)
    months = counted_break_months(ctx, resume=resume, region=region, months=months, first=first)
    years = months // 12
    extra = max(0, years - 1) * per
    repaid_years = repaid_months // 12
    variable = max(0, extra - repaid_years * per)
    total = fixed.value + variable
    min_after = fixed.value
    long_break = long_years is not None and floor is not None and years >= long_years
    if long_break:
        total, min_after = max(total, floor), max(fixed.value, floor)
    key = ("repaid_" if repaid_years else "") + ("floor" if long_break else "plain")
    ctx.note("gaps.resident_waiting", key=key, result=Months(total), source=GUOBAN_2024_38, break_months=months,
             break_years=years, repaid_years=repaid_years, min_after_repair=min_after, fixed=Months(fixed.value),
             per=Months(per), break_span=Months(years * 12), repaid_span=Months(repaid_years * 12),
             long_span=Months((long_years or 0) * 12), floor=Months(floor or 0))
    return {"waiting_months": total, "region": fixed.region, "confidence": fixed.confidence, "upper_bound": False,
            "rule_of_today": False, "min_after_repair": min_after}


def employee_long_waiting(ctx: Context, rules: Rules, *, resume: Month, region: str) -> dict:
    """43号 第十一条: after a lapse of more than 3 months the region sets a waiting period, "原则上待遇享受等待期不超过
    6个月" (an upper bound)."""
    found, today = read_rule(ctx, "medical.long_gap_waiting_months", resume, region)
    if found.known:
        ctx.note("gaps.long_waiting", result=Months(found.value), source=YIBAO_2021_43_ART11,
                 region=Region(found.region), rule_of_today=today, short=Months(rules.short))
    else:
        ctx.note("gaps.long_waiting", key="unknown", result=None, passed=None, source=YIBAO_2021_43_ART11,
                 short=Months(rules.short))
    return {"waiting_months": found.value, "region": found.region, "confidence": found.confidence,
            "upper_bound": True, "rule_of_today": today, "min_after_repair": None}


def first_enrolment_waiting(ctx: Context, *, resume: Month, region: str, period: Period | None,
                            had_employee: bool) -> dict:
    """A short switch into employee insurance without the 2-year exemption: a flexible worker's first enrolment
    waits as the region says; otherwise the rule is local and unknown."""
    if period is not None and period.effective_status == "flexible" and not had_employee:
        found = ctx.param("medical.flexible_first_waiting_months", resume, region)
        ctx.note("gaps.first_enrolment", result=found.value, source=YIBAO_2021_43_ART11)
        return {"waiting_months": found.value, "region": found.region, "confidence": found.confidence,
                "upper_bound": False, "rule_of_today": False, "min_after_repair": None}
    ctx.note("gaps.switch_waiting_unknown", passed=None, source=YIBAO_2021_43_ART11)
    return {"waiting_months": None, "region": region, "confidence": "assumed", "upper_bound": False,
            "rule_of_today": False, "min_after_repair": None}


def no_waiting(region: str, confidence: str | None = "secondary") -> dict:
    return {"waiting_months": 0, "region": region, "confidence": confidence, "upper_bound": False,
            "rule_of_today": False, "min_after_repair": None}


def unknown_waiting(region: str) -> dict:
    return {**no_waiting(region, None), "waiting_months": None}


def late_fee(ctx: Context, payer: Period | None) -> dict | None:
    """社会保险法 第八十六条: an employer in arrears pays "自欠缴之日起，按日加收万分之五的滞纳金"; the law sets no
    late fee for individuals (flexible workers): that is local."""
    if payer is None or payer.insurance != "employee_medical":
        return None
    region = ctx.profile.period_region(payer)
    if payer.effective_status == "employed":
        rate = ctx.param("late_fee.employer_daily_rate", ctx.now, region)
        ctx.note("gaps.late_fee", key="employer", result=rate.value, source=SIL_86)
        return {"payer": "employer", "daily_rate": rate.value, "confidence": rate.confidence, "from": "due_date",
                **both("note", msg("gaps.late_fee.note", "employer"))}
    rate = ctx.param("late_fee.individual_daily_rate", ctx.now, region)
    ctx.note("gaps.late_fee", key="individual", result=rate.value, passed=None, source=SEED_004)
    return {"payer": "individual", "daily_rate": rate.value, "confidence": rate.confidence, "from": "due_date",
            **both("note", msg("gaps.late_fee.note", "individual"))}


# --- the conditions of one lapse --------------------------------------------------------------------------------------
def is_long(ctx: Context, rules: Rules, gap: Lapse) -> bool:
    """43号 第十一条: "中断缴费3个月以内补缴的" is the short case; a lapse of more months is long (the figure is the
    region's ``medical.short_gap_months``)."""
    long = gap.months > rules.short
    ctx.check("gaps.long", expected=msg("gaps.expected", "more_than", months=Months(rules.short)),
              found=Months(gap.months), passed=long, source=YIBAO_2021_43_ART11, short=Months(rules.short))
    return long


def short_backpay(ctx: Context, rules: Rules, gap: Lapse, backpaid: list[Period]) -> dict:
    """43号 第十一条: employee insurance "中断缴费3个月以内补缴的" is paid back under the receiving region's rules,
    with no waiting period, and the benefits of the lapse are restored — if paid back within the window after the
    lapse's last month (``medical.short_gap_backpay_window_months``)."""
    bp_months, paid_on = backpaid_in(backpaid, "employee_medical", gap.start, gap.end, gap.horizon)
    deadline = gap.end + rules.window
    resume_by = gap.start + rules.short if gap.open else None
    found = msg("gaps.expected", "paid_on" if paid_on else "paid", months=Months(bp_months), paid_on=paid_on)
    repaired = bool(ctx.check(
        "gaps.repaired", expected=msg("gaps.expected", "repaid", months=Months(gap.months), deadline=deadline),
        found=found, passed=bp_months >= gap.months and paid_on is not None and paid_on <= deadline,
        source=YIBAO_2021_43_ART11, deadline=deadline, window=Months(rules.window), months=Months(gap.months)))
    return {"deadline": deadline, "resume_by": resume_by, "repaired": repaired, "bp_months": bp_months,
            "paid_on": paid_on, "deadline_passed": not repaired and ctx.now > deadline}


def long_backpaid(ctx: Context, bp_months: int, paid_on: Month | None) -> None:
    """Seed 004: back-paid months count as years ("断交之前的缴费年限也依然有效…可以累计计算"), but a lapse of more
    than 3 months stays a lapse: "断缴超3个月再续保,连续参保年限重新计算"."""
    ctx.note("gaps.backpaid_long", passed=False, source=SEED_004, backpaid_months=Months(bp_months), paid_on=paid_on)


def switch_exempt(ctx: Context, rules: Rules, gap: Lapse, switch: str) -> bool:
    """43号 第十一条: people "连续参保满2年" who switch between employee and resident insurance with a lapse of at most
    3 months have no waiting period."""
    return bool(ctx.check(
        "gaps.switch_no_wait",
        expected=msg("gaps.expected", "switch", run=Months(rules.switch_months), short=Months(rules.short)),
        found=msg("gaps.expected", "switch_found", run=Months(gap.run_months), months=Months(gap.months)),
        passed=gap.run_months >= rules.switch_months and gap.months <= rules.short, source=YIBAO_2021_43_ART11,
        switch=switch, min=Months(rules.switch_months), short=Months(rules.short)))


def waiting(ctx: Context, rules: Rules, gap: Lapse, *, region: str, long: bool, switch: str | None, exempt: bool,
            pay: dict) -> dict:
    """The waiting period on resuming, by the first condition that holds: not resumed (社会保险法 第二十七条: after
    retirement nothing counts); exempt switch; resident insurance (38号); long employee lapse (43号: "不超过6个月");
    short switch into employee insurance (local); short lapse paid back in time or still repairable (none);
    short lapse not paid back by its deadline (local, unknown)."""
    if gap.resume is None:
        ctx.note("gaps.not_resumed", passed=None, source=SIL_27)
        return unknown_waiting(region)
    if exempt:
        return no_waiting(region)
    if gap.target == "resident_medical":
        return resident_waiting(ctx, resume=gap.resume, region=region, months=gap.months, repaid_months=pay["bp_months"],
                                first=gap.start)
    if long:
        return employee_long_waiting(ctx, rules, resume=gap.resume, region=region)
    if switch is not None:
        return first_enrolment_waiting(ctx, resume=gap.resume, region=region, period=gap.after,
                                       had_employee=gap.had_employee)
    if pay["repaired"] or not pay["deadline_passed"]:
        ctx.note("gaps.short_no_wait", key="repaired" if pay["repaired"] else "pending", result=0,
                 source=YIBAO_2021_43_ART11, repaired=pay["repaired"], short=Months(rules.short),
                 deadline=pay["deadline"])
        return no_waiting(region)
    ctx.note("gaps.short_unpaid", passed=False, source=YIBAO_2021_43_ART11, deadline=pay["deadline"])
    return unknown_waiting(region)


def continuity(ctx: Context, gap: Lapse, *, long: bool, switch: str | None, exempt: bool,
               deadline_passed: bool | None) -> bool | None:
    """Whether the continuous years restart: seed 004 "断缴超3个月再续保,连续参保年限重新计算" (employee, long);
    38号 "断保之后再次参保的，连续参保年数重新计算" (resident, any break); an exempt switch or a short lapse paid
    back in time keeps them; a short lapse past its deadline, or a short switch, is local (null)."""
    if exempt:
        reset = False
    elif gap.target == "resident_medical" or long:
        reset = True
    elif switch is not None or deadline_passed:
        reset = None
    else:
        reset = False
    if reset is True:
        src = GUOBAN_2024_38 if gap.target == "resident_medical" else SEED_004
        ctx.note("gaps.continuity_reset", result=True, source=src)
    return reset


def repay_window(ctx: Context, rules: Rules, gap: Lapse, *, long: bool, pay: dict) -> tuple[Month | None, bool | None]:
    """The last month the lapse may be paid back, and whether that is still ahead: a short employee lapse within
    ``medical.short_gap_backpay_window_months`` of its last month (43号 第十一条: "中断缴费3个月以内补缴的"); a longer
    one within ``medical.long_gap_backpay_window_months``, a local figure no national rule sets (null: unknown)."""
    if not gap.same_employee:
        return None, None
    if not long:
        until = pay["deadline"]
    else:
        found = ctx.param("medical.long_gap_backpay_window_months", ctx.now,
                          ctx.profile.period_region(gap.after or gap.before))
        until = gap.end + int(found.value) if found.known else None
        ctx.note("gaps.repay_window", key="known" if until is not None else "unknown", result=until,
                 passed=None if until is None else ctx.now <= until, source=YIBAO_2021_43_ART11,
                 short=Months(rules.short), until=until)
    if until is None:
        return None, None
    return until, not pay["repaired"] and ctx.now <= until


def repay_cost(ctx: Context, gap: Lapse, payer: Period) -> tuple[float | None, bool]:
    """What paying the lapse's months back would cost, each priced as the period it is paid under in force that month
    (:func:`engine.rules.pricing.price_month`: an employee's two shares, a flexible worker's whole rate), once per
    calendar year of the lapse; whether a figure of it is an estimate. No late fee is included."""
    total, estimate = 0.0, False
    with ctx.step("gaps.repay_cost", months=Months(gap.months)) as step:
        at = gap.start
        while at <= gap.end:
            last = min(gap.end, Month.of(at.year, 12))
            row = price_month(ctx, payer, at)
            amount, employer = row["amount_yuan"], row["employer_yuan"]
            if amount is None or employer is None:
                step.result, step.passed = None, None
                return None, False
            total += (amount + employer) * (last - at + 1)
            estimate = estimate or bool(row["is_estimate"])
            at = last + 1
        step.result, step.passed = Yuan(round(total, 2)), True
    return round(total, 2), estimate


# --- one lapse -----------------------------------------------------------------------------------------------------
def backpaid_periods(profile) -> list[Period]:
    """The medical periods the profile says were paid afterwards (补缴), which may repair a lapse."""
    return [p for p in profile.periods if p.insurance in MEDICAL and p.effective_kind == "backpaid"]


def lapse(ctx: Context, rules: Rules, gap: Lapse, backpaid: list[Period]) -> GapItem:
    """One lapse S..E, read through the conditions above; the item of the facts (docs/contract.md §4 ``gaps.items``);
    ``backpaid``: :func:`backpaid_periods` of the profile."""
    prof = ctx.profile
    months, target = gap.months, gap.target
    region = prof.period_region(gap.after or gap.before)
    switch = switch_kind(gap.before.insurance, target) if gap.resume is not None else None
    with ctx.step("gaps.lapse", key="open" if gap.open else "closed", start=gap.start,
                  end=None if gap.open else gap.end, months=Months(months), insurance=gap.before.insurance,
                  resumed=gap.resume, region=region):
        long = is_long(ctx, rules, gap)
        pay = {"deadline": None, "resume_by": None, "repaired": False, "bp_months": 0, "paid_on": None,
               "deadline_passed": None}
        if gap.same_employee:
            if not long:
                pay = short_backpay(ctx, rules, gap, backpaid)
            else:
                bp_months, paid_on = backpaid_in(backpaid, "employee_medical", gap.start, gap.end, gap.horizon)
                pay = {**pay, "bp_months": bp_months, "paid_on": paid_on}
                if bp_months:
                    long_backpaid(ctx, bp_months, paid_on)
        elif target == "resident_medical":
            bp_months, paid_on = backpaid_in(backpaid, "resident_medical", gap.start, gap.end, gap.horizon)
            pay = {**pay, "bp_months": bp_months, "paid_on": paid_on}
        exempt = switch_exempt(ctx, rules, gap, switch) if switch is not None else False
        wait = waiting(ctx, rules, gap, region=region, long=long, switch=switch, exempt=exempt, pay=pay)
        reset = continuity(ctx, gap, long=long, switch=switch, exempt=exempt, deadline_passed=pay["deadline_passed"])

        resume, deadline = gap.resume, pay["deadline"]
        waiting_months = wait["waiting_months"]
        benefits_from = resume + waiting_months if resume is not None and waiting_months is not None else None
        pending = deadline is not None and not pay["repaired"] and not pay["deadline_passed"]
        running = benefits_from is not None and resume is not None and resume <= ctx.now < benefits_from
        payer = gap.after if gap.after is not None and gap.after.insurance == "employee_medical" else gap.before
        covered_from = benefits_from if not gap.open else None
        until, repay_open = repay_window(ctx, rules, gap, long=long, pay=pay)
        cost, cost_estimate = None, False
        if gap.same_employee and not pay["repaired"] and repay_open is not False:
            cost, cost_estimate = repay_cost(ctx, gap, payer)
        lost = gap.run_months if reset is True else 0 if reset is False else None
        return GapItem(**{
            "insurance": gap.before.insurance, "resumed_insurance": target if resume is not None else None,
            "switch": switch, "start": gap.start, "end": None if gap.open else gap.end, "months": months,
            "long": long, "open": gap.open, "ended_by_retirement": gap.by_retirement, "resume_month": resume,
            "region": region, "waiting_months": waiting_months, "waiting_region": wait["region"],
            "waiting_confidence": wait["confidence"], "waiting_upper_bound": wait["upper_bound"],
            "rule_of_today": wait["rule_of_today"], "min_waiting_after_repair": wait["min_after_repair"],
            "switch_no_wait": exempt if switch else None, "benefits_from": benefits_from, "waiting_running": running,
            "continuity_reset": reset, "backpay_deadline": deadline, "resume_by": pay["resume_by"],
            "deadline_passed": pay["deadline_passed"], "repaired": pay["repaired"],
            "backpaid_months": pay["bp_months"], "backpaid_on": pay["paid_on"],
            "late_fee": late_fee(ctx, payer) if gap.same_employee else None,
            "continuous_months_before": gap.run_months, "current": gap.open or pending or running,
            "covered_again_from": covered_from, "repay_until": until, "repay_open": repay_open,
            "repay_cost_yuan": cost, "repay_cost_is_estimate": cost_estimate, "continuous_months_lost": lost,
        })


def adjacent_switch(ctx: Context, rules: Rules, before: Period, after: Period, run_months: int,
                    had_employee: bool) -> dict:
    """A switch between employee and resident insurance with no month in between."""
    kind = switch_kind(before.insurance, after.insurance)
    region = ctx.profile.period_region(after)
    with ctx.step("gaps.switch", month=after.start, switch=kind, insurance_from=Term(before.insurance),
                  insurance_to=Term(after.insurance)):
        exempt = bool(ctx.check(
            "gaps.switch_no_wait", key="adjacent", expected=msg("gaps.expected", "at_least",
                                                               months=Months(rules.switch_months)),
            found=Months(run_months), passed=run_months >= rules.switch_months, source=YIBAO_2021_43_ART11,
            min=Months(rules.switch_months)))
        if exempt:
            wait = no_waiting(region)
        elif after.insurance == "resident_medical":
            wait = resident_waiting(ctx, resume=after.start, region=region, months=0, repaid_months=0)
            if wait["waiting_months"] is not None:
                ctx.note("gaps.enrolment_window", passed=None, source=GUOBAN_2024_38)
        else:
            wait = first_enrolment_waiting(ctx, resume=after.start, region=region, period=after,
                                           had_employee=had_employee)
    return {"switch": kind, "from": before.insurance, "to": after.insurance, "month": after.start, "gap_months": 0,
            "region": region, "continuous_months_before": run_months, "no_wait": exempt,
            "waiting_months": wait["waiting_months"], "waiting_region": wait["region"]}


# --- sentences ------------------------------------------------------------------------------------------------------
def _item(id: str, **args) -> Msg:
    return msg("gaps.item", id, **args)


def item_span(it: dict) -> Msg:
    """When the lapse was, and how long."""
    start, end, months = it["start"], it["end"], Months(it["months"])
    if it["open"]:
        return _item("open", start=start, months=months)
    span = _item("one_month", start=start) if start == end else _item("span", start=start, end=end)
    return concat(_item("closed", span=span, months=months), _item("by_retirement") if it["ended_by_retirement"] else "")


def item_waiting(it: dict, switch_months: int) -> Msg:
    """What the lapse costs on resuming: the back-pay deadline for a short one, else the waiting period and, once
    resumed, since when (or from when) the person is covered again."""
    w = it["waiting_months"]
    again = it["covered_again_from"]
    if it["switch_no_wait"]:
        return concat(_item("switch_no_wait", min=Months(switch_months)), item_cover(it))
    if it["backpay_deadline"] is not None and not it["long"]:
        if it["deadline_passed"]:
            return concat(_item("deadline_passed", deadline=it["backpay_deadline"]), _item("waiting_unknown"))
        if it["open"]:
            return _item("resume_by", resume_by=it["resume_by"], deadline=it["backpay_deadline"])
        return _item("pay_back_by", deadline=it["backpay_deadline"])
    if w is None:
        return _item("waiting_unknown")
    where = Region(it["waiting_region"])
    today = _item("today") if it["rule_of_today"] else ""
    if it["waiting_upper_bound"]:
        if again is None:
            return _item("upper_open" if it["open"] else "upper", w=Months(w), where=where, today=today)
        key = "latest_from" if it["waiting_running"] else "latest_over"
        return _item(key, month=again, w=Months(w), where=where, today=today)
    low = it["min_waiting_after_repair"]
    reduce = _item("reducible", low=Months(low)) if low is not None and low < w else ""
    return concat(_item("waiting", w=Months(w), where=where), item_cover(it), reduce)


def item_cover(it: dict) -> Msg | str:
    """Since when the person is covered again: a wait already over ("已于2024-05恢复待遇") or still running."""
    again = it["covered_again_from"]
    if again is None:
        return ""
    return _item("cover_from" if it["waiting_running"] else "cover_over", month=again)


def item_repay(it: dict) -> Msg | str:
    """Whether a longer employee lapse can still be paid back, and until when (a short one's deadline is said with
    its waiting period); unknown where the place's data does not say."""
    if not it["long"] or it["repaired"] or it["insurance"] != "employee_medical" \
            or it["resumed_insurance"] not in (None, "employee_medical") or it["ended_by_retirement"]:
        return ""
    until = it["repay_until"]
    if until is None:
        return _item("repay_unknown")
    return _item("repay_until" if it["repay_open"] else "repay_closed", until=until)


def item_cost(it: dict) -> Msg | str:
    """What paying the lapse back would cost, where it can (or may) still be paid back."""
    if it["repaired"] or it["repay_open"] is False or it["insurance"] != "employee_medical" \
            or it["resumed_insurance"] not in (None, "employee_medical") or it["ended_by_retirement"]:
        return ""
    if it["repay_cost_yuan"] is None:
        return _item("cost_unknown")
    key = ("cost_if" if it["repay_open"] is None else "cost") + ("_estimate" if it["repay_cost_is_estimate"] else "")
    return _item(key, price=Yuan(it["repay_cost_yuan"]), months=Months(it["months"]))


def item_continuity(it: dict) -> Msg | str:
    """What the lapse took from the continuous years (the total years are kept)."""
    reset, lost = it["continuity_reset"], it["continuous_months_lost"]
    resident = it["resumed_insurance"] == "resident_medical"
    if it["open"]:
        return _item("reset") if reset is True else ""
    if reset is True:
        if lost:
            return _item("reset_lost_resident" if resident else "reset_lost", lost=Months(lost),
                         month=it["resume_month"])
        return _item("reset_resident" if resident else "reset")
    if reset is None:
        return _item("reset_unknown")
    pending = it["backpay_deadline"] is not None and not it["long"] and not it["deadline_passed"]
    return _item("kept_if_paid" if pending else "kept")


def item_text(it: dict, short: int, switch_months: int) -> Msg:
    """One lapse in a sentence, answering in turn: when and how long; since when covered again; whether it can still
    be paid back and until when; what that would cost; what it took from the continuous years."""
    parts: list = [item_span(it)]
    if it["switch"]:
        parts.append(_item("switch", a=Term(it["insurance"]), b=Term(it["resumed_insurance"])))
    if it["repaired"]:
        return concat(*parts, _item("repaired", paid_on=it["backpaid_on"]))
    parts.append(_item("long" if it["long"] else "short", short=Months(short)))
    if it["backpaid_months"]:
        parts.append(_item("backpaid", months=Months(it["backpaid_months"])))
    if it["resume_month"] is None:
        return concat(*parts)
    parts.append(item_waiting(it, switch_months))
    return concat(*parts, item_repay(it), item_cost(it), item_continuity(it))


def options_for(items: list[dict], short: int) -> list[Option]:
    out: list[Option] = []
    for it in items:
        if it["repaired"]:
            continue
        if it["backpay_deadline"] is not None and not it["long"] and not it["deadline_passed"]:
            if it["open"]:
                out.append(Option(
                    "resume_and_pay_back",
                    msg("gaps.option.resume_and_pay_back", resume_by=it["resume_by"], deadline=it["backpay_deadline"],
                        start=it["start"]),
                    detail=msg("gaps.option.resume_and_pay_back", "detail", short=Months(short)),
                    deadline=it["backpay_deadline"], months=it["months"]))
            else:
                fee = msg("gaps.option.pay_back_short_gap", "fee", note=msg("gaps.late_fee.note", it["late_fee"]["payer"])) \
                    if it["late_fee"] else ""
                out.append(Option(
                    "pay_back_short_gap",
                    msg("gaps.option.pay_back_short_gap", deadline=it["backpay_deadline"], start=it["start"],
                        end=it["end"]),
                    detail=msg("gaps.option.pay_back_short_gap", "detail", fee=fee),
                    deadline=it["backpay_deadline"], months=it["months"]))
        elif it["open"]:
            w = it["waiting_months"]
            wait = msg("gaps.option.resume_now", "wait", w=Months(w)) if w is not None else \
                msg("gaps.option.resume_now", "wait_local")
            out.append(Option("resume_now", msg("gaps.option.resume_now"),
                              detail=msg("gaps.option.resume_now", "detail", months=Months(it["months"]), wait=wait),
                              months=w))
    return out


def verdict(items: list[dict], switches: list[dict], rules: Rules, first: Month, horizon: Month) -> Msg:
    """The lapses in one sentence: how many, the first few (those that count, then those repaired), and the
    switches without a lapse."""
    live = [it for it in items if not it["repaired"]]
    if not items:
        head = msg("gaps.verdict", "none", first=first, horizon=horizon)
    else:
        shown = (live + [it for it in items if it["repaired"]])[:MAX_ITEMS_IN_VERDICT]  # the lapses that count first
        more = msg("gaps.verdict", "more", n=len(items) - len(shown)) if len(items) > len(shown) else ""
        if not live:
            lead = msg("gaps.verdict", "all_repaired", n=len(items))
        else:
            repaired = msg("gaps.verdict", "some_repaired", n=len(items) - len(live)) if len(items) > len(live) else ""
            lead = msg("gaps.verdict", "lapses", n=len(live), repaired=repaired)
        head = concat(lead, clauses(*(item_text(it, rules.short, rules.switch_months) for it in shown)), more)
    if switches:
        return concat(head, msg("gaps.verdict", "switches", n=len(switches)))
    return head


# --- the decision --------------------------------------------------------------------------------------------------
def decide(ctx: Context) -> Outcome:
    ret = ctx.facts.get("retirement") or {}
    chosen: Month | None = ret.get("chosen_date")
    retired = chosen is not None and ctx.now >= chosen
    horizon = min(ctx.now, chosen - 1) if chosen is not None else ctx.now
    segs = coverage(ctx, horizon)
    base_facts = {"horizon": horizon, "switches": [], "count": 0, "lapsed_months": 0, "open": False,
                  "first_enrolment": None, "continuous_since": None, "continuous_months": 0}
    if not segs:
        ctx.note("gaps.no_medical", passed=None)
        return Outcome("info", msg("gaps.verdict", "no_medical"), facts=GapsFacts(items=[], **base_facts))
    ctx.note("gaps.scope", result=horizon, source=SIL_27, first_enrolment=segs[0].start, retirement=chosen,
             retired=retired)
    rules = thresholds(ctx)
    backpaid = backpaid_periods(ctx.profile)  # once, not once per lapse
    items: list[GapItem] = []
    switches: list[dict] = []
    run_start = segs[0].start
    prev = segs[0]
    had_employee = prev.period.insurance == "employee_medical"
    for seg in segs[1:]:
        gap = seg.start - prev.last - 1
        run = prev.last - run_start + 1
        if gap > 0:
            item = lapse(ctx, rules, Lapse(prev.period, seg.period, prev.last + 1, seg.start - 1, False, False,
                                           seg.start, run, horizon, had_employee), backpaid)
            items.append(item)
            if item["continuity_reset"] is not False:
                run_start = seg.start
        elif seg.period.insurance != prev.period.insurance:
            switches.append(adjacent_switch(ctx, rules, prev.period, seg.period, run, had_employee))
        had_employee = had_employee or seg.period.insurance == "employee_medical"
        if seg.last > prev.last:
            prev = seg
    if prev.last < horizon:
        planned = [p for p in ctx.profile.periods if p.insurance in MEDICAL and p.effective_kind != "backpaid"
                   and p.start > horizon and (chosen is None or p.start < chosen)]
        after = min(planned, key=lambda p: p.start) if planned and not retired else None
        resume = None if retired else (after.start if after is not None else horizon + 1)
        items.append(lapse(ctx, rules, Lapse(prev.period, after, prev.last + 1, horizon, not retired, retired, resume,
                                             prev.last - run_start + 1, horizon, had_employee), backpaid))

    short = rules.short
    live = [it for it in items if not it["repaired"]]
    open_item = next((it for it in items if it["open"]), None)
    continuous_since = None if open_item or (items and items[-1]["ended_by_retirement"]) else run_start
    facts = GapsFacts(**{
        "items": items, **base_facts, "switches": switches, "count": len(live),
        "lapsed_months": sum(it["months"] for it in live), "open": open_item is not None,
        "first_enrolment": segs[0].start, "continuous_since": continuous_since,
        "continuous_months": horizon - continuous_since + 1 if continuous_since is not None else 0,
        "short_gap_months": short, "backpay_window_months": rules.window,
    })
    if any(it["current"] for it in live):
        status = "not_met"
    elif live:
        status = "info"
    else:
        status = "met"
    return Outcome(status, verdict(items, switches, rules, segs[0].start, horizon), facts=facts,
                   options=options_for(items, short))


def gaps_figure(facts, lang: str) -> str:
    """``2 次断缴`` or ``无断缴``."""
    return count_figure(facts, lang, "gaps.figure")


DECISION = Decision("gaps", decide, GapsFacts, reads=("retirement",), key_figure=gaps_figure)
