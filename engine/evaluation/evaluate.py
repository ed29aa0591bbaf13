"""``evaluate(profile, as_of)``: run every decision in order, each inside its own traced step."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Iterator, Sequence

from ..core.facts import Decision
from ..profile.model import Profile
from ..rules.context import Context
from ..rules.decisions import DECISIONS
from .report import Report


#: what a decision's step records as passed, by its outcome's status (unknown and info: None)
_PASSED = {"met": True, "not_met": False}


class DecisionOrderError(RuntimeError):
    """A decision reads the facts of one that has not run before it (a fault of the registry, not of the input)."""


def evaluate(profile: Profile, as_of: date, decisions: Sequence[Decision] | None = None) -> Report:
    """Pure: the same profile and date always give the same report. Later decisions read earlier facts, and each
    may read only the decisions it names in ``reads``, all of which must have run before it."""
    if not isinstance(as_of, date):
        raise TypeError("as_of must be a datetime.date")
    if decisions is None:
        decisions = DECISIONS
    check_order(decisions)
    ctx = Context(profile, as_of)
    facts: dict[str, Any] = {}
    outcomes = {}
    open_step = ctx.tracer.step
    for decision in decisions:
        ctx.facts = FactsView(facts, decision)
        with open_step("decision:" + decision.key) as node:
            outcome = decision.decide(ctx)
        node.result = outcome.status
        node.passed = _PASSED.get(outcome.status)
        outcome.trace = node.children
        facts[decision.key] = outcome.facts
        outcomes[decision.key] = outcome
    ctx.facts = facts
    return Report(as_of, profile, outcomes)


class FactsView(Mapping):
    """The earlier facts as one decision sees them: only those of the decisions it names in ``reads``; reading
    another is a fault of the registry and fails loudly instead of silently finding nothing."""

    __slots__ = ("_facts", "_decision")

    def __init__(self, facts: dict[str, Any], decision: Decision):
        self._facts = facts
        self._decision = decision

    def _refuse(self, key: str) -> DecisionOrderError:
        return DecisionOrderError(f"decision {self._decision.key!r} reads {key!r}, which it does not name in "
                                  f"reads={self._decision.reads!r}")

    def __getitem__(self, key: str) -> Any:
        if key not in self._decision.reads:
            raise self._refuse(key)
        return self._facts[key]

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._decision.reads:
            raise self._refuse(key)
        return self._facts.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._facts if k in self._decision.reads)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def check_order(decisions: Sequence[Decision]) -> None:
    """Every decision's ``reads`` names a decision that runs before it."""
    ran: set[str] = set()
    for decision in decisions:
        if not ran.issuperset(decision.reads):
            missing = [r for r in decision.reads if r not in ran]
            raise DecisionOrderError(f"decision {decision.key!r} reads {missing} before they run")
        ran.add(decision.key)
