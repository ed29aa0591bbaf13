"""The terms of a one-time back-payment (一次性补缴) in the benefit region: what it is priced on, at what rate,
where the money goes and whether the years short may be paid monthly after retirement instead.

A place's own rule wins; the national estimate is used only where the place has none.

- Suzhou (苏州市社会基本医疗保险管理办法 第四十一条): "不足年限按年度社会平均工资×6%×不足年限（即月平均工资×6%×不足
  月数）一次性缴纳", "一次性缴纳的费用全部计入统筹基金".
- Shenyang: "不足部分按上年度全市职工平均工资×8%补缴", "补缴费用全部计入统筹基金".
- Nanjing: "按最后一个月本人缴费基数×9%×不足月数补缴"; Zhengzhou: "按最后一个月本人缴费基数×5.6%补缴".
- Hefei: "按全省社平工资×6.5%补缴"; Changsha: "一次性补缴的基数为全省职工平均工资的60%".
- Changchun: "补缴按本人工资，单位7%、个人2%"; Chongqing: "补缴基数为用人单位上年度平均缴费基数"; Tianjin:
  "按缴费时的基数×7.5%×不足月数补缴"; Kunming: "灵活就业人员按5%补缴".
- Shenzhen (深医保规〔2022〕3号): "达到法定退休年龄后按月或一次性缴费；按月缴费以上上年度全市职工平均工资为基数".
- Where the place has no rule of its own: 北京市基本医疗保险规定 第十一条, the payment covers "应当由用人单位和个人
  缴纳的" contributions: months short × base × (employer + individual rate), the base being the place's
  back-payment base, else an estimate from the average wage of the place or its province, else the person's own
  latest base.

A figure the rule names but the data lacks is stood in for openly: the province's average wage for the city's, the
person's own base for the employer's average base or the person's wage, the contribution rates for a local rate
not known. The trace says so (估算) and names the missing figure, which becomes one of the questions to ask locally.
"""

from __future__ import annotations

from msgspec import Struct

from ...core.months import Month
from ...core.values import Months, Rate, Region, Term, Yuan
from ...data.places import province_of
from ...data.sources import beijing_art11
from ..context import Context
from .requirement_parts import insured_as_individual

#: the rule's kind (``medical.backpay_base_kind``) → the basis the facts name
KIND_BASIS = {
    "backpay.local_average_wage": "local_average_wage",
    "backpay.local_average_wage_two_years_before": "local_average_wage_two_years_before",
    "backpay.provincial_average_wage": "province_average_wage",
    "backpay.own_last_base": "own_base",
    "backpay.employer_average_base": "employer_average_base",
    "backpay.own_wage": "own_wage",
}
#: the figure a base is: the place's back-payment base, the user's, the city's average wage (of the year in force
#: or of the year before), the province's, the person's own latest base, or the average wage of the place or its
#: province as the national estimate
BASES = ("region", "user", "local_average_wage", "local_average_wage_two_years_before", "province_average_wage",
         "own_base", "average_wage")
#: what a rate rests on: the place's back-payment rate (for flexible workers), the user's, or the contribution rates
RATE_BASES = ("region", "region_flexible", "user", "employer_plus_individual")
WAGE = "wage.average_monthly_yuan"
WAGE_RULES = ("local_average_wage", "local_average_wage_two_years_before", "province_average_wage")


class Terms(Struct, frozen=True):
    """The terms as found: each figure with what it rests on and whether it is an estimate."""

    base_yuan: float | None
    base_basis: str | None         # the figure the base is (``BASES``)
    base_rule: str | None          # the kind of base the place's own rule names (None where it names none)
    base_region: str | None        # the region whose figure the base is (for a wage: the city, or its province)
    base_share: float | None       # the share of the wage the rule takes as the base (Changsha: 60%)
    base_is_estimate: bool
    rate: float | None
    rate_basis: str | None
    rate_is_estimate: bool
    local_rule: bool               # the place has a back-payment rule of its own
    to_pool_only: bool | None      # the payment goes wholly to the pool (adds nothing to the personal account)
    monthly_allowed: bool | None   # the years short may be paid monthly after retirement instead
    missing: str | None            # the first figure whose absence made a figure an estimate, or unknown

    @property
    def is_estimate(self) -> bool:
        return self.base_is_estimate or self.rate_is_estimate

    def price(self, months: int) -> float | None:
        """Months short × base × rate (None where the base or the rate is unknown)."""
        if self.base_yuan is None or self.rate is None:
            return None
        return round(months * self.base_yuan * self.rate, 2)

    def monthly(self) -> float | None:
        if self.base_yuan is None or self.rate is None:
            return None
        return round(self.base_yuan * self.rate, 2)


def own_latest_base(ctx: Context, before: Month) -> tuple[float | None, bool]:
    """The base of the person's latest employee-medical period (started before ``before``) that names one, and
    whether that period is the latest of all (else the base is an older one, standing in)."""
    emp = [p for p in ctx.profile.periods if p.insurance == "employee_medical" and p.start < before]
    named = [p for p in emp if p.base_yuan is not None]
    if not named:
        return None, False
    found = max(named, key=lambda p: p.start)
    return float(found.base_yuan), found.start == max(p.start for p in emp)


class Base(Struct, frozen=True):
    """A base as found: its value, the figure it is (``BASES``), the region of that figure, and whether it
    stands in for the figure the rule names."""

    value: float | None
    basis: str | None
    region: str | None = None
    estimate: bool = True
    share: float | None = None


def _own_base(ctx: Context, at: Month, *, stands_in: bool) -> Base:
    """The person's own latest base, noted; ``stands_in``: it stands in for another figure (an estimate)."""
    own, latest = own_latest_base(ctx, at)
    estimate = stands_in or not latest
    ctx.note("backpay.base.own", key="missing" if own is None else "estimate" if estimate else "found",
             result=Yuan(own) if own is not None else None, passed=own is not None)
    return Base(own, "own_base" if own is not None else None, None, estimate)


def _wage(ctx: Context, at: Month, rule: str) -> Base:
    """The average wage a rule names (``rule``): the city's (of the year in force, or of the year before it), or
    the province's; the province's stands in for a city's not in the data, a later year's for an earlier one."""
    region = province_of(ctx.region) if rule == "province_average_wage" else ctx.region
    earlier = rule == "local_average_wage_two_years_before"
    found = ctx.param(WAGE, at - 12 if earlier else at, region)
    later = False
    if not found.known and earlier:
        found, later = ctx.param(WAGE, at, region), True
    if not found.known:
        ctx.note("backpay.base.wage", key="missing", passed=False, region=Region(region), missing_figure=WAGE)
        return Base(None, None)
    own = found.overridden or found.region == region
    estimate = later or not own
    if not own:
        basis = "province_average_wage" if "." not in found.region and found.region != "national" \
            else "average_wage"
    else:
        basis = rule if not later else "local_average_wage"
    ctx.note("backpay.base.wage", key="stand_in" if not own else "later" if later else "title",
             result=Yuan(float(found.value)), passed=True, region=Region(region), used=Region(found.region),
             **({"missing_figure": WAGE} if estimate else {}))
    return Base(float(found.value), basis, found.region, estimate)


def _by_rule(ctx: Context, at: Month, rule: str) -> Base:
    """The base a local rule names: a wage (× the rule's share of it), or the person's own base; where the data
    lacks it, the nearest stand-in (an estimate)."""
    if rule in WAGE_RULES:
        found = _wage(ctx, at, rule)
        if found.value is None:
            return _own_base(ctx, at, stands_in=True)
        share = ctx.param("medical.backpay_base_fraction", at)
        if share.known:
            base = round(found.value * float(share.value), 2)
            ctx.note("backpay.base.fraction", result=Yuan(base), wage=Yuan(found.value),
                     share=Rate(float(share.value)))
            return Base(base, found.basis, found.region, found.estimate, float(share.value))
        return found
    own = _own_base(ctx, at, stands_in=rule != "own_base")
    return own if own.value is not None else _average_wage(ctx, at)


def _average_wage(ctx: Context, at: Month) -> Base:
    """The average wage of the place or its province, as an estimate of the base."""
    wage = ctx.param(WAGE, at)
    if not wage.known:
        ctx.note("backpay.base.average_wage", key="missing", passed=False)
        return Base(None, None)
    ctx.note("backpay.base.average_wage", result=Yuan(float(wage.value)), passed=True, region=wage.region)
    return Base(float(wage.value), "average_wage", wage.region, True)


def _national(ctx: Context, at: Month) -> Base:
    """No rule of the place's own: the average wage of the place or its province, else the person's own base."""
    found = _average_wage(ctx, at)
    return found if found.value is not None else _own_base(ctx, at, stands_in=True)


def choose_base(ctx: Context, at: Month) -> tuple[Base, str | None]:
    """The base, and the kind of base the place's own rule names (None where it names none)."""
    with ctx.step("backpay.base") as node:
        figure = ctx.param("medical.backpay_base_yuan", at)
        rule = None
        if figure.known:
            basis = "user" if figure.overridden or figure.confidence == "user" else "region"
            ctx.note("backpay.base.local", result=Yuan(figure.value), basis=Term("backpay_basis." + basis))
            base = Base(float(figure.value), basis, figure.region, False)
        else:
            ctx.note("backpay.base.local", key="missing", passed=False)
            kind = ctx.param("medical.backpay_base_kind", at)
            rule = KIND_BASIS.get(kind.value) if kind.known else None
            if rule is not None:
                ctx.note("backpay.base.rule", result=Term("backpay_basis." + rule), passed=True)
                base = _by_rule(ctx, at, rule)
            else:
                ctx.note("backpay.base.rule", key="missing", passed=False)
                base = _national(ctx, at)
        node.result = Yuan(base.value) if base.value is not None else None
        node.inputs["basis"] = Term("backpay_basis." + base.basis) if base.basis else None
        node.inputs["estimate"] = base.estimate if base.value is not None else None
    return base, rule


def choose_rate(ctx: Context, at: Month, local_rule: bool) -> tuple[float | None, str | None, bool]:
    """The rate and what it rests on: a flexible worker's local back-payment rate, the place's back-payment rate,
    else the employer's and the individual's contribution rates together (an estimate where the place has a rule
    of its own whose rate is not known)."""
    with ctx.step("backpay.rate") as node:
        rate, basis, estimate = None, None, False
        if insured_as_individual(ctx.profile, at):
            flexible = ctx.param("medical.backpay_rate_flexible", at)
            if flexible.known:
                rate, basis = float(flexible.value), "region_flexible"
        if rate is None:
            own = ctx.param("medical.backpay_rate", at)
            if own.known:
                rate, basis = float(own.value), "user" if own.overridden or own.confidence == "user" else "region"
        if rate is None:
            er = ctx.value("medical.rate.employer", at)
            ind = ctx.value("medical.rate.individual", at)
            basis = "employer_plus_individual"
            rate = round(er + ind, 6) if er is not None and ind is not None else None
            estimate = local_rule and rate is not None
            if estimate:
                ctx.note("backpay.rate.stand_in", result=Rate(rate), passed=None, missing_figure="medical.backpay_rate")
        node.result = Rate(rate) if rate is not None else None
        node.inputs["basis"] = Term("backpay_rate_basis." + basis) if rate is not None else None
    return rate, basis if rate is not None else None, estimate


def terms(ctx: Context, at: Month) -> Terms:
    """The back-payment terms in force at ``at`` (the retirement month) in the benefit region."""
    base, rule = choose_base(ctx, at)
    pool = ctx.param("medical.backpay_to_pool_only", at)
    monthly = ctx.param("medical.backpay_monthly_allowed", at)
    local_rule = rule is not None or pool.known or monthly.known
    rate, rate_basis, rate_estimate = choose_rate(ctx, at, local_rule)
    to_pool = bool(pool.value) if pool.known else None
    ctx.note("backpay.to_pool", key="unknown" if to_pool is None else "pool" if to_pool else "not_pool",
             passed=None, result=to_pool)
    if base.value is None or base.estimate:
        missing = WAGE if rule in WAGE_RULES else "medical.backpay_base_yuan"
    elif rate is None or rate_estimate:
        missing = "medical.backpay_rate"
    else:
        missing = None
    return Terms(base_yuan=base.value, base_basis=base.basis, base_rule=rule, base_region=base.region,
                 base_share=base.share,
                 base_is_estimate=base.estimate if base.value is not None else False, rate=rate,
                 rate_basis=rate_basis, rate_is_estimate=rate_estimate, local_rule=local_rule, to_pool_only=to_pool,
                 monthly_allowed=bool(monthly.value) if monthly.known else None, missing=missing)


def note_price(ctx: Context, t: Terms, months: int, rule: str = "backpay.price") -> float | None:
    """The price in the trace: months × base × rate, how the rate was found and whether it is an estimate."""
    price = t.price(months)
    if price is not None:
        ctx.note(rule, key="local" if t.rate_basis in ("region", "region_flexible", "user") else "title",
                 result=Yuan(price), source=beijing_art11(ctx.profile.person.region), months=Months(months), base=Yuan(t.base_yuan),
                 rate=Rate(t.rate), estimate=t.is_estimate)
    else:
        ctx.note(rule, key="unknown", passed=None, source=beijing_art11(ctx.profile.person.region), months=Months(months),
                 missing=Term("backpay.missing." + ("base" if t.base_yuan is None else "rate")))
    return price

