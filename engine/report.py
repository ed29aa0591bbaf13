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
        }

    def facts(self, decision: str) -> dict[str, Any]:
        return self.decisions[decision].facts

    def step_count(self) -> int:
        return sum(1 for o in self.decisions.values() for s in o.trace for _ in s.walk())
