"""account_after_retirement: whether the personal account is credited after retirement, and how much.

NHSA Q&A on 国办发〔2021〕14号: "退休人员个人账户原则上由统筹基金按定额划入，划入额度按所在地区改革当时基本养老金
2%左右测算，今后年度不再调整". Seed 000: with pension or resident insurance only there is no account after
retirement; with years short the credits start only once the years are paid. Retirees' large-amount supplementary
premium (大额补充医疗保险) is taken from the credits (seeds 001, 003). The conditions are in account.py.
"""

from __future__ import annotations

from typing import Any


from ...core.facts import ABSENT, Decision, Facts
from ...core.months import Month
from ...core.values import Months, Rate, Region, Yuan
from ...data.i18n import Msg, msg, text
from ...data.sources import SEED_001, SHENZHEN_AFTER_AGE, of_value
from ..context import Context
from ..outcome import Option, Outcome
from .account import retiree_conditions, retiree_credit, retired_flexible
from .account_now import cat
from .backpay import NEW_ENROLLEE_WAITING_MONTHS

V = "account_after_retirement.verdict"
O = "account_after_retirement.option"


class AccountAfterRetirementFacts(Facts, frozen=True):
    """docs/contract.md §4 ``account_after_retirement``."""

    eligible: bool | None
    blockers: list
    monthly_credit_yuan: float | None
    waiting_months: int | None
    credit_if_resolved_yuan: float | None
    credit_from_70_yuan: float | None
    large_amount_premium_yuan_year: float | None
    large_amount_deduction_yuan_month: float | None
    net_monthly_credit_yuan: float | None
    resolved_by_plan: list
    retirement_date: Month
    period_index: int | None
    insured_at_retirement: bool
    post_retirement_enrolment: bool
    waiting_until: Month | None
    topup: dict | None
    with_account_months: int | None
    missing: str | None
    tier_one_short_months: int = ABSENT  # where the place asks years in the higher tier: the months short of them


def large_amount_premium(ctx: Context, at: Month, figure: float) -> tuple[Any, float | None, float | None]:
    """Seeds 001, 003: the retirees' large-amount supplementary premium (大额补充医疗保险) "从个人账户中扣缴":
    the yearly premium, its monthly share and what is left of the credit."""
    premium = ctx.param("account.large_amount_premium_yuan_year", at)
    deduction = net = None
    if premium.known:
        deduction = round(premium.value / 12, 2)
        net = round(figure - premium.value / 12, 2)
    ctx.note("account.large_amount_premium", result=Yuan(net) if net is not None else None,
             passed=True if premium.known else None,
             source=of_value(premium) or SEED_001,
             premium_yuan_year=Yuan(premium.value) if premium.value is not None else None,
             monthly_deduction_yuan=Yuan(deduction) if deduction is not None else None)
    return premium.value, deduction, net


def decide(ctx: Context) -> Outcome:
    ret = ctx.facts["retirement"]
    my = ctx.facts["medical_years"]
    chosen: Month = ret.chosen_date
    retired = bool(ret.retired)
    cond = retiree_conditions(ctx, retirement=chosen)
    blockers = cond["blockers"]
    eligible = False if blockers else None if cond["years_met"] is None else True

    # The figure: read in force at retirement (or now, for someone already retired: the figure is not adjusted).
    at = max(chosen, ctx.now)
    credit_now = {"credit": None, "under_70": None, "from_70": None}
    if "no_employee_medical" not in blockers:
        credit_now = retiree_credit(ctx, at=at, age_months=at - ctx.person.birth, flexible=retired_flexible(ctx, cond))
    figure = credit_now["credit"]
    premium_year = deduction = net = None
    if figure is not None:
        premium_year, deduction, net = large_amount_premium(ctx, at, figure)

    waiting = cond["waiting_months"]
    if "no_employee_medical" in blockers:
        waiting = ctx.value("account.post_retirement_enrol_waiting_months", chosen)
    facts = AccountAfterRetirementFacts(
        eligible=eligible, blockers=list(blockers),
        monthly_credit_yuan=0 if eligible is False else figure,
        waiting_months=waiting,
        credit_if_resolved_yuan=figure if eligible is False else None,
        credit_from_70_yuan=credit_now["from_70"],
        large_amount_premium_yuan_year=premium_year,
        large_amount_deduction_yuan_month=deduction,
        net_monthly_credit_yuan=None if eligible is False else net,
        resolved_by_plan=list(cond["resolved"]),
        retirement_date=chosen, period_index=cond["at_index"], insured_at_retirement=cond["in_force"],
        post_retirement_enrolment=cond["post_enrolment"], waiting_until=cond["waiting_until"],
        topup=cond["topup"], with_account_months=cond["with_account_months"],
        missing="account.retiree_monthly_yuan" if figure is None and "no_employee_medical" not in blockers else None,
        **({"tier_one_short_months": cond["tier_one_short"]} if "tier_one_short" in cond else {}),
    )
    bp = ctx.facts["backpay"]
    verdict = not_eligible_verdict(ctx, facts, my, retired) if eligible is False else \
        eligible_verdict(ctx, facts, bp, retired)
    options = after_options(ctx, cond, facts, my, bp, chosen, retired)
    status = {True: "met", False: "not_met", None: "unknown"}[eligible]
    return Outcome(status, verdict, facts=facts, options=options)


def blocker_words(ctx: Context, code: str, facts: AccountAfterRetirementFacts, my) -> Msg:
    if code == "years_short":
        return msg(V, "blocker.years_short", short=Months(my.shortfall_months or 0))
    if code == "pooling_only" and facts.topup:
        have = facts.with_account_months or 0
        return msg(V, "blocker.topup", region=Region(ctx.region), need=Months(facts.topup["months"] + have),
                   have=Months(have), rate=Rate(facts.topup["rate"]))
    if code == "tier_one_short":
        return msg(V, "blocker.tier_one_short", short=Months(facts.tier_one_short_months), region=Region(ctx.region))
    return msg(V, f"blocker.{code}")


def not_eligible_verdict(ctx: Context, facts: AccountAfterRetirementFacts, my, retired: bool) -> Msg:
    """Nothing credited: why (each blocker), and what would be credited once resolved."""
    blockers = facts.blockers
    shown = [b for b in blockers if not (b == "no_employee_medical" and "resident_only" in blockers)]
    why = [blocker_words(ctx, b, facts, my) for b in shown]
    why_all = reduce_clauses(why)
    head = msg(V, "not_eligible.retired" if retired else "not_eligible", why=why_all)
    resolved = "" if facts.credit_if_resolved_yuan is None else \
        msg(V, "once_resolved", credit=Yuan(facts.credit_if_resolved_yuan), region=Region(ctx.region))
    return cat(head, resolved)


def reduce_clauses(clauses: list[Msg]) -> Msg | str:
    out: Msg | str = ""
    for c in clauses:
        out = c if out == "" else msg(V, "clauses", a=out, b=c)
    return out


def eligible_verdict(ctx: Context, facts: AccountAfterRetirementFacts, bp, retired: bool) -> Msg:
    """Credited (or, with the requirement unknown, probably credited): the figure, from 70, the premium taken."""
    national = ctx.region == "national"
    region = Region(ctx.region)
    when = msg(V, "when.retired" if retired else "when.future", date=facts.retirement_date)
    figure = facts.monthly_credit_yuan
    parts: list = []
    if figure is None:
        parts.append(msg(V, "unknown_figure.national" if national else "unknown_figure", when=when, region=region))
    else:
        c70 = facts.credit_from_70_yuan
        from_70 = msg(V, "from_70", credit=Yuan(c70)) if c70 is not None and c70 != figure else ""
        parts.append(msg(V, "credit", when=when, credit=Yuan(figure), region=region, from_70=from_70))
        if facts.large_amount_premium_yuan_year is not None:
            parts.append(msg(V, "premium", premium=Yuan(facts.large_amount_premium_yuan_year),
                             monthly=Yuan(facts.large_amount_deduction_yuan_month),
                             net=Yuan(facts.net_monthly_credit_yuan)))
        else:
            parts.append(msg(V, "premium_unknown"))
    if "years_short" in facts.resolved_by_plan:
        price = bp.price_yuan  # the back-payment decision's price, an estimate said as one
        parts.append(msg(V, "planned_late" if bp.deadline_passed else "planned",
                         waiting=Months(facts.waiting_months or 0),
                         price=msg(V, "planned.price_estimate" if bp.price_is_estimate
                                                 else "planned.price", price=Yuan(price)) if price is not None
                         else msg(V, "planned.price_unknown")))
    if facts.post_retirement_enrolment:
        parts.append(msg(V, "post_enrolment", until=facts.waiting_until))
    if facts.eligible is None:
        parts.append(msg(V, "years_unknown.national" if national else "years_unknown", region=region))
    return cat(*parts)


def after_options(ctx: Context, cond: dict, facts: AccountAfterRetirementFacts, my, bp, chosen: Month,
                  retired: bool) -> list[Option]:
    """What the person can do about each blocker."""
    blockers = cond["blockers"]
    out: list[Option] = []
    if "years_short" in blockers:
        out += years_short_options(ctx, my, bp, chosen, retired)
    if "pooling_only" in blockers:
        out += pooling_only_options(cond, chosen, retired)
    if "no_employee_medical" in blockers:
        out += no_employee_medical_options(facts, my, chosen, retired)
    if "tier_one_short" in blockers:
        out.append(Option("keep_tier_one", msg(f"{O}.keep_tier_one"),
                          detail=msg(f"{O}.keep_tier_one", "detail", short=Months(cond["tier_one_short"])),
                          months=cond["tier_one_short"]))
    return out


def years_short_options(ctx: Context, my, bp, chosen: Month, retired: bool) -> list[Option]:
    """社会保险法 第二十七条 "可以缴费至国家规定年限": a lump sum at retirement, or monthly after it (seed 000); once
    the time for the lump sum has passed, enrolling again as a new enrollee, who waits. The prices are the
    back-payment decision's (the same figures, an estimate said as one)."""
    short = my.shortfall_months or 0
    price = bp.price_yuan
    estimate = "_estimate" if bp.price_is_estimate else ""
    lump_price = msg(O, "price" + estimate, price=Yuan(price)) if price is not None else msg(O, "price_unknown")
    monthly = bp.monthly_alternative_yuan
    total = round(monthly * short, 2) if monthly is not None else None
    cost = msg(O, "cost" + estimate, monthly=Yuan(monthly), base=Yuan(bp.base_yuan), rate=Rate(bp.rate),
               total=Yuan(total)) if monthly is not None else msg(O, "cost_unknown")
    late = bool(bp.deadline_passed)
    detail = "detail.late" if late else "detail.retired" if retired else "detail"
    wage_rule = ctx.param("medical.after_age_monthly_at_average_wage", chosen)
    if wage_rule.value:
        # 深医保规〔2022〕3号 第五点第二款: "选择按月缴费的人员，参加基本医疗保险一档的，以本市上上年度全口径城镇单位就业
        # 人员月平均工资为缴费基数，按一档在职职工用人单位费率缴费" (the figures are not in the data)
        ctx.note("account_after_retirement.after_age_monthly", source=SHENZHEN_AFTER_AGE, region=Region(ctx.region))
        total = None
        cost = msg(O, "cost_average_wage", region=Region(ctx.region))
    return [
        Option("backpay_lump_sum", msg(f"{O}.backpay_lump_sum", "title.late" if late else "title"),
               detail=msg(f"{O}.backpay_lump_sum", detail, short=Months(short), price=lump_price,
                          deadline=bp.deadline, waiting=Months(NEW_ENROLLEE_WAITING_MONTHS)),
               price_yuan=price, deadline=None if retired or late else bp.deadline, months=short,
               price_is_estimate=price is not None and bp.price_is_estimate),
        Option("keep_paying_monthly", msg(f"{O}.keep_paying_monthly"),
               detail=msg(f"{O}.keep_paying_monthly", "detail", short=Months(short), cost=cost),
               price_yuan=total, months=short, price_is_estimate=total is not None and bp.price_is_estimate),
    ]


def pooling_only_options(cond: dict, chosen: Month, retired: bool) -> list[Option]:
    """劳社厅发〔2003〕10号: the higher tier (统账结合) has an account; seed 003 (Yangquan): retired flexible workers
    top up the rate difference."""
    out = []
    t = cond["topup"]
    if not retired and not t:
        out.append(Option("switch_to_with_account", msg(f"{O}.switch_to_with_account"),
                          detail=msg(f"{O}.switch_to_with_account", "detail"), deadline=chosen - 1))
    if t:
        price = msg(O, "price", price=Yuan(t["price_yuan"])) if t["price_yuan"] is not None \
            else msg(O, "topup_price_unknown")
        credit = msg(O, "topup_credit", credit=Yuan(t["credit_yuan"])) if t["credit_yuan"] is not None \
            else msg(O, "topup_credit_unknown")
        out.append(Option("flexible_topup", msg(f"{O}.flexible_topup", rate=Rate(t["rate"])),
                          detail=msg(f"{O}.flexible_topup", "detail", months=Months(t["months"]), rate=Rate(t["rate"]),
                                     price=price, credit=credit),
                          price_yuan=t["price_yuan"], months=t["months"]))
    return out


def no_employee_medical_options(facts: AccountAfterRetirementFacts, my, chosen: Month, retired: bool) -> list[Option]:
    """Seed 000: enrol after retirement with the pension notice (a new enrollee who waits); 社会保险法 第二十三条:
    a flexible worker may join employee medical on their own before retiring."""
    waiting = facts.waiting_months
    price = my.backpay_estimate_yuan if (my.shortfall_months or 0) > 0 else None
    price_words = msg(O, "enrol_price", price=Yuan(price)) if price is not None else msg(O, "enrol_price_unknown")
    out = [Option("enrol_after_retirement", msg(f"{O}.enrol_after_retirement"),
                  detail=msg(f"{O}.enrol_after_retirement", "detail", price=price_words,
                             waiting=Months(waiting or 0)),
                  price_yuan=price, months=waiting)]
    if not retired:
        out.append(Option("join_employee_medical_now", msg(f"{O}.join_employee_medical_now"),
                          detail=msg(f"{O}.join_employee_medical_now", "detail"), deadline=chosen - 1))
    return out


def key_figure(facts: AccountAfterRetirementFacts, lang: str) -> str:
    """``每月 100.00 元``, ``无账户（单建统筹）`` or ``待定（年限要求未知）``."""
    eligible = facts.get("eligible")
    if eligible is True:
        credit = facts.get("monthly_credit_yuan")
        if isinstance(credit, (int, float)) and not isinstance(credit, bool):
            return text("account_after_retirement.figure", "credit", lang, v=f"{credit:,.2f}")
        return text("account_after_retirement.figure", "eligible", lang)
    if eligible is False:
        blockers = [b for b in facts.get("blockers") or [] if isinstance(b, str)]
        if not blockers:
            return text("account_after_retirement.figure", "not_eligible", lang)
        names = [msg("account_after_retirement.figure", f"blocker.{b}") for b in blockers]
        return text("account_after_retirement.figure", "not_eligible.why", lang, blockers=names)
    return text("account_after_retirement.figure", "unknown", lang) if "eligible" in facts else ""


DECISION = Decision("account_after_retirement", decide, AccountAfterRetirementFacts,
                    reads=("retirement", "medical_years", "backpay"), key_figure=key_figure)
