"""What a report and a comparison must never say at once: the rules that keep decisions and scenarios agreeing.

Each invariant is a small function over a :class:`Report` (``report_*``) or a :class:`Comparison`
(``comparison_*``) that returns the violations it finds, none when the answer agrees with itself. A violation
names the invariant, where it was found and the values that disagree (meaning only, for a test or a developer; no
sentence a person reads). :func:`violations` runs them all.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from msgspec import Struct

from ..core.months import Month
from ..core.trace import Step
from ..core.values import Yuan
from ..data.i18n import Msg
from ..rules.context import Context
from ..rules.decisions.backpay import NEW_ENROLLEE_WAITING_MONTHS, monthly_total
from .compare import Comparison, waiting_ahead
from .costs import contributions
from .report import Report
from .summary import ACCOUNT_CODES
from .warnings import compute as compute_warnings


class Violation(Struct, frozen=True):
    """An invariant broken: which one, where (a decision, a scenario, a summary line) and what disagrees."""

    invariant: str
    where: str
    found: dict


#: the options that are the back-payment of the medical years short, by decision
BACKPAY_OPTIONS = {"medical_years": ("backpay_lump_sum", "enrol_as_new"),
                   "backpay": ("backpay_lump_sum", "enrol_as_new"),
                   "account_after_retirement": ("backpay_lump_sum",)}
MONTHLY_OPTIONS = {"backpay": "keep_paying_monthly", "account_after_retirement": "keep_paying_monthly"}
#: the pairs of a trace step's inputs that make a span: the first may not come after the second
SPANS = (("first", "last"), ("start", "end"), ("earliest", "latest"), ("chosen", "horizon"))


def _now(report: Report) -> Month:
    return Month.from_date(report.as_of)


def _facts(report: Report, key: str) -> Any:
    outcome = report.decisions.get(key)
    return outcome.facts if outcome is not None else None


# --- a report -------------------------------------------------------------------------------------------------
def report_no_lifelong_without_years(report: Report) -> list[Violation]:
    """Years not met and no back-payment planned: no lifelong retiree cover anywhere (no retiree account credit,
    no summary line saying the cover is met)."""
    my = _facts(report, "medical_years")
    if my is None or my["met"] is not False or my["backpay_planned"]:
        return []
    out = []
    after = _facts(report, "account_after_retirement")
    if after is not None and after["eligible"] is True:
        out.append(Violation("no_lifelong_without_years", "account_after_retirement",
                             {"met": False, "eligible": True}))
    if any(line.code == "cover_met" for line in report.summary()):
        out.append(Violation("no_lifelong_without_years", "summary", {"met": False, "line": "cover_met"}))
    return out


def report_price_one_kind(report: Report) -> list[Violation]:
    """A back-payment's price is exactly one of known, an estimate (with its formula: base and rate) or unknown,
    and every decision that gives it gives the same figure of the same kind; a monthly alternative's price is its
    total, never one month's."""
    bp = _facts(report, "backpay")
    my = _facts(report, "medical_years")
    if bp is None:
        return []
    out = []
    price, estimate = bp["price_yuan"], bp["price_is_estimate"]
    if estimate and (price is None or bp["base_yuan"] is None or bp["rate"] is None):
        out.append(Violation("price_one_kind", "backpay", {"price_yuan": price, "price_is_estimate": estimate,
                                                             "base_yuan": bp["base_yuan"], "rate": bp["rate"]}))
    if my is not None and my["backpay_estimate_yuan"] is not None and my["shortfall_months"]:
        if estimate or my["backpay_estimate_yuan"] != price:
            out.append(Violation("price_one_kind", "medical_years",
                                 {"known": my["backpay_estimate_yuan"], "backpay": price, "estimate": estimate}))
    for key, codes in BACKPAY_OPTIONS.items():
        outcome = report.decisions.get(key)
        for opt in outcome.options if outcome is not None else ():
            if opt.code not in codes:
                continue
            if opt.price_yuan is not None and (opt.price_yuan != price or opt.price_is_estimate != estimate):
                out.append(Violation("price_one_kind", f"{key}.{opt.code}",
                                     {"price_yuan": opt.price_yuan, "estimate": opt.price_is_estimate,
                                      "backpay": price, "backpay_estimate": estimate}))
    total = monthly_total(bp) if bp["needed"] else None
    for key, code in MONTHLY_OPTIONS.items():
        outcome = report.decisions.get(key)
        for opt in outcome.options if outcome is not None else ():
            if opt.code == code and opt.price_yuan != total:
                out.append(Violation("price_one_kind", f"{key}.{opt.code}",
                                     {"price_yuan": opt.price_yuan, "monthly_total": total}))
    return out


def report_deadline_passed_or_open(report: Report) -> list[Violation]:
    """A deadline is passed or open, never both: no option is offered with a deadline already past, the
    back-payment's deadline is passed exactly when its month is behind (a lapse's too, unless it was repaired in
    time), and a passed one is not offered as the lump sum at retirement."""
    now = _now(report)
    out = []
    for key, outcome in report.decisions.items():
        for opt in outcome.options:
            if opt.deadline is not None and opt.deadline < now:
                out.append(Violation("deadline_passed_or_open", f"{key}.{opt.code}",
                                     {"deadline": opt.deadline, "now": now}))
    bp = _facts(report, "backpay")
    if bp is not None and bp["needed"]:
        if bp["deadline_passed"] != (now > bp["deadline"]):
            out.append(Violation("deadline_passed_or_open", "backpay",
                                 {"deadline": bp["deadline"], "deadline_passed": bp["deadline_passed"], "now": now}))
        my = _facts(report, "medical_years")
        if my is not None and my["horizon"] != bp["deadline"]:
            out.append(Violation("deadline_passed_or_open", "medical_years",
                                 {"horizon": my["horizon"], "backpay_deadline": bp["deadline"]}))
        if bp["deadline_passed"]:
            for key in BACKPAY_OPTIONS:
                outcome = report.decisions.get(key)
                for opt in outcome.options if outcome is not None else ():
                    if opt.code == "backpay_lump_sum" and opt.deadline is not None:
                        out.append(Violation("deadline_passed_or_open", f"{key}.{opt.code}",
                                             {"deadline": opt.deadline, "passed": True}))
    for item in (_facts(report, "gaps") or {}).get("items") or ():
        due, passed = item.get("backpay_deadline"), item.get("deadline_passed")
        if isinstance(due, Month) and passed is not None and not item.get("repaired") and passed != (now > due):
            out.append(Violation("deadline_passed_or_open", "gaps",
                                 {"backpay_deadline": due, "deadline_passed": passed, "now": now}))
    for line in report.summary():
        if line.code == "deadline" and line.message.args.get("date") is not None and line.message.args["date"] < now:
            out.append(Violation("deadline_passed_or_open", "summary", {"date": line.message.args["date"]}))
    return out


def _backwards(steps: Iterable[Step], where: str) -> Iterator[Violation]:
    for top in steps:
        for step in top.walk():
            for a, b in SPANS:
                first, last = step.inputs.get(a), step.inputs.get(b)
                if isinstance(first, Month) and isinstance(last, Month) and first > last:
                    yield Violation("no_backwards_range", where, {"rule": step.rule, a: first, b: last})


def report_no_backwards_range(report: Report) -> list[Violation]:
    """No period or range runs backwards ("2027-01至2026-01"): not in the facts (lapses, the flexible bounds) nor in
    any step of the trace."""
    out = []
    for key, outcome in report.decisions.items():
        out += _backwards(outcome.trace, key)
    ret = _facts(report, "retirement")
    if ret is not None and ret["earliest_date"] > ret["latest_date"]:
        out.append(Violation("no_backwards_range", "retirement",
                             {"earliest": ret["earliest_date"], "latest": ret["latest_date"]}))
    for item in (_facts(report, "gaps") or {}).get("items") or ():
        if isinstance(item.get("end"), Month) and item["start"] > item["end"]:
            out.append(Violation("no_backwards_range", "gaps", {"start": item["start"], "end": item["end"]}))
    return out


def report_waiting_over_shown_as_over(report: Report) -> list[Violation]:
    """A waiting time already over is shown as over: a lapse whose benefits started again by now is not waiting."""
    now = _now(report)
    out = []
    for item in (_facts(report, "gaps") or {}).get("items") or ():
        again = item.get("benefits_from")
        if isinstance(again, Month) and again <= now and item.get("waiting_running"):
            out.append(Violation("waiting_over_shown_as_over", "gaps", {"benefits_from": again, "now": now}))
    return out


def report_summary_agrees(report: Report) -> list[Violation]:
    """Each summary line agrees with the decision it names: it ran, and what the line says is what its facts say."""
    def leaves(r: Report) -> Month | None:
        return _facts(r, "retirement")["leaves_before_retirement"]

    def account(code: str) -> Callable[[Report], bool]:
        def check(r: Report) -> bool:
            routes = {x["code"]: x for x in _facts(r, "withdrawal")["routes"]}
            return any(route in routes and routes[route]["available"] == available
                       for route, codes in ACCOUNT_CODES.items() for available, c in codes.items() if c == code)
        return check

    checks: dict[str, Callable[[Report], bool]] = {
        "leaving": lambda r: leaves(r) is not None and leaves(r) > _now(r),
        "left": lambda r: leaves(r) is not None and leaves(r) <= _now(r),
        **{code: account(code) for codes in ACCOUNT_CODES.values() for code in codes.values()},
        "cover_short_if_back": lambda r: _facts(r, "medical_years")["met"] is False and leaves(r) is not None,
        "backpay_if_back_price": lambda r: leaves(r) is not None and _facts(r, "backpay")["price_yuan"] is not None
        and not _facts(r, "backpay")["price_is_estimate"],
        "backpay_if_back_estimate": lambda r: leaves(r) is not None and _facts(r, "backpay")["price_is_estimate"],
        "backpay_if_back_unknown": lambda r: leaves(r) is not None and _facts(r, "backpay")["price_yuan"] is None,
        "cost_leaving": lambda r: leaves(r) is not None,
        "cost_leaving_estimate": lambda r: leaves(r) is not None,
        "cost": lambda r: leaves(r) is None,
        "cost_estimate": lambda r: leaves(r) is None,
        "retired": lambda r: _facts(r, "retirement")["retired"],
        "retire": lambda r: not _facts(r, "retirement")["retired"],
        "retire_pension_short": lambda r: _facts(r, "retirement")["pension_met"] is False,
        "cover_met": lambda r: _facts(r, "medical_years")["met"] is True,
        "cover_short": lambda r: _facts(r, "medical_years")["met"] is False and leaves(r) is None,
        "cover_unknown": lambda r: _facts(r, "medical_years")["met"] is None,
        "backpay_late": lambda r: _facts(r, "backpay")["deadline_passed"],
        "backpay_price": lambda r: _facts(r, "backpay")["price_yuan"] is not None
        and not _facts(r, "backpay")["price_is_estimate"] and not _facts(r, "backpay")["deadline_passed"],
        "backpay_estimate": lambda r: _facts(r, "backpay")["price_is_estimate"]
        and not _facts(r, "backpay")["deadline_passed"],
        "backpay_unknown": lambda r: _facts(r, "backpay")["price_yuan"] is None,
    }
    out = []
    for line in report.summary():
        if line.decision not in report.decisions:
            out.append(Violation("summary_agrees", "summary", {"line": line.code, "decision": line.decision}))
            continue
        check = checks.get(line.code)
        if check is not None and not check(report):
            out.append(Violation("summary_agrees", "summary", {"line": line.code, "decision": line.decision}))
    return out


def report_contributions_end_at_emigration(report: Report) -> list[Violation]:
    """Projected contributions end at emigration: after a planned departure no month is projected as paid in any
    period that was running when the person leaves."""
    plans = report.profile.effective_plans
    if plans.emigrate is None:
        return []
    now = _now(report)
    leave = max(plans.emigrate, now + 1)
    if any(p.start >= leave for p in report.profile.periods):
        return []  # a return planned after the departure: its months are the person's own
    most = max(0, leave - (now + 1))
    out = []
    my, ret = _facts(report, "medical_years"), _facts(report, "retirement")
    if my is not None and my["projected_months"] > most:
        out.append(Violation("contributions_end_at_emigration", "medical_years",
                             {"projected_months": my["projected_months"], "leave": plans.emigrate}))
    if ret is not None:
        for step in _steps(report, "retirement", "retirement.pension_months"):
            ahead = step.inputs.get("projected")
            if ahead is not None and ahead.n > most:
                out.append(Violation("contributions_end_at_emigration", "retirement",
                                     {"projected_months": ahead.n, "leave": plans.emigrate}))
    return out


def _msgs(value: Any) -> Iterator[Msg]:
    """Every message in ``value`` and in its arguments, however deep."""
    if isinstance(value, Msg):
        yield value
        for arg in value.args.values():
            yield from _msgs(arg)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _msgs(item)


def _zero(value: Any) -> bool:
    return isinstance(value, Yuan) and value.amount == 0 or isinstance(value, (int, float)) and value == 0


#: the messages that give the medical contributions of the months paid on for the pension (their ``cost``)
WAIT_COSTS = {("medical_years.verdict", "wait_cost"), ("medical_years.verdict", "wait_cost_estimate"),
              ("warning.pension_wait", "cost"), ("warning.pension_wait", "cost_estimate")}


def report_no_zero_cost_for_uninsured_months(report: Report) -> list[Violation]:
    """No cost figure of 0 is shown for months without insurance (after a departure, say): such months are said to
    have no price, not priced at nothing."""
    out = []
    my = _facts(report, "medical_years")
    if my is not None and my["extension_uninsured_months"]:
        if my["extension_cost_yuan"] == 0:
            out.append(Violation("no_zero_cost_for_uninsured_months", "medical_years",
                                 {"extension_cost_yuan": 0, "uninsured": my["extension_uninsured_months"]}))
        shown = [report.decisions["medical_years"].verdict, *(w.parts for w in compute_warnings(report))]
        for m in _msgs(shown):
            if (m.ctx, m.id) in WAIT_COSTS and _zero(m.args.get("cost")):
                out.append(Violation("no_zero_cost_for_uninsured_months", m.ctx,
                                     {"cost": 0, "uninsured": my["extension_uninsured_months"]}))
    ret = _facts(report, "retirement")
    zero = [line for line in report.summary() if line.code.startswith("cost") and _zero(line.message.args.get("total"))]
    if zero and ret is not None:
        ctx = Context(report.profile, report.as_of)
        ctx.facts = {k: o.facts for k, o in report.decisions.items()}
        uninsured = contributions(ctx, ret["chosen_date"]).uninsured_months
        if uninsured:
            out += [Violation("no_zero_cost_for_uninsured_months", "summary", {"line": line.code, "total": 0,
                                                                             "uninsured": uninsured})
                    for line in zero]
    return out


def _steps(report: Report, key: str, rule: str) -> Iterator[Step]:
    outcome = report.decisions.get(key)
    for top in outcome.trace if outcome is not None else ():
        yield from (step for step in top.walk() if step.rule == rule)


REPORT_INVARIANTS: tuple[Callable[[Report], list[Violation]], ...] = (
    report_no_lifelong_without_years, report_price_one_kind, report_deadline_passed_or_open,
    report_no_backwards_range, report_waiting_over_shown_as_over, report_summary_agrees,
    report_contributions_end_at_emigration, report_no_zero_cost_for_uninsured_months,
)


# --- a comparison -----------------------------------------------------------------------------------------------
def comparison_columns_agree(comparison: Comparison) -> list[Violation]:
    """A scenario's columns agree with each other and with its own report: medical years met means lifelong cover
    and nothing short; years short and lifelong cover only where the scenario settles them (a back-payment it
    plans, or paying monthly after retirement) and then the row says which; no back-payment counted without the
    lifelong cover it buys; the total is the contributions and the back-payment."""
    out = []
    for res in comparison.results:
        f, where = res.facts, res.scenario.id
        my = res.report.decisions["medical_years"].facts
        met, lifetime, by = f["medical_met"], f["lifetime_benefits"], f.get("lifetime_by")
        if met != my["met"] or f["shortfall_months"] != (my["shortfall_months"] or 0):
            out.append(Violation("columns_agree", where, {"medical_met": met, "report_met": my["met"]}))
        if met is True and (lifetime is not True or f["shortfall_months"]):
            out.append(Violation("columns_agree", where, {"medical_met": True, "lifetime_benefits": lifetime}))
        if met is None and lifetime is not None:
            out.append(Violation("columns_agree", where, {"medical_met": None, "lifetime_benefits": lifetime}))
        if met is False and lifetime:
            planned = res.profile.effective_plans.backpay_at_retirement
            monthly = res.scenario.kind == "backpay" and res.scenario.arg == "monthly"
            if by not in ("lump", "monthly") or (by == "lump" and not planned) or (by == "monthly" and not monthly):
                out.append(Violation("columns_agree", where, {"medical_met": False, "lifetime_benefits": True,
                                                              "lifetime_by": by}))
        if met is False and lifetime is False and f["backpay_yuan"]:
            out.append(Violation("columns_agree", where, {"lifetime_benefits": False,
                                                          "backpay_yuan": f["backpay_yuan"]}))
        paid, backpay, total = f["contributions_yuan"], f["backpay_yuan"], f["total_cost_yuan"]
        if paid is not None and backpay is not None and total != round(paid + backpay, 2):
            out.append(Violation("columns_agree", where, {"contributions_yuan": paid, "backpay_yuan": backpay,
                                                          "total_cost_yuan": total}))
    return out


def comparison_waiting_own(comparison: Comparison) -> list[Violation]:
    """A scenario's waiting time is that scenario's own: what its own lapses still leave (none once benefits have
    started again), or the new enrollee's wait where its back-payment comes after the deadline."""
    out = []
    now = Month.from_date(comparison.as_of)
    for res in comparison.results:
        d = res.report.decisions
        items = d["gaps"].facts.get("items") or []
        expected = waiting_ahead(items[-1], now) if items else 0
        bp = d["backpay"].facts
        lump = res.profile.effective_plans.backpay_at_retirement and not (
            res.scenario.kind == "backpay" and res.scenario.arg == "monthly")
        if lump and bp["needed"] and bp["deadline_passed"]:
            expected = NEW_ENROLLEE_WAITING_MONTHS
        if res.facts["waiting_months"] != expected:
            out.append(Violation("waiting_own", res.scenario.id,
                                 {"waiting_months": res.facts["waiting_months"], "expected": expected}))
    return out


def comparison_no_backwards_range(comparison: Comparison) -> list[Violation]:
    """No range in a scenario's own trace (the edit, the cost model) runs backwards."""
    return [v for res in comparison.results for v in _backwards(res.trace, res.scenario.id)]


def comparison_contributions_end_at_emigration(comparison: Comparison) -> list[Violation]:
    """In every scenario, no contribution is counted for a month after a planned departure (in a period running
    when the person leaves)."""
    out = []
    for res in comparison.results:
        leave = res.profile.effective_plans.emigrate
        if leave is None or any(p.start >= leave for p in res.profile.periods):
            continue
        paid = [r["month"] for r in res.costs.rows if r["month"] >= leave and r["kind"] != "uninsured"]
        if paid:
            out.append(Violation("contributions_end_at_emigration", res.scenario.id,
                                 {"leave": leave, "first_paid_after": paid[0]}))
    return out


COMPARISON_INVARIANTS: tuple[Callable[[Comparison], list[Violation]], ...] = (
    comparison_columns_agree, comparison_waiting_own, comparison_no_backwards_range,
    comparison_contributions_end_at_emigration,
)


def violations(report: Report | None = None, comparison: Comparison | None = None) -> list[Violation]:
    """Every invariant broken by ``report`` and ``comparison`` (and by each scenario's own report)."""
    out: list[Violation] = []
    reports = [report] if report is not None else []
    if comparison is not None:
        reports += [res.report for res in comparison.results]
        for check in COMPARISON_INVARIANTS:
            out += check(comparison)
    for r in reports:
        for check in REPORT_INVARIANTS:
            out += check(r)
    return out
