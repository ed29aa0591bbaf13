"""``evaluate(profile, as_of)``: run every decision in order, each inside its own traced step."""

from __future__ import annotations

from datetime import date

from .model import Profile
from .report import Report


def evaluate(profile: Profile, as_of: date) -> Report:
    """Pure: the same profile and date always give the same report. Later decisions read earlier facts."""
    if not isinstance(as_of, date):
        raise TypeError("as_of must be a datetime.date")
    from .context import Context  # the rules and their data load with the first evaluation, not with the package
    from .decisions import DECISIONS

    ctx = Context(profile, as_of)
    outcomes = {}
    for key, decide in DECISIONS:
        with ctx.step("decision:" + key) as node:  # its title: the catalog's (decision, key)
            outcome = decide(ctx)
        node.result = outcome.status
        node.passed = {"met": True, "not_met": False}.get(outcome.status)
        outcome.trace = node.children
        ctx.facts[key] = outcome.facts
        outcomes[key] = outcome
    return Report(as_of, profile, outcomes)
