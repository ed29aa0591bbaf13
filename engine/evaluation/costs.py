"""The cost model: what the person pays from the month after as_of's month through the month
before the chosen retirement month, month by month, and the back-payment at retirement.

- Employee medical as a flexible worker (灵活就业): base × the region's flexible rate for the tier
  (``medical.flexible_rate.with_account`` / ``.pooling_only``); where the place charges a fixed monthly amount
  (``medical.flexible_fixed_monthly_yuan``, Beijing's flexible workers) that amount (社会保险法 第二十三条第二款;
  劳社厅发〔2003〕10号). Where the flexible rate is unknown, an estimate (估算) on 劳社厅发〔2003〕10号 (六):
  "灵活就业人员参加基本医疗保险的缴费率原则上按照当地的缴费率确定。从统筹基金起步的地区，可参照当地基本医疗保险建立
  统筹基金的缴费水平确定": with an account, the employer's and the individual's rates together; pooling only, the
  employer's rate, the share that goes to the pool (国办发〔2021〕14号).
- Employee medical as an employee: the individual share (base × ``medical.rate.individual``); the employer's share
  (base × ``medical.rate.employer``) is shown apart and not counted as the person's cost (国发〔1998〕44号).
- Resident medical: the yearly premium (``resident.premium_yuan``, or the place's ``resident.yearly_yuan``) for each
  calendar year started in the span; where the place's is unknown, an estimate on the national minimum individual
  contribution (``resident.min_premium_yuan``, seed 003: "与国家规定的最低个人缴费标准一致").
- The base: the period's ``base_yuan``, else the region's minimum base (``medical.min_base_yuan``), else 60% of the
  average wage (``wage.average_monthly_yuan`` × 0.6, an estimate); the rows say which.

A row on an estimated figure says so (``is_estimate``) and its trace names the missing figure (a question to ask
locally); the facts say whether any month's payment is an estimate (``contributions_is_estimate``).
- Employee medical on unemployment benefit (领取失业金期间): nothing; 社会保险法 第四十八条 "失业人员应当缴纳的基本医疗
  保险费从失业保险基金中支付，个人不缴纳基本医疗保险费" (no employer's share either, and no account credit counted).
- A flexible worker who receives a flexible-employment subsidy (``plans.flexible_subsidy``): the month's payment less
  the subsidy where the place's data defines it (沪人社规〔2022〕8号: half of what is due at the lower base, for people
  paying both pension and medical as flexible workers); where it does not, the payment in full and the subsidy
  unknown (``subsidy_yuan`` null).
- The personal account credited meanwhile (with-account months): base × ``account.individual_rate``.

Parameters are read once per period and calendar year (they are dated by year), through the tracing lookup, so
every figure is in the trace; an unknown one leaves the figure null and the trace says which one is missing.
"""

from __future__ import annotations


from msgspec import field

from ..core.facts import ABSENT, Facts
from ..core.months import Month
from ..core.values import Months, Term, Yuan
from ..rules.context import Context
from ..rules.pricing import MIN_BASE_SHARE_OF_WAGE, base_for, covering, flexible_rate, price_month, resident_premium

__all__ = ["MIN_BASE_SHARE_OF_WAGE", "CostFacts", "base_for", "contributions", "covering", "flexible_rate",
           "price_month", "resident_premium", "summarise"]



class CostFacts(Facts, frozen=True):
    first_month: Month | None          # the month after as_of's month (None when the span is empty)
    last_month: Month | None           # the month before retirement
    span_months: int
    contributions_yuan: float | None   # the person's own payments in the span (null where a figure is unknown)
    employer_yuan: float | None        # the employer's share in the span, shown apart
    resident_premiums_yuan: float      # of contributions_yuan, the resident yearly premiums known
    account_credit_yuan: float | None  # credited to the personal account in the span
    uninsured_months: int              # months without basic medical insurance in the span
    unknown_months: int                # months whose payment is unknown
    rows: tuple = field(default=())    # month by month: {month, kind, base_yuan, base_basis, rate, amount_yuan, …}
    contributions_is_estimate: bool = False  # some month's payment rests on an estimated figure
    estimated_months: int = 0          # months whose payment is an estimate
    subsidy_yuan: float | None = ABSENT  # with plans.flexible_subsidy: the subsidy subtracted (null: unknown here)
    subsidy_months: int = ABSENT  # the months with a known subsidy subtracted
    subsidy_unknown_months: int = ABSENT  # flexible months whose subsidy is unknown (the payment counted in full)


def contributions(ctx: Context, horizon: Month) -> CostFacts:
    """Month by month from the month after ``ctx.now`` through ``horizon - 1`` (the month before retirement)."""
    first, last = ctx.now + 1, horizon - 1
    periods = ctx.profile.periods
    span = ctx.step("costs.span", first=first, last=last, months=Months(last - first + 1)) if last >= first else \
        ctx.step("costs.span", key="none", retirement=horizon)  # never a span that runs backwards
    with span as node:
        rows: list[dict] = []
        cache: dict[tuple[int, int], dict] = {}
        premiums_seen: set[tuple[int, int]] = set()
        month = first
        while month <= last:
            idx = covering(periods, month, horizon)
            if idx is None:
                rows.append({"month": month, "kind": "uninsured", "amount_yuan": 0.0, "employer_yuan": 0.0,
                             "credit_yuan": 0.0, "base_yuan": None, "base_basis": None, "rate": None,
                             "is_estimate": False})
                month += 1
                continue
            key = (idx, month.year)
            if key not in cache:
                with ctx.step("costs.period", period=idx + 1, year=month.year,
                              insurance=Term(periods[idx].insurance)):
                    cache[key] = price_month(ctx, periods[idx], month)
            row = {"month": month, **cache[key]}
            if row["kind"] == "resident":
                year_key = (idx, month.year)
                row = dict(row, amount_yuan=None if row["premium_yuan"] is None else 0.0, is_estimate=False)
                if year_key not in premiums_seen:  # the yearly premium, once for each calendar year started
                    premiums_seen.add(year_key)
                    row["amount_yuan"] = row["premium_yuan"]
                    row["is_estimate"] = cache[key]["is_estimate"]
            rows.append(row)
            month += 1
        facts = summarise(rows, first if rows else None, last if rows else None)
        node.result = Yuan(facts.contributions_yuan) if facts.contributions_yuan is not None else None
        node.inputs.update(uninsured=Months(facts.uninsured_months), unknown=Months(facts.unknown_months))
    return facts


def _sum(values) -> float | None:
    values = list(values)
    if any(v is None for v in values):
        return None
    return round(sum(values), 2)


def summarise(rows: list[dict], first: Month | None, last: Month | None) -> CostFacts:
    resident = [r for r in rows if r["kind"] == "resident"]
    unknown = sum(1 for r in rows if r["amount_yuan"] is None)
    estimated = sum(1 for r in rows if r["amount_yuan"] is not None and r.get("is_estimate"))
    premiums = round(sum(r["amount_yuan"] or 0 for r in resident), 2)
    clean = tuple({k: v for k, v in r.items() if k not in ("premium_yuan",)} for r in rows)
    subsidised = [r for r in rows if "subsidy_yuan" in r]
    known = [r["subsidy_yuan"] for r in subsidised if r["subsidy_yuan"] is not None]
    subsidy = {"subsidy_yuan": round(sum(known), 2) if known else None,
               "subsidy_months": sum(1 for v in known if v > 0),
               "subsidy_unknown_months": len(subsidised) - len(known)} if subsidised else {}
    return CostFacts(
        first_month=first, last_month=last, span_months=len(rows),
        contributions_yuan=_sum(r["amount_yuan"] for r in rows),
        employer_yuan=_sum(r["employer_yuan"] for r in rows),
        resident_premiums_yuan=premiums,
        account_credit_yuan=_sum(r["credit_yuan"] for r in rows),
        uninsured_months=sum(1 for r in rows if r["kind"] == "uninsured"),
        unknown_months=unknown, rows=clean,
        contributions_is_estimate=estimated > 0, estimated_months=estimated, **subsidy,
    )
