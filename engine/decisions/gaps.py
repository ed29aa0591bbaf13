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
- Status: ``met`` when there is no lapse (or every one is repaired); ``not_met`` when a lapse still acts at as_of:
  it is open, its waiting period is still running, or it is short and can still be paid back before its deadline;
  ``info`` when there were lapses whose effects are over (the verdict still says the continuous years restarted).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Context
from ..glossary import term
from ..model import MEDICAL, Period
from ..months import Month
from ..policy import ParamValue
from ..regions import region_name
from ..report import Option, Outcome
from ..sources import GUOBAN_2024_38, SEED_004, SIL_27, SIL_86, YIBAO_2021_43_ART11

#: 医保办发〔2021〕43号 took effect on 2022-01-01 (the date of the national entries in the policy data): the first
#: month for which the data holds the lapse rules at all.
RULE_43_FROM = Month.of(2022, 1)
MAX_ITEMS_IN_VERDICT = 4


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of coverage by one period, clipped to the horizon."""

    start: Month
    last: Month
    period: Period


@dataclass(frozen=True, slots=True)
class Rules:
    short: int          # months: a lapse of at most this many months is short
    window: int         # months after a short lapse's last month to pay it back
    switch_months: int  # continuous months before a switch for no waiting period


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
def resident_waiting(ctx: Context, *, resume: Month, region: str, months: int, repaid_months: int) -> dict:
    """国办发〔2024〕38号, for resumptions from 2025: 3 fixed + 1 per full year of break after the first."""
    fixed = ctx.param("resident.fixed_waiting_months", resume, region)
    if not fixed.known:
        ctx.note("gaps.resident_2025_rule", f"国办发〔2024〕38号的等待期自2025年起施行，{resume}恢复参保时尚未施行：等待期按当地规定（未知）",
                 f"the 38号 waiting periods apply from 2025; on resuming in {resume} they were not in force: local rule (unknown)",
                 passed=False, source=GUOBAN_2024_38, resume=resume)
        return {"waiting_months": None, "region": fixed.region, "confidence": fixed.confidence, "upper_bound": False,
                "rule_of_today": False, "min_after_repair": None}
    per = ctx.value("resident.extra_waiting_per_year", resume, region) or 0
    floor = ctx.value("resident.min_waiting_after_long_break", resume, region)
    long_years = ctx.value("resident.long_break_years", resume, region)
    years = months // 12
    extra = max(0, years - 1) * per
    repaid_years = repaid_months // 12
    variable = max(0, extra - repaid_years * per)
    total = fixed.value + variable
    min_after = fixed.value
    if long_years is not None and floor is not None and years >= long_years:
        total, min_after = max(total, floor), max(fixed.value, floor)
    ctx.note("gaps.resident_waiting", f"居民医保：固定等待期{fixed.value}个月 + 断保满{years}年（第1年以后每满1年加{per}个月）"
             f"{f' - 补缴{repaid_years}年' if repaid_years else ''} = {total}个月"
             f"{f'（断保{long_years}年及以上，修复后不少于{floor}个月）' if long_years is not None and years >= long_years else ''}",
             f"resident insurance: fixed {fixed.value} months + {years} full years of break (+{per} a year after the first)"
             f"{f' - {repaid_years} years paid back' if repaid_years else ''} = {total} months",
             result=total, source=GUOBAN_2024_38, break_months=months, break_years=years, repaid_years=repaid_years,
             min_after_repair=min_after)
    return {"waiting_months": total, "region": fixed.region, "confidence": fixed.confidence, "upper_bound": False,
            "rule_of_today": False, "min_after_repair": min_after}


def employee_long_waiting(ctx: Context, *, resume: Month, region: str) -> dict:
    found, today = read_rule(ctx, "medical.long_gap_waiting_months", resume, region)
    name = region_name(found.region)
    if found.known:
        ctx.note("gaps.long_waiting", f"断缴超过3个月：恢复缴费后的待遇等待期最长{found.value}个月（{name}）",
                 f"lapse over 3 months: waiting period of at most {found.value} months after resuming ({region_name(found.region, 'en')})",
                 result=found.value, source=YIBAO_2021_43_ART11, region=found.region, rule_of_today=today)
    else:
        ctx.note("gaps.long_waiting", "断缴超过3个月：本地等待期未知，请咨询当地医保经办机构，或填写 medical.long_gap_waiting_months",
                 "lapse over 3 months: the local waiting period is unknown; ask the local office or set medical.long_gap_waiting_months",
                 result=None, passed=None, source=YIBAO_2021_43_ART11)
    return {"waiting_months": found.value, "region": found.region, "confidence": found.confidence,
            "upper_bound": True, "rule_of_today": today, "min_after_repair": None}


def first_enrolment_waiting(ctx: Context, *, resume: Month, region: str, period: Period | None,
                            had_employee: bool) -> dict:
    """A short switch into employee insurance without the 2-year exemption: a flexible worker's first enrolment
    waits as the region says; otherwise the rule is local and unknown."""
    if period is not None and period.effective_status == "flexible" and not had_employee:
        found = ctx.param("medical.flexible_first_waiting_months", resume, region)
        ctx.note("gaps.first_enrolment", "首次以灵活就业身份参加职工医保：按本地首次参保等待期",
                 "first enrolment in employee insurance as a flexible worker: the local first-enrolment wait",
                 result=found.value, source=YIBAO_2021_43_ART11)
        return {"waiting_months": found.value, "region": found.region, "confidence": found.confidence,
                "upper_bound": False, "rule_of_today": False, "min_after_repair": None}
    ctx.note("gaps.switch_waiting_unknown", "转入职工医保的等待期由当地规定（未知）：请咨询当地医保经办机构",
             "the waiting period on switching into employee insurance is local (unknown): ask the local office",
             passed=None, source=YIBAO_2021_43_ART11)
    return {"waiting_months": None, "region": region, "confidence": "assumed", "upper_bound": False,
            "rule_of_today": False, "min_after_repair": None}


def no_waiting(region: str, confidence: str = "secondary") -> dict:
    return {"waiting_months": 0, "region": region, "confidence": confidence, "upper_bound": False,
            "rule_of_today": False, "min_after_repair": None}


def late_fee(ctx: Context, payer: Period | None) -> dict | None:
    """Who pays a late fee on back-paying: the employer (社会保险法 第八十六条) or the individual (local)."""
    if payer is None or payer.insurance != "employee_medical":
        return None
    region = ctx.profile.period_region(payer)
    if payer.effective_status == "employed":
        rate = ctx.param("late_fee.employer_daily_rate", ctx.now, region)
        ctx.note("gaps.late_fee", "单位参保：单位欠缴的，由单位自欠缴之日起按日加收滞纳金，个人不承担",
                 "employed: an employer in arrears pays a daily late fee from the due date, not the employee",
                 result=rate.value, source=SIL_86)
        return {"payer": "employer", "daily_rate": rate.value, "confidence": rate.confidence, "from": "due_date",
                "note": "单位欠缴：由单位自欠缴之日起按日加收万分之五滞纳金，个人不承担（社会保险法 第八十六条）"}
    rate = ctx.param("late_fee.individual_daily_rate", ctx.now, region)
    ctx.note("gaps.late_fee", "灵活就业个人补缴：社会保险法只对用人单位规定滞纳金，个人是否加收由当地规定",
             "flexible worker paying back: the law sets a late fee only for employers; for individuals it is local",
             result=rate.value, passed=None, source=SEED_004)
    return {"payer": "individual", "daily_rate": rate.value, "confidence": rate.confidence, "from": "due_date",
            "note": "个人（灵活就业）补缴是否加收滞纳金由当地规定，全国没有统一规定：请咨询当地医保经办机构"}


# --- one lapse -----------------------------------------------------------------------------------------------------
def lapse(ctx: Context, rules: Rules, *, before: Period, after: Period | None, start: Month, end: Month,
          open_: bool, by_retirement: bool, resume: Month | None, run_months: int, horizon: Month,
          had_employee: bool) -> dict:
    prof = ctx.profile
    months = end - start + 1
    target_period = after or before
    target = target_period.insurance
    region = prof.period_region(target_period)
    switch = switch_kind(before.insurance, target) if resume is not None else None
    end_txt = "今" if open_ else str(end)
    backpaid = [p for p in prof.periods if p.insurance in MEDICAL and p.effective_kind == "backpaid"]
    with ctx.step("gaps.lapse", f"断缴 {start} 至 {end_txt}（{months}个月）",
                  f"lapse {start} to {'now' if open_ else end} ({months} months)",
                  start=start, end=None if open_ else end, months=months, insurance=before.insurance,
                  resumed=resume, region=region):
        long = months > rules.short
        ctx.check("gaps.long", f"中断超过{rules.short}个月（长期断缴）", f"lapse longer than {rules.short} months",
                  f"> {rules.short}", months, long, source=YIBAO_2021_43_ART11)
        deadline = resume_by = paid_on = None
        deadline_passed = None
        repaired = False
        bp_months = 0
        same_employee = before.insurance == "employee_medical" and target == "employee_medical"
        if same_employee:
            bp_months, paid_on = backpaid_in(backpaid, "employee_medical", start, end, horizon)
            if not long:
                deadline = end + rules.window
                resume_by = start + rules.short if open_ else None
                repaired = bool(ctx.check(
                    "gaps.repaired", f"在{deadline}前（断缴最后一月后{rules.window}个月内）补缴全部{months}个月",
                    f"all {months} months paid back by {deadline} ({rules.window} months after the lapse)",
                    f"{months}个月，补缴月 ≤ {deadline}", f"{bp_months}个月" + (f"，{paid_on}补缴" if paid_on else ""),
                    bp_months >= months and paid_on is not None and paid_on <= deadline,
                    source=YIBAO_2021_43_ART11))
                deadline_passed = not repaired and ctx.now > deadline
            elif bp_months:
                ctx.note("gaps.backpaid_long", f"补缴了其中{bp_months}个月：计入缴费年限，但超过3个月的断缴不因补缴而恢复连续",
                         f"{bp_months} months were back-paid: they count as years, but a long lapse stays a lapse",
                         passed=False, source=SEED_004, backpaid_months=bp_months, paid_on=paid_on)
        elif target == "resident_medical":
            bp_months, paid_on = backpaid_in(backpaid, "resident_medical", start, end, horizon)

        exempt = False
        if switch is not None:
            exempt = bool(ctx.check(
                "gaps.switch_no_wait", f"连续参保满{rules.switch_months // 12}年且中断不超过{rules.short}个月：转换险种不设等待期",
                f"{rules.switch_months // 12}+ continuous years and a lapse of at most {rules.short} months: no waiting on switching",
                f"连续参保 ≥ {rules.switch_months}个月，中断 ≤ {rules.short}个月", f"连续{run_months}个月，中断{months}个月",
                run_months >= rules.switch_months and months <= rules.short, source=YIBAO_2021_43_ART11,
                switch=switch))

        if resume is None:
            ctx.note("gaps.not_resumed", "退休前未恢复参保：退休后的月份不再计入断缴", "not resumed before retirement",
                     passed=None, source=SIL_27)
            wait = {"waiting_months": None, "region": region, "confidence": None, "upper_bound": False,
                    "rule_of_today": False, "min_after_repair": None}
        elif exempt:
            wait = no_waiting(region)
        elif target == "resident_medical":
            wait = resident_waiting(ctx, resume=resume, region=region, months=months, repaid_months=bp_months)
        elif long:
            wait = employee_long_waiting(ctx, resume=resume, region=region)
        elif switch is not None:
            wait = first_enrolment_waiting(ctx, resume=resume, region=region, period=after, had_employee=had_employee)
        elif repaired or not deadline_passed:
            wait = no_waiting(region)
            ctx.note("gaps.short_no_wait", "3个月以内的断缴按时补缴：不设等待期，中断期间待遇可追溯"
                     + ("" if repaired else f"（须在{deadline}前补缴）"),
                     "a short lapse paid back in time: no waiting period, benefits restored"
                     + ("" if repaired else f" (pay back by {deadline})"),
                     result=0, source=YIBAO_2021_43_ART11, repaired=repaired)
        else:
            wait = {"waiting_months": None, "region": region, "confidence": None, "upper_bound": False,
                    "rule_of_today": False, "min_after_repair": None}
            ctx.note("gaps.short_unpaid", f"未在{deadline}前补缴：中断期间的待遇不能追溯，是否另设等待期由当地规定（未知）",
                     f"not paid back by {deadline}: no benefits for the lapse; any waiting period is local (unknown)",
                     passed=False, source=YIBAO_2021_43_ART11)

        if exempt:
            reset = False
        elif target == "resident_medical":
            reset = True
        elif long:
            reset = True
        elif switch is not None or deadline_passed:
            reset = None
        else:
            reset = False
        if reset is True:
            src = GUOBAN_2024_38 if target == "resident_medical" else SEED_004
            ctx.note("gaps.continuity_reset", "连续参保（缴费）年限重新计算，累计年限保留",
                     "continuous years restart; the total years are kept", result=True, source=src)

        waiting = wait["waiting_months"]
        benefits_from = resume + waiting if resume is not None and waiting is not None else None
        pending = deadline is not None and not repaired and not deadline_passed
        running = benefits_from is not None and resume is not None and resume <= ctx.now < benefits_from
        current = open_ or pending or running
        payer = after if after is not None and after.insurance == "employee_medical" else before
        return {
            "insurance": before.insurance, "resumed_insurance": target if resume is not None else None,
            "switch": switch, "start": start, "end": None if open_ else end, "months": months, "long": long,
            "open": open_, "ended_by_retirement": by_retirement, "resume_month": resume, "region": region,
            "waiting_months": waiting, "waiting_region": wait["region"], "waiting_confidence": wait["confidence"],
            "waiting_upper_bound": wait["upper_bound"], "rule_of_today": wait["rule_of_today"],
            "min_waiting_after_repair": wait["min_after_repair"], "switch_no_wait": exempt if switch else None,
            "benefits_from": benefits_from, "waiting_running": running, "continuity_reset": reset,
            "backpay_deadline": deadline, "resume_by": resume_by, "deadline_passed": deadline_passed,
            "repaired": repaired, "backpaid_months": bp_months, "backpaid_on": paid_on,
            "late_fee": late_fee(ctx, payer) if same_employee else None,
            "continuous_months_before": run_months, "current": current,
        }


def adjacent_switch(ctx: Context, rules: Rules, before: Period, after: Period, run_months: int,
                    had_employee: bool) -> dict:
    """A switch between employee and resident insurance with no month in between."""
    kind = switch_kind(before.insurance, after.insurance)
    region = ctx.profile.period_region(after)
    with ctx.step("gaps.switch", f"险种转换 {term(before.insurance)}→{term(after.insurance)}（{after.start}，无中断）",
                  f"switch {term(before.insurance, 'en')} → {term(after.insurance, 'en')} ({after.start}, no lapse)",
                  month=after.start, switch=kind):
        exempt = bool(ctx.check(
            "gaps.switch_no_wait", f"连续参保满{rules.switch_months // 12}年：转换险种不设等待期",
            f"{rules.switch_months // 12}+ continuous years: no waiting on switching",
            f"≥ {rules.switch_months}个月", f"{run_months}个月", run_months >= rules.switch_months,
            source=YIBAO_2021_43_ART11))
        if exempt:
            wait = no_waiting(region)
        elif after.insurance == "resident_medical":
            wait = resident_waiting(ctx, resume=after.start, region=region, months=0, repaid_months=0)
            if wait["waiting_months"] is not None:
                ctx.note("gaps.enrolment_window", "在居民医保集中参保期内参保的不设固定等待期；年中转入一般不在集中参保期",
                         "joining in the yearly enrolment window has no fixed wait; a switch mid-year usually is outside it",
                         passed=None, source=GUOBAN_2024_38)
        else:
            wait = first_enrolment_waiting(ctx, resume=after.start, region=region, period=after,
                                           had_employee=had_employee)
    return {"switch": kind, "from": before.insurance, "to": after.insurance, "month": after.start, "gap_months": 0,
            "region": region, "continuous_months_before": run_months, "no_wait": exempt,
            "waiting_months": wait["waiting_months"], "waiting_region": wait["region"]}


# --- sentences ------------------------------------------------------------------------------------------------------
def item_text(it: dict, short: int, lang: str) -> str:
    en = lang == "en"
    start, end, months = it["start"], it["end"], it["months"]
    if it["open"]:
        text = (f"since {start}, {months} months so far (not resumed)" if en
                else f"{start}起至今已{months}个月（尚未恢复缴费）")
    else:
        span = str(start) if start == end else (f"{start} to {end}" if en else f"{start}至{end}")
        text = f"{span}, {months} month{'s' if months != 1 else ''}" if en else f"{span}共{months}个月"
        if it["ended_by_retirement"]:
            text += " (up to retirement, not resumed)" if en else "（到退休前未恢复）"
    if it["switch"]:
        a, b = term(it["insurance"], lang), term(it["resumed_insurance"], lang)
        text += f" ({a} → {b})" if en else f"（{a}转{b}）"
    if it["repaired"]:
        return text + (f", paid back in {it['backpaid_on']}: repaired" if en else f"，已于{it['backpaid_on']}补缴，视为未中断")
    text += (f", over {short} months" if en else f"，超过{short}个月") if it["long"] else \
        (f", {short} months or less" if en else f"，不超过{short}个月")
    resident = it["resumed_insurance"] == "resident_medical"
    if it["backpaid_months"]:
        text += f", {it['backpaid_months']} months back-paid" if en else f"，已补缴其中{it['backpaid_months']}个月"
    if it["resume_month"] is None:
        return text
    if it["continuity_reset"] is True:
        text += (", the continuous years restart" if en else
                 ("，连续参保年数重新计算" if resident else "，连续缴费年限重新计算"))
    w = it["waiting_months"]
    if it["switch_no_wait"]:
        return text + (", no waiting period (2+ continuous years)" if en else "，连续参保满2年，转换险种不设等待期")
    if it["backpay_deadline"] is not None and not it["long"]:
        if it["deadline_passed"]:
            return text + (f", not paid back by {it['backpay_deadline']}: no benefits for the lapse" if en
                           else f"，未在{it['backpay_deadline']}前补缴：中断期间待遇不能追溯")
        if it["open"]:
            return text + (f": resume by {it['resume_by']} and pay it back by {it['backpay_deadline']} to avoid any waiting" if en
                           else f"：最迟{it['resume_by']}恢复缴费并在{it['backpay_deadline']}前补缴，可免等待期")
        return text + (f": pay it back by {it['backpay_deadline']}, then no waiting period" if en
                       else f"：在{it['backpay_deadline']}前补缴，不设等待期")
    if w is None:
        return text + (", waiting period unknown (local rule: ask the local medical insurance office)" if en
                       else "，等待期未知（当地规定，请咨询当地医保经办机构）")
    where = region_name(it["waiting_region"], lang)
    today = (", today's rule" if en else "，现行规定") if it["rule_of_today"] else ""
    after = "after resuming" if en else "恢复缴费后"
    if it["open"]:
        after = "once resumed" if en else "恢复缴费后"
    if it["waiting_upper_bound"]:
        return text + (f", waiting period {after} at most {w} months ({where}{today})" if en
                       else f"，{after}等待期最长{w}个月（{where}{today}）")
    text += f", waiting period {w} months ({where})" if en else f"，待遇等待期{w}个月（{where}）"
    low = it["min_waiting_after_repair"]
    if low is not None and low < w:
        text += f", down to {low} if the break years are paid back" if en else f"，补缴断保年度可减至{low}个月"
    return text


def options_for(items: list[dict], short: int) -> list[Option]:
    out: list[Option] = []
    for it in items:
        if it["repaired"]:
            continue
        if it["backpay_deadline"] is not None and not it["long"] and not it["deadline_passed"]:
            if it["open"]:
                out.append(Option(
                    "resume_and_pay_back", f"最迟{it['resume_by']}恢复缴费，并在{it['backpay_deadline']}前补缴{it['start']}起的欠费",
                    f"resume by {it['resume_by']} and pay back the months since {it['start']} by {it['backpay_deadline']}",
                    f"断缴不超过{short}个月并按时补缴的，不设等待期，中断期间待遇可追溯（医保办发〔2021〕43号 第十一条）",
                    f"a lapse of at most {short} months paid back in time has no waiting period (43号 art. 11)",
                    deadline=it["backpay_deadline"], months=it["months"]))
            else:
                out.append(Option(
                    "pay_back_short_gap", f"在{it['backpay_deadline']}前补缴{it['start']}至{it['end']}",
                    f"pay {it['start']} to {it['end']} back before the end of {it['backpay_deadline']}",
                    "补缴后不设等待期，中断期间的待遇可追溯（医保办发〔2021〕43号 第十一条）"
                    + (f"；{it['late_fee']['note']}" if it["late_fee"] else ""),
                    "no waiting period once paid back, and benefits for the lapse are restored (43号 art. 11)",
                    deadline=it["backpay_deadline"], months=it["months"]))
        elif it["open"]:
            w = it["waiting_months"]
            wait_zh = f"恢复后有等待期（最长{w}个月）" if w is not None else "恢复后的等待期由当地规定"
            wait_en = f"a waiting period of up to {w} months follows" if w is not None else "the waiting period is local"
            out.append(Option("resume_now", "尽快恢复参保缴费", "resume contributions as soon as possible",
                              f"已断缴{it['months']}个月：{wait_zh}，越早恢复越早享受待遇；缴费年限累计计算",
                              f"{it['months']} months without insurance: {wait_en}; the sooner, the better",
                              months=w))
    return out


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
        ctx.note("gaps.no_medical", "档案中没有医保（职工或居民）参保记录：没有可计算的断缴",
                 "no medical insurance (employee or resident) on record: no lapses to find", passed=None)
        return Outcome("info", "档案中没有医保参保记录，无从计算断缴", "No medical insurance on record: no lapses to show",
                       {"items": [], **base_facts})
    ctx.note("gaps.scope", f"只看首次参保（{segs[0].start}）到{horizon}之间：退休后的断缴不计",
             f"only the months from the first enrolment ({segs[0].start}) to {horizon}; lapses after retirement do not count",
             result=horizon, source=SIL_27, first_enrolment=segs[0].start, retirement=chosen, retired=retired)
    rules = thresholds(ctx)
    items: list[dict] = []
    switches: list[dict] = []
    run_start = segs[0].start
    prev = segs[0]
    had_employee = prev.period.insurance == "employee_medical"
    for seg in segs[1:]:
        gap = seg.start - prev.last - 1
        run = prev.last - run_start + 1
        if gap > 0:
            item = lapse(ctx, rules, before=prev.period, after=seg.period, start=prev.last + 1, end=seg.start - 1,
                         open_=False, by_retirement=False, resume=seg.start, run_months=run, horizon=horizon,
                         had_employee=had_employee)
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
        item = lapse(ctx, rules, before=prev.period, after=after, start=prev.last + 1, end=horizon,
                     open_=not retired, by_retirement=retired, resume=resume,
                     run_months=prev.last - run_start + 1, horizon=horizon, had_employee=had_employee)
        items.append(item)

    short = rules.short
    live = [it for it in items if not it["repaired"]]
    open_item = next((it for it in items if it["open"]), None)
    continuous_since = None if open_item or (items and items[-1]["ended_by_retirement"]) else run_start
    facts = {
        "items": items, **base_facts, "switches": switches, "count": len(live),
        "lapsed_months": sum(it["months"] for it in live), "open": open_item is not None,
        "first_enrolment": segs[0].start, "continuous_since": continuous_since,
        "continuous_months": horizon - continuous_since + 1 if continuous_since is not None else 0,
        "short_gap_months": short, "backpay_window_months": rules.window,
    }
    if not items:
        verdict = f"没有断缴：自{segs[0].start}起医保连续参保至{horizon}"
        verdict_en = f"No lapses: medical insurance continuous from {segs[0].start} to {horizon}"
    else:
        shown = items[:MAX_ITEMS_IN_VERDICT]
        more_zh = f"；另有{len(items) - len(shown)}次" if len(items) > len(shown) else ""
        more_en = f"; {len(items) - len(shown)} more" if len(items) > len(shown) else ""
        if not live:
            head_zh, head_en = f"有{len(items)}次断缴，均已按时补缴：", f"{len(items)} lapse{'s' if len(items) != 1 else ''}, all paid back in time: "
        else:
            head_zh = f"有{len(live)}次断缴" + (f"（另{len(items) - len(live)}次已补缴）" if len(items) > len(live) else "") + "："
            head_en = f"{len(live)} lapse{'s' if len(live) != 1 else ''}" + (f" ({len(items) - len(live)} repaired)" if len(items) > len(live) else "") + ": "
        verdict = head_zh + "；".join(item_text(it, short, "zh") for it in shown) + more_zh
        verdict_en = head_en + "; ".join(item_text(it, short, "en") for it in shown) + more_en
    if switches:
        verdict += f"；另有{len(switches)}次职工/居民医保转换（无中断）"
        verdict_en += f"; {len(switches)} switch(es) between employee and resident insurance without a lapse"
    if any(it["current"] for it in live):
        status = "not_met"
    elif live:
        status = "info"
    else:
        status = "met"
    return Outcome(status, verdict, verdict_en, facts, options_for(items, short))
