"""What ``evaluate`` returns: one outcome per decision (:mod:`engine.rules.outcome`), with its verdict, facts,
options and trace; and the JSON report of it all."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from ..core.trace import param_steps
from ..core.values import jsonable
from ..data.glossary import param_note, param_step_title
from ..data.policy import stale
from ..profile.model import Profile
from ..rules.outcome import STATUSES, Option, Outcome
from .summary import Line, summary
from .warnings import warnings_dicts


class Report(Struct):
    as_of: date
    profile: Profile
    decisions: dict[str, Outcome]

    def to_dict(self, lang: str = "zh") -> dict:
        """Exactly the JSON report of docs/contract.md §4."""
        return {
            "schema": 1,
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "profile": {"name": self.profile.name, "region": self.profile.person.region},
            "warnings": warnings_dicts(self, lang),
            "summary": [line.to_dict(lang) for line in self.summary()],
            "decisions": {k: o.to_dict(lang) for k, o in self.decisions.items()},
            "to_verify": self.to_verify(lang),
        }

    def summary(self) -> list[Line]:
        """The lines that open every view of the report (:mod:`.summary`), as meaning."""
        return summary(self.profile, self.as_of, self.decisions)

    def to_verify(self, lang: str = "zh") -> list[dict]:
        """What to check with the local office: every figure the report used that is a seed or an assumption, or
        that the data marks as unknown, once per parameter and region, with the decisions that read it; and every
        figure read two years or more before the report's date (``stale``: it may be out of date), whatever its
        confidence."""
        found: dict[tuple[str, str], dict] = {}
        for key, outcome in self.decisions.items():
            for step in param_steps(outcome.trace):
                if step.inputs.get("overridden"):
                    continue
                unknown = step.result is None
                if unknown and step.inputs.get("effective_from") is None:
                    continue  # no entry anywhere: a parameter this region simply does not have
                read_on = step.inputs.get("read_on") or step.inputs.get("learned_on")
                old = not unknown and stale(read_on, self.as_of)
                if not unknown and not old and step.inputs.get("confidence") not in ("unverified", "seed", "assumed"):
                    continue
                name = step.param_name
                entry = found.setdefault((name, step.inputs["region"]), {
                    "name": name,
                    "title": param_step_title(step, lang),
                    "region": step.inputs["region"], "value": jsonable(step.result),
                    "confidence": step.inputs["confidence"], "unknown": unknown,
                    "note": param_note(step, lang), "read_on": read_on, "stale": old,
                    "source": step.source.to_dict() if step.source else None, "decisions": []})
                if key not in entry["decisions"]:
                    entry["decisions"].append(key)
        return list(found.values())  # in the order the decisions read them

    def facts(self, decision: str) -> dict[str, Any]:
        return self.decisions[decision].facts

    def step_count(self) -> int:
        return sum(1 for o in self.decisions.values() for s in o.trace for _ in s.walk())
