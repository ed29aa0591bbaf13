"""What ``evaluate`` returns: one outcome per decision, with its verdict, facts, options and trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import Profile
from .months import Month
from .trace import Step, jsonable

STATUSES = ("met", "not_met", "unknown", "info")


@dataclass(frozen=True)
class Option:
    """Something the person can do about a decision that is not in their favour."""

    code: str
    title: str
    title_en: str
    detail: str = ""
    detail_en: str = ""
    price_yuan: float | None = None
    deadline: Month | None = None
    months: int | None = None

    def to_dict(self, lang: str = "zh") -> dict:
        en = lang == "en"
        return {
            "code": self.code,
            "title": self.title_en if en else self.title,
            "detail": self.detail_en if en else self.detail,
            "price_yuan": self.price_yuan,
            "deadline": jsonable(self.deadline),
            "months": self.months,
        }


@dataclass
class Outcome:
    """A decision's answer: ``status`` is met / not_met / unknown / info; the verdict is a plain sentence."""

    status: str
    verdict: str
    verdict_en: str
    facts: dict[str, Any]
    options: list[Option] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "verdict": self.verdict_en if lang == "en" else self.verdict,
            "status": self.status,
            "facts": jsonable(self.facts),
            "options": [o.to_dict(lang) for o in self.options],
            "trace": [s.to_dict(lang) for s in self.trace],
        }


@dataclass
class Report:
    as_of: date
    profile: Profile
    decisions: dict[str, Outcome]

    def to_dict(self, lang: str = "zh") -> dict:
        """Exactly the JSON report of CONTRACT §3."""
        return {
            "schema": 1,
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "profile": {"name": self.profile.name, "region": self.profile.person.region},
            "decisions": {k: o.to_dict(lang) for k, o in self.decisions.items()},
            "to_verify": self.to_verify(lang),
        }

    def to_verify(self, lang: str = "zh") -> list[dict]:
        """What to check with the local office: every figure the report used that is a seed or an assumption, or
        that the data marks as unknown, once per parameter and region, with the decisions that read it."""
        found: dict[tuple[str, str], dict] = {}
        for key, outcome in self.decisions.items():
            for top in outcome.trace:
                for step in top.walk():
                    if not step.is_param or step.inputs.get("overridden"):
                        continue
                    unknown = step.result is None
                    if unknown and step.inputs.get("effective_from") is None:
                        continue  # no entry anywhere: a parameter this region simply does not have
                    if not unknown and step.inputs.get("confidence") not in ("seed", "assumed"):
                        continue
                    name = step.rule[len("param:"):]
                    entry = found.setdefault((name, step.inputs["region"]), {
                        "name": name,
                        "title": (step.title_en if lang == "en" else step.title).removeprefix("parameter ").removeprefix("参数 "),
                        "region": step.inputs["region"], "value": jsonable(step.result),
                        "confidence": step.inputs["confidence"], "unknown": unknown,
                        "note": step.inputs.get("note_en" if lang == "en" else "note"),
                        "source": step.source.to_dict() if step.source else None, "decisions": []})
                    if key not in entry["decisions"]:
                        entry["decisions"].append(key)
        return list(found.values())  # in the order the decisions read them

    def facts(self, decision: str) -> dict[str, Any]:
        return self.decisions[decision].facts

    def step_count(self) -> int:
        return sum(1 for o in self.decisions.values() for s in o.trace for _ in s.walk())
