"""The personal account (个人账户): how much is credited now, and whether and how much after retirement.

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

from datetime import date

from ..context import Context
from ..counting import count
from ..model import Period
from ..months import Month, age_text, months_text
from ..regions import region_name
from ..report import Option, Outcome
from ..sources import (
    ACCOUNT_IN_SERVICE_2PCT,
    ACCOUNT_RETIREE_QA,
    GUOBAN_2021_14,
    LAOSHE_2003_10,
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SIL_27,
    ZHEJIANG_REG_25,
)
from ..trace import Source

AGE_70_MONTHS = 70 * 12


# --- small helpers ---------------------------------------------------------------------------------------------
def pct(rate: float) -> str:
    """``0.02`` → ``2%``, ``0.008`` → ``0.8%``."""
    text = f"{rate * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def yuan(amount: float, decimals: bool = False) -> str:
    """Money for a sentence: ``96.0`` → ``96.00`` (decimals) or ``100`` for a whole figure."""
    if not decimals and float(amount).is_integer():
        return f"{int(amount)}"
    return f"{amount:,.2f}"


def covering(periods, month: Month) -> int | None:
    """The index of the medical period (employee or resident) covering ``month``; an ongoing one covers it."""
    for i, p in enumerate(periods):
        if p.insurance in ("employee_medical", "resident_medical") and p.start <= month \
                and (p.end is None or p.end >= month):
            return i
    return None


def tier_text(p: Period) -> tuple[str, str]:
    if p.effective_status != "flexible":
        if p.effective_mode == "with_account":
            return "在职职工", "employee"
        return "单位参保单建统筹", "employed, pooling only"
    if p.effective_mode == "with_account":
        return "灵活就业统账结合", "flexible worker, with account"
    return "灵活就业单建统筹", "flexible worker, pooling only"


def flexible_always(ctx: Context, p: Period, at: Month, region: str) -> bool:
    """Zhejiang's rule: a flexible worker always has an account, whatever tier the profile says."""
    always = ctx.param("account.flexible_always_has_account", at, region)
    return bool(ctx.check("account.flexible_always_has_account", "本地灵活就业人员一律设立个人账户（单建统筹不适用）",
                          "flexible workers here always have an account (no pooling-only tier)", True,
                          always.value, bool(always.value), source=ZHEJIANG_REG_25, mode_in_profile=p.effective_mode))


# --- the credit while working --------------------------------------------------------------------------------
def in_service_credit(ctx: Context, *, period_index: int, region: str, base_yuan: float | None, age_years: int) -> dict:
    """Before the local reform date: individual rate + an employer share by age; after: the individual rate only."""
    with ctx.step("account.in_service_credit", "在职期间个人账户每月划入（元）", "monthly credit while working (yuan)",
                  GUOBAN_2021_14, period=f"periods[{period_index}]", region=region, base_yuan=base_yuan,
                  age_years=age_years) as node:
        out = _in_service_credit(ctx, period_index, region, base_yuan, age_years)
        node.result = out["credit"]
        node.passed = True if out["credit"] is not None else None
    return out


def _in_service_credit(ctx: Context, period_index: int, region: str, base_yuan: float | None, age_years: int) -> dict:
    now = ctx.now
    reform = ctx.param("account.reform_date", now, region)
    reform_day = date.fromisoformat(str(reform.value)[:10]) if reform.known else None
    out = {"reform_date": reform_day.isoformat() if reform_day else None, "rate": None, "employer_share": None,
           "pre_reform": None, "credit": None, "missing": None}
    if reform_day is None:
        ctx.check("account.reform_in_force", "个人账户改革的本地实施日期", "the local date of the account reform",
                  "YYYY-MM-DD", None, None, source=GUOBAN_2021_14)
        out["missing"] = "account.reform_date"
        return out
    after = ctx.as_of >= reform_day
    ctx.check("account.reform_in_force", f"个人账户改革已施行（本地自{reform_day}起，在职只划入个人缴费）",
              f"the account reform is in force (here from {reform_day}: only the individual contribution)",
              f">= {reform_day}", ctx.as_of, after, source=GUOBAN_2021_14)
    if after:
        rate = ctx.value("account.individual_rate", now, region)
        ctx.note("account.pre_reform_split", "改革前的划法（个人2%全部 + 单位缴费按年龄划入一部分）不再适用",
                 "the pre-reform split (individual 2% + an employer share by age) no longer applies",
                 passed=False, source=SEED_002, reform_date=reform_day)
        ctx.note("account.post_reform_individual_only", f"改革后：只划入个人缴费，即缴费基数的{pct(rate) if rate is not None else '（未知）'}，单位缴费全部进统筹基金",
                 f"after the reform: only the individual contribution, {pct(rate) if rate is not None else '(unknown)'} of the base; the employer's goes to the pool",
                 result=rate, passed=True, source=ACCOUNT_IN_SERVICE_2PCT)
        out.update(pre_reform=False, rate=rate)
        if rate is None:
            out["missing"] = "account.individual_rate"
    else:
        individual = ctx.value("medical.rate.individual", now, region)
        bracket = "under_35" if age_years < 35 else "35_to_44" if age_years < 45 else "45_plus"
        label = {"under_35": "35岁以下", "35_to_44": "35至44岁", "45_plus": "45岁及以上"}[bracket]
        label_en = {"under_35": "under 35", "35_to_44": "35 to 44", "45_plus": "45 and over"}[bracket]
        share = ctx.value(f"account.pre_reform_employer_share.{bracket}", now, region)
        ctx.note("account.post_reform_individual_only", "改革后的划法（只划入个人缴费）尚未施行",
                 "the post-reform rule (individual contribution only) is not in force yet", passed=False,
                 source=GUOBAN_2021_14, reform_date=reform_day)
        rate = None if individual is None or share is None else round(individual + share, 6)
        ctx.note("account.pre_reform_split", f"改革前：个人缴费{pct(individual) if individual is not None else '?'}全部划入 + 单位缴费按年龄（{label}）划入{pct(share) if share is not None else '?'}",
                 f"before the reform: the individual {pct(individual) if individual is not None else '?'} in whole + an employer share by age ({label_en}) {pct(share) if share is not None else '?'}",
                 result=rate, passed=True, source=SEED_002, age_years=age_years, bracket=bracket)
        out.update(pre_reform=True, rate=rate, employer_share=share)
        if rate is None:
            out["missing"] = "medical.rate.individual" if individual is None else f"account.pre_reform_employer_share.{bracket}"
    if out["rate"] is not None:
        if ctx.check("account.base_known", "本时段填写了缴费基数", "the period's contribution base is given",
                     f"periods[{period_index}].base_yuan", base_yuan, base_yuan is not None):
            out["credit"] = round(base_yuan * out["rate"], 2)
        else:
            out["missing"] = f"periods[{period_index}].base_yuan"
    return out


# --- the credit after retirement -----------------------------------------------------------------------------
def retired_flexible(ctx: Context, cond: dict) -> bool:
    """Whether the employee-medical period at retirement (``retiree_conditions``) was paid as a flexible worker;
    someone who enrolled only after retirement is a new enrollee, not a retired flexible worker."""
    if cond["at_index"] is None or cond["post_enrolment"]:
        return False
    return ctx.profile.periods[cond["at_index"]].effective_status == "flexible"


def retiree_credit(ctx: Context, *, at: Month, age_months: int, flexible: bool = False) -> dict:
    """The fixed monthly amount from the pool; Beijing has a higher one from age 70; Yangquan states a figure
    for retired flexible workers only (seed 003)."""
    with ctx.step("account.retiree_credit", "退休人员个人账户每月定额划入（元）", "a retiree's fixed monthly credit (yuan)",
                  ACCOUNT_RETIREE_QA, at=at, age=age_text(age_months), flexible=flexible) as node:
        out = _retiree_credit(ctx, at, age_months, flexible)
        node.result = out["credit"]
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
    old = ctx.check("account.retiree_age_70", "年满70岁按70岁以上标准划入", "from age 70 the higher figure applies",
                    f">= {AGE_70_MONTHS // 12}", age_months // 12, age_months >= AGE_70_MONTHS,
                    source=GUOBAN_2021_14, figure_from_70=c70)
    credit = c70 if old and c70 is not None else base.value
    return {"credit": credit, "under_70": base.value, "from_70": c70, "age_70_applies": bool(old),
            "overridden": base.overridden, "region": base.region, "confidence": base.confidence}


def retiree_conditions(ctx: Context, *, retirement: Month) -> dict:
    """Employee medical at retirement, an account tier (统账结合), and the medical years met (or paid at retirement)."""
    with ctx.step("account.retiree_conditions", "退休后个人账户划入的条件（不满足的项）",
                  "conditions for account credits after retirement (those not met)", SEED_000,
                  retirement=retirement) as node:
        out = _retiree_conditions(ctx, retirement)
        node.result = list(out["blockers"])
        node.passed = None if not out["blockers"] and out["years_met"] is None else not out["blockers"]
    return out


def _retiree_conditions(ctx: Context, retirement: Month) -> dict:
    periods = ctx.profile.periods
    emp = [i for i, p in enumerate(periods) if p.insurance == "employee_medical"]
    resident = [i for i, p in enumerate(periods) if p.insurance == "resident_medical"]
    out = {"blockers": [], "resolved": [], "at_index": None, "in_force": False, "post_enrolment": False,
           "waiting_months": 0, "waiting_until": None, "years_met": None, "topup": None, "with_account_months": None}
    has_emp = ctx.check("account.has_employee_medical", "参加了职工医保（只交养老或居民医保的，退休后没有个人账户）",
                        "in employee medical insurance (pension or resident insurance alone give no account)",
                        ">= 1 employee_medical", len(emp), bool(emp), source=SEED_000)
    if not has_emp:
        out["blockers"].append("no_employee_medical")
        if resident:
            ctx.check("account.resident_only", "只参加了居民医保：居民医保不设个人账户，退休后仍须每年缴费",
                      "resident insurance only: it has no account and must still be paid every year after retirement",
                      "employee_medical", "resident_medical", False, source=SEED_000)
            out["blockers"].append("resident_only")
        return out

    # The period in force at retirement (covering the last month before it), else the last one before it.
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
    ctx.check("account.insured_at_retirement", "退休时仍在参加职工医保", "still in employee medical at retirement",
              f"covers {last}", f"periods[{at}]: {p.start}..{p.end or 'ongoing'}", bool(in_force), source=SIL_27)

    if not before:
        # Enrolled only after retirement, with the pension notice: a new enrollee who waits (seed 000).
        waiting = ctx.value("account.post_retirement_enrol_waiting_months", p.start) or 0
        out.update(post_enrolment=True, waiting_months=waiting, waiting_until=p.start + waiting)
        ctx.note("account.post_retirement_enrolment", f"退休后才参加职工医保：属于新参保，补缴后等待{waiting}个月才划入个人账户",
                 f"enrolled only after retirement: a new enrollee, credits start {waiting} months after the back-payment",
                 result=p.start + waiting, passed=True, source=SEED_000, start=p.start)
    else:
        ctx.note("account.post_retirement_enrolment", "退休前已参加职工医保：不适用退休后新参保的等待期",
                 "enrolled before retirement: the post-retirement waiting period does not apply", passed=False,
                 source=SEED_000)

    region_p = ctx.profile.period_region(p)
    pooling = p.effective_mode == "pooling_only"
    flexible = p.effective_status == "flexible"
    if pooling and flexible and flexible_always(ctx, p, retirement, region_p):
        ctx.note("account.pooling_only_overruled", "档案写的是单建统筹，但本地灵活就业人员一律设个人账户：按统账结合处理",
                 "the profile says pooling only, but flexible workers here always have an account: treated as with account",
                 passed=True, source=ZHEJIANG_REG_25)
        pooling = False
    if not ctx.check("account.mode_at_retirement", "退休时的参保方式是统账结合（单建统筹不设个人账户）",
                     "the tier at retirement has an account (pooling only has none)", "with_account",
                     "pooling_only" if pooling else "with_account", not pooling, source=LAOSHE_2003_10,
                     period=f"periods[{at}]"):
        out["blockers"].append("pooling_only")

    # Yangquan: retired flexible workers with fewer than 10 years 统账结合 top up the 0.8% difference (seed 003).
    if flexible:
        rate = ctx.param("account.retiree_flexible_topup_rate", retirement)
        if rate.known:
            years = ctx.value("account.retiree_flexible_topup_years", retirement) or 0
            need = round(years * 12)
            always = ctx.param("account.flexible_always_has_account", retirement, region_p).value
            with_account = count(periods, retirement, lambda q: q.insurance == "employee_medical"
                                 and q.effective_kind != "deemed"
                                 and (q.effective_mode == "with_account" or bool(always) and q.effective_status == "flexible"))
            out["with_account_months"] = with_account
            enough = ctx.check("account.flexible_topup", f"本地：灵活就业退休人员统账结合须满{years}年，不足部分按{pct(rate.value)}补足差额后建立个人账户",
                               f"here: retired flexible workers need {years} years with account, or top up {pct(rate.value)} for the years short",
                               f">= {need}", with_account, with_account >= need, source=SEED_003, unit="months")
            if not enough:
                short = need - with_account
                base = ctx.param("medical.backpay_base_yuan", retirement)
                price = round(short * base.value * rate.value, 2) if base.known else None
                out["topup"] = {"months": short, "rate": rate.value, "price_yuan": price,
                                "credit_yuan": ctx.value("account.retiree_flexible_monthly_yuan", retirement)}
                if "pooling_only" not in out["blockers"]:
                    out["blockers"].append("pooling_only")

    # The medical years (社会保险法 第二十七条): short → no retiree benefits until paid.
    my = ctx.facts.get("medical_years") or {}
    met = my.get("met")
    out["years_met"] = met
    planned = bool(ctx.profile.effective_plans.backpay_at_retirement)
    if met is False and planned:
        price = my.get("backpay_estimate_yuan")
        ctx.check("account.years_met", "医保年限到退休时达到要求（计划退休时一次性补缴差额）",
                  "medical years reached at retirement (a lump-sum back-payment is planned)",
                  "shortfall 0 (or paid at retirement)", my.get("shortfall_months"), True, source=SIL_27,
                  backpay_planned=True, backpay_estimate_yuan=price)
        out["resolved"].append("years_short")
    elif met is False:
        ctx.check("account.years_met", "医保年限到退休时达到要求", "medical years reached at retirement",
                  "shortfall 0", my.get("shortfall_months"), False, source=SIL_27, unit="months")
        out["blockers"].append("years_short")
    elif met is None:
        ctx.check("account.years_met", "医保年限到退休时达到要求（本地要求未知）",
                  "medical years reached at retirement (the local requirement is unknown)", "shortfall 0", None, None,
                  source=SIL_27)
    else:
        ctx.check("account.years_met", "医保年限到退休时达到要求", "medical years reached at retirement",
                  "shortfall 0", my.get("shortfall_months"), True, source=SIL_27, unit="months")
    return out


# --- account_now -----------------------------------------------------------------------------------------------
def decide_now(ctx: Context) -> Outcome:
    ret = ctx.facts.get("retirement") or {}
    chosen: Month | None = ret.get("chosen_date")
    periods = ctx.profile.periods
    person = ctx.person
    age_months = ctx.now - person.birth
    facts = {"has_account": False, "monthly_credit_yuan": 0, "reason": None, "rate": None, "base_yuan": None,
             "period_index": None, "region": None, "reform_date": None, "pre_reform": None, "employer_share": None,
             "age_years": age_months // 12, "missing": None}

    if ret.get("retired") and chosen is not None:
        has_emp = any(p.insurance == "employee_medical" for p in periods)
        if ctx.check("account_now.retired_with_employee_medical", "已退休且参加了职工医保：按退休人员定额划入",
                     "retired with employee medical: the retirees' fixed credit", True, has_emp, has_emp,
                     source=GUOBAN_2021_14, retired_in=chosen):
            return retired_now(ctx, chosen, facts)
    else:
        ctx.note("account_now.retired_with_employee_medical", "尚未退休：不按退休人员定额划入",
                 "not retired: the retirees' fixed credit does not apply", passed=False, source=GUOBAN_2021_14,
                 retirement=chosen)

    idx = covering(periods, ctx.now)
    if idx is None:
        last = max((p.end for p in periods if p.insurance in ("employee_medical", "resident_medical") and p.end),
                   default=None)
        ctx.check("account_now.insured", f"{ctx.now}有医保缴费", f"insured in {ctx.now}", "a medical period", None, False)
        facts["reason"] = "not_insured"
        since = f"（上一次医保到{last}）" if last else ""
        since_en = f" (last insured until {last})" if last else ""
        if any(p.insurance == "employee_medical" for p in periods):
            return Outcome("not_met", f"您现在没有参加医保{since}，个人账户没有划入；已有的余额仍归您所有，可以继续使用和继承",
                           f"You are not insured now{since_en}: nothing is credited; the balance you have stays yours",
                           facts)
        return Outcome("not_met", f"您现在没有参加医保{since}，没有个人账户划入",
                       f"You are not insured now{since_en}: no personal account is credited", facts)
    p = periods[idx]
    region = ctx.profile.period_region(p)
    facts.update(period_index=idx, region=region, base_yuan=p.base_yuan)
    ctx.check("account_now.insured", f"{ctx.now}有医保缴费", f"insured in {ctx.now}", "a medical period",
              f"periods[{idx}]: {p.insurance}", True)

    if p.insurance == "resident_medical":
        ctx.check("account_now.employee_medical", "参加的是职工医保（居民医保不设个人账户）",
                  "in employee medical (resident insurance has no account)", "employee_medical", p.insurance, False,
                  source=SEED_002)
        facts["reason"] = "resident"
        return Outcome("not_met", "您现在参加的是居民医保：居民医保没有个人账户，每月没有划入",
                       "You are in resident insurance now: it has no personal account, so nothing is credited", facts)

    flexible = p.effective_status == "flexible"
    pooling = p.effective_mode == "pooling_only"
    if pooling and flexible and flexible_always(ctx, p, ctx.now, region):
        ctx.note("account_now.pooling_only_overruled", "档案写的是单建统筹，但本地灵活就业人员一律设个人账户：按统账结合计算",
                 "the profile says pooling only, but flexible workers here always have an account: counted as with account",
                 passed=True, source=ZHEJIANG_REG_25)
        pooling = False
        facts["mode_overruled"] = True
    if not ctx.check("account_now.with_account", "参保方式是统账结合（单建统筹不设个人账户）",
                     "the tier has an account (pooling only has none)", "with_account",
                     "pooling_only" if pooling else "with_account", not pooling, source=LAOSHE_2003_10):
        facts["reason"] = "pooling_only"
        who = "灵活就业" if flexible else "单位参保"
        return Outcome("not_met", f"您现在是{who}单建统筹（低档）：不设个人账户，每月没有划入",
                       "You are in the pooling-only tier (the lower tier): no personal account, nothing is credited",
                       facts)

    if flexible:
        facts["reason"] = "flexible_with_account"
        before = ctx.param("account.flexible_credit_before_retirement", ctx.now, region)
        if not ctx.check("account_now.flexible_credit_before_retirement", "本地灵活就业人员在职期间也划入个人账户",
                         "flexible workers' accounts are credited before retirement here", True, before.value,
                         before.value is not False, source=SEED_003):
            facts["reason"] = "flexible_no_account_before_retirement"
            return Outcome("not_met", "您是灵活就业统账结合，但本地灵活就业人员退休前不划入个人账户，办理医保退休后才开始划入",
                           "You are a flexible worker with account, but here flexible workers are credited only after retirement",
                           facts)
        years = ctx.param("account.flexible_years_for_account", ctx.now, region)
        if years.region != "national" or years.known:
            paid = count(periods, ctx.now + 1, lambda q: q.insurance == "employee_medical"
                         and q.effective_status == "flexible" and q.effective_kind != "deemed")
            need = round(years.value * 12) if years.known else None
            ok = ctx.check("account_now.flexible_years_for_account", "本地灵活就业人员须缴满一定年限才有个人账户",
                           "flexible workers here need some years before the account is credited",
                           f">= {need}" if need is not None else None, paid,
                           None if need is None else paid >= need, source=SEED_003)
            if ok is False:
                facts["reason"] = "flexible_no_account_before_retirement"
                return Outcome("not_met", f"您是灵活就业统账结合，但本地要求缴满{months_text(need)}才划入个人账户，您目前{months_text(paid)}",
                               f"Flexible workers here are credited only after {months_text(need, 'en')}; you have {months_text(paid, 'en')}",
                               facts)
            facts["flexible_years_unknown"] = ok is None
    else:
        facts["reason"] = "in_service"

    got = in_service_credit(ctx, period_index=idx, region=region, base_yuan=p.base_yuan, age_years=age_months // 12)
    facts.update(has_account=True, monthly_credit_yuan=got["credit"], rate=got["rate"], reform_date=got["reform_date"],
                 pre_reform=got["pre_reform"], employer_share=got["employer_share"], missing=got["missing"])
    tier, tier_en = tier_text(p)
    if facts.get("mode_overruled"):
        tier, tier_en = "灵活就业（本地一律设个人账户）", "flexible worker (an account is compulsory here)"
    how = ""
    how_en = ""
    if got["rate"] is not None:
        split = "，含单位按年龄划入部分，个人账户改革前" if got["pre_reform"] else ""
        split_en = ", employer share by age included, before the account reform" if got["pre_reform"] else ""
        how = f"缴费基数{yuan(p.base_yuan)}元的{pct(got['rate'])}{split}" if p.base_yuan is not None else f"缴费基数的{pct(got['rate'])}{split}"
        how_en = f"{pct(got['rate'])} of a base of {yuan(p.base_yuan)} yuan{split_en}" if p.base_yuan is not None else f"{pct(got['rate'])} of the base{split_en}"
    if got["credit"] is not None:
        verdict = f"您现在每月有{yuan(got['credit'], True)}元划入个人账户（{tier}，{how}）"
        verdict_en = f"{yuan(got['credit'], True)} yuan a month goes into your personal account now ({tier_en}, {how_en})"
        status = "met"
    elif got["missing"] and got["missing"].startswith("periods["):
        verdict = (f"您现在有个人账户（{tier}），每月划入{how}；但档案第{idx + 1}个时段（{got['missing']}）没有填写缴费基数，"
                   "算不出金额：请在该时段填写 base_yuan")
        verdict_en = (f"You have a personal account now ({tier_en}), credited {how_en}; the base is missing "
                      f"({got['missing']}), so the amount cannot be worked out: fill in base_yuan")
        status = "unknown"
    else:
        verdict = (f"您现在有个人账户（{tier}），但本地划入比例未知（缺 {got['missing']}）：请咨询当地医保经办机构，"
                   "或在档案 [policy_overrides] 填写 account.individual_rate")
        verdict_en = (f"You have a personal account now ({tier_en}), but the local credit rate is unknown "
                      f"({got['missing']}): ask the local office or set account.individual_rate in [policy_overrides]")
        status = "unknown"
    if facts.get("flexible_years_unknown"):
        verdict += "（注意：本地灵活就业人员须缴满一定年限才有个人账户，年数未知，请咨询当地医保经办机构）"
        verdict_en += " (note: flexible workers here need an unstated number of years before the account; ask locally)"
    return Outcome(status, verdict, verdict_en, facts)


def retired_now(ctx: Context, chosen: Month, facts: dict) -> Outcome:
    facts["reason"] = "retired"
    cond = retiree_conditions(ctx, retirement=chosen)
    facts.update(period_index=cond["at_index"], region=ctx.region, blockers=cond["blockers"])
    if "pooling_only" in cond["blockers"]:
        facts.update(has_account=False, monthly_credit_yuan=0, reason="pooling_only")
        return Outcome("not_met", "您已退休，退休时的职工医保是单建统筹：不设个人账户，每月没有划入",
                       "You are retired and your employee medical was pooling only: no account, nothing is credited",
                       facts)
    facts["has_account"] = True
    if cond["post_enrolment"] and ctx.now < cond["waiting_until"]:
        facts.update(monthly_credit_yuan=0, waiting_until=cond["waiting_until"])
        return Outcome("not_met", f"您退休后才参加职工医保，属于新参保：等待期到{cond['waiting_until']}，之后才按月划入个人账户",
                       f"You enrolled after retirement: a new enrollee, credits start in {cond['waiting_until']}",
                       facts)
    if "years_short" in cond["blockers"]:
        facts.update(monthly_credit_yuan=0, credit_suspended="years_short")
        return Outcome("not_met", "您已退休，但医保年限还没有达到要求：补足年限前没有退休人员个人账户划入（已有余额仍可使用）",
                       "You are retired but your medical years are still short: no retiree credit until they are paid up",
                       facts)
    got = retiree_credit(ctx, at=ctx.now, age_months=ctx.now - ctx.person.birth,
                         flexible=retired_flexible(ctx, cond))
    facts.update(monthly_credit_yuan=got["credit"], credit_under_70_yuan=got["under_70"],
                 credit_from_70_yuan=got["from_70"])
    name, name_en = region_name(ctx.region), region_name(ctx.region, "en")
    if got["credit"] is None:
        facts["missing"] = "account.retiree_monthly_yuan"
        return Outcome("unknown", f"您已退休，个人账户按月定额划入，但{name}退休人员每月划入的金额未知：请查询当地医保局公布的标准，"
                       "或在档案 [policy_overrides] 填写 account.retiree_monthly_yuan",
                       f"You are retired and get a fixed monthly credit, but {name_en}'s figure is unknown: check the "
                       "local bureau's figure or set account.retiree_monthly_yuan in [policy_overrides]", facts)
    age = "（70岁以上标准）" if got["age_70_applies"] and got["from_70"] is not None else ""
    age_en = " (the figure from age 70)" if got["age_70_applies"] and got["from_70"] is not None else ""
    extra = "" if cond["years_met"] is not False else "（按档案的计划，退休时已一次性补足医保年限）"
    return Outcome("met", f"您已退休，现在每月有{yuan(got['credit'], True)}元划入个人账户（{name}退休人员定额{age}）{extra}",
                   f"You are retired: {yuan(got['credit'], True)} yuan a month goes into your account ({name_en}'s fixed retiree credit{age_en})",
                   facts)


# --- account_after_retirement --------------------------------------------------------------------------------
BLOCKER_TEXT = {
    "no_employee_medical": ("您没有参加职工医保", "you are not in employee medical insurance"),
    "resident_only": ("您只参加了居民医保，居民医保没有个人账户", "you only have resident insurance, which has no account"),
    "pooling_only": ("退休时您的职工医保是单建统筹（低档），不设个人账户", "your tier at retirement is pooling only, with no account"),
    "years_short": ("医保年限到退休时不够", "your medical years are short at retirement"),
}


def decide_after_retirement(ctx: Context) -> Outcome:
    ret = ctx.facts.get("retirement") or {}
    my = ctx.facts.get("medical_years") or {}
    chosen: Month = ret["chosen_date"]
    retired = bool(ret.get("retired"))
    cond = retiree_conditions(ctx, retirement=chosen)
    blockers = cond["blockers"]
    if blockers:
        eligible = False
    elif cond["years_met"] is None:
        eligible = None
    else:
        eligible = True

    # The figure: read in force at retirement (or now, for someone already retired: the figure is not adjusted).
    at = max(chosen, ctx.now)
    credit_now = {"credit": None, "under_70": None, "from_70": None}
    if "no_employee_medical" not in blockers:
        credit_now = retiree_credit(ctx, at=at, age_months=at - ctx.person.birth, flexible=retired_flexible(ctx, cond))
    figure = credit_now["credit"]
    premium_year = None
    deduction = None
    net = None
    if figure is not None:
        premium = ctx.param("account.large_amount_premium_yuan_year", at)
        premium_year = premium.value
        if premium.known:
            deduction = round(premium.value / 12, 2)
            net = round(figure - premium.value / 12, 2)
        ctx.note("account.large_amount_premium", "大额补充医疗保险费从退休人员个人账户划入中扣缴（按年，折合每月）",
                 "the large-amount supplementary premium is taken from the retiree's credits (yearly, shown per month)",
                 result=net, passed=True if premium.known else None, source=Source(premium.source, premium.ref) if premium.source else SEED_001,
                 premium_yuan_year=premium.value, monthly_deduction_yuan=deduction)

    waiting = cond["waiting_months"]
    if "no_employee_medical" in blockers:
        waiting = ctx.value("account.post_retirement_enrol_waiting_months", chosen)
    facts = {
        "eligible": eligible, "blockers": list(blockers),
        "monthly_credit_yuan": 0 if eligible is False else figure,
        "waiting_months": waiting,
        "credit_if_resolved_yuan": figure if eligible is False else None,
        "credit_from_70_yuan": credit_now["from_70"],
        "large_amount_premium_yuan_year": premium_year,
        "large_amount_deduction_yuan_month": deduction,
        "net_monthly_credit_yuan": None if eligible is False else net,
        "resolved_by_plan": list(cond["resolved"]),
        "retirement_date": chosen, "period_index": cond["at_index"], "insured_at_retirement": cond["in_force"],
        "post_retirement_enrolment": cond["post_enrolment"], "waiting_until": cond["waiting_until"],
        "topup": cond["topup"], "with_account_months": cond["with_account_months"],
        "missing": "account.retiree_monthly_yuan" if figure is None and "no_employee_medical" not in blockers else None,
    }
    verdict, verdict_en = after_verdict(ctx, eligible, blockers, facts, my, retired)
    options = after_options(ctx, cond, facts, my, chosen, retired)
    status = {True: "met", False: "not_met", None: "unknown"}[eligible]
    return Outcome(status, verdict, verdict_en, facts, options)


def after_verdict(ctx: Context, eligible, blockers, facts, my, retired) -> tuple[str, str]:
    national = ctx.region == "national"
    name = "本地" if national else region_name(ctx.region)
    name_en = "the local" if national else region_name(ctx.region, "en") + "'s"
    chosen = facts["retirement_date"]
    figure = facts["monthly_credit_yuan"]
    if eligible is False:
        shown = [b for b in blockers if not (b == "no_employee_medical" and "resident_only" in blockers)]
        why, why_en = [], []
        for b in shown:
            zh, en = BLOCKER_TEXT[b]
            if b == "years_short":
                short = my.get("shortfall_months") or 0
                zh = f"医保年限到退休时差{months_text(short)}，补足前没有划入"
                en = f"your medical years are {months_text(short, 'en')} short at retirement: nothing until paid up"
            if b == "pooling_only" and facts["topup"]:
                t = facts["topup"]
                need = t["months"] + (facts["with_account_months"] or 0)
                zh = (f"{name}灵活就业退休人员须统账结合满{months_text(need)}，您只有{months_text(facts['with_account_months'] or 0)}，"
                      f"须按{pct(t['rate'])}补足差额才建立个人账户")
                en = (f"retired flexible workers here need {months_text(need, 'en')} with account; you have "
                      f"{months_text(facts['with_account_months'] or 0, 'en')} and must top up {pct(t['rate'])} first")
            why.append(zh)
            why_en.append(en)
        lead = "您已退休，没有个人账户划入" if retired else "退休后没有个人账户划入"
        lead_en = "You are retired and nothing is credited to a personal account" if retired else \
            "After retirement nothing will be credited to a personal account"
        verdict = f"{lead}：{'；'.join(why)}"
        verdict_en = f"{lead_en}: {'; '.join(why_en)}"
        if facts["credit_if_resolved_yuan"] is not None:
            verdict += f"。解决后每月可划入{yuan(facts['credit_if_resolved_yuan'])}元（{region_name(ctx.region)}）"
            verdict_en += f". Once resolved: {yuan(facts['credit_if_resolved_yuan'])} yuan a month"
        return verdict, verdict_en
    when = f"您已于{chosen}退休：" if retired else f"退休后（{chosen}起）"
    when_en = f"You retired in {chosen}: " if retired else f"After retirement ({chosen} on) "
    if figure is None:
        verdict = (f"{when}有个人账户按月定额划入，但{name}退休人员每月划入的金额未知：请查询当地医保局公布的标准，"
                   "或在档案 [policy_overrides] 填写 account.retiree_monthly_yuan")
        verdict_en = (f"{when_en}your account is credited a fixed sum each month, but {name_en} figure is unknown: "
                      "check the local bureau's figure or set account.retiree_monthly_yuan in [policy_overrides]")
    else:
        c70 = facts["credit_from_70_yuan"]
        extra = f"，70岁起{yuan(c70)}元" if c70 is not None and c70 != figure else ""
        extra_en = f", {yuan(c70)} from age 70" if c70 is not None and c70 != figure else ""
        verdict = f"{when}每月划入个人账户{yuan(figure)}元（{region_name(ctx.region)}{extra}）"
        verdict_en = f"{when_en}{yuan(figure)} yuan a month goes into your account ({region_name(ctx.region, 'en')}{extra_en})"
        if facts["large_amount_premium_yuan_year"] is not None:
            verdict += (f"；其中每年扣大额补充医疗保险{yuan(facts['large_amount_premium_yuan_year'])}元"
                        f"（每月约{facts['large_amount_deduction_yuan_month']:.2f}元），实得每月约{facts['net_monthly_credit_yuan']:.2f}元")
            verdict_en += (f"; the large-amount premium of {yuan(facts['large_amount_premium_yuan_year'])} yuan a year is taken "
                           f"from it, leaving about {facts['net_monthly_credit_yuan']:.2f} a month")
        else:
            verdict += "；本地是否从中扣缴大额补充医疗保险费、扣多少未知（种子文章的例子：每年60元）"
            verdict_en += "; whether a large-amount premium is taken from it here is unknown (a seed's example: 60 yuan a year)"
    if "years_short" in facts["resolved_by_plan"]:
        price = my.get("backpay_estimate_yuan")
        verdict += "；前提是按计划退休时一次性补足医保年限" + (f"（约{price:,.2f}元）" if price is not None else "（金额未知）")
        verdict_en += "; provided the planned lump-sum back-payment is made at retirement" + (
            f" (about {price:,.2f} yuan)" if price is not None else " (price unknown)")
    if facts["post_retirement_enrolment"]:
        verdict += f"；退休后才参保，属于新参保，等待期到{facts['waiting_until']}"
        verdict_en += f"; enrolled after retirement, a new enrollee waiting until {facts['waiting_until']}"
    if eligible is None:
        sex = ctx.person.sex
        verdict += (f"。另外，{name}的医保年限要求未知，能否享受还不确定：请咨询当地医保经办机构，或在 [policy_overrides] 填写 "
                    f"medical.min_years.{sex}")
        verdict_en += (f". {name_en.capitalize()} required medical years are unknown, so this is not certain: ask the local "
                       f"office or set medical.min_years.{sex} in [policy_overrides]")
    return verdict, verdict_en


def after_options(ctx: Context, cond: dict, facts: dict, my: dict, chosen: Month, retired: bool) -> list[Option]:
    """What the person can do about each blocker."""
    blockers = cond["blockers"]
    periods = ctx.profile.periods
    out: list[Option] = []
    if "years_short" in blockers:
        short = my.get("shortfall_months") or 0
        price = my.get("backpay_estimate_yuan")
        price_zh = f"约{price:,.2f}元" if price is not None else "金额取决于当地补缴基数（未知，可在 [policy_overrides] 填写 medical.backpay_base_yuan）"
        price_en = f"about {price:,.2f} yuan" if price is not None else "the price depends on the local base (unknown)"
        out.append(Option("backpay_lump_sum", "退休时一次性补足医保年限", "pay the years short in one lump sum at retirement",
                          ("已退休：仍可凭养老金核算通知单办理一次性补缴；" if retired else "") + f"差{months_text(short)}，单位和个人两部分都要补；{price_zh}；补足后退休人员个人账户按月划入（种子文章 000）",
                          f"{months_text(short, 'en')} short, both shares due; {price_en}; then the retiree credit starts",
                          price_yuan=price, deadline=None if retired else chosen, months=short))
        p = periods[cond["at_index"]] if cond["at_index"] is not None else None
        base = p.base_yuan if p is not None else None
        er = ctx.value("medical.rate.employer", chosen)
        ind = ctx.value("medical.rate.individual", chosen)
        monthly = round(base * (er + ind), 2) if base is not None and er is not None and ind is not None else None
        cost = (f"每月约{monthly:,.2f}元（缴费基数{yuan(base)}元 × {pct(er + ind)}），共约{monthly * short:,.2f}元"
                if monthly is not None else "每月金额未知（档案没有缴费基数）")
        cost_en = (f"about {monthly:,.2f} yuan a month ({pct(er + ind)} of {yuan(base)}), {monthly * short:,.2f} in all"
                   if monthly is not None else "the monthly amount is unknown (no base in the profile)")
        out.append(Option("keep_paying_monthly", "退休后继续按月缴费至规定年限", "keep paying monthly after retirement until met",
                          f"再缴{short}个月；{cost}；缴满前没有退休人员个人账户划入（社会保险法 第二十七条；种子文章 000）",
                          f"{short} more months; {cost_en}; no retiree credit until then",
                          price_yuan=round(monthly * short, 2) if monthly is not None else None, months=short))
    if "pooling_only" in blockers:
        if not retired and not cond["topup"]:
            out.append(Option("switch_to_with_account", "退休前把单建统筹改为统账结合", "switch from pooling only to the tier with account before retirement",
                              "单建统筹（低档）不设个人账户，统账结合（高档）有（劳社厅发〔2003〕10号；种子文章 002、003）；"
                              "缴费更高，差额和是否要求缴满一定年限由当地规定，请咨询当地医保经办机构",
                              "pooling only has no account, the higher tier has one (劳社厅发〔2003〕10号; seeds 002, 003); "
                              "it costs more; ask locally about the difference and any years required",
                              deadline=chosen - 1))
        if cond["topup"]:
            t = cond["topup"]
            price_zh = f"约{t['price_yuan']:,.2f}元" if t["price_yuan"] is not None else "金额取决于补缴基数（未知）"
            price_en = f"about {t['price_yuan']:,.2f} yuan" if t["price_yuan"] is not None else "the price depends on the base (unknown)"
            credit = f"之后每月划入{yuan(t['credit_yuan'])}元" if t["credit_yuan"] is not None else "之后按月划入"
            out.append(Option("flexible_topup", "办理医保退休后按0.8%补足统账结合差额", "top up the rate difference after retirement",
                              f"统账结合差{months_text(t['months'])}，按{pct(t['rate'])}一次性补足费率差额；{price_zh}；{credit}（阳泉，种子文章 003）",
                              f"{months_text(t['months'], 'en')} short with account; top up {pct(t['rate'])}; {price_en} (Yangquan, seed 003)",
                              price_yuan=t["price_yuan"], months=t["months"]))
    if "no_employee_medical" in blockers:
        waiting = facts["waiting_months"]
        price = my.get("backpay_estimate_yuan") if (my.get("shortfall_months") or 0) > 0 else None
        price_zh = f"一次性补缴约{price:,.2f}元" if price is not None else "一次性补缴金额取决于当地年限要求和补缴基数（未知）"
        price_en = f"a back-payment of about {price:,.2f} yuan" if price is not None else "the back-payment depends on local figures (unknown)"
        out.append(Option("enrol_after_retirement", "退休后凭养老金核算通知单参加职工医保", "enrol in employee medical after retirement with the pension notice",
                          f"到医保窗口办理参保登记和一次性补缴（{price_zh}；居民医保年限能否折算抵扣由当地规定），属于新参保，"
                          f"补缴后等待{waiting}个月才享受待遇和个人账户划入（种子文章 000）",
                          f"register and back-pay at the medical insurance office ({price_en}); a new enrollee waits "
                          f"{waiting} months before benefits and credits (seed 000)",
                          price_yuan=price, months=waiting))
        if not retired:
            out.append(Option("join_employee_medical_now", "现在以灵活就业身份参加职工医保（统账结合）", "join employee medical now as a flexible worker, with account",
                              "灵活就业人员可以个人身份参加职工医保（社会保险法 第二十三条）；退休前缴满当地年限，退休后不再缴费并有个人账户划入",
                              "flexible workers may join employee medical on their own (SIL art. 23); with the local years by retirement, "
                              "no more contributions and a monthly credit after retirement",
                              deadline=chosen - 1))
    return out
