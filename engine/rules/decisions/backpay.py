"""The one-time back-payment of a medical-years shortfall at retirement (一次性补缴).

社会保险法 第二十七条: "……未达到国家规定年限的，可以缴费至国家规定年限。"
北京市基本医疗保险规定 第十一条: the one-time payment covers "应当由用人单位和个人缴纳的" contributions, so its price
is shortfall months × monthly base × (employer + individual rate). The base is the place's back-payment base
(``medical.backpay_base_yuan``); where the data has none, an estimate from the average wage of the place or its
province (``wage.average_monthly_yuan``), failing that the person's own latest base — said to be an estimate.
Seed 000: a person who retires without the years and without paying may still enrol after retirement as a new
enrollee: a one-time payment, then a waiting period (6 months in the seed's example) before benefits start.
"""

from __future__ import annotations

from msgspec import Struct

from ...core.facts import Decision, Facts
from ...core.months import Month
from ...core.values import Months, Rate, Term, Yuan
from ...data.i18n import msg, text
from ...data.sources import BEIJING_REG_11, SEED_000, SIL_27
from ..context import Context
from ..outcome import Option, Outcome

BASES = ("region", "user", "average_wage", "own_base")
#: seed 000's example of the wait after enrolling as a new enrollee after retirement
NEW_ENROLLEE_WAITING_MONTHS = 6


class BackpayFacts(Facts, frozen=True):
    needed: bool | None
    shortfall_months: int
    deadline: Month
    deadline_passed: bool
    base_yuan: float | None
    base_basis: str | None
    rate: float | None
    price_yuan: float | None
    price_is_estimate: bool
    monthly_alternative_yuan: float | None


def own_latest_base(ctx: Context, before: Month) -> float | None:
    """The base of the person's latest employee-medical period (started before ``before``) that names one."""
    found = [p for p in ctx.profile.periods
             if p.insurance == "employee_medical" and p.base_yuan is not None and p.start < before]
    return max(found, key=lambda p: p.start).base_yuan if found else None


def choose_base(ctx: Context, at: Month) -> tuple[float | None, str | None]:
    """The back-payment base and what it rests on: the place's own, the average wage, the person's own base."""
    with ctx.step("backpay.base") as node:
        local = ctx.param("medical.backpay_base_yuan", at)
        if local.known:
            basis = "user" if local.overridden or local.confidence == "user" else "region"
            ctx.note("backpay.base.local", result=Yuan(local.value), basis=Term("backpay_basis." + basis))
            base = float(local.value)
        else:
            ctx.note("backpay.base.local", key="missing", passed=False)
            wage = ctx.param("wage.average_monthly_yuan", at)
            if wage.known:
                base, basis = float(wage.value), "average_wage"
                ctx.note("backpay.base.average_wage", result=Yuan(base), passed=True, region=wage.region)
            else:
                ctx.note("backpay.base.average_wage", key="missing", passed=False)
                own = own_latest_base(ctx, at)
                base, basis = (float(own), "own_base") if own is not None else (None, None)
                ctx.note("backpay.base.own", key="found" if own is not None else "missing",
                         result=Yuan(own) if own is not None else None, passed=own is not None)
        node.result = Yuan(base) if base is not None else None
        node.inputs["basis"] = Term("backpay_basis." + basis) if basis else None
    return base, basis


def decide(ctx: Context) -> Outcome:
    my = ctx.facts["medical_years"]
    deadline: Month = ctx.facts["retirement"]["chosen_date"]
    met = my["met"]
    shortfall = my["shortfall_months"] or 0
    needed = None if met is None else shortfall > 0
    ctx.check("backpay.needed", expected=Months(0), found=Months(shortfall), passed=None if needed is None else not needed,
              source=SIL_27)
    passed = bool(needed) and ctx.now > deadline
    base, basis = choose_base(ctx, deadline)
    er = ctx.value("medical.rate.employer", deadline)
    ind = ctx.value("medical.rate.individual", deadline)
    rate = round(er + ind, 6) if er is not None and ind is not None else None
    price = round(shortfall * base * rate, 2) if base is not None and rate is not None else None
    monthly = round(base * rate, 2) if base is not None and rate is not None else None
    estimate = basis not in ("region", "user")
    if price is not None:
        ctx.note("backpay.price", result=Yuan(price), source=BEIJING_REG_11, months=Months(shortfall),
                 base=Yuan(base), rate=Rate(rate), estimate=estimate)
    else:
        ctx.note("backpay.price", key="unknown", passed=None, source=BEIJING_REG_11, months=Months(shortfall),
                 missing=Term("backpay.missing." + ("base" if base is None else "rate")))
    ctx.check("backpay.deadline", expected=deadline, found=ctx.now, passed=not passed if needed else None,
              deadline=deadline)
    if passed:
        ctx.note("backpay.after_deadline", result=Months(NEW_ENROLLEE_WAITING_MONTHS), source=SEED_000,
                 waiting=Months(NEW_ENROLLEE_WAITING_MONTHS))
    facts = BackpayFacts(needed=needed, shortfall_months=shortfall, deadline=deadline, deadline_passed=passed,
                         base_yuan=base, base_basis=basis, rate=rate, price_yuan=price, price_is_estimate=estimate,
                         monthly_alternative_yuan=monthly)
    return Outcome(status_of(facts), verdict(facts), facts=facts, options=options(facts))


def status_of(f: BackpayFacts) -> str:
    if f.needed is None:
        return "unknown"
    if not f.needed:
        return "met"
    return "not_met"


def price_words(f: BackpayFacts):
    """The price with how it was reached: ``约 6,912.00元（6个月 × 12,000.00元 × 8%，按平均工资估算）``."""
    if f.price_yuan is None:
        return msg("backpay.verdict", "price_unknown")
    how = msg("backpay.verdict", "basis." + f.base_basis) if f.base_basis else ""
    return msg("backpay.verdict", "price", price=Yuan(f.price_yuan), months=Months(f.shortfall_months),
               base=Yuan(f.base_yuan), rate=Rate(f.rate), how=how)


def verdict(f: BackpayFacts):
    if f.needed is None:
        return msg("backpay.verdict", "unknown")
    if not f.needed:
        return msg("backpay.verdict", "not_needed")
    if f.deadline_passed:
        return msg("backpay.verdict", "passed", months=Months(f.shortfall_months), deadline=f.deadline,
                   price=price_words(f), waiting=Months(NEW_ENROLLEE_WAITING_MONTHS))
    return msg("backpay.verdict", "needed", months=Months(f.shortfall_months), deadline=f.deadline,
               price=price_words(f))


def options(f: BackpayFacts) -> list[Option]:
    if not f.needed:
        return []
    out = []
    if f.deadline_passed:
        out.append(Option("enrol_as_new", msg("backpay.option.enrol_as_new"),
                          detail=msg("backpay.option.enrol_as_new", "detail",
                                     waiting=Months(NEW_ENROLLEE_WAITING_MONTHS)),
                          price_yuan=f.price_yuan, months=f.shortfall_months))
    else:
        out.append(Option("backpay_lump_sum", msg("backpay.option.lump"),
                          detail=msg("backpay.option.lump", "detail", price=price_words(f), deadline=f.deadline),
                          price_yuan=f.price_yuan, deadline=f.deadline, months=f.shortfall_months))
    monthly = msg("backpay.option.monthly", "detail_known", months=Months(f.shortfall_months),
                  monthly=Yuan(f.monthly_alternative_yuan)) if f.monthly_alternative_yuan is not None else \
        msg("backpay.option.monthly", "detail_unknown", months=Months(f.shortfall_months))
    out.append(Option("keep_paying_monthly", msg("backpay.option.monthly"), detail=monthly,
                      price_yuan=f.monthly_alternative_yuan, months=f.shortfall_months))
    return out


def key_figure(facts, lang: str) -> str:
    """A few words beside the verdict in the app: the price, or why there is none."""
    if facts.get("needed") is None:
        return text("backpay.key", "unknown", lang)
    if not facts.get("needed"):
        return text("backpay.key", "not_needed", lang)
    price = facts.get("price_yuan")
    if price is None:
        return text("backpay.key", "price_unknown", lang)
    return text("backpay.key", "estimate" if facts.get("price_is_estimate") else "price", lang, price=Yuan(price))


DECISION = Decision("backpay", decide, BackpayFacts, reads=("retirement", "medical_years"), key_figure=key_figure)
