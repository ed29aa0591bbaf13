"""The context a decision runs in: the profile, the date, the tracer and the tracing parameter lookup."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from ..core.months import Month
from ..core.trace import Source, Step, Tracer
from ..core.values import Months
from ..data import policy
from ..data.i18n import Msg
from ..data.params import DECLARATIONS
from ..profile.model import Profile


def _shown(name: str, value: Any) -> Any:
    """A parameter's value as the trace shows it: years and months as durations, the rest as it is."""
    d = DECLARATIONS.get(name)
    if value is None or d is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if d.unit == "years":
        return Months(round(value * 12))
    if d.unit == "months":
        return Months(int(value))
    return value


def _alternative(found: policy.ParamValue) -> dict:
    return {"value": found.value, "region": found.region, "effective_from": found.effective_from,
            "confidence": found.confidence, "source": found.source, "ref": found.ref}


class _Record(NamedTuple):
    """What the trace step of a parameter's value records wherever it is read (the date read at goes between
    ``head`` and ``tail``): the same value found again is recorded the same, so this is built once per value."""

    found: policy.ParamValue
    rule: str
    head: dict
    tail: dict
    source: Source | None
    conflict: tuple[str, dict] | None  # the note's message id and inputs, where sources disagree


#: (name, id of the value found) → its record; the record holds the value, so the id stays its own
_RECORDS: dict[tuple[str, int], _Record] = {}
_RECORDS_MAX = 4096


def _record(name: str, found: policy.ParamValue) -> _Record:
    """The record of reading ``found`` as parameter ``name`` (built once per value, then kept)."""
    kept = _RECORDS.get((name, id(found)))
    if kept is not None and kept.found is found:
        return kept
    head = {"region": found.region, "effective_from": found.effective_from, "confidence": found.confidence,
            "overridden": found.overridden}
    tail: dict[str, Any] = {}
    if found.note:
        tail["note"] = found.note
        tail["note_en"] = found.note_en or found.note
    if found.user_file:
        tail["user_region"] = True  # the user's own file of local figures
        tail["learned_on"] = found.learned_on
    if found.read_on:
        tail["read_on"] = found.read_on
    if found.alternatives:
        tail["alternatives"] = [_alternative(a) for a in found.alternatives]
    source = Source(found.source, found.ref, found.read_at) if found.source else None
    conflict = None
    if found.alternatives:
        with_values = [a for a in found.alternatives if a.known]
        other = with_values[0] if with_values else found.alternatives[0]
        key = "stricter" if found.known and with_values else "unknown_other"
        conflict = (key, {"title": Msg("param", name), "used": _shown(name, found.value),
                          "other": _shown(name, other.value), "used_source": found.source or "",
                          "other_source": other.source or "", "used_region": found.region,
                          "other_region": other.region})
    record = _Record(found, "param:" + name, head, tail, source, conflict)
    if not found.overridden:  # a profile's own figure is made anew at each evaluation: not kept
        if len(_RECORDS) >= _RECORDS_MAX:
            _RECORDS.clear()
        _RECORDS[(name, id(found))] = record
    return record


class Context:
    """Everything a rule may read. Parameters and conditions read through it land in the trace."""

    def __init__(self, profile: Profile, as_of: date):
        self.profile = profile
        self.person = profile.person
        self.region = profile.person.region
        self.as_of = as_of
        self.now = Month.from_date(as_of)
        self.tracer = Tracer()
        self.facts: dict[str, dict] = {}
        self._overrides = profile.overrides
        self._folders = policy.data_folders()  # one evaluation reads one set of data files
        #: what each parameter read in this evaluation found, by (name, region, when)
        self._read: dict[tuple[str, str, Month | date], tuple[_Record, date]] = {}
        #: the parameters read where sources disagree (the report warns ``conflicting_sources``)
        self.conflicts: list[str] = []

    # -- parameters -------------------------------------------------------------------------------------------
    def param(self, name: str, at: Month | date, region: str | None = None) -> policy.ParamValue:
        """Read a parameter in force at ``at`` for ``region`` (default: the benefit region) and trace it."""
        region = region or self.region
        read = self._read.get((name, region, at))
        if read is None:
            read = self._read[(name, region, at)] = self._find(name, region, at)
        record, day = read
        found = record.found
        leaf = self.tracer.leaf(record.rule, {**record.head, "at": day, **record.tail}, found.value, None,
                                record.source)
        if record.conflict is not None:
            self.conflicts.append(name)
            key, note = record.conflict
            leaf.children.append(Step("param.conflict", inputs=dict(note), key=key))
        return found

    def _find(self, name: str, region: str, at: Month | date) -> tuple[_Record, date]:
        """The value of ``name`` in force at ``at`` (the profile's override first), as its trace step records it,
        and the day it was read at."""
        day = at.first_day() if isinstance(at, Month) else at
        if name in self._overrides:
            found = policy.ParamValue(name, self._overrides[name], region, None, "user", "[policy_overrides]",
                                      overridden=True)
        else:
            found = policy.lookup(name, region, day, self._folders)
        return _record(name, found), day

    def param_or_today(self, name: str, at: Month, since: Month, region: str | None = None,
                       rule: str = "rule_of_today") -> tuple[policy.ParamValue, bool]:
        """The parameter in force at ``at``; where the data only starts later (``since``), the one in force today,
        flagged True and noted in the trace, so that an old event is judged by today's rule openly, not silently."""
        found = self.param(name, at, region)
        if found.known:
            return found, False
        later = max(self.now, since)
        if later <= at:
            return found, False
        self.note(rule, passed=None, parameter=name, at=at, used=later)
        return self.param(name, later, region), True

    def value(self, name: str, at: Month | date, region: str | None = None) -> Any:
        return self.param(name, at, region).value

    # -- conditions and notes ---------------------------------------------------------------------------------
    def check(self, rule: str, *, expected: Any = None, found: Any = None, passed: bool | None = None,
              source: Source | None = None, key: str = "title", **inputs: Any) -> bool | None:
        """Record a condition with what was expected, what was found and whether it passed; return ``passed``.

        ``ctx.check("retirement.pension_years", expected=Months(180), found=Months(n), passed=n >= 180)``: the
        title is the catalog's message ``rule``/``key``, filled from the typed inputs.
        """
        self.tracer.leaf(rule, {"expected": expected, "found": found, **inputs}, passed, passed, source, key)
        return passed

    def note(self, rule: str, *, result: Any = None, source: Source | None = None, passed: bool | None = None,
             key: str = "title", **inputs: Any) -> Step:
        """Record a rule applied (or, with ``passed=False``, considered and not applied).

        ``ctx.note("retirement.legal_date", result=date, source=ART1, age=Age(m))``; ``key`` chooses another
        message of the rule's context (``key="assumed"``).
        """
        return self.tracer.leaf(rule, inputs, result, passed, source, key)

    def step(self, rule: str, *, source: Source | None = None, key: str = "title", **inputs: Any):
        """Open a step that later records nest under (a context manager yielding the step)."""
        return self.tracer.step(rule, source, inputs, key)
