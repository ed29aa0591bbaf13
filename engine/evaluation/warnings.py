"""The profile checked against itself: a list of warnings computed from a report, shown first (docs/contract.md §4).

Each warning is ``{code, message, fields}``: the message comes from the catalog in the report's language, and
``fields`` are the profile fields concerned as plain paths the app can map (``person.original_retirement_age``,
``periods[3].end``, ``policy_overrides."medical.min_years.female"``). The codes:

- ``contributions_after_retirement``: employee medical or pension months recorded (or ongoing) after the chosen
  retirement month while ``as_of`` is past it. They are silently not counted, so the likely cause is said (a
  woman insured as a flexible worker is mostly on 55, not 50) with the other outcome.
- ``original_age_assumed``: a woman's original retirement age was not given; the outcome with the other age is
  shown beside it (:func:`retirement_with_age`).
- ``region_not_covered``: the place has no data of its own; which key figures came from its province, the
  national rules, or are unknown (:mod:`engine.evaluation.coverage`).
- ``conflicting_sources``: a parameter step that carries ``alternatives`` (sources that disagree).
- ``deadline_passed``: the ``backpay`` decision says its deadline has passed (or, without that decision, a
  lump-sum back-payment option's deadline is before ``as_of``).
- ``pension_wait``: the minimum pension years (国务院关于渐进式延迟法定退休年龄的办法 第二条) are not reached by the
  chosen retirement month: paying on month by month, the pension (and, in many places, retiree medical cover)
  starts only when they are, and the medical contributions meanwhile are named (months without insurance are not
  priced; after a planned departure they are said to apply only on a return); or a lump sum lets it start then.

Pure: no clock, no files; the only extra work is one more evaluation of the retirement rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
from msgspec import Struct

from ..core.months import Month
from ..core.trace import param_steps
from ..core.values import Age, Months, Region, Term, Yuan
from ..data.i18n import Msg, msg, text
from ..data.params import OVERRIDABLE
from ..data.phrases import sentences
from ..rules.context import Context
from ..rules.decisions import retirement
from .coverage import coverage

CODES = ("contributions_after_retirement", "original_age_assumed", "region_not_covered", "conflicting_sources",
         "deadline_passed", "pension_wait")


class ProfileWarning(Struct, frozen=True):
    """One warning: its code, its message (messages joined as sentences) and the profile fields concerned."""

    code: str
    parts: tuple[Any, ...]
    fields: tuple[str, ...] = ()

    def title(self, lang: str = "zh") -> str:
        return text(f"warning.{self.code}", "title", lang)

    def message(self, lang: str = "zh") -> str:
        return sentences(self.parts, lang)

    def to_dict(self, lang: str = "zh") -> dict:
        return {"code": self.code, "message": self.message(lang), "fields": list(self.fields)}


def _get(facts: Any, key: str, default: Any = None) -> Any:
    """A fact from a Facts object, a dict, or anything with attributes (read defensively)."""
    if facts is None:
        return default
    getter = getattr(facts, "get", None)
    if callable(getter):
        try:
            return getter(key, default)
        except TypeError:
            pass
    return getattr(facts, key, default)


def _month(value: Any) -> Month | None:
    if isinstance(value, Month):
        return value
    if isinstance(value, str):
        try:
            return Month.parse(value)
        except (ValueError, TypeError):
            return None
    return None


# --- the other original age ---------------------------------------------------------------------------------------
def retirement_with_age(profile: Any, as_of: date, age: int) -> dict[str, Any]:
    """The retirement outcome if the original retirement age were ``age``: ``chosen_date``, ``chosen_age_months``,
    ``retired`` and ``legal_date``. A small extra evaluation of the retirement rule alone."""
    person = msgspec.structs.replace(profile.person, original_retirement_age=age)
    ctx = Context(msgspec.structs.replace(profile, person=person), as_of)
    facts = retirement.decide(ctx).facts
    return {k: _get(facts, k) for k in ("chosen_date", "chosen_age_months", "retired", "legal_date")}


def _when(outcome: dict[str, Any]) -> Msg:
    key = "retired" if outcome["retired"] else "will_retire"
    return msg("retirement.verdict", key, date=outcome["chosen_date"], age=Age(outcome["chosen_age_months"]))


def _alternative(report: Any, age: int) -> Msg | None:
    try:
        other = retirement_with_age(report.profile, report.as_of, age)
    except Exception:  # noqa: BLE001 - a warning must never break the report
        return None
    if other.get("chosen_date") is None or other.get("chosen_age_months") is None:
        return None
    return msg("warning", "alternative", age=Age(age * 12), when=_when(other))


# --- the checks ---------------------------------------------------------------------------------------------------
def _after_retirement(report: Any) -> ProfileWarning | None:
    outcome = report.decisions.get("retirement")
    facts = outcome.facts if outcome is not None else None
    chosen = _month(_get(facts, "chosen_date"))
    now = Month.from_date(report.as_of)
    if chosen is None or now <= chosen:
        return None
    profile = report.profile
    concerned: list[int] = []
    ongoing = False
    last: Month | None = None
    kinds: list[str] = []
    for i, p in enumerate(profile.periods):
        if p.insurance not in ("employee_medical", "pension"):
            continue
        if p.end is None:
            if p.start > now:
                continue
            ongoing = True
        elif p.end > chosen:
            last = p.end if last is None or p.end > last else last
        else:
            continue
        concerned.append(i)
        if p.insurance not in kinds:
            kinds.append(p.insurance)
    if not concerned:
        return None
    age = _get(facts, "original_age") or 0
    kinds.sort(key=("employee_medical", "pension").index)
    args = dict(insurance=[Term(k) for k in kinds], age=Age(age * 12), chosen=chosen)
    parts: list[Any] = [msg("warning.contributions_after_retirement", "ongoing", **args) if ongoing
                        else msg("warning.contributions_after_retirement", "recorded", last=last, **args)]
    female = profile.person.sex == "female"
    flexible = any(profile.periods[i].effective_status == "flexible" for i in concerned)
    if female and age == 50:
        if flexible:
            parts.append(msg("warning.contributions_after_retirement", "cause_flexible"))
        parts.append(_alternative(report, 55))
    if not (female and age == 50 and flexible):
        parts.append(msg("warning.contributions_after_retirement", "cause_general"))
    fields = (["person.original_retirement_age"] if female else []) + ["person.birth"]
    fields += [f"periods[{i}].end" for i in concerned]
    return ProfileWarning("contributions_after_retirement", tuple(parts), tuple(fields))


def _age_assumed(report: Any) -> ProfileWarning | None:
    outcome = report.decisions.get("retirement")
    facts = outcome.facts if outcome is not None else None
    if _get(facts, "original_age_assumed") is not True:
        return None
    age = _get(facts, "original_age") or 55
    parts = [msg("warning.original_age_assumed", "message", age=Age(age * 12))]
    other = 50 if age != 50 else 55
    parts.append(_alternative(report, other))
    parts.append(msg("warning.original_age_assumed", "fix"))
    return ProfileWarning("original_age_assumed", tuple(parts), ("person.original_retirement_age",))


def _not_covered(report: Any) -> ProfileWarning | None:
    found = coverage(report)
    message = found.message()
    if message is None:
        return None
    return ProfileWarning("region_not_covered", (message,), ("person.region",))


def _alternative_value(alt: Any) -> tuple[Any, str | None]:
    """(value, source title) of one alternative, whatever its shape: a dict, an object, or a bare value."""
    if isinstance(alt, dict):
        return alt.get("value"), alt.get("source") or alt.get("title") or alt.get("ref")
    if hasattr(alt, "value"):
        return getattr(alt, "value"), getattr(alt, "source", None) or getattr(alt, "ref", None)
    return alt, None


def _conflicts(report: Any) -> list[ProfileWarning]:
    out: list[ProfileWarning] = []
    seen: set[tuple[str, str]] = set()
    for outcome in report.decisions.values():
        for step in param_steps(outcome.trace):
            alts = step.inputs.get("alternatives")
            if not alts or not isinstance(alts, (list, tuple)):
                continue
            name = step.param_name
            region = str(step.inputs.get("region", "national"))
            if (name, region) in seen:
                continue
            main_source = step.source.title if step.source is not None else None
            values = [(step.result, main_source)] + [_alternative_value(a) for a in alts]
            if len({repr(v) for v, _ in values}) < 2:
                continue
            seen.add((name, region))
            shown = [msg("warning.conflicting_sources", "value" if src else "value_only", value=v,
                         source=src or "") for v, src in values]
            parts = (msg("warning.conflicting_sources", "message", title=msg("param", name),
                         place=Region(region), values=shown),)
            fields = (f'policy_overrides."{name}"',) if name in OVERRIDABLE else ()
            out.append(ProfileWarning("conflicting_sources", parts, fields))
    return out


def _deadline(report: Any) -> ProfileWarning | None:
    now = Month.from_date(report.as_of)
    backpay = report.decisions.get("backpay")
    deadline: Month | None = None
    if backpay is not None:
        if _get(backpay.facts, "deadline_passed") is True:
            deadline = _month(_get(backpay.facts, "deadline"))
            if deadline is None:
                deadline = _month(str(_get(backpay.facts, "deadline")))
    else:  # without the decision: a lump-sum option whose deadline is already behind
        years = report.decisions.get("medical_years")
        for option in (years.options if years is not None else []):
            if option.code == "backpay_lump_sum" and option.deadline is not None and option.deadline < now:
                deadline = option.deadline
                break
    if deadline is None:
        return None
    parts = (msg("warning.deadline_passed", "message", deadline=deadline), msg("warning.deadline_passed", "still"))
    return ProfileWarning("deadline_passed", parts, ("plans.backpay_at_retirement",))


def _pension_wait(report: Any) -> ProfileWarning | None:
    ret = report.decisions.get("retirement")
    facts = ret.facts if ret is not None else None
    plan = _get(facts, "pension_shortfall_plan")
    if plan is None:
        return None
    chosen, start = _get(facts, "chosen_date"), _get(facts, "pension_start")
    short = (_get(facts, "pension_min_months") or 0) - (_get(facts, "pension_months") or 0)
    parts: list[Any] = [msg("warning.pension_wait", "short", min=Months(_get(facts, "pension_min_months") or 0),
                            chosen=chosen, have=Months(_get(facts, "pension_months") or 0), months=Months(short))]
    if plan == "lump_sum":
        parts.append(msg("warning.pension_wait", "lump_sum", chosen=chosen))
    else:
        years = report.decisions.get("medical_years")
        cost = _get(years.facts, "extension_cost_yuan") if years is not None else None
        estimate = _get(years.facts, "extension_cost_is_estimate") if years is not None else False
        wait = Months(_get(facts, "pension_wait_months") or 0)
        leave = _get(facts, "leaves_before_retirement")
        # every month of the wait without insurance: nothing to price (not a price unknown)
        uninsured = years is not None and \
            _get(years.facts, "extension_uninsured_months") == _get(facts, "pension_wait_months")
        if leave is not None:  # the months of the wait come after the departure: paid only on a return
            parts.append(msg("warning.pension_wait", "monthly_if_back", leave=leave, start=start, months=wait))
        else:
            parts.append(msg("warning.pension_wait", "monthly", start=start, months=wait))
        if cost is not None:
            parts.append(msg("warning.pension_wait", "cost_estimate" if estimate else "cost", cost=Yuan(cost)))
        elif leave is None:
            parts.append(msg("warning.pension_wait", "uninsured_cost" if uninsured else "unknown_cost"))
        parts.append(msg("warning.pension_wait", "or_lump_sum", chosen=chosen))
    return ProfileWarning("pension_wait", tuple(parts), ("plans.pension_shortfall",))


def compute(report: Any) -> list[ProfileWarning]:
    """Every warning of a report, in the order of :data:`CODES`."""
    out: list[ProfileWarning] = []
    for check in (_after_retirement, _age_assumed, _not_covered):
        found = check(report)
        if found is not None:
            out.append(found)
    out += _conflicts(report)
    for check in (_deadline, _pension_wait):
        found = check(report)
        if found is not None:
            out.append(found)
    return out


def warnings_dicts(report: Any, lang: str = "zh") -> list[dict]:
    """The ``warnings`` list of the JSON report."""
    return [w.to_dict(lang) for w in compute(report)]
