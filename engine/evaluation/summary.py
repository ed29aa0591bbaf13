"""The situation first: three to seven plain lines that open every report, each derived from one decision.

For someone who plans to leave China before the retirement month (no return recorded), first the departure and
what the whole report assumes (``retirement``: nothing is paid in China after it), then what happens to the account
on leaving (``withdrawal``: 人社部令第16号 第六条 for a foreign national, the place's rule on settling abroad for a
citizen); the medical years short are then said to matter only on a return, the cost runs until the departure, and
the next deadline is one before leaving that the account line does not already give.

Then, in order: when you retire (``retirement``); whether you will have lifelong retiree cover
(``medical_years``) and, where years are short, what it takes (``backpay``); what the medical contributions cost
from now until retirement (``retirement``: the span ends at the chosen month); the next deadline of an option (the decision offering it);
what to ask locally (the decision that first read a figure the data does not know). Each line is meaning only: a
code, the decision it comes from and a message (catalog context ``summary``), put into words by the report."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Mapping

from msgspec import Struct

from ..core.facts import ABSENT
from ..core.months import Month
from ..core.trace import Step, param_steps
from ..core.values import Age, Months, Region, Yuan
from ..data.i18n import Msg, msg
from ..data.policy import stale
from ..profile.model import Profile
from ..rules.context import Context
from ..rules.outcome import Outcome
from .costs import contributions

MIN_LINES, MAX_LINES = 3, 7


class Line(Struct, frozen=True):
    """One line of the summary: what it says (``code``), the decision it comes from, and its message."""

    code: str
    decision: str
    message: Msg

    def text(self, lang: str = "zh") -> str:
        return self.message.text(lang)

    @property
    def brief(self) -> Msg:
        """The line in a few words (catalog context ``summary.short``), for a screen with little room."""
        return msg("summary.short", self.code, **self.message.args)

    def to_dict(self, lang: str = "zh") -> dict:
        return {"code": self.code, "text": self.text(lang), "decision": self.decision}


def unknown_reads(traces: Iterable[tuple[str, Step]]) -> list[tuple[str, str]]:
    """``(figure, decision)`` for each parameter read and found unknown (not overridden, and in force somewhere),
    or that an estimate stood in for (a step naming its ``missing_figure``), once per figure, in the order first
    read, with the decision that first read it."""
    out: dict[str, str] = {}
    for key, top in traces:
        for step in top.walk():
            name = step.inputs.get("missing_figure")
            if name is None:
                if not step.is_param or step.inputs.get("overridden") or step.result is not None:
                    continue
                if step.inputs.get("effective_from") is None:
                    continue  # no entry anywhere, or none in force then: a figure this place simply does not have
                name = step.param_name
            out.setdefault(name, key)
    return list(out.items())


def stale_reads(decisions: Mapping[str, Outcome], as_of: date) -> list[tuple[tuple[str, str], str]]:
    """``((figure, region), decision)`` for each figure read two years or more before ``as_of`` (not the person's own,
    and known), once per figure and region, in the order first read, with the decision that first read it: the
    figures the report asks about again."""
    out: dict[tuple[str, str], str] = {}
    for key, outcome in decisions.items():
        for step in param_steps(outcome.trace):
            if step.inputs.get("overridden") or step.result is None:
                continue
            if stale(step.inputs.get("read_on") or step.inputs.get("learned_on"), as_of):
                out.setdefault((step.param_name, step.inputs["region"]), key)
    return list(out.items())


def decision_traces(decisions: Mapping[str, Outcome]) -> list[tuple[str, Step]]:
    """Every decision's top steps, each with its decision's key."""
    return [(key, top) for key, outcome in decisions.items() for top in outcome.trace]


def _facts(decisions: Mapping[str, Outcome], key: str, *names: str) -> Any:
    """The facts of decision ``key`` if it ran and holds every one of ``names``; None otherwise (a report of some
    decisions only, as a test or an older caller builds it, gets the lines it can)."""
    outcome = decisions.get(key)
    if outcome is None or not all(name in outcome.facts for name in names):
        return None
    return outcome.facts


def _retirement(decisions: Mapping[str, Outcome]) -> Line | None:
    f = _facts(decisions, "retirement", "retired", "chosen_date", "pension_met", "chosen_age_months",
               "pension_min_months")
    if f is None:
        return None
    if f["retired"]:
        return Line("retired", "retirement", msg("summary", "retired", date=f["chosen_date"]))
    if f["pension_met"] is False:
        return Line("retire_pension_short", "retirement",
                    msg("summary", "retire_pension_short", date=f["chosen_date"], age=Age(f["chosen_age_months"]),
                        years=Months(f["pension_min_months"] or 0)))
    return Line("retire", "retirement", msg("summary", "retire", date=f["chosen_date"],
                                             age=Age(f["chosen_age_months"])))


def _departure(decisions: Mapping[str, Outcome]) -> Month | None:
    """The planned departure from China before the retirement month, no return recorded (None: none)."""
    f = _facts(decisions, "retirement", "leaves_before_retirement")
    return None if f is None else f["leaves_before_retirement"]


def _leaving(as_of: date, decisions: Mapping[str, Outcome]) -> Line | None:
    """The departure, planned or (by ``as_of``) past, and what the report assumes: no return to work in China."""
    leave = _departure(decisions)
    if leave is None:
        return None
    code = "left" if leave <= Month.from_date(as_of) else "leaving"
    return Line(code, "retirement", msg("summary", code, date=leave))


#: the summary code of the account on leaving, by route and by whether the place pays it out (True, None, False)
ACCOUNT_CODES = {"foreign_national_leaving": {True: "account_kept", None: "account_leaving_unknown",
                                              False: "account_leaving_no"},
                 "emigration": {True: "account_emigrating", None: "account_emigrating_unknown",
                                False: "account_emigrating_no"}}


def _account(decisions: Mapping[str, Outcome]) -> Line | None:
    """What happens to the account on leaving: the foreign national's route where the person is one (人社部令第16号
    第六条), the route of settling abroad otherwise; none without an account."""
    if _departure(decisions) is None:
        return None
    f = _facts(decisions, "withdrawal", "routes", "has_funds")
    if f is None or f["has_funds"] is False:
        return None
    by = {r["code"]: r for r in f["routes"]}
    route = by.get("foreign_national_leaving") or by.get("emigration")
    if route is None:
        return None
    code = ACCOUNT_CODES[route["code"]][route["available"]]
    return Line(code, "withdrawal", msg("summary", code, place=Region(route["asked_region"])))


def _cover(decisions: Mapping[str, Outcome]) -> list[Line]:
    f = _facts(decisions, "medical_years", "met", "counted_months", "required_months", "shortfall_months")
    if f is None:
        return []
    if f["met"] is True:
        return [Line("cover_met", "medical_years", msg("summary", "cover_met", counted=Months(f["counted_months"]),
                                                       required=Months(f["required_months"] or 0)))]
    if f["met"] is None:
        return [Line("cover_unknown", "medical_years", msg("summary", "cover_unknown",
                                                           counted=Months(f["counted_months"])))]
    back = "_if_back" if _departure(decisions) is not None else ""  # matters only if the person comes back
    code = "cover_short" + back
    out = [Line(code, "medical_years", msg("summary", code, shortfall=Months(f["shortfall_months"])))]
    b = _facts(decisions, "backpay", "needed", "deadline_passed", "deadline", "price_yuan", "shortfall_months")
    if b is not None and b["needed"]:
        if b["deadline_passed"]:
            out.append(Line("backpay_late", "backpay", msg("summary", "backpay_late", deadline=b["deadline"])))
        elif b["price_yuan"] is not None:
            kind = "estimate" if b.get("price_is_estimate") else "price"
            code = f"backpay_if_back_{kind}" if back else f"backpay_{kind}"
            out.append(Line(code, "backpay", msg("summary", code, price=Yuan(b["price_yuan"]),
                                                 deadline=b["deadline"])))
        else:
            code = "backpay_if_back_unknown" if back else "backpay_unknown"
            out.append(Line(code, "backpay", msg("summary", code, months=Months(b["shortfall_months"]),
                                                 deadline=b["deadline"])))
    return out


def _cost(profile: Profile, as_of: date, decisions: Mapping[str, Outcome]) -> Line | None:
    f = _facts(decisions, "retirement", "retired", "chosen_date")
    if f is None or f["retired"]:
        return None
    ctx = Context(profile, as_of)
    ctx.facts = {k: o.facts for k, o in decisions.items()}
    costs = contributions(ctx, f["chosen_date"])
    if costs.span_months <= 0:
        return None
    if costs.contributions_yuan is None:
        return Line("cost_unknown", "retirement", msg("summary", "cost_unknown", months=Months(costs.span_months)))
    if not costs.contributions_yuan and costs.uninsured_months:
        return Line("cost_uninsured", "retirement", msg("summary", "cost_uninsured",
                                                        months=Months(costs.uninsured_months)))
    code = "cost_estimate" if costs.contributions_is_estimate else "cost"
    if _departure(decisions) is not None:  # the months paid are those before the departure
        code = "cost_leaving_estimate" if costs.contributions_is_estimate else "cost_leaving"
    # the months paid: a month without insurance (after a planned departure, say) costs nothing and is not counted
    paid = Months(costs.span_months - costs.uninsured_months)
    subsidy = costs.subsidy_yuan
    if subsidy is not ABSENT:
        if subsidy is None:
            return Line("cost_subsidy_unknown", "retirement",
                        msg("summary", "cost_subsidy_unknown", total=Yuan(costs.contributions_yuan),
                            months=paid))
        if subsidy > 0:
            part = costs.subsidy_unknown_months > 0
            code = "cost_subsidy_part" if part else "cost_subsidy"
            return Line(code, "retirement", msg("summary", code, total=Yuan(costs.contributions_yuan),
                                                months=paid, subsidy=Yuan(subsidy),
                                                paid=Months(costs.subsidy_months),
                                                unknown=Months(costs.subsidy_unknown_months)))
    return Line(code, "retirement", msg("summary", code, total=Yuan(costs.contributions_yuan),
                                        months=paid))


def _deadline(as_of: date, decisions: Mapping[str, Outcome]) -> Line | None:
    """The nearest deadline still open; for someone leaving China, only one up to the departure (later ones apply
    only on a return) and not the account's (its own line says to choose before leaving)."""
    now = Month.from_date(as_of)
    leave = _departure(decisions)
    found = [(opt.deadline, key, opt) for key, outcome in decisions.items() for opt in outcome.options
             if opt.deadline is not None and opt.deadline >= now
             and (leave is None or opt.deadline <= leave and key != "withdrawal")]
    if not found:
        return None
    deadline, key, opt = min(found, key=lambda f: f[0])
    return Line("deadline", key, msg("summary", "deadline", date=deadline, what=opt.title_message,
                                     decision=msg("decision", key)))


def _ask(as_of: date, decisions: Mapping[str, Outcome]) -> Line | None:
    """How many questions to ask locally: one per figure the data does not know, and one per figure read long ago
    (as many as the report's list of questions holds), and the decision the first is about."""
    asked = [decision for _, decision in unknown_reads(decision_traces(decisions))]
    asked += [decision for _, decision in stale_reads(decisions, as_of)]
    if not asked:
        if "medical_years" not in decisions:
            return None
        return Line("ask_confirm", "medical_years", msg("summary", "ask_confirm"))
    return Line("ask", asked[0], msg("summary", "ask", n=len(asked), decision=msg("decision", asked[0])))


def summary(profile: Profile, as_of: date, decisions: Mapping[str, Outcome]) -> list[Line]:
    """The report's opening lines (three to seven), each naming the decision it comes from."""
    lines = [_leaving(as_of, decisions), _account(decisions), _retirement(decisions), *_cover(decisions),
             _cost(profile, as_of, decisions), _deadline(as_of, decisions), _ask(as_of, decisions)]
    return [line for line in lines if line is not None][:MAX_LINES]
