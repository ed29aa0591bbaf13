"""What if: the person's choices side by side ``compare(profile, scenarios, as_of)``.

A scenario is an edit of the plan, never of the history: periods that ended by as_of's month stay as they are, and
an edit only changes months after it. Each scenario is a full ``evaluate()`` of the edited profile (so each of its
decisions has its trace) plus the cost model of :mod:`engine.evaluation.costs`.

    baseline            the profile as it is
    stop_now            no employee medical from the month after as_of
    resident            resident medical instead, from that month
    mode:with_account   the ongoing flexible period's tier from that month (also mode:pooling_only)
    shift:N             retire N months early (<0) or late (>0) of the legal date, within the legal bounds
    region:ID           draw retiree benefits in another place
    backpay:lump        settle a shortfall at retirement in one sum
    backpay:monthly     settle it by paying monthly after retirement until the years are met
"""

from __future__ import annotations

from datetime import date
from difflib import get_close_matches
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ..core.months import Month
from ..core.trace import Step
from ..core.values import Months, Region, Term, Yuan, jsonable
from ..data import policy
from ..data.i18n import Msg, msg
from ..data.places import REGION_IDS, region_name
from ..profile.errors import ProfileError
from ..profile.files import dump_profile
from ..profile.model import Period, Profile
from ..rules.context import Context
from ..rules.decisions import DECISIONS
from ..rules.profiles import parse_profile
from ..rules.decisions.backpay import NEW_ENROLLEE_WAITING_MONTHS
from .costs import CostFacts, contributions
from .evaluate import evaluate
from .report import Report

KINDS = ("baseline", "stop_now", "resident", "mode:with_account", "mode:pooling_only", "shift:N", "region:ID",
         "backpay:lump", "backpay:monthly")
#: the facts of each scenario, in the order they are shown
FACTS = ("retirement_date", "medical_met", "shortfall_months", "contributions_yuan", "backpay_yuan", "total_cost_yuan",
         "uninsured_months", "waiting_months", "account_credit_until_retirement_yuan", "retiree_monthly_credit_yuan",
         "lifetime_benefits")
#: beside a cost figure, whether it rests on an estimated figure (估算): the figure's key → its flag's key
ESTIMATE_FLAGS = {"contributions_yuan": "contributions_is_estimate", "backpay_yuan": "backpay_is_estimate",
                  "total_cost_yuan": "total_cost_is_estimate"}
#: which decisions' traces explain each fact ("costs" is the cost model's own trace)
FACT_TRACES: dict[str, tuple[str, ...]] = {
    "retirement_date": ("retirement",),
    "medical_met": ("medical_years",),
    "shortfall_months": ("medical_years",),
    "contributions_yuan": ("costs",),
    "backpay_yuan": ("backpay",),
    "total_cost_yuan": ("costs", "backpay"),
    "uninsured_months": ("costs", "gaps"),
    "waiting_months": ("gaps",),
    "account_credit_until_retirement_yuan": ("costs",),
    "retiree_monthly_credit_yuan": ("account_after_retirement",),
    "lifetime_benefits": ("medical_years", "backpay", "account_after_retirement"),
}
SHIFT_LIMIT = 36


class ScenarioError(ValueError):
    """A scenario that cannot be read or applied; ``message`` is a :class:`Msg`."""

    def __init__(self, message: Msg, cause: ProfileError | None = None):
        super().__init__(message.text("en"))
        self.message = message
        self.cause = cause

    def text(self, lang: str = "zh") -> str:
        head = self.message.text(lang)
        return f"{head}{msg('compare.error', 'because').text(lang)}{self.cause.text(lang)}" if self.cause else head


class Scenario(Struct, frozen=True):
    id: str
    kind: str
    arg: Any = None

    def label(self) -> Msg:
        if self.kind == "shift":
            n = self.arg
            return msg("compare.label", "shift_early" if n < 0 else "shift_late" if n > 0 else "shift_none",
                       months=Months(abs(n)))
        if self.kind == "region":
            return msg("compare.label", "region", region=Region(self.arg))
        return msg("compare.label", self.id)


def parse_scenario(text: str) -> Scenario:
    """``"shift:-12"`` → Scenario("shift:-12", "shift", -12); an unknown kind or a bad argument raises."""
    raw = (text or "").strip()
    kind, _, arg = raw.partition(":")
    if raw in ("baseline", "stop_now", "resident"):
        return Scenario(raw, raw)
    if kind == "mode" and arg in ("with_account", "pooling_only"):
        return Scenario(raw, "mode", arg)
    if kind == "backpay" and arg in ("lump", "monthly"):
        return Scenario(raw, "backpay", arg)
    if kind == "shift":
        try:
            n = int(arg)
        except ValueError:
            raise ScenarioError(msg("compare.error", "shift_number", found=arg)) from None
        if not -SHIFT_LIMIT <= n <= SHIFT_LIMIT:
            raise ScenarioError(msg("compare.error", "shift_range", found=n, limit=Months(SHIFT_LIMIT)))
        return Scenario(f"shift:{n}", "shift", n)
    if kind == "region":
        if arg not in REGION_IDS:
            close = get_close_matches(arg, REGION_IDS, n=3)
            raise ScenarioError(msg("compare.error", "region", found=arg, close=", ".join(close) or "—"))
        return Scenario(raw, "region", arg)
    raise ScenarioError(msg("compare.error", "kind", found=raw, kinds=", ".join(KINDS)))


# --- edits of the plan ----------------------------------------------------------------------------------------
def cut(periods: tuple[Period, ...], now: Month, keep) -> list[Period]:
    """Periods matching ``keep`` end at ``now`` at the latest; those starting after it go; the others stay."""
    out = []
    for p in periods:
        if not keep(p) or (p.end is not None and p.end <= now):
            out.append(p)
        elif p.start <= now:
            out.append(replace(p, end=now))
    return out


def retier(periods: tuple[Period, ...], now: Month, mode: str) -> list[Period] | None:
    """The ongoing (or planned) flexible employee-medical periods switch to ``mode`` from ``now + 1``."""
    out, changed = [], False
    for p in periods:
        live = p.insurance == "employee_medical" and p.effective_status == "flexible" and (p.end is None or p.end > now)
        if not live or p.effective_mode == mode:
            out.append(p)
        elif p.start > now:
            out.append(replace(p, mode=mode))
            changed = True
        else:
            out += [replace(p, end=now), replace(p, start=now + 1, mode=mode)]
            changed = True
    return out if changed else None


def edit(profile: Profile, scenario: Scenario, as_of: date, baseline: Report | None = None) -> Profile:
    """The profile with the plan changed as ``scenario`` says; checked like a file the user wrote."""
    now = Month.from_date(as_of)
    periods = profile.periods
    person = profile.person
    plans = profile.effective_plans
    kind = scenario.kind
    if kind == "baseline":
        return profile
    if kind == "stop_now":
        edited = replace(profile, periods=tuple(cut(periods, now, lambda p: p.insurance == "employee_medical")))
    elif kind == "resident":
        kept = cut(periods, now, lambda p: p.insurance in ("employee_medical", "resident_medical"))
        edited = replace(profile, periods=tuple(kept) + (Period("resident_medical", now + 1),))
    elif kind == "mode":
        new = retier(periods, now, scenario.arg)
        if new is None:
            raise ScenarioError(msg("compare.error", "no_flexible"))
        edited = replace(profile, periods=tuple(new))
    elif kind == "shift":
        report = baseline or evaluate(profile, as_of)
        ret = report.decisions["retirement"].facts
        chosen = ret["legal_date"] + scenario.arg
        if not ret["earliest_date"] <= chosen <= ret["latest_date"]:
            raise ScenarioError(msg("compare.error", "shift_bounds", found=chosen, earliest=ret["earliest_date"],
                                    latest=ret["latest_date"]))
        edited = replace(profile, person=replace(person, retirement_shift_months=scenario.arg))
    elif kind == "region":
        fixed = tuple(p if p.region is not None else replace(p, region=person.region) for p in periods)
        edited = replace(profile, periods=fixed, person=replace(person, region=scenario.arg))
    elif kind == "backpay":
        edited = replace(profile, plans=replace(plans, backpay_at_retirement=scenario.arg == "lump"))
    else:  # pragma: no cover - parse_scenario refuses anything else
        raise ScenarioError(msg("compare.error", "kind", found=scenario.id, kinds=", ".join(KINDS)))
    try:
        return parse_profile(dump_profile(edited))
    except ProfileError as err:
        raise ScenarioError(msg("compare.error", "invalid", scenario=scenario.label()), err) from None


# --- one scenario evaluated -------------------------------------------------------------------------------------
class Result(Struct):
    scenario: Scenario
    profile: Profile
    report: Report
    costs: CostFacts
    facts: dict[str, Any]
    trace: list[Step] = field(default_factory=list)  # the edit and the cost model
    differs: list[str] = field(default_factory=list)

    def figure_trace(self, fact: str) -> list[Step]:
        """The steps that explain one fact of this scenario (for the app's cells)."""
        out: list[Step] = [self.trace[0]] if self.trace else []
        for key in FACT_TRACES.get(fact, ()):
            if key == "costs":
                out += self.trace[1:]
            elif key in self.report.decisions:
                node = Step("decision:" + key, inputs={}, result=Term(self.report.decisions[key].status))
                node.children = self.report.decisions[key].trace
                out.append(node)
        return out

    def to_dict(self, lang: str = "zh") -> dict:
        return {"id": self.scenario.id, "kind": self.scenario.kind, "arg": self.scenario.arg,
                "label": self.scenario.label().text(lang), "facts": {k: jsonable(v) for k, v in self.facts.items()},
                "differs": list(self.differs)}


def run_scenario(profile: Profile, scenario: Scenario, as_of: date, baseline: Report | None = None) -> Result:
    edited = edit(profile, scenario, as_of, baseline)
    report = evaluate(edited, as_of)
    ctx = Context(edited, as_of)
    ctx.facts = {k: o.facts for k, o in report.decisions.items()}
    ctx.note("compare.edit", key=scenario.kind, passed=True, label=scenario.label())
    chosen = report.decisions["retirement"].facts["chosen_date"]
    with ctx.step("compare.costs") as node:
        costs = contributions(ctx, chosen)
        facts = scenario_facts(ctx, report, costs, scenario, edited)
        node.result = _yuan(facts["total_cost_yuan"])
    return Result(scenario, edited, report, costs, facts, ctx.tracer.root.children)


def _yuan(value: float | None) -> Yuan | None:
    return None if value is None else Yuan(value)


def scenario_facts(ctx: Context, report: Report, costs: CostFacts, scenario: Scenario, edited: Profile) -> dict:
    d = report.decisions
    ret, my, bp = d["retirement"].facts, d["medical_years"].facts, d["backpay"].facts
    short = my["shortfall_months"] or 0
    met = my["met"]
    monthly = scenario.kind == "backpay" and scenario.arg == "monthly"
    # what this scenario pays to settle the years short: the lump sum only where it is planned (the projection's
    # plan), the months after retirement only in the monthly scenario; nothing where nothing settles them
    lump = not monthly and ctx.projection.backpay_at_retirement
    if short == 0:
        backpay, how = 0.0, "none"
    elif monthly:
        alt = bp["monthly_alternative_yuan"]
        backpay, how = (round(alt * short, 2) if alt is not None else None), "monthly"
    elif lump:
        backpay, how = bp["price_yuan"], "lump"
    else:
        backpay, how = 0.0, "unplanned"
    ctx.note("compare.backpay", key=how, result=_yuan(backpay), months=Months(short))
    paid = costs.contributions_yuan
    backpay_estimate = how in ("lump", "monthly") and backpay is not None and bool(bp["price_is_estimate"])
    paid_estimate = paid is not None and costs.contributions_is_estimate
    total = round(paid + backpay, 2) if paid is not None and backpay is not None else None
    ctx.note("compare.total", result=_yuan(total), contributions=_yuan(paid), backpay=_yuan(backpay),
             passed=None if total is None else True)
    items = d["gaps"].facts.get("items") or []
    waiting = waiting_ahead(items[-1], ctx.now) if items else 0
    if items and waiting == 0 and items[-1].get("waiting_months"):
        ctx.note("compare.waiting", key="over", result=Months(0), since=items[-1]["benefits_from"])
    if how == "lump" and bp["deadline_passed"]:
        # too late for the back-payment at retirement: enrolled again as a new enrollee, who waits (seed 000)
        waiting = NEW_ENROLLEE_WAITING_MONTHS
        ctx.note("compare.waiting", key="new_enrollee", result=Months(waiting), deadline=bp["deadline"])
    # lifelong as the projection has it (met, or a back-payment planned), or by paying monthly after retirement
    lifetime = True if how == "monthly" else ctx.projection.lifelong(met)
    after = d["account_after_retirement"].facts
    return {
        "retirement_date": ret["chosen_date"], "medical_met": met, "shortfall_months": short,
        "contributions_yuan": paid, "backpay_yuan": backpay, "total_cost_yuan": total,
        "uninsured_months": costs.uninsured_months, "waiting_months": waiting,
        "account_credit_until_retirement_yuan": costs.account_credit_yuan,
        "retiree_monthly_credit_yuan": after.get("monthly_credit_yuan"),
        "lifetime_benefits": lifetime,
        "contributions_is_estimate": paid_estimate, "backpay_is_estimate": backpay_estimate,
        "total_cost_is_estimate": total is not None and (paid_estimate or backpay_estimate),
        # how lifelong cover is reached with the years short: by the back-payment (lump) or monthly after retirement
        "lifetime_by": how if lifetime and not met else None,
    }


def waiting_ahead(item: dict, now: Month) -> int | None:
    """The waiting time a lapse still leaves: none once benefits have started again (a waiting time already over is
    over), else the lapse's own."""
    again = item.get("benefits_from")
    if isinstance(again, Month) and again <= now and not item.get("waiting_running"):
        return 0
    return item.get("waiting_months")


# --- the comparison -------------------------------------------------------------------------------------------
class Comparison(Struct):
    as_of: date
    profile: Profile
    results: list[Result]

    def to_dict(self, lang: str = "zh") -> dict:
        return {"schema": 1, "as_of": self.as_of.isoformat(),
                "profile": {"name": self.profile.name, "region": self.profile.person.region},
                "scenarios": [r.to_dict(lang) for r in self.results]}


def differs(facts: dict, base: dict) -> list[str]:
    """The shown facts whose value is not the baseline's (an estimate flag goes with its figure)."""
    return [k for k in FACTS if facts.get(k) != base.get(k)]


def candidates(profile: Profile, as_of: date, baseline: Report) -> list[str]:
    """Every scenario that could change something for this person (the comparison keeps those that do)."""
    now = Month.from_date(as_of)
    ret = baseline.decisions["retirement"].facts
    out = ["stop_now", "resident"]
    for mode in ("with_account", "pooling_only"):
        if retier(profile.periods, now, mode) is not None:
            out.append(f"mode:{mode}")
    if not ret["retired"]:
        for bound in (ret["earliest_date"], ret["latest_date"]):
            n = bound - ret["legal_date"]
            if n != profile.person.shift and bound > now:
                out.append(f"shift:{n}")
    if (baseline.decisions["medical_years"].facts["shortfall_months"] or 0) > 0:
        out += ["backpay:lump", "backpay:monthly"]
    moved = profile.effective_plans.relocate_after_retirement
    if moved and moved != profile.person.region:
        out.append(f"region:{moved}")
    return out


def compare(profile: Profile, scenarios: list[str] | None = None, as_of: date | None = None) -> Comparison:
    """Each scenario (texts as ``yibao compare --scenario`` takes them) beside the baseline, which comes first.

    Without ``scenarios``: the ones that change something for this person. A scenario that cannot be read or
    applied raises :class:`ScenarioError`.
    """
    if not isinstance(as_of, date):
        raise TypeError("as_of must be a datetime.date")
    base = run_scenario(profile, Scenario("baseline", "baseline"), as_of)
    chosen = [parse_scenario(s) for s in scenarios] if scenarios else None
    results = [base]
    seen = {"baseline"}
    if chosen is None:
        for text in candidates(profile, as_of, base.report):
            try:
                res = run_scenario(profile, parse_scenario(text), as_of, base.report)
            except ScenarioError:
                continue
            res.differs = differs(res.facts, base.facts)
            if res.differs and res.scenario.id not in seen:
                seen.add(res.scenario.id)
                results.append(res)
    else:
        for sc in chosen:
            if sc.id in seen:
                continue
            seen.add(sc.id)
            res = run_scenario(profile, sc, as_of, base.report)
            res.differs = differs(res.facts, base.facts)
            results.append(res)
    return Comparison(as_of, profile, results)


# --- the chart: total cost until lifelong benefits against the month contributions stop -----------------------
def _years_and_backpay(profile: Profile, as_of: date) -> dict:
    """Only the decisions the curve needs (retirement, medical_years, backpay), run as ``evaluate`` runs them."""
    chosen = [d for d in DECISIONS if d.key in ("retirement", "medical_years", "backpay")]
    report = evaluate(profile, as_of, chosen)
    return {key: outcome.facts for key, outcome in report.decisions.items()}


def stop_curve(profile: Profile, as_of: date) -> list[dict]:
    """For every month from as_of's to the month before retirement: stop employee medical after that month; the
    total cost until lifelong benefits (contributions + the back-payment the stop leaves), with its parts and
    whether it rests on an estimate (``is_estimate``; a month that cannot be priced has no total).

    The payments are the baseline's month by month (those after the stop month count only where they are not
    employee medical); the months short and the back-payment come from the medical-years and backpay decisions
    of the profile cut at that month."""
    base = run_scenario(profile, Scenario("baseline", "baseline"), as_of)
    chosen = base.facts["retirement_date"]
    rows = base.costs.rows
    now = Month.from_date(as_of)
    out = []
    month = now
    while month < chosen:
        kept = [r for r in rows if r["month"] <= month or r["kind"] in ("resident", "uninsured")]
        paid_rows = [r["amount_yuan"] for r in kept]
        paid = None if any(v is None for v in paid_rows) else round(float(sum(paid_rows)), 2)
        paid_estimate = any(r.get("is_estimate") for r in kept)
        stopped = replace(profile, periods=tuple(cut(profile.periods, month, lambda p: p.insurance == "employee_medical")))
        facts = _years_and_backpay(stopped, as_of)
        short = facts["medical_years"]["shortfall_months"] or 0
        backpay = 0.0 if short == 0 else facts["backpay"]["price_yuan"]
        total = round(paid + backpay, 2) if paid is not None and backpay is not None else None
        estimate = total is not None and (paid_estimate or bool(short and facts["backpay"]["price_is_estimate"]))
        out.append({"stop_after": month, "contributions_yuan": paid, "backpay_yuan": backpay,
                    "total_cost_yuan": total, "shortfall_months": short, "is_estimate": estimate})
        month += 1
    return out


# --- which city -------------------------------------------------------------------------------------------------
def regions_with_own_years() -> list[str]:
    """Bundled regions whose own file gives minimum medical years (``medical.min_years.*``)."""
    return [r for r in REGION_IDS if r != "national"
            and any(name.startswith("medical.min_years.") for name in policy.region_data(r).params)]


def rank_regions(profile: Profile, as_of: date) -> list[dict]:
    """The same history with each such region as the benefit region: first the places that can be judged, by
    months still short, then total cost; then, apart (``judged`` false), the places whose requirement is not
    known well enough to judge: a part (total, actual or local years) unknown and not inferred, or a total that is
    not the place's own (a province's figure found for a city is not the city's).

    A place whose requirement is unknown is never met for someone who has paid nothing there (``medical_years``
    leaves it unknown); it is listed apart, by name."""
    base = run_scenario(profile, Scenario("baseline", "baseline"), as_of)
    rows = []
    for region in regions_with_own_years():
        res = run_scenario(profile, Scenario(f"region:{region}", "region", region), as_of, base.report)
        my = res.report.decisions["medical_years"].facts
        at = res.facts["retirement_date"]
        name = f"medical.min_years.{profile.person.sex}"
        found = policy.lookup(name, region, at.first_day())
        overridden = name in profile.overrides
        if overridden:
            confidence = "user"
        else:
            confidence = found.confidence if found.known else None
        own = overridden or (found.known and found.region == region)
        unknown = list(my["unknown_requirements"])
        judged = own and not unknown and my["met"] is not None
        rows.append({"region": region, "required_months": my["required_months"],
                     "required_actual_months": my["required_actual_months"],
                     "required_local_months": my["required_local_months"], "confidence": confidence,
                     "requirement_region": found.region, "judged": judged, "unknown_requirements": unknown,
                     "own_requirement": own, **res.facts, "result": res})

    def order(row):
        if not row["judged"]:
            return (1, 0, False, 0, row["region"])
        cost = row["total_cost_yuan"]
        return (0, row["shortfall_months"], cost is None, cost or 0, row["region"])

    rows.sort(key=order)
    return rows


def regions_to_dict(profile: Profile, as_of: date, rows: list[dict], lang: str = "zh") -> dict:
    """The ranking as JSON: a judged place has its ``rank``; a place listed apart has none (null)."""
    ranks = {id(r): i + 1 for i, r in enumerate(r for r in rows if r["judged"])}
    return {"schema": 1, "as_of": as_of.isoformat(),
            "profile": {"name": profile.name, "region": profile.person.region},
            "regions": [{"rank": ranks.get(id(row)), **{k: jsonable(v) for k, v in row.items() if k != "result"},
                         "name": region_name(row["region"], lang)}
                        for row in rows]}
