"""Medical years at retirement.

社会保险法 第二十七条: "参加职工基本医疗保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的，退休后不再缴纳
基本医疗保险费，按照国家规定享受基本医疗保险待遇；未达到国家规定年限的，可以缴费至国家规定年限。"
The numbers are local (policy data): total years (deemed years included), of which actually paid, of which paid
in the benefit region, with the parts some people only owe (:mod:`.requirement_parts`). A part whose figure is
unknown is inferred where its months reach the whole; otherwise it is not held against someone who has paid in the
place, and for someone who has paid nothing there the verdict stays unknown, never met. The back-payment's price is
the place's own terms (:mod:`.backpay_rules`; where it has none, 北京市基本医疗保险规定 第十一条: a one-time
back-payment covers "应当由用人单位和个人缴纳的" contributions, shortfall × base × (employer + individual rate)),
given here only where it is not an estimate.
"""

from __future__ import annotations


from ...core.facts import Decision, Facts
from ...core.months import Month
from ...core.values import Months, Region, Seq, Term, Yuan
from ...data.i18n import Msg, msg, text
from ...data.places import province_of
from ...data.sources import beijing_art11, GUANGDONG_2022_6, SEED_000, SEED_003, SIL_27, SIL_32, SIL_48
from ..context import Context
from ..counting import actual, count, projected
from ..pricing import covering, price_month
from ..outcome import Option, Outcome
from ..projection import record as record_projection
from .backpay_rules import terms as backpay_terms
from .requirement_parts import flexible_actual, part_met, top_tier, transferred_in_local


class MedicalYearsFacts(Facts, frozen=True):
    """docs/contract.md §4 ``medical_years``: months required and counted before ``horizon`` (the month the pension,
    and with it retiree medical cover, can begin: ``chosen_date`` unless pension years are still short), shortfall,
    price."""

    region: str
    required_months: int | None
    required_actual_months: int | None
    required_local_months: int | None
    local_scope: str
    actual_months: int
    deemed_months: int
    local_months: int
    counted_months: int
    projected_months: int
    resident_months: int
    shortfall_months: int
    met: bool | None
    backpay_estimate_yuan: float | None
    backpay_missing: str | None
    horizon: Month
    transferred_in: bool
    conflicting_required_months: int | None
    backpay_planned: bool
    unknown_requirements: tuple[str, ...] = ()  # parts (total, actual, local) whose figure is unknown and not inferred
    top_tier_met: bool | None = None            # where the place sets years for its top tier's retiree benefits
    pension_wait_months: int = 0  # months after the retirement date paid on until the pension can be drawn
    extension_cost_yuan: float | None = None  # the medical contributions of those months (null where unknown)
    extension_cost_is_estimate: bool = False
    extension_uninsured_months: int = 0  # of those months, the ones without medical insurance (not priced)
    #: the planned departure from China before retirement, no return recorded: the shortfall matters only on a return
    leaves_china: Month | None = None


def in_scope(period_region: str, benefit: str, scope: str) -> bool:
    """Whether months paid in ``period_region`` count as local to ``benefit`` (same city, or same province)."""
    if scope == "province":
        return province_of(period_region) == province_of(benefit)
    return period_region == benefit or "." not in benefit and province_of(period_region) == benefit \
        or "." not in period_region and province_of(benefit) == period_region


def years_to_months(years) -> int | None:
    return None if years is None else round(years * 12)


def _or_unknown(months: int | None):
    return Months(months) if months is not None else Term("unknown")


def requirements(ctx: Context, *, at: Month, sex: str, transferred_in: bool, moved_in: bool = False) -> dict:
    """社会保险法 第二十七条 "累计缴费达到国家规定年限": the figures are the region's, in force at retirement —
    total (deemed years included), actually paid, paid locally (seed 003: people transferred in from another
    province may need years paid in the province), with the parts some people only owe (flexible workers' actual
    years, the local years of people who moved in from another city: :mod:`.requirement_parts`). The step's
    result names them."""
    with ctx.step("medical_years.required", source=SIL_27, at=at, sex=sex, transferred_in=transferred_in) as node:
        req = _requirements(ctx, at, sex, transferred_in, moved_in)
        node.key = "province" if req["scope"] == "province" else "title"
        node.result = {"total": _or_unknown(req["total"]), "actual": _or_unknown(req["actual"]),
                       "local": _or_unknown(req["local"]), "scope": req["scope"]}
    return req


def _larger(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _requirements(ctx: Context, at: Month, sex: str, transferred_in: bool, moved_in: bool) -> dict:
    total = years_to_months(ctx.value(f"medical.min_years.{sex}", at))
    actual = _larger(years_to_months(ctx.value("medical.min_actual_years", at)), flexible_actual(ctx, at))
    local = _larger(years_to_months(ctx.value("medical.min_local_years", at)),
                    transferred_in_local(ctx, at, moved_in=moved_in))
    scope = ctx.value("medical.local_scope", at) or "city"
    province_years = ctx.param("medical.min_province_years_if_transferred_in", at)
    if province_years.known:
        applies = ctx.check("medical_years.transferred_in", expected=True, found=transferred_in,
                            passed=transferred_in, source=SEED_003)
        if applies:
            local, scope = max(local or 0, years_to_months(province_years.value)), "province"
    alt = ctx.param("medical.alt_min_years_flexible", at)
    if alt.known:
        ctx.note("medical_years.conflict", result=Months(years_to_months(alt.value)), source=SEED_003)
    return {"total": total, "actual": actual, "local": local, "scope": scope,
            "conflicting_months": years_to_months(alt.value) if alt.known else None}


def counted_months(ctx: Context, horizon: Month, benefit: str, scope: str) -> dict:
    """Months before ``horizon``. 社会保险法 第三十二条: "个人跨统筹地区就业的，其基本医疗保险关系随本人转移，
    缴费年限累计计算" (actually paid, back-payments included, wherever paid); deemed years (视同缴费年限) count
    toward the total only; paid in the benefit region; resident insurance does not count (seed 000)."""
    periods = ctx.profile.periods
    emp = [p for p in periods if p.insurance == "employee_medical"]

    deemed_until = ctx.param("medical.deemed_until", horizon)
    cutoff = Month.parse(deemed_until.value[:7]) if deemed_until.known else None
    deemed_all = [p for p in emp if p.effective_kind == "deemed"]
    if cutoff is not None:
        deemed = count(deemed_all, min(horizon, cutoff))
        dropped = count(deemed_all, horizon) - deemed
        ctx.check("medical_years.deemed_cutoff", expected=Months(0), found=Months(dropped), passed=dropped == 0,
                  source=SIL_27, cutoff=cutoff)
    else:
        deemed = count(deemed_all, horizon)
    actual_months = count(emp, horizon, actual)
    local = count(emp, horizon, lambda p: actual(p) and in_scope(ctx.profile.period_region(p), benefit, scope))
    ahead = projected(emp, ctx.now, horizon, lambda p: actual(p) and ctx.projection.ongoing(p))
    resident = count(periods, horizon, lambda p: p.insurance == "resident_medical")
    ctx.note("medical_years.count_actual", result=Months(actual_months), source=SIL_32, horizon=horizon,
             projected=Months(ahead))
    unemployed = count(emp, horizon, lambda p: actual(p) and p.effective_status == "unemployed")
    if unemployed:
        ctx.note("medical_years.count_unemployed", result=Months(unemployed), source=SIL_48)
    ctx.note("medical_years.count_deemed", result=Months(deemed), source=beijing_art11(ctx.profile.person.region))
    ctx.note("medical_years.count_local", key="province" if scope == "province" else "title", result=Months(local),
             region=Region(benefit), scope=scope)
    if resident:
        rc = ctx.param("medical.resident_years_count", horizon)
        ctx.note("medical_years.resident_not_counted", result=Months(resident),
                 passed=bool(rc.value) if rc.known else False, source=SEED_000)
    return {"actual": actual_months, "deemed": deemed, "local": local, "projected": ahead, "resident": resident}


def requirement_checks(ctx: Context, req: dict, counted: int, got: dict) -> tuple[int, list[Msg], tuple[str, ...]]:
    """Each of the three requirements against what was counted (社会保险法 第二十七条 "累计缴费达到国家规定年限";
    粤医保规〔2022〕6号 for years paid locally): the largest shortfall, why (one message per failing one), and the
    parts whose figure is unknown and could not be inferred.
    A part (``actual``, ``local``) whose requirement is unknown is met when its months reach the whole requirement
    (a part cannot exceed the whole, :func:`part_met`): the trace says so; otherwise it stays among the unknown."""
    province = req["scope"] == "province"
    shortfalls, why, unknown = [], [], []
    for key, need, have in (("total", req["total"], counted), ("actual", req["actual"], got["actual"]),
                            ("local", req["local"], got["local"])):
        variant = "province" if key == "local" and province else None
        if need is None:
            ctx.note(f"medical_years.{key}", key=f"{variant}_unknown" if variant else "unknown", passed=None,
                     found=Months(have))
            if key == "total" or not part_met(ctx, key, total_required=req["total"], counted=counted,
                                              part_months=have):
                unknown.append(key)
            continue
        ctx.check(f"medical_years.{key}", key=variant or "title", expected=Months(need), found=Months(have),
                  passed=have >= need, source=GUANGDONG_2022_6 if key == "local" else SIL_27)
        shortfalls.append(max(0, need - have))
        if have < need:
            why.append(msg("medical_years.verdict", f"why.{key}" + (".province" if variant else ""),
                           have=Months(have), need=Months(need)))
    return max(shortfalls, default=0), why, tuple(unknown)


def judged_met(ctx: Context, shortfall: int, total: int | None, unknown: tuple[str, ...], local_months: int,
               benefit: str) -> bool | None:
    """Met, not met, or unknown. Short of a known requirement: not met. The total unknown: unknown. A part unknown
    for someone who has paid nothing in the place: unknown too, never met (the place may require years paid
    there); for someone who has paid there, an unknown part is not held against them (the trace says it is
    unknown)."""
    if shortfall > 0:
        return False
    if total is None:
        return None
    if unknown and local_months == 0:
        ctx.note("medical_years.unknown_not_paid_there", passed=None, region=Region(benefit),
                 parts=Seq(tuple(Term("part." + p) for p in unknown)))
        return None
    return True


def backpay_price(ctx: Context, shortfall: int, met: bool | None,
                  horizon: Month) -> tuple[float | None, str | None, bool]:
    """The back-payment's price where it is not an estimate: the place's own terms (:mod:`.backpay_rules`: its
    base and rate, or 北京市基本医疗保险规定 第十一条's "应当由用人单位和个人缴纳的" contributions on the place's base),
    months short × base × rate. Returns the price (0 when nothing is short), the missing figure, if any (the
    ``backpay`` decision gives the estimate where one is missing), and whether the place has a rule of its own."""
    if shortfall == 0:
        return (0.0 if met is not None else None), None, False
    found = backpay_terms(ctx, horizon)
    price = found.price(shortfall)
    estimate, missing = (price, None) if price is not None and not found.is_estimate else (None, found.missing)
    ctx.note("medical_years.backpay_price", result=Yuan(estimate) if estimate is not None else None,
             source=beijing_art11(ctx.profile.person.region), shortfall_months=Months(shortfall), missing=missing)
    return estimate, missing, found.local_rule


def extension_cost(ctx: Context, chosen: Month, horizon: Month,
                   departure: Month | None = None) -> tuple[float | None, bool, int]:
    """The medical contributions of the months from ``chosen`` to ``horizon`` - 1, paid on while the pension years
    are made up month by month (the periods' own prices, as the cost model prices them); null where one is unknown,
    and null too where the insured months cost nothing and the others have no insurance (a month nobody pays has no
    price: it is counted apart); whether any rests on an estimate; and the months without insurance (after a
    planned ``departure``, say)."""
    periods = ctx.profile.periods
    total: float | None = 0.0
    estimate = False
    uninsured = 0
    cache: dict[tuple[int, int], dict] = {}
    premiums: set[tuple[int, int]] = set()
    with ctx.step("medical_years.extension_cost", first=chosen, last=horizon - 1,
                  months=Months(horizon - chosen)) as node:
        month = chosen
        while month < horizon:
            idx = covering(periods, month, horizon)
            if idx is None:
                uninsured += 1
            else:
                key = (idx, month.year)
                if key not in cache:
                    cache[key] = price_month(ctx, periods[idx], month)
                row = cache[key]
                amount = row["amount_yuan"]
                if row["kind"] == "resident":  # the yearly premium, once for each calendar year started
                    amount = row["premium_yuan"] if key not in premiums else 0.0
                    premiums.add(key)
                estimate = estimate or bool(row.get("is_estimate"))
                total = None if total is None or amount is None else total + amount
            month += 1
        total = round(total, 2) if total is not None else None
        if uninsured and total == 0:
            total, estimate = None, False
            node.key = "after_leaving" if departure is not None and departure <= chosen else "uninsured"
            node.inputs.update(uninsured=Months(uninsured), leave=departure)
        node.result = Yuan(total) if total is not None else None
    return total, estimate, uninsured


def decide(ctx: Context) -> Outcome:
    ret = ctx.facts["retirement"]
    chosen: Month = ret.chosen_date
    horizon: Month = ret.get("pension_start") or chosen
    wait = max(0, horizon - chosen)
    departure = ret.get("leaves_before_retirement")
    cost, cost_estimate, uninsured = None, False, 0
    if wait:
        ctx.note("medical_years.pension_wait", result=horizon, source=beijing_art11(ctx.region, pension=True), chosen=chosen,
                 months=Months(wait))
        cost, cost_estimate, uninsured = extension_cost(ctx, chosen, horizon, departure)
    benefit = ctx.region
    sex = ctx.person.sex
    emp = [p for p in ctx.profile.periods if p.insurance == "employee_medical"]
    transferred_in = any(province_of(ctx.profile.period_region(p)) != province_of(benefit) for p in emp)
    moved_in = any(not in_scope(ctx.profile.period_region(p), benefit, "city") for p in emp)
    req = requirements(ctx, at=horizon, sex=sex, transferred_in=transferred_in, moved_in=moved_in)
    record_projection(ctx)
    got = counted_months(ctx, horizon, benefit, req["scope"])
    counted = got["actual"] + got["deemed"]
    shortfall, why, unknown = requirement_checks(ctx, req, counted, got)
    met = judged_met(ctx, shortfall, req["total"], unknown, got["local"], benefit)
    estimate, missing, local_rule = backpay_price(ctx, shortfall, met, horizon)
    tier = top_tier(ctx, horizon, count(emp, horizon, lambda p: p.effective_kind != "deemed"
                                        and p.effective_mode == "with_account"
                                        and in_scope(ctx.profile.period_region(p), benefit, "city")))
    if not emp:
        ctx.note("medical_years.no_employee_medical", passed=False, source=SEED_000)

    facts = MedicalYearsFacts(
        region=benefit, required_months=req["total"], required_actual_months=req["actual"],
        required_local_months=req["local"], local_scope=req["scope"], actual_months=got["actual"],
        deemed_months=got["deemed"], local_months=got["local"], counted_months=counted,
        projected_months=got["projected"], resident_months=got["resident"], shortfall_months=shortfall,
        met=met, backpay_estimate_yuan=estimate, backpay_missing=missing, horizon=horizon,
        transferred_in=transferred_in, conflicting_required_months=req["conflicting_months"],
        backpay_planned=ctx.projection.backpay_at_retirement, unknown_requirements=unknown,
        top_tier_met=tier, pension_wait_months=wait, extension_cost_yuan=cost if wait else None,
        extension_cost_is_estimate=cost_estimate, extension_uninsured_months=uninsured, leaves_china=departure,
    )
    options = years_options(shortfall, estimate, horizon, facts, local_rule, late=ctx.now > horizon) \
        if met is False else []
    status = {True: "met", False: "not_met", None: "unknown"}[met]
    return Outcome(status, verdict(facts, sex, why, has_employee_medical=bool(emp)), facts=facts, options=options)


def verdict(facts: MedicalYearsFacts, sex: str, why: list[Msg], has_employee_medical: bool) -> Msg:
    """One sentence: the years counted against the region's requirement, the shortfall and its price."""
    region = Region(facts.region)
    have = msg("medical_years.verdict", "have", counted=Months(facts.counted_months))
    if not has_employee_medical:
        main = msg("medical_years.verdict", "no_employee_medical") if facts.met is None else \
            msg("medical_years.verdict", "no_employee_medical.required", region=region,
                required=Months(facts.required_months or 0))
    elif facts.met:
        main = msg("medical_years.verdict", f"met.{sex}", have=have, region=region,
                   required=Months(facts.required_months))
    elif facts.met is False:
        price = msg("medical_years.verdict", "price", price=Yuan(facts.backpay_estimate_yuan)) \
            if facts.backpay_estimate_yuan else msg("medical_years.verdict", "price_unknown")
        if facts.backpay_estimate_yuan is None and facts.backpay_missing:
            price = msg("medical_years.verdict", "price_missing", missing=Msg("param", facts.backpay_missing))
        main = msg("medical_years.verdict", "short", have=have, shortfall=Months(facts.shortfall_months),
                   region=region, why=why, price=price)
    elif facts.required_months is not None and facts.unknown_requirements:
        main = msg("medical_years.verdict", f"unknown_part.{sex}", have=have, region=region,
                   required=Months(facts.required_months),
                   parts=Seq(tuple(Term("part." + p) for p in facts.unknown_requirements)))
    else:
        main = msg("medical_years.verdict", f"unknown.{sex}", have=have, region=region)
    note = "" if facts.conflicting_required_months is None else \
        msg("medical_years.verdict", "conflict", months=Months(facts.conflicting_required_months))
    sentence = msg("medical_years.verdict", "sentence", main=main, note=note)
    if facts.met is False and facts.leaves_china is not None:
        sentence = msg("medical_years.verdict", "sentence", main=sentence,
                       note=msg("medical_years.verdict", "if_back", leave=facts.leaves_china, region=region))
    if facts.pension_wait_months:
        cost = msg("medical_years.verdict", "wait_cost_estimate" if facts.extension_cost_is_estimate else "wait_cost",
                   cost=Yuan(facts.extension_cost_yuan)) if facts.extension_cost_yuan is not None else \
            wait_uninsured(facts) or msg("medical_years.verdict", "wait_cost_unknown")
        sentence = msg("medical_years.verdict", "sentence", main=sentence,
                       note=msg("medical_years.verdict", "pension_wait", horizon=facts.horizon,
                                months=Months(facts.pension_wait_months), cost=cost))
    if facts.top_tier_met is False:
        sentence = msg("medical_years.verdict", "sentence", main=sentence,
                       note=msg("medical_years.verdict", "top_tier_short", region=region))
    return sentence


def wait_uninsured(facts: MedicalYearsFacts) -> Msg | None:
    """What the months of the pension wait that nobody pays say instead of a price: that they come after the
    departure (they are paid only on a return), or that no insurance is recorded for them; None where they are
    priced or some are insured."""
    if facts.extension_cost_yuan is not None or facts.extension_uninsured_months != facts.pension_wait_months:
        return None  # priced, or unknown (a figure missing for the insured months)
    if facts.leaves_china is not None:
        return msg("medical_years.verdict", "wait_if_back", leave=facts.leaves_china)
    return msg("medical_years.verdict", "wait_uninsured", months=Months(facts.extension_uninsured_months))


def years_options(shortfall: int, estimate: float | None, horizon: Month, facts: MedicalYearsFacts,
                  local_rule: bool = False, late: bool = False) -> list[Option]:
    """What a person short of years can do (社会保险法 第二十七条: "未达到国家规定年限的，可以缴费至国家规定年限":
    keep paying, or one lump sum, on the place's own terms where it has them). Once retirement has passed
    (``late``) the lump sum at retirement is no longer offered: the person enrols again as a new enrollee (seed 000,
    the back-payment decision says how)."""
    price = msg("medical_years.option", "price", price=Yuan(estimate)) if estimate is not None \
        else msg("medical_years.option", "price_missing", missing=Msg("param", facts.backpay_missing)) \
        if facts.backpay_missing else msg("medical_years.option", "price_unknown")
    lump = Option("enrol_as_new", msg("medical_years.option.enrol_as_new"),
                  detail=msg("medical_years.option.enrol_as_new", "detail", deadline=horizon,
                             shortfall=Months(shortfall)),
                  price_yuan=estimate, months=shortfall) if late else \
        Option("backpay_lump_sum", msg("medical_years.option.backpay_lump_sum"),
               detail=msg("medical_years.option.backpay_lump_sum", "detail.local" if local_rule else "detail",
                          shortfall=Months(shortfall), price=price),
               price_yuan=estimate, deadline=horizon, months=shortfall)
    out = [
        lump,
        Option("keep_paying_monthly", msg("medical_years.option.keep_paying_monthly"),
               detail=msg("medical_years.option.keep_paying_monthly", "detail", shortfall=Months(shortfall)),
               months=shortfall),
    ]
    if facts.local_months < (facts.required_local_months or 0):
        short = facts.required_local_months - facts.local_months
        out.append(Option("pay_locally", msg("medical_years.option.pay_locally"),
                          detail=msg("medical_years.option.pay_locally", "detail", months=Months(short)),
                          months=short))
    return out


def key_figure(facts: MedicalYearsFacts, lang: str) -> str:
    """``差 62个月 · 20年10个月 / 要求 25年``: the years counted against the requirement."""
    counted, required, short = (facts.get(k) for k in ("counted_months", "required_months", "shortfall_months"))
    if not isinstance(counted, int):
        return ""
    if not isinstance(required, int):
        return text("medical_years.figure", "unknown", lang, counted=Months(counted))
    short = short if isinstance(short, int) else 0
    return text("medical_years.figure", "short" if short > 0 else "title", lang, counted=Months(counted),
                required=Months(required), shortfall=Months(short))


DECISION = Decision("medical_years", decide, MedicalYearsFacts, reads=("retirement",), key_figure=key_figure)
