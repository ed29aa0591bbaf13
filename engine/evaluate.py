"""``evaluate(profile, as_of)``: run every decision in order, each inside its own traced step."""

from __future__ import annotations

from datetime import date
from typing import Sequence

from .facts import Decision
from .model import Profile
from .report import Report


class DecisionOrderError(RuntimeError):
    """A decision reads the facts of one that has not run before it (a fault of the registry, not of the input)."""


def evaluate(profile: Profile, as_of: date, decisions: Sequence[Decision] | None = None) -> Report:
    """Pure: the same profile and date always give the same report. Later decisions read earlier facts, and each
    may read only the decisions it names in ``reads``, all of which must have run before it."""
    if not isinstance(as_of, date):
        raise TypeError("as_of must be a datetime.date")
    from .context import Context  # the rules and their data load with the first evaluation, not with the package

    if decisions is None:
        from .decisions import DECISIONS as decisions
    check_order(decisions)
    ctx = Context(profile, as_of)
    outcomes = {}
    for decision in decisions:
        with ctx.step("decision:" + decision.key) as node:
            outcome = decision.decide(ctx)
        node.result = outcome.status
        node.passed = {"met": True, "not_met": False}.get(outcome.status)
        outcome.trace = node.children
        ctx.facts[decision.key] = outcome.facts
        outcomes[decision.key] = outcome
    return Report(as_of, profile, outcomes)


def check_order(decisions: Sequence[Decision]) -> None:
    """Every decision's ``reads`` names a decision that runs before it."""
    ran: set[str] = set()
    for decision in decisions:
        missing = [r for r in decision.reads if r not in ran]
        if missing:
            raise DecisionOrderError(f"decision {decision.key!r} reads {missing} before they run")
        ran.add(decision.key)
