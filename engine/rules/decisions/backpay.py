"""The one-time back-payment of a medical-years shortfall at retirement (一次性补缴).

社会保险法 第二十七条: "……未达到国家规定年限的，可以缴费至国家规定年限。" The price is months short × base × rate,
on the place's own terms where it has them (:mod:`.backpay_rules`: Suzhou "月平均工资×6%×不足月数……全部计入统筹基金",
Nanjing "最后一个月本人缴费基数×9%", Changsha "全省职工平均工资的60%" …), and on the national estimate only where it
has none (北京市基本医疗保险规定 第十一条: the payment covers "应当由用人单位和个人缴纳的" contributions, on the average
wage of the place or its province, failing that the person's own latest base). ``base_basis`` and ``rate_basis``
say which; a figure that stands in for one the rule names makes the price an estimate (估算), and the trace names
the missing figure. Where the payment goes wholly to the pool (``to_pool_only``), it adds nothing to the personal
account.
Seed 000: a person who retires without the years and without paying may still enrol after retirement as a new
enrollee: a one-time payment, then a waiting period (6 months in the seed's example) before benefits start.

Facts: ``needed``, ``shortfall_months``, ``deadline``, ``deadline_passed``; the base (``base_yuan``,
``base_basis``: the figure it is, ``base_rule``: the kind of base the place's own rule names, ``base_region``:
whose figure, ``base_share``: the share of a wage the rule takes), the rate (``rate``, ``rate_basis``,
``rate_is_estimate``), ``price_yuan`` and ``price_is_estimate``, ``monthly_alternative_yuan``, ``to_pool_only``
and ``monthly_allowed`` (null where the place's rule does not say); ``leaves_china``, the planned departure before
retirement with no return recorded, after which the payment matters only if the person comes back.
"""

from __future__ import annotations


from ...core.facts import Decision, Facts
from ...core.months import Month
from ...core.values import Months, Rate, Region, Yuan
from ...data.i18n import msg, text
from ...data.sources import SEED_000, SHENZHEN_AFTER_AGE, SIL_27
from ..context import Context
from ..outcome import Option, Outcome
from .backpay_rules import note_price, terms

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
    to_pool_only: bool | None = None
    base_rule: str | None = None
    base_region: str | None = None
    base_share: float | None = None
    rate_basis: str | None = None
    rate_is_estimate: bool = False
    monthly_allowed: bool | None = None
    #: the planned departure from China before retirement, no return recorded: the payment matters only on a return
    leaves_china: Month | None = None


def decide(ctx: Context) -> Outcome:
    my = ctx.facts["medical_years"]
    # at retirement, when retiree cover would begin: the month the pension starts, after any months paid on to
    # make up pension years (the same month the medical years are counted to)
    deadline: Month = my["horizon"]
    met = my["met"]
    shortfall = my["shortfall_months"] or 0
    needed = None if met is None else shortfall > 0
    ctx.check("backpay.needed", expected=Months(0), found=Months(shortfall), passed=None if needed is None else not needed,
              source=SIL_27)
    passed = bool(needed) and ctx.now > deadline
    found = terms(ctx, deadline)
    price = note_price(ctx, found, shortfall)
    ctx.check("backpay.deadline", expected=deadline, found=ctx.now, passed=not passed if needed else None,
              deadline=deadline)
    if passed:
        ctx.note("backpay.after_deadline", result=Months(NEW_ENROLLEE_WAITING_MONTHS), source=SEED_000,
                 waiting=Months(NEW_ENROLLEE_WAITING_MONTHS))
    monthly = found.monthly()
    if needed and ctx.param("medical.after_age_monthly_at_average_wage", deadline).value:
        # 深医保规〔2022〕3号: "选择按月缴费的人员…以本市上上年度全口径城镇单位就业人员月平均工资为缴费基数，按一档在职职工
        # 用人单位费率缴费" (the figures are not in the data, so the monthly amount is unknown)
        ctx.note("backpay.after_age_monthly", source=SHENZHEN_AFTER_AGE, region=Region(ctx.region))
        monthly = None
    facts = BackpayFacts(needed=needed, shortfall_months=shortfall, deadline=deadline, deadline_passed=passed,
                         base_yuan=found.base_yuan, base_basis=found.base_basis, rate=found.rate, price_yuan=price,
                         price_is_estimate=price is not None and found.is_estimate, monthly_alternative_yuan=monthly,
                         to_pool_only=found.to_pool_only, base_rule=found.base_rule, base_region=found.base_region,
                         base_share=found.base_share, rate_basis=found.rate_basis,
                         rate_is_estimate=found.rate_is_estimate,
                         monthly_allowed=found.monthly_allowed, leaves_china=my.get("leaves_china"))
    return Outcome(status_of(facts), verdict(facts), facts=facts, options=options(facts))


def status_of(f: BackpayFacts) -> str:
    if f.needed is None:
        return "unknown"
    if not f.needed:
        return "met"
    return "not_met"


def basis_words(f: BackpayFacts):
    """What the base is, and whether it stands in for the figure the place's rule names: ``当地规定以本市职工月平均
    工资为基数，这个数字没有：用江苏省的职工月平均工资估算``."""
    region = Region(f.base_region) if f.base_region else ""
    if f.base_rule is None:
        return msg("backpay.verdict", "basis." + f.base_basis, region=region)
    share = f.base_share is not None
    rule = msg("backpay.verdict", "rule." + f.base_rule + (".share" if share else ""),
               share=Rate(f.base_share) if share else "")
    if f.base_basis == f.base_rule:
        return msg("backpay.verdict", "by_rule", rule=rule)
    return msg("backpay.verdict", "stand_in", rule=rule,
               used=msg("backpay.verdict", "used." + f.base_basis, region=region))


def rate_words(f: BackpayFacts):
    """What the rate is: the place's, a flexible worker's, the user's, or the two contribution rates together
    (an estimate where the place has a rule of its own whose rate the data lacks)."""
    key = f.rate_basis or "employer_plus_individual"
    if f.rate_is_estimate:
        key += ".stand_in"
    return msg("backpay.verdict", "rate." + key)


def price_words(f: BackpayFacts):
    """The price with how it was reached: ``约 6,912.00元（6个月 × 12,000.00元 × 8%：…，估算）``."""
    if f.price_yuan is None:
        return msg("backpay.verdict", "price_unknown")
    return msg("backpay.verdict", "price_estimate" if f.price_is_estimate else "price", price=Yuan(f.price_yuan),
               months=Months(f.shortfall_months), base=Yuan(f.base_yuan), rate=Rate(f.rate),
               how=basis_words(f), rate_how=rate_words(f))


def pool_words(f: BackpayFacts):
    """Where the payment goes: wholly to the pool (nothing to the personal account), or not said."""
    if f.to_pool_only:
        return msg("backpay.verdict", "pool_only")
    return ""


def verdict(f: BackpayFacts):
    if f.needed is None:
        return msg("backpay.verdict", "unknown")
    if not f.needed:
        return msg("backpay.verdict", "not_needed")
    if f.deadline_passed:
        return msg("backpay.verdict", "passed", months=Months(f.shortfall_months), deadline=f.deadline,
                   price=price_words(f), waiting=Months(NEW_ENROLLEE_WAITING_MONTHS), pool=pool_words(f))
    if f.leaves_china is not None:
        return msg("backpay.verdict", "needed_if_back", leave=f.leaves_china, months=Months(f.shortfall_months),
                   deadline=f.deadline, price=price_words(f), pool=pool_words(f))
    return msg("backpay.verdict", "needed", months=Months(f.shortfall_months), deadline=f.deadline,
               price=price_words(f), pool=pool_words(f))


def options(f: BackpayFacts) -> list[Option]:
    if not f.needed:
        return []
    out = []
    if f.deadline_passed:
        out.append(Option("enrol_as_new", msg("backpay.option.enrol_as_new"),
                          detail=msg("backpay.option.enrol_as_new", "detail",
                                     waiting=Months(NEW_ENROLLEE_WAITING_MONTHS)),
                          price_yuan=f.price_yuan, months=f.shortfall_months,
                          price_is_estimate=f.price_is_estimate))
    else:
        out.append(Option("backpay_lump_sum", msg("backpay.option.lump"),
                          detail=msg("backpay.option.lump", "detail", price=price_words(f), deadline=f.deadline),
                          price_yuan=f.price_yuan, deadline=f.deadline, months=f.shortfall_months,
                          price_is_estimate=f.price_is_estimate))
    total = monthly_total(f)
    monthly = msg("backpay.option.monthly", "detail_known", months=Months(f.shortfall_months),
                  monthly=Yuan(f.monthly_alternative_yuan), total=Yuan(total)) if total is not None else \
        msg("backpay.option.monthly", "detail_unknown", months=Months(f.shortfall_months))
    allowed = {True: "allowed", None: "ask"}.get(f.monthly_allowed, "not_allowed")
    monthly = msg("backpay.option.monthly", "with_rule", detail=monthly,
                  rule=msg("backpay.option.monthly", "rule." + allowed))
    out.append(Option("keep_paying_monthly", msg("backpay.option.monthly"), detail=monthly,
                      price_yuan=total, months=f.shortfall_months,
                      price_is_estimate=total is not None and f.price_is_estimate))
    return out


def monthly_total(f: BackpayFacts) -> float | None:
    """What paying the years short month by month comes to in all (an option's price is a total, never a month's)."""
    if f.monthly_alternative_yuan is None:
        return None
    return round(f.monthly_alternative_yuan * f.shortfall_months, 2)


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
