"""account_now: whether money is credited to the personal account now, and how much.

国办发〔2021〕14号: "在职职工个人账户由个人缴纳的基本医疗保险费计入，计入标准原则上控制在本人参保缴费基数的2%以内，
单位缴纳的基本医疗保险费全部计入统筹基金"; before each region's switch, seed 002: "个人缴纳的2%全额划入账户，单位缴费
按年龄分段划拨". Resident insurance and the pooling-only tier (劳社厅发〔2003〕10号) have no account; some regions
credit flexible workers only after retirement (seed 003). A retiree gets the fixed retiree credit (account.py).
"""

from __future__ import annotations

from datetime import date
from functools import reduce
from typing import Any


from ...core.facts import ABSENT, Decision, Facts
from ...core.months import Month
from ...core.values import Months, Rate, Region, Term, Yuan
from ...data.i18n import Msg, msg, text
from ...data.sources import ACCOUNT_IN_SERVICE_2PCT, GUOBAN_2021_14, LAOSHE_2003_10, SEED_002, SEED_003, ZHEJIANG_REG_25
from ...profile.model import Period
from ..context import Context
from ..counting import count
from ..outcome import Outcome
from .account import covering, flexible_always, retiree_conditions, retiree_credit, retired_flexible

V = "account_now.verdict"


class AccountNowFacts(Facts, frozen=True):
    """docs/contract.md §4 ``account_now``; fields after ``missing`` are recorded on some paths only (else ABSENT)."""

    has_account: bool
    monthly_credit_yuan: float | None
    reason: str | None
    rate: float | None
    base_yuan: float | None
    period_index: int | None
    region: str | None
    reform_date: str | None
    pre_reform: bool | None
    employer_share: float | None
    age_years: int
    missing: str | None
    mode_overruled: bool = ABSENT
    flexible_years_unknown: bool = ABSENT
    blockers: list = ABSENT
    waiting_until: Month = ABSENT
    credit_suspended: str = ABSENT
    credit_under_70_yuan: float | None = ABSENT
    credit_from_70_yuan: float | None = ABSENT


def cat(*parts: Any) -> Msg | str:
    """Sentences and clauses one after the other (each clause carries its own punctuation in the catalog)."""
    parts = [p for p in parts if p != ""]
    return reduce(lambda a, b: msg("account.verdict", "cat", a=a, b=b), parts) if parts else ""


def _done(status: str, verdict: Msg, facts: dict) -> Outcome:
    return Outcome(status, verdict, facts=AccountNowFacts(**facts))


# --- the credit while working --------------------------------------------------------------------------------
def in_service_credit(ctx: Context, *, period_index: int, region: str, base_yuan: float | None, age_years: int) -> dict:
    """Before the local reform date: individual rate + an employer share by age; after: the individual rate only."""
    with ctx.step("account.in_service_credit", source=GUOBAN_2021_14, period=f"periods[{period_index}]",
                  region=region, base_yuan=base_yuan, age_years=age_years) as node:
        out = {"reform_date": None, "rate": None, "employer_share": None, "pre_reform": None, "credit": None,
               "missing": None}
        reform_day = reform_in_force(ctx, region, out)
        if reform_day is not None:
            if ctx.as_of >= reform_day:
                post_reform_rate(ctx, region, out, reform_day)
            else:
                pre_reform_rate(ctx, region, out, reform_day, age_years)
            if out["rate"] is not None:
                if ctx.check("account.base_known", expected=True, found=base_yuan is not None,
                             passed=base_yuan is not None, n=period_index + 1,
                             base_yuan=Yuan(base_yuan) if base_yuan is not None else None):
                    out["credit"] = round(base_yuan * out["rate"], 2)
                else:
                    out["missing"] = f"periods[{period_index}].base_yuan"
        node.result = Yuan(out["credit"]) if out["credit"] is not None else None
        node.passed = True if out["credit"] is not None else None
    return out


def reform_in_force(ctx: Context, region: str, out: dict) -> date | None:
    """国办发〔2021〕14号 let each region switch on its own date: the local date, and whether it has come."""
    reform = ctx.param("account.reform_date", ctx.now, region)
    reform_day = date.fromisoformat(str(reform.value)[:10]) if reform.known else None
    if reform_day is None:
        ctx.check("account.reform_in_force", key="unknown", expected=None, found=None, passed=None,
                  source=GUOBAN_2021_14)
        out["missing"] = "account.reform_date"
        return None
    out["reform_date"] = reform_day.isoformat()
    ctx.check("account.reform_in_force", expected=reform_day, found=ctx.as_of, passed=ctx.as_of >= reform_day,
              source=GUOBAN_2021_14, reform_date=reform_day)
    return reform_day


def post_reform_rate(ctx: Context, region: str, out: dict, reform_day: date) -> None:
    """国办发〔2021〕14号: "在职职工个人账户由个人缴纳的基本医疗保险费计入…单位缴纳的基本医疗保险费全部计入统筹基金"."""
    rate = ctx.value("account.individual_rate", ctx.now, region)
    ctx.note("account.pre_reform_split", key="not_in_force", passed=False, source=SEED_002, reform_date=reform_day)
    ctx.note("account.post_reform_individual_only", result=Rate(rate) if rate is not None else None, passed=True,
             source=ACCOUNT_IN_SERVICE_2PCT, rate=Rate(rate) if rate is not None else Term("unknown"))
    out.update(pre_reform=False, rate=rate)
    if rate is None:
        out["missing"] = "account.individual_rate"


def pre_reform_rate(ctx: Context, region: str, out: dict, reform_day: date, age_years: int) -> None:
    """Seed 002: "个人缴纳的2%全额划入账户，单位缴费按年龄分段划拨(如35岁以下0.8%、45岁以上1.7%)"."""
    individual = ctx.value("medical.rate.individual", ctx.now, region)
    bracket = "under_35" if age_years < 35 else "35_to_44" if age_years < 45 else "45_plus"
    share = ctx.value(f"account.pre_reform_employer_share.{bracket}", ctx.now, region)
    ctx.note("account.post_reform_individual_only", key="not_yet", passed=False, source=GUOBAN_2021_14,
             reform_date=reform_day)
    rate = None if individual is None or share is None else round(individual + share, 6)
    ctx.note("account.pre_reform_split", key=bracket, result=Rate(rate) if rate is not None else None, passed=True,
             source=SEED_002, age_years=age_years, bracket=bracket,
             individual=Rate(individual) if individual is not None else Term("unknown"),
             share=Rate(share) if share is not None else Term("unknown"))
    out.update(pre_reform=True, rate=rate, employer_share=share)
    if rate is None:
        out["missing"] = "medical.rate.individual" if individual is None else \
            f"account.pre_reform_employer_share.{bracket}"


# --- account_now, condition by condition -------------------------------------------------------------------------
def decide(ctx: Context) -> Outcome:
    ret = ctx.facts["retirement"]
    periods = ctx.profile.periods
    age_months = ctx.now - ctx.person.birth
    facts: dict = {"has_account": False, "monthly_credit_yuan": 0, "reason": None, "rate": None, "base_yuan": None,
                   "period_index": None, "region": None, "reform_date": None, "pre_reform": None,
                   "employer_share": None, "age_years": age_months // 12, "missing": None}
    if retired_with_employee_medical(ctx, ret.chosen_date, ret.retired):
        return retired_now(ctx, ret.chosen_date, facts)
    idx = covering(periods, ctx.now)
    if not insured_now(ctx, idx):
        return not_insured(ctx, facts)
    p = periods[idx]
    region = ctx.profile.period_region(p)
    facts.update(period_index=idx, region=region, base_yuan=p.base_yuan)
    if p.insurance == "resident_medical":
        ctx.check("account_now.employee_medical", expected=Term("employee_medical"), found=Term(p.insurance),
                  passed=False, source=SEED_002)
        facts["reason"] = "resident"
        return _done("not_met", msg(V, "resident"), facts)
    if not tier_has_account(ctx, p, region, facts):
        facts["reason"] = "pooling_only"
        return _done("not_met", msg(V, "pooling_only.flexible" if p.effective_status == "flexible"
                                    else "pooling_only.employed"), facts)
    if p.effective_status == "flexible":
        facts["reason"] = "flexible_with_account"
        refused = flexible_credited_before_retirement(ctx, region, facts)
        if refused is not None:
            facts["reason"] = "flexible_no_account_before_retirement"
            return _done("not_met", refused, facts)
    else:
        facts["reason"] = "in_service"
    return working_credit(ctx, p, idx, region, age_months // 12, facts)


def retired_with_employee_medical(ctx: Context, chosen: Month, retired: bool) -> bool:
    """国办发〔2021〕14号 (NHSA Q&A): "退休人员个人账户原则上由统筹基金按定额划入" — a retiree in employee medical
    gets the retirees' fixed credit, not the in-service one."""
    if not retired or chosen is None:
        ctx.note("account_now.retired_with_employee_medical", key="not_retired", passed=False,
                 source=GUOBAN_2021_14, retirement=chosen)
        return False
    has_emp = any(p.insurance == "employee_medical" for p in ctx.profile.periods)
    return bool(ctx.check("account_now.retired_with_employee_medical", expected=True, found=has_emp,
                          passed=has_emp, source=GUOBAN_2021_14, retired_in=chosen))


def insured_now(ctx: Context, idx: int | None) -> bool:
    """Only a month paid into a medical insurance credits an account (社会保险法 第二十三条: contributions)."""
    insured = idx is not None
    return bool(ctx.check("account_now.insured", expected=True, found=insured, passed=insured, now=ctx.now,
                          insurance=Term(ctx.profile.periods[idx].insurance) if insured else None))


def not_insured(ctx: Context, facts: dict) -> Outcome:
    periods = ctx.profile.periods
    last = max((p.end for p in periods if p.insurance in ("employee_medical", "resident_medical") and p.end),
               default=None)
    facts["reason"] = "not_insured"
    since = msg(V, "since", last=last) if last else ""
    had = any(p.insurance == "employee_medical" for p in periods)
    return _done("not_met", msg(V, "not_insured.balance" if had else "not_insured", since=since), facts)


def tier_has_account(ctx: Context, p: Period, region: str, facts: dict) -> bool:
    """劳社厅发〔2003〕10号 (六): the pool-only tier (单建统筹) has no account; 浙江省医疗保障条例 第二十五条: a
    flexible worker "应当设立个人账户" there."""
    pooling = p.effective_mode == "pooling_only"
    if pooling and p.effective_status == "flexible" and flexible_always(ctx, p, ctx.now, region):
        ctx.note("account_now.pooling_only_overruled", passed=True, source=ZHEJIANG_REG_25)
        pooling = False
        facts["mode_overruled"] = True
    return bool(ctx.check("account_now.with_account", expected=Term("with_account"),
                          found=Term("pooling_only" if pooling else "with_account"), passed=not pooling,
                          source=LAOSHE_2003_10))


def flexible_credited_before_retirement(ctx: Context, region: str, facts: dict) -> Msg | None:
    """Seed 003: some regions credit flexible workers "未办理职工基本医疗保险退休待遇前…不计发个人账户金", others
    only after some years paid. Returns the verdict when nothing is credited yet, else None."""
    before = ctx.param("account.flexible_credit_before_retirement", ctx.now, region)
    if not ctx.check("account_now.flexible_credit_before_retirement", expected=True, found=before.value,
                     passed=before.value is not False, source=SEED_003):
        return msg(V, "flexible_after_retirement_only")
    years = ctx.param("account.flexible_years_for_account", ctx.now, region)
    if years.region == "national" and not years.known:
        return None
    paid = count(ctx.profile.periods, ctx.now + 1, lambda q: q.insurance == "employee_medical"
                 and q.effective_status == "flexible" and q.effective_kind != "deemed")
    need = round(years.value * 12) if years.known else None
    ok = ctx.check("account_now.flexible_years_for_account", expected=Months(need) if need is not None else None,
                   found=Months(paid), passed=None if need is None else paid >= need, source=SEED_003)
    if ok is False:
        return msg(V, "flexible_years", need=Months(need), paid=Months(paid))
    facts["flexible_years_unknown"] = ok is None
    return None


def tier(p: Period, overruled: bool) -> Msg:
    if overruled:
        return msg("account.tier", "flexible_compulsory")
    if p.effective_status != "flexible":
        return msg("account.tier", "employee" if p.effective_mode == "with_account" else "employed_pooling")
    return msg("account.tier", "flexible_with_account" if p.effective_mode == "with_account" else "flexible_pooling")


def working_credit(ctx: Context, p: Period, idx: int, region: str, age_years: int, facts: dict) -> Outcome:
    """The in-service credit: the period's base × the local rate (before or after the reform)."""
    got = in_service_credit(ctx, period_index=idx, region=region, base_yuan=p.base_yuan, age_years=age_years)
    facts.update(has_account=True, monthly_credit_yuan=got["credit"], rate=got["rate"], reform_date=got["reform_date"],
                 pre_reform=got["pre_reform"], employer_share=got["employer_share"], missing=got["missing"])
    kind = tier(p, bool(facts.get("mode_overruled")))
    how: Msg | str = ""
    if got["rate"] is not None:
        split = msg(V, "split") if got["pre_reform"] else ""
        how = msg(V, "how.base", base=Yuan(p.base_yuan), rate=Rate(got["rate"]), split=split) \
            if p.base_yuan is not None else msg(V, "how.no_base", rate=Rate(got["rate"]), split=split)
    if got["credit"] is not None:
        main, status = msg(V, "credit", credit=Yuan(got["credit"]), tier=kind, how=how), "met"
    elif got["missing"] and got["missing"].startswith("periods["):
        period = msg("field", "period_named", n=idx + 1, insurance=Term(p.insurance), start=str(p.start))
        main, status = msg(V, "missing_base", tier=kind, how=how, period=period), "unknown"
    else:
        main, status = msg(V, "unknown_rate", tier=kind), "unknown"
    note = msg(V, "years_unknown") if facts.get("flexible_years_unknown") else ""
    return _done(status, cat(main, note), facts)


def retired_now(ctx: Context, chosen: Month, facts: dict) -> Outcome:
    """A retiree: the account's conditions at retirement (account.py), then the fixed retiree credit."""
    facts["reason"] = "retired"
    cond = retiree_conditions(ctx, retirement=chosen)
    facts.update(period_index=cond["at_index"], region=ctx.region, blockers=cond["blockers"])
    if "pooling_only" in cond["blockers"]:
        facts.update(has_account=False, monthly_credit_yuan=0, reason="pooling_only")
        return _done("not_met", msg(V, "retired.pooling_only"), facts)
    if "tier_one_short" in cond["blockers"]:
        facts.update(has_account=False, monthly_credit_yuan=0, reason="pooling_only")
        return _done("not_met", msg(V, "retired.tier_one_short", short=Months(cond["tier_one_short"])), facts)
    facts["has_account"] = True
    if cond["post_enrolment"] and ctx.now < cond["waiting_until"]:
        facts.update(monthly_credit_yuan=0, waiting_until=cond["waiting_until"])
        return _done("not_met", msg(V, "retired.waiting", until=cond["waiting_until"]), facts)
    if "years_short" in cond["blockers"]:
        facts.update(monthly_credit_yuan=0, credit_suspended="years_short")
        return _done("not_met", msg(V, "retired.years_short"), facts)
    if cond["late_backpay"]:  # the back-payment planned at retirement is still to be paid, as a new enrollee
        facts.update(monthly_credit_yuan=0, credit_suspended="years_short")
        return _done("not_met", msg(V, "retired.backpay_late", waiting=Months(cond["waiting_months"])), facts)
    got = retiree_credit(ctx, at=ctx.now, age_months=ctx.now - ctx.person.birth, flexible=retired_flexible(ctx, cond))
    facts.update(monthly_credit_yuan=got["credit"], credit_under_70_yuan=got["under_70"],
                 credit_from_70_yuan=got["from_70"])
    region = Region(ctx.region)
    if got["credit"] is None:
        facts["missing"] = "account.retiree_monthly_yuan"
        return _done("unknown", msg(V, "retired.unknown", region=region), facts)
    age = msg(V, "retired.from_70") if got["age_70_applies"] and got["from_70"] is not None else ""
    extra = "" if cond["years_met"] is not False else msg(V, "retired.backpaid")
    return _done("met", msg(V, "retired.credit", credit=Yuan(got["credit"]), region=region, age=age, extra=extra),
                 facts)


def key_figure(facts: AccountNowFacts, lang: str) -> str:
    """``每月 96.00 元`` or ``无个人账户``."""
    if facts.get("has_account") is False:
        return text("account_now.figure", "no_account", lang)
    credit = facts.get("monthly_credit_yuan")
    if isinstance(credit, bool) or not isinstance(credit, (int, float)):
        return ""
    return text("account_now.figure", "credit", lang, v=f"{credit:,.2f}")


def marks(facts: AccountNowFacts) -> list[tuple[str, Month]]:
    """The local date of the account reform, for the timeline."""
    reform = facts.get("reform_date")
    return [("reform_account", Month.parse(reform[:7]))] if isinstance(reform, str) and len(reform) >= 7 else []


DECISION = Decision("account_now", decide, AccountNowFacts, reads=("retirement", "medical_years"),
                    key_figure=key_figure, marks=marks)
