"""The monthly price of a medical period (the cost model's rows, and the months a person keeps paying after the legal
retirement date while the pension years are made up): see :mod:`engine.evaluation.costs` for the rules of each kind
of month, quoted there."""

from __future__ import annotations

from typing import Any

from ..core.months import Month
from ..core.trace import Source
from ..core.values import Rate, Region, Term, Yuan
from ..data.sources import (FLEX_SUBSIDY_LOCAL, GUOBAN_2021_14, GUOBAN_2024_38, GUOFA_1998_44, LAOSHE_2003_10,
                            LAOSHE_2003_10_RATE, SEED_003, SIL_23, SIL_48)
from ..profile.model import Period
from .context import Context

MIN_BASE_SHARE_OF_WAGE = 0.6  # the usual floor of the contribution base: 60% of the average wage


def covering(periods: tuple[Period, ...], month: Month, horizon: Month) -> int | None:
    """The medical period covering ``month`` (an ongoing one runs to the month before ``horizon``)."""
    for i, p in enumerate(periods):
        if p.insurance in ("employee_medical", "resident_medical") and p.covers(month, horizon - 1):
            return i
    return None


def base_for(ctx: Context, period: Period, at: Month, region: str) -> tuple[float | None, str | None]:
    if period.base_yuan is not None:
        return float(period.base_yuan), "period"
    low = ctx.param("medical.min_base_yuan", at, region)
    if low.known:
        return float(low.value), "min_base"
    wage = ctx.param("wage.average_monthly_yuan", at, region)
    if wage.known:
        return round(float(wage.value) * MIN_BASE_SHARE_OF_WAGE, 2), "average_wage_60"
    return None, None


def resident_premium(ctx: Context, at: Month, region: str) -> tuple[float | None, bool]:
    """The yearly resident premium of ``region`` in force at ``at``, and whether it is an estimate (the national
    minimum individual contribution standing in for the place's)."""
    for name in ("resident.premium_yuan", "resident.yearly_yuan"):
        found = ctx.param(name, at, region)
        if found.known:
            ctx.note("costs.resident", result=Yuan(found.value), passed=True, source=GUOBAN_2024_38, year=at.year,
                     region=Region(region))
            return float(found.value), False
    floor = ctx.param("resident.min_premium_yuan", at, region)
    if floor.known:
        ctx.note("costs.resident", key="estimate", result=Yuan(floor.value), passed=None, source=SEED_003,
                 year=at.year, region=Region(region), missing_figure="resident.premium_yuan")
        return float(floor.value), True
    ctx.note("costs.resident", key="unknown", passed=None, source=GUOBAN_2024_38, year=at.year,
             region=Region(region), missing_figure="resident.premium_yuan")
    return None, False


def flexible_rate(ctx: Context, at: Month, region: str, mode: str) -> tuple[float | None, bool, str | None]:
    """The flexible worker's rate for the tier, whether it is an estimate, and the missing figure it stands in for:
    the place's own; else 劳社厅发〔2003〕10号 (六) "缴费率原则上按照当地的缴费率确定": with an account the employer's
    and the individual's rates together, pooling only the employer's (the pool's share)."""
    own = ctx.param(f"medical.flexible_rate.{mode}", at, region)
    if own.known:
        return float(own.value), False, None
    er = ctx.param("medical.rate.employer", at, region)
    ind = ctx.param("medical.rate.individual", at, region) if mode == "with_account" else None
    if not er.known or (ind is not None and not ind.known):
        return None, False, f"medical.flexible_rate.{mode}"
    rate = round(float(er.value) + (float(ind.value) if ind is not None else 0.0), 6)
    ctx.note("costs.flexible_rate_estimate", key=mode, result=Rate(rate), passed=None, source=LAOSHE_2003_10_RATE,
             employer=Rate(float(er.value)), individual=Rate(float(ind.value)) if ind is not None else None,
             missing_figure=f"medical.flexible_rate.{mode}")
    return rate, True, f"medical.flexible_rate.{mode}"


def _source(found) -> Any:
    return Source(found.source, found.ref, found.read_at) if found.source else FLEX_SUBSIDY_LOCAL


def flexible_subsidy(ctx: Context, at: Month, region: str, rate: float | None, amount: float | None) -> float | None:
    """The flexible-employment social insurance subsidy (灵活就业社保补贴) for one month's medical contribution, where
    the place's data defines it: ``subsidy.flexible_share`` of what is due at the lower base (the place's
    ``medical.min_base_yuan`` × the flexible rate), never more than the month's payment; 0 where the place requires
    the pension to be paid as a flexible worker too and no pension period covers the month; None where unknown
    (沪人社规〔2022〕8号, secondary: "按下限计算的应缴社会保险费的50%", for people "已实现灵活就业并参加本市城镇
    职工基本养老、医疗保险")."""
    share = ctx.param("subsidy.flexible_share", at, region)
    if not share.known:
        ctx.note("costs.subsidy", key="unknown", passed=None, source=_source(share), region=Region(region),
                 missing_figure="subsidy.flexible_share")
        return None
    needs = ctx.param("subsidy.flexible_needs_pension", at, region)
    if needs.value:
        paid = any(p.insurance == "pension" and p.effective_status == "flexible" and p.covers(at, at)
                   for p in ctx.profile.periods)
        if not ctx.check("costs.subsidy_pension", expected=True, found=paid, passed=paid, source=_source(needs)):
            return 0.0
    low = ctx.param("medical.min_base_yuan", at, region)
    if not low.known or rate is None or amount is None:
        ctx.note("costs.subsidy", key="no_base", passed=None, source=_source(share), region=Region(region))
        return None
    value = min(amount, round(float(share.value) * float(low.value) * rate, 2))
    ctx.note("costs.subsidy", result=Yuan(value), passed=True, source=_source(share), share=Rate(float(share.value)),
             base=Yuan(float(low.value)), rate=Rate(rate), region=Region(region))
    return value


def price_month(ctx: Context, period: Period, at: Month) -> dict[str, Any]:
    """The monthly payment of ``period`` in force at ``at`` (one traced step per period and year)."""
    region = ctx.profile.period_region(period)
    row: dict[str, Any] = {"kind": None, "base_yuan": None, "base_basis": None, "rate": None, "amount_yuan": None,
                           "employer_yuan": 0.0, "credit_yuan": 0.0, "region": region, "missing": None,
                           "is_estimate": False}
    if period.insurance == "resident_medical":
        premium, estimate = resident_premium(ctx, at, region)
        row.update(kind="resident", amount_yuan=0.0, premium_yuan=premium, is_estimate=estimate,
                   missing=None if premium is not None and not estimate else "resident.premium_yuan")
        return row
    if period.effective_status == "unemployed":
        row.update(kind="unemployed", amount_yuan=0.0)
        ctx.note("costs.unemployed", result=Yuan(0.0), source=SIL_48)
        return row
    flexible = period.effective_status == "flexible"
    mode = period.effective_mode
    base, basis = base_for(ctx, period, at, region)
    base_estimate = basis == "average_wage_60"
    row.update(base_yuan=base, base_basis=basis, is_estimate=base_estimate)
    if flexible:
        fixed = ctx.param("medical.flexible_fixed_monthly_yuan", at, region)
        if fixed.known:
            row.update(kind="flexible_fixed", amount_yuan=round(float(fixed.value), 2), is_estimate=False)
            ctx.note("costs.flexible_fixed", result=Yuan(row["amount_yuan"]), source=SIL_23, year=at.year)
        else:
            rate, rate_estimate, missing = flexible_rate(ctx, at, region, mode)
            row.update(kind="flexible", rate=rate, rate_basis="estimate" if rate_estimate else "region")
            if rate is not None and base is not None:
                row["amount_yuan"] = round(base * rate, 2)
                row["is_estimate"] = base_estimate or rate_estimate
                row["missing"] = missing
                ctx.note("costs.flexible", key="estimate" if row["is_estimate"] else "title",
                         result=Yuan(row["amount_yuan"]), source=LAOSHE_2003_10, base=Yuan(base),
                         basis=Term("cost_basis." + basis), rate=Rate(rate), tier=Term(mode))
                if ctx.profile.effective_plans.flexible_subsidy:
                    subsidy = flexible_subsidy(ctx, at, region, rate, row["amount_yuan"])
                    row["subsidy_yuan"] = subsidy
                    if subsidy:
                        row["amount_yuan"] = round(row["amount_yuan"] - subsidy, 2)
            else:
                row["missing"] = "base" if base is None else missing
                ctx.note("costs.flexible", key="unknown", passed=None, source=LAOSHE_2003_10, tier=Term(mode),
                         missing=Term("cost_missing." + ("base" if base is None else "rate")))
    else:
        ind = ctx.param("medical.rate.individual", at, region)
        er = ctx.param("medical.rate.employer", at, region)
        row.update(kind="employee", rate=ind.value)
        if ind.known and base is not None:
            row["amount_yuan"] = round(base * ind.value, 2)
            row["employer_yuan"] = round(base * er.value, 2) if er.known else None
            ctx.note("costs.employee", key="estimate" if base_estimate else "title", result=Yuan(row["amount_yuan"]),
                     source=GUOFA_1998_44, base=Yuan(base), basis=Term("cost_basis." + basis), rate=Rate(ind.value),
                     employer=Yuan(row["employer_yuan"]) if row["employer_yuan"] is not None else None)
        else:
            row["missing"] = "base" if base is None else "medical.rate.individual"
            ctx.note("costs.employee", key="unknown", passed=None, source=GUOFA_1998_44,
                     missing=Term("cost_missing." + ("base" if base is None else "rate")))
    if mode == "with_account":
        credit = ctx.param("account.individual_rate", at, region)
        row["credit_yuan"] = round(base * credit.value, 2) if credit.known and base is not None else None
        ctx.note("costs.credit", result=Yuan(row["credit_yuan"]) if row["credit_yuan"] is not None else None,
                 passed=True if row["credit_yuan"] is not None else None, source=GUOBAN_2021_14)
    return row
