"""Medical years at retirement.

社会保险法 第二十七条: "参加职工基本医疗保险的个人，达到法定退休年龄时累计缴费达到国家规定年限的，退休后不再缴纳
基本医疗保险费，按照国家规定享受基本医疗保险待遇；未达到国家规定年限的，可以缴费至国家规定年限。"
The numbers are local (policy data): total years (deemed years included), of which actually paid, of which paid
in the benefit region. 北京市基本医疗保险规定 第十一条: a one-time back-payment covers "应当由用人单位和个人缴纳的"
contributions, so its price is shortfall × base × (employer + individual rate).
"""

from __future__ import annotations

from ..context import Context
from ..counting import count, projected
from ..model import Period
from ..months import Month, months_text
from ..regions import province_of, region_name
from ..report import Option, Outcome
from ..sources import BEIJING_REG_11, GUANGDONG_2022_6, SEED_000, SEED_003, SIL_27, SIL_32


def in_scope(period_region: str, benefit: str, scope: str) -> bool:
    """Whether months paid in ``period_region`` count as local to ``benefit`` (same city, or same province)."""
    if scope == "province":
        return province_of(period_region) == province_of(benefit)
    return period_region == benefit or "." not in benefit and province_of(period_region) == benefit \
        or "." not in period_region and province_of(benefit) == period_region


def years_to_months(years) -> int | None:
    return None if years is None else round(years * 12)


def requirement_text(req: dict, lang: str) -> str:
    """``累计25年、实际10年、本地未知`` / ``total 25 y, actual 10 y, local unknown``."""
    parts = []
    for key, zh, en in (("total", "累计", "total"), ("actual", "实际", "actual"), ("local", "本地", "local")):
        value = req[key]
        if lang == "en":
            parts.append(f"{en} {months_text(value, 'en') if value is not None else 'unknown'}")
        else:
            parts.append(f"{zh}{months_text(value) if value is not None else '未知'}")
    return ", ".join(parts) if lang == "en" else "、".join(parts)


def requirements(ctx: Context, *, at: Month, sex: str, transferred_in: bool) -> dict:
    with ctx.step("medical_years.required", "本地退休时的医保年限要求", "the region's requirement at retirement", SIL_27,
                  at=at, sex=sex, transferred_in=transferred_in) as node:
        req = _requirements(ctx, at, sex, transferred_in)
        node.title = f"本地退休时的医保年限要求：{requirement_text(req, 'zh')}"
        node.title_en = f"the region's requirement at retirement: {requirement_text(req, 'en')}"
        node.result = {k: req[k] for k in ("total", "actual", "local", "scope")}
    return req


def _requirements(ctx: Context, at: Month, sex: str, transferred_in: bool) -> dict:
    total = years_to_months(ctx.value(f"medical.min_years.{sex}", at))
    actual = years_to_months(ctx.value("medical.min_actual_years", at))
    local = years_to_months(ctx.value("medical.min_local_years", at))
    scope = ctx.value("medical.local_scope", at) or "city"
    province_years = ctx.param("medical.min_province_years_if_transferred_in", at)
    if province_years.known:
        applies = ctx.check("medical_years.transferred_in", "省外转入者须在省内实际缴费满规定年限",
                            "people transferred in from another province need years paid in the province",
                            "曾在外省参加职工医保", transferred_in, transferred_in, source=SEED_003)
        if applies:
            local, scope = max(local or 0, years_to_months(province_years.value)), "province"
    alt = ctx.param("medical.alt_min_years_flexible", at)
    if alt.known:
        ctx.note("medical_years.conflict", f"来源冲突：另有说法称灵活就业人员最低{alt.value}年（与省规定不一致，两者都列出）",
                 f"conflicting claim: {alt.value} years for flexible workers (differs from the province; both shown)",
                 result=years_to_months(alt.value), source=SEED_003)
    return {"total": total, "actual": actual, "local": local, "scope": scope,
            "conflicting_months": years_to_months(alt.value) if alt.known else None}


def counted_months(ctx: Context, horizon: Month, benefit: str, scope: str) -> dict:
    periods = ctx.profile.periods
    emp = [p for p in periods if p.insurance == "employee_medical"]

    def actual(p: Period) -> bool:
        return p.effective_kind != "deemed"

    deemed_until = ctx.param("medical.deemed_until", horizon)
    cutoff = Month.parse(deemed_until.value[:7]) if deemed_until.known else None
    deemed_all = [p for p in emp if p.effective_kind == "deemed"]
    if cutoff is not None:
        deemed = count(deemed_all, min(horizon, cutoff))
        dropped = count(deemed_all, horizon) - deemed
        ctx.check("medical_years.deemed_cutoff", f"视同缴费年限只计{cutoff}以前", f"deemed years count only before {cutoff}",
                  f"< {cutoff}", f"{dropped} 个月在此之后" if dropped else "全部在此之前", dropped == 0, source=SIL_27)
    else:
        deemed = count(deemed_all, horizon)
    actual_months = count(emp, horizon, actual)
    local = count(emp, horizon, lambda p: actual(p) and in_scope(ctx.profile.period_region(p), benefit, scope))
    ahead = projected(emp, ctx.now, horizon, lambda p: actual(p) and p.end is None)
    resident = count(periods, horizon, lambda p: p.insurance == "resident_medical")
    ctx.note("medical_years.count_actual", f"职工医保实际缴费（含补缴）到{horizon}前：{months_text(actual_months)}",
             f"employee medical actually paid (back-payments included) before {horizon}: {months_text(actual_months, 'en')}",
             result=actual_months, projected=ahead, source=SIL_32)
    ctx.note("medical_years.count_deemed", f"视同缴费年限：{months_text(deemed)}（计入累计，不计入实际）",
             f"deemed years: {months_text(deemed, 'en')} (count toward the total, not toward actual years)",
             result=deemed, source=BEIJING_REG_11)
    ctx.note("medical_years.count_local", f"在待遇享受地（{region_name(benefit)}，范围：{'省内' if scope == 'province' else '本市'}）实际缴费：{months_text(local)}",
             f"actually paid in the benefit region ({region_name(benefit, 'en')}, scope {scope}): {months_text(local, 'en')}",
             result=local, scope=scope)
    if resident:
        rc = ctx.param("medical.resident_years_count", horizon)
        ctx.note("medical_years.resident_not_counted", f"居民医保{months_text(resident)}不计入职工医保年限",
                 f"{months_text(resident, 'en')} of resident insurance do not count", result=resident,
                 passed=bool(rc.value) if rc.known else False, source=SEED_000)
    return {"actual": actual_months, "deemed": deemed, "local": local, "projected": ahead, "resident": resident}


def decide(ctx: Context) -> Outcome:
    ret = ctx.facts["retirement"]
    horizon: Month = ret["chosen_date"]
    benefit = ctx.region
    sex = ctx.person.sex
    emp = [p for p in ctx.profile.periods if p.insurance == "employee_medical"]
    transferred_in = any(province_of(ctx.profile.period_region(p)) != province_of(benefit) for p in emp)
    req = requirements(ctx, at=horizon, sex=sex, transferred_in=transferred_in)
    got = counted_months(ctx, horizon, benefit, req["scope"])
    counted = got["actual"] + got["deemed"]

    shortfalls, failing = [], []
    for key, need, have, zh, en in (
        ("total", req["total"], counted, "累计缴费年限（含视同）", "total years (deemed included)"),
        ("actual", req["actual"], got["actual"], "实际缴费年限", "actually paid years"),
        ("local", req["local"], got["local"], "省内实际缴费年限" if req["scope"] == "province" else "本地实际缴费年限",
         "years paid in the province" if req["scope"] == "province" else "years paid in the benefit region"),
    ):
        if need is None:
            ctx.note(f"medical_years.{key}", f"{zh}：本地要求未知", f"{en}: the local requirement is unknown",
                     passed=None, found=have)
            continue
        ctx.check(f"medical_years.{key}", f"{zh}达到要求", f"{en} reach the requirement", need, have, have >= need,
                  source=GUANGDONG_2022_6 if key == "local" else SIL_27)
        shortfalls.append(max(0, need - have))
        if have < need:
            failing.append((zh, en, need, have))
    shortfall = max(shortfalls, default=0)
    if shortfall > 0:
        met = False
    elif req["total"] is None:
        met = None
    else:
        met = True

    rate_er = ctx.value("medical.rate.employer", horizon)
    rate_ind = ctx.value("medical.rate.individual", horizon)
    estimate, missing = None, None
    if shortfall == 0 and met is not None:
        estimate = 0.0
    elif shortfall > 0:
        base = ctx.param("medical.backpay_base_yuan", horizon)
        if base.known and rate_er is not None and rate_ind is not None:
            estimate = round(shortfall * base.value * (rate_er + rate_ind), 2)
        else:
            missing = "medical.backpay_base_yuan"
        ctx.note("medical_years.backpay_price", "一次性补缴价格 = 差额月数 × 补缴基数 × (单位 + 个人费率)",
                 "one-time back-payment = shortfall months × base × (employer + individual rate)", result=estimate,
                 source=BEIJING_REG_11, shortfall_months=shortfall, missing=missing)

    name = region_name(benefit)
    name_en = region_name(benefit, "en")
    sex_zh, sex_en = ("男性", "men") if sex == "male" else ("女性", "women")
    facts = {
        "region": benefit, "required_months": req["total"], "required_actual_months": req["actual"],
        "required_local_months": req["local"], "local_scope": req["scope"], "actual_months": got["actual"],
        "deemed_months": got["deemed"], "local_months": got["local"], "counted_months": counted,
        "projected_months": got["projected"], "resident_months": got["resident"], "shortfall_months": shortfall,
        "met": met, "backpay_estimate_yuan": estimate, "backpay_missing": missing, "horizon": horizon,
        "transferred_in": transferred_in, "conflicting_required_months": req["conflicting_months"],
        "backpay_planned": bool(ctx.profile.effective_plans.backpay_at_retirement),
    }
    have = f"医保累计缴费{months_text(counted)}"
    have_en = f"medical years {months_text(counted, 'en')}"
    if met:
        verdict = f"{have}，已达到{name}{sex_zh}{months_text(req['total'])}的要求"
        verdict_en = f"{have_en}: meets {name_en}'s requirement of {months_text(req['total'], 'en')} for {sex_en}"
    elif met is False:
        price = f"，一次性补缴约{estimate:,.2f}元" if estimate else "，补缴金额未知（缺补缴基数）"
        price_en = f"; a one-time back-payment costs about {estimate:,.2f} yuan" if estimate else "; the back-payment price is unknown (no base)"
        why = "；".join(f"{zh}{months_text(h)}，要求{months_text(n)}" for zh, _, n, h in failing)
        why_en = "; ".join(f"{en} {months_text(h, 'en')} of {months_text(n, 'en')}" for _, en, n, h in failing)
        verdict = f"{have}，到退休时差{months_text(shortfall)}，未达到{name}的要求（{why}）{price}"
        verdict_en = f"{have_en}: {months_text(shortfall, 'en')} short of {name_en}'s requirement at retirement ({why_en}){price_en}"
    else:
        verdict = f"{have}；{name}的年限要求未知，无法判断：请咨询当地医保经办机构，或在档案 [policy_overrides] 填写 medical.min_years.{sex}"
        verdict_en = f"{have_en}; {name_en}'s requirement is unknown: ask the local office or set medical.min_years.{sex} in [policy_overrides]"
    if not emp:
        verdict = ("您没有职工医保缴费记录：只交养老或只交居民医保的，退休后不能享受职工医保退休待遇，居民医保退休后仍须每年缴费"
                   + ("" if met is None else f"（{name}要求{months_text(req['total'] or 0)}）"))
        verdict_en = ("No employee medical insurance on record: with pension or resident insurance only there are no "
                      "employee-medical retiree benefits, and resident insurance must still be paid every year")
        ctx.note("medical_years.no_employee_medical", "没有职工医保：不享受职工医保退休待遇", "no employee medical insurance",
                 passed=False, source=SEED_000)
    if req["conflicting_months"] is not None:
        verdict += f"（注意：另有说法称灵活就业人员只需{months_text(req['conflicting_months'])}，与省规定冲突）"
        verdict_en += f" (note: another source claims {months_text(req['conflicting_months'], 'en')} for flexible workers)"
    options = years_options(ctx, shortfall, estimate, horizon, facts) if met is False else []
    status = {True: "met", False: "not_met", None: "unknown"}[met]
    return Outcome(status, verdict, verdict_en, facts, options)


def years_options(ctx: Context, shortfall: int, estimate: float | None, horizon: Month, facts: dict) -> list[Option]:
    """What a person short of years can do (社会保险法 第二十七条: keep paying, or one lump sum)."""
    price_zh = f"约{estimate:,.2f}元" if estimate is not None else "金额取决于当地补缴基数（未知）"
    price_en = f"about {estimate:,.2f} yuan" if estimate is not None else "depends on the local base (unknown)"
    out = [
        Option("backpay_lump_sum", "退休时一次性补足差额年限", "pay the shortfall in one lump sum at retirement",
               f"差{months_text(shortfall)}，单位和个人两部分都要补（如北京规定第十一条）；{price_zh}",
               f"{months_text(shortfall, 'en')} short; both shares are due; {price_en}",
               price_yuan=estimate, deadline=horizon, months=shortfall),
        Option("keep_paying_monthly", "退休后继续按月缴费至规定年限", "keep paying monthly after retirement until met",
               f"再缴{months_text(shortfall)}（{shortfall}个月）后享受退休医保待遇", f"{shortfall} more monthly contributions",
               months=shortfall),
    ]
    if facts["local_months"] < (facts["required_local_months"] or 0):
        out.append(Option("pay_locally", "在待遇享受地继续参保", "keep contributing in the benefit region",
                          "本地实际缴费年限不足，需在本地缴满", "years paid locally are short: they must be paid locally",
                          months=facts["required_local_months"] - facts["local_months"]))
    return out
