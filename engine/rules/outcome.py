"""What a decision answers: its verdict, facts, options and trace (:class:`Outcome`), and what the person can do
about it (:class:`Option`); their JSON (``to_dict``), the trace's included (:func:`step_dict`)."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from ..core.months import Month
from ..core.trace import Step
from ..core.values import PLAIN, jsonable
from ..data.glossary import step_text
from ..data.i18n import Msg


def step_dict(step: Step, lang: str = "zh") -> dict:
    """A trace step and the steps under it as the JSON report writes them, titles in ``lang``."""
    inputs = dict(step.inputs)
    for k, v in inputs.items():
        if type(v) not in PLAIN:
            inputs[k] = jsonable(v)
    result = step.result
    source = step.source
    children = step.children
    return {
        "rule": step.rule,
        "title": step_text(step, lang),
        "inputs": inputs,
        "result": result if type(result) in PLAIN else jsonable(result),
        "passed": step.passed,
        "source": None if source is None else source.to_dict(),
        "children": [step_dict(c, lang) for c in children] if children else [],
    }


STATUSES = ("met", "not_met", "unknown", "info")


def _words(value: Any, lang: str) -> str:
    """A message in ``lang``; words already written stay as they are, nothing is ""."""
    if isinstance(value, Msg):
        return value.text(lang)
    return "" if value is None else value


class Option(Struct, frozen=True):
    """Something the person can do about a decision that is not in their favour.

    ``title`` and ``detail`` are messages (:class:`engine.data.i18n.Msg`), put into words only when a view asks
    (``title_text(lang)``): ``Option("pension_extend", msg("retirement.option.pension_extend"),
    msg("retirement.option.pension_extend", "detail", months=Months(n)))``.
    """

    code: str
    title: Any
    detail: Any = ""
    price_yuan: float | None = None
    deadline: Month | None = None
    months: int | None = None
    price_is_estimate: bool = False  # the price rests on an estimated figure (估算)

    @property
    def title_message(self) -> Msg | str:
        """The title as a message (its words in any language), or the plain text an old reader gave."""
        return self.title

    def title_text(self, lang: str = "zh") -> str:
        return _words(self.title, lang)

    def detail_text(self, lang: str = "zh") -> str:
        return _words(self.detail, lang)

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "code": self.code,
            "title": self.title_text(lang),
            "detail": self.detail_text(lang),
            "price_yuan": self.price_yuan,
            "deadline": jsonable(self.deadline),
            "months": self.months,
            "price_is_estimate": self.price_is_estimate,
        }


class Outcome(Struct):
    """A decision's answer: ``status`` is met / not_met / unknown / info; the verdict is a plain sentence, kept as
    its message (``str(outcome.verdict)`` is its Chinese text) and put into words by ``verdict_text(lang)``."""

    status: str
    verdict: Any  # a Msg
    facts: Any = field(default_factory=dict)
    options: list[Option] = field(default_factory=list)
    trace: list[Step] = field(default_factory=list)

    @property
    def message(self) -> Msg | None:
        """The verdict's message (its id and arguments), or None for a verdict given as words."""
        return self.verdict if isinstance(self.verdict, Msg) else None

    def verdict_text(self, lang: str = "zh") -> str:
        return _words(self.verdict, lang)

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "verdict": self.verdict_text(lang),
            "status": self.status,
            "facts": self.facts.to_dict() if hasattr(self.facts, "to_dict") else jsonable(self.facts),
            "options": [o.to_dict(lang) for o in self.options],
            "trace": [step_dict(s, lang) for s in self.trace],
        }
