"""What ``evaluate`` returns: one outcome per decision, with its verdict, facts, options and trace."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, field
from msgspec.structs import force_setattr

from ..data.i18n import Msg
from ..profile.model import Profile
from ..core.months import Month
from ..core.trace import Step, jsonable, param_note, param_title

STATUSES = ("met", "not_met", "unknown", "info")


def _words(message: Msg | None, value: Any, legacy_en: Any, lang: str) -> str:
    if message is not None:
        return message.text(lang)
    if value is None:
        return ""
    return legacy_en if lang == "en" and legacy_en is not None else value


class Option(Struct, frozen=True):
    """Something the person can do about a decision that is not in their favour.

    ``title`` and ``detail`` are messages (:class:`engine.i18n.Msg`): ``Option("pension_extend",
    msg("retirement.option.pension_extend"), msg("retirement.option.pension_extend", "detail", months=Months(n)))``.
    Plain strings with ``title_en``/``detail_en`` are the old way, still read.
    """

    code: str
    title: Any
    title_en: Any = None
    detail: Any = ""
    detail_en: Any = ""
    price_yuan: float | None = None
    deadline: Month | None = None
    months: int | None = None
    _title_msg: Msg | None = None  # set from title and detail as the option is made
    _detail_msg: Msg | None = None

    def __post_init__(self) -> None:
        # a message keeps its id and arguments; title/detail also hold its Chinese text, for old readers
        for name in ("title", "detail"):
            value = getattr(self, name)
            force_setattr(self, f"_{name}_msg", value if isinstance(value, Msg) else None)
            if isinstance(value, Msg):
                force_setattr(self, name, value.text("zh"))

    def title_text(self, lang: str = "zh") -> str:
        return _words(self._title_msg, self.title, self.title_en, lang)

    def detail_text(self, lang: str = "zh") -> str:
        return _words(self._detail_msg, self.detail, self.detail_en, lang)

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "code": self.code,
            "title": self.title_text(lang),
            "detail": self.detail_text(lang),
            "price_yuan": self.price_yuan,
            "deadline": jsonable(self.deadline),
            "months": self.months,
        }


class Outcome(Struct):
    """A decision's answer: ``status`` is met / not_met / unknown / info; the verdict is a plain sentence."""

    status: str
    verdict: Any  # a Msg (the old way: a Chinese string with verdict_en)
    verdict_en: str | None = None
    facts: Any = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)
    message: Msg | None = None  # set from verdict as the outcome is made

    def __post_init__(self) -> None:
        # the verdict's message keeps its id and arguments; ``verdict`` also holds its Chinese text, for old readers
        self.message = self.verdict if isinstance(self.verdict, Msg) else None
        if self.message is not None:
            self.verdict = self.message.text("zh")

    def verdict_text(self, lang: str = "zh") -> str:
        return _words(self.message, self.verdict, self.verdict_en, lang)

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "verdict": self.verdict_text(lang),
            "status": self.status,
            "facts": self.facts.to_dict() if hasattr(self.facts, "to_dict") else jsonable(self.facts),
            "options": [o.to_dict(lang) for o in self.options],
            "trace": [s.to_dict(lang) for s in self.trace],
        }


class Report(Struct):
    as_of: date
    profile: Profile
    decisions: dict[str, Outcome]

    def to_dict(self, lang: str = "zh") -> dict:
        """Exactly the JSON report of CONTRACT §3."""
        from .warnings import warnings_dicts  # the profile checked against itself (engine/warnings.py)

        return {
            "schema": 1,
            "as_of": self.as_of.isoformat(),
            "lang": lang,
            "profile": {"name": self.profile.name, "region": self.profile.person.region},
            "warnings": warnings_dicts(self, lang),
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
                    if not unknown and step.inputs.get("confidence") not in ("unverified", "seed", "assumed"):
                        continue
                    name = step.param_name
                    entry = found.setdefault((name, step.inputs["region"]), {
                        "name": name,
                        "title": param_title(step, lang),
                        "region": step.inputs["region"], "value": jsonable(step.result),
                        "confidence": step.inputs["confidence"], "unknown": unknown,
                        "note": param_note(step, lang),
                        "source": step.source.to_dict() if step.source else None, "decisions": []})
                    if key not in entry["decisions"]:
                        entry["decisions"].append(key)
        return list(found.values())  # in the order the decisions read them

    def facts(self, decision: str) -> dict[str, Any]:
        return self.decisions[decision].facts

    def step_count(self) -> int:
        return sum(1 for o in self.decisions.values() for s in o.trace for _ in s.walk())
