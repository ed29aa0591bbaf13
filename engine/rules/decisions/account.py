"""The personal account (个人账户), what both of its decisions share: the account's conditions at retirement and
the retiree's fixed credit. The decisions are engine/decisions/account_now.py (how much is credited now) and
engine/decisions/account_after_retirement.py (whether and how much after retirement).

国办发〔2021〕14号 (NHSA draft wording, final text per Mercer): "在职职工个人账户由个人缴纳的基本医疗保险费计入，
计入标准原则上控制在本人参保缴费基数的2%以内，单位缴纳的基本医疗保险费全部计入统筹基金" and, for retirees (NHSA
Q&A): "退休人员个人账户原则上由统筹基金按定额划入，划入额度按所在地区改革当时基本养老金2%左右测算，今后年度不再
调整". Each region switched on its own date (Beijing 2022-09-01: "70岁（不含）以下按照100元/月划入，70岁以上按照
110元/月划入"); before the switch the individual 2% went in whole plus a share of the employer's contribution by
age (seed 002: "个人缴纳的2%全额划入账户，单位缴费按年龄分段划拨(如35岁以下0.8%、45岁以上1.7%)。例如，6000元缴费
基数的35岁职工，每月返款约180元").
劳社厅发〔2003〕10号 (六): flexible workers in regions "从统筹基金起步" may join the pool only (单建统筹: no account;
seeds 002, 003: "低档缴费(一档)则无个人账户返款"); 浙江省医疗保障条例 第二十五条: "灵活就业人员参加职工基本医疗保险的，
应当设立个人账户"; seed 003: some regions credit flexible workers "未办理职工基本医疗保险退休待遇前…不计发个人账户金",
and Yangquan credits 85 yuan a month to retired flexible workers who top up "以0.8%的费率一次性补足在职参保期间统账
结合模式不足10年部分的缴费比例差额". Resident insurance has no account (seeds 000, 002, 003).
Seed 000: with pension or resident insurance only there is no account after retirement; with years short the account
credits start only once the years are paid ("一次性补缴" at retirement, or paying on); enrolling after retirement with
the pension notice (养老金核算通知单) is a new enrolment: "要在一次性补缴六个月以后才能享受医疗保险的待遇，才能返还医保
个人账户资金". Retirees' large-amount supplementary premium (大额补充医疗保险) is taken from the credits (seeds 001, 003).
"""

from __future__ import annotations

from ...core.months import Month
from ...core.values import Age, Months, Rate, Region, Term, Yuan
from ...data import places
from ...data.sources import (ACCOUNT_RETIREE_QA, GUOBAN_2021_14, LAOSHE_2003_10, SEED_000, SEED_003, SHENZHEN_TIERS, SIL_27,
                             ZHEJIANG_REG_25)
from ...profile.model import Period
from ..context import Context
from ..counting import count
from .backpay import NEW_ENROLLEE_WAITING_MONTHS

AGE_70_MONTHS = 70 * 12


def covering(periods, month: Month) -> int | None:
    """The index of the medical period (employee or resident) covering ``month``; an ongoing one covers it."""
    for i, p in enumerate(periods):
        if p.insurance in ("employee_medical", "resident_medical") and p.start <= month \
                and (p.end is None or p.end >= month):
            return i
    return None


def flexible_always(ctx: Context, p: Period, at: Month, region: str) -> bool:
    """浙江省医疗保障条例 第二十五条: "灵活就业人员参加职工基本医疗保险的，应当设立个人账户" — a flexible worker
    always has an account here, whatever tier the profile says."""
    always = ctx.param("account.flexible_always_has_account", at, region)
    return bool(ctx.check("account.flexible_always_has_account", expected=True, found=always.value,
                          passed=bool(always.value), source=ZHEJIANG_REG_25, mode_in_profile=Term(p.effective_mode)))


# --- the credit after retirement -----------------------------------------------------------------------------
def retired_flexible(ctx: Context, cond: dict) -> bool:
    """Whether the employee-medical period at retirement (``retiree_conditions``) was paid as a flexible worker;
    someone who enrolled only after retirement is a new enrollee, not a retired flexible worker."""
    if cond["at_index"] is None or cond["post_enrolment"]:
        return False
    return ctx.profile.periods[cond["at_index"]].effective_status == "flexible"


def retiree_credit(ctx: Context, *, at: Month, age_months: int, flexible: bool = False) -> dict:
    """NHSA Q&A: "退休人员个人账户原则上由统筹基金按定额划入" — the fixed monthly amount from the pool; Beijing has
    a higher one from age 70 ("70岁以上按照110元/月划入"); Yangquan states a figure for retired flexible workers
    only (seed 003)."""
    with ctx.step("account.retiree_credit", source=ACCOUNT_RETIREE_QA, at=at, age=Age(age_months),
                  flexible=flexible) as node:
        out = _retiree_credit(ctx, at, age_months, flexible)
        node.result = Yuan(out["credit"]) if out["credit"] is not None else None
        node.passed = True if out["credit"] is not None else None
    return out


def _retiree_credit(ctx: Context, at: Month, age_months: int, flexible: bool) -> dict:
    base = ctx.param("account.retiree_monthly_yuan", at)
    if flexible and not base.overridden:
        flex = ctx.param("account.retiree_flexible_monthly_yuan", at)
        if flex.known:
            base = flex
    from_70 = ctx.param("account.retiree_monthly_yuan_from_70", at)
    c70 = from_70.value if from_70.known and not base.overridden else None
    old = ctx.check("account.retiree_age_70", expected=Age(AGE_70_MONTHS), found=Age(age_months),
                    passed=age_months >= AGE_70_MONTHS, source=GUOBAN_2021_14,
                    figure_from_70=Yuan(c70) if c70 is not None else None)
    credit = c70 if old and c70 is not None else base.value
    return {"credit": credit, "under_70": base.value, "from_70": c70, "age_70_applies": bool(old),
            "overridden": base.overridden, "region": base.region, "confidence": base.confidence}


# --- the conditions for a retiree's account, one function per condition ------------------------------------------
def retiree_conditions(ctx: Context, *, retirement: Month) -> dict:
    """Employee medical at retirement, an account tier (统账结合), and the medical years met (or paid at retirement).

    Returns ``blockers`` (codes of the conditions not met), ``resolved`` (those a plan resolves), the period at
    retirement and the waiting period of a post-retirement enrolment.
    """
    with ctx.step("account.retiree_conditions", source=SEED_000, retirement=retirement) as node:
        out = {"blockers": [], "resolved": [], "at_index": None, "in_force": False, "post_enrolment": False,
               "waiting_months": 0, "waiting_until": None, "years_met": None, "topup": None, "late_backpay": False,
               "with_account_months": None}
        if has_employee_medical(ctx, out):
            at = period_at_retirement(ctx, out, retirement)
            post_retirement_enrolment(ctx, out, at, retirement)
            mode_at_retirement(ctx, out, at, retirement)
            flexible_topup(ctx, out, at, retirement)
            tier_one_years(ctx, out, retirement)
            years_met(ctx, out)
        node.result = [Term(b) for b in out["blockers"]] or None  # the title says "those not met": none, none shown
        node.passed = None if not out["blockers"] and out["years_met"] is None else not out["blockers"]
    return out


def has_employee_medical(ctx: Context, out: dict) -> bool:
    """Seed 000: "只交养老保险或者居民医保的，退休后不能享受职工医保待遇" — no employee medical, no retiree
    account; resident insurance has none either and must still be paid every year."""
    periods = ctx.profile.periods
    emp = any(p.insurance == "employee_medical" for p in periods)
    if ctx.check("account.has_employee_medical", expected=True, found=emp, passed=emp, source=SEED_000):
        return True
    out["blockers"].append("no_employee_medical")
    if any(p.insurance == "resident_medical" for p in periods):
        ctx.check("account.resident_only", expected=Term("employee_medical"), found=Term("resident_medical"),
                  passed=False, source=SEED_000)
        out["blockers"].append("resident_only")
    return False


def period_at_retirement(ctx: Context, out: dict, retirement: Month) -> int:
    """社会保险法 第二十七条 "达到法定退休年龄时": the employee-medical period in force at retirement (covering
    the last month before it), else the last one before it, else (enrolled after retirement) the first one."""
    periods = ctx.profile.periods
    emp = [i for i, p in enumerate(periods) if p.insurance == "employee_medical"]
    last = retirement - 1
    in_force = [i for i in emp if periods[i].start <= last and (periods[i].end is None or periods[i].end >= last)]
    before = [i for i in emp if periods[i].start < retirement]
    if in_force:
        at = in_force[0]
    elif before:
        at = max(before, key=lambda i: periods[i].start)
    else:
        at = min(emp, key=lambda i: periods[i].start)
    p = periods[at]
    out.update(at_index=at, in_force=bool(in_force))
    ctx.check("account.insured_at_retirement", expected=True, found=bool(in_force), passed=bool(in_force),
              source=SIL_27, last=last, period_start=p.start, period_end=p.end)
    return at


def post_retirement_enrolment(ctx: Context, out: dict, at: int, retirement: Month) -> None:
    """Seed 000: enrolling only after retirement with the pension notice is a new enrolment: "要在一次性补缴六个月
    以后才能享受医疗保险的待遇，才能返还医保个人账户资金"."""
    p = ctx.profile.periods[at]
    if p.start < retirement:
        ctx.note("account.post_retirement_enrolment", key="not_applicable", passed=False, source=SEED_000)
        return
    waiting = ctx.value("account.post_retirement_enrol_waiting_months", p.start) or 0
    out.update(post_enrolment=True, waiting_months=waiting, waiting_until=p.start + waiting)
    ctx.note("account.post_retirement_enrolment", result=p.start + waiting, passed=True, source=SEED_000,
             start=p.start, waiting=Months(waiting))


def mode_at_retirement(ctx: Context, out: dict, at: int, retirement: Month) -> None:
    """劳社厅发〔2003〕10号 (六): flexible workers may join the pool only ("从统筹基金起步", 单建统筹: no account);
    浙江省医疗保障条例 第二十五条 overrules that for flexible workers ("应当设立个人账户")."""
    p = ctx.profile.periods[at]
    pooling = p.effective_mode == "pooling_only"
    if pooling and p.effective_status == "flexible" and flexible_always(ctx, p, retirement,
                                                                       ctx.profile.period_region(p)):
        ctx.note("account.pooling_only_overruled", passed=True, source=ZHEJIANG_REG_25)
        pooling = False
    if not ctx.check("account.mode_at_retirement", expected=Term("with_account"),
                     found=Term("pooling_only" if pooling else "with_account"), passed=not pooling,
                     source=LAOSHE_2003_10, period=f"periods[{at}]"):
        out["blockers"].append("pooling_only")


def flexible_topup(ctx: Context, out: dict, at: int, retirement: Month) -> None:
    """Seed 003 (Yangquan): retired flexible workers "以0.8%的费率一次性补足在职参保期间统账结合模式不足10年部分的
    缴费比例差额" before an account is set up; the rate and the years are the region's parameters."""
    periods = ctx.profile.periods
    p = periods[at]
    if p.effective_status != "flexible":
        return
    rate = ctx.param("account.retiree_flexible_topup_rate", retirement)
    if not rate.known:
        return
    years = ctx.value("account.retiree_flexible_topup_years", retirement) or 0
    need = round(years * 12)
    always = ctx.param("account.flexible_always_has_account", retirement, ctx.profile.period_region(p)).value
    with_account = count(periods, retirement, lambda q: q.insurance == "employee_medical"
                         and q.effective_kind != "deemed"
                         and (q.effective_mode == "with_account" or bool(always) and q.effective_status == "flexible"))
    out["with_account_months"] = with_account
    if ctx.check("account.flexible_topup", expected=Months(need), found=Months(with_account),
                 passed=with_account >= need, source=SEED_003, years=Months(need), rate=Rate(rate.value)):
        return
    short = need - with_account
    base = ctx.param("medical.backpay_base_yuan", retirement)
    price = round(short * base.value * rate.value, 2) if base.known else None
    out["topup"] = {"months": short, "rate": rate.value, "price_yuan": price,
                    "credit_yuan": ctx.value("account.retiree_flexible_monthly_yuan", retirement)}
    if "pooling_only" not in out["blockers"]:
        out["blockers"].append("pooling_only")


def tier_one_years(ctx: Context, out: dict, retirement: Month) -> None:
    """深医保规〔2022〕3号 (Shenzhen's reply, official): "参加基本医疗保险一档满10年的，享受基本医疗保险一档待遇；不满10年
    的享受基本医疗保险二档待遇，或申请继续参加基本医疗保险一档至10年后，享受基本医疗保险一档待遇" — the higher tier
    (read as the tier with an account) in the place for the years the place sets; short, the lower tier's benefits
    (no account) unless the higher tier is paid on until they are reached."""
    if "pooling_only" in out["blockers"]:
        return
    need_years = ctx.param("account.tier_one_min_years", retirement)
    if not need_years.known:
        return
    need = round(need_years.value * 12)
    chain = places.chain(ctx.region)
    have = count(ctx.profile.periods, retirement,
                 lambda q: q.insurance == "employee_medical" and q.effective_kind != "deemed"
                 and q.effective_mode == "with_account" and ctx.profile.period_region(q) in chain)
    out["tier_one_months"] = have
    if ctx.check("account.tier_one_years", expected=Months(need), found=Months(have), passed=have >= need,
                 source=SHENZHEN_TIERS, region=Region(ctx.region)):
        return
    out["tier_one_short"] = need - have
    out["blockers"].append("tier_one_short")


def years_met(ctx: Context, out: dict) -> None:
    """社会保险法 第二十七条: "未达到国家规定年限的，可以缴费至国家规定年限" — years short, no retiree benefits
    (and no retiree credit) until paid; a lump sum planned at retirement resolves it."""
    my = ctx.facts["medical_years"]
    met = my.met
    out["years_met"] = met
    short = Months(my.shortfall_months)
    if met is False and ctx.projection.backpay_at_retirement and ctx.now > my.horizon:
        # planned at retirement, which is behind: paid now as a new enrollee, who waits (seed 000)
        ctx.check("account.years_met", key="planned_late", expected=Months(0), found=short, passed=True,
                  source=SEED_000, backpay_planned=True, deadline=my.horizon,
                  waiting=Months(NEW_ENROLLEE_WAITING_MONTHS))
        out["resolved"].append("years_short")
        out["late_backpay"] = True
        out["waiting_months"] = NEW_ENROLLEE_WAITING_MONTHS
    elif met is False and ctx.projection.backpay_at_retirement:
        price = my.backpay_estimate_yuan
        ctx.check("account.years_met", key="planned", expected=Months(0), found=short, passed=True, source=SIL_27,
                  backpay_planned=True, backpay_estimate_yuan=Yuan(price) if price is not None else None)
        out["resolved"].append("years_short")
    elif met is False:
        ctx.check("account.years_met", expected=Months(0), found=short, passed=False, source=SIL_27)
        out["blockers"].append("years_short")
    elif met is None:
        ctx.check("account.years_met", key="unknown", expected=Months(0), found=None, passed=None, source=SIL_27)
    else:
        ctx.check("account.years_met", expected=Months(0), found=short, passed=True, source=SIL_27)
