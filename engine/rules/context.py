"""The context a decision runs in: the profile, the date, the tracer and the tracing parameter lookup."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from ..core.months import Month
from ..core.trace import OpenStep, Source, Step, Tracer
from ..core.values import Months
from ..data import policy
from ..data.i18n import Msg
from ..data.params import DECLARATIONS
from ..data.sources import of_value
from ..profile.model import Profile
from .projection import Projection, project, projected_profile


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


class _Read(NamedTuple):
    """A parameter read: the value found and what its trace step records."""

    found: policy.ParamValue
    rule: str
    inputs: dict
    source: Source | None
    conflict: tuple[str, dict] | None  # the note's message id and inputs, where sources disagree


def _read(name: str, found: policy.ParamValue, day: date) -> _Read:
    """What reading ``found`` as parameter ``name`` on ``day`` records: the step's inputs, its source and, where
    sources disagree, the note of which one is used."""
    inputs = {"region": found.region, "effective_from": found.effective_from, "confidence": found.confidence,
              "overridden": found.overridden, "at": day}
    if found.note:
        inputs["note"] = found.note
        inputs["note_en"] = found.note_en or found.note
    if found.user_file:
        inputs["user_region"] = True  # the user's own file of local figures
        inputs["learned_on"] = found.learned_on
    if found.read_on:
        inputs["read_on"] = found.read_on
    if found.alternatives:
        inputs["alternatives"] = [_alternative(a) for a in found.alternatives]
    source = of_value(found)
    conflict = None
    if found.alternatives:
        with_values = [a for a in found.alternatives if a.known]
        other = with_values[0] if with_values else found.alternatives[0]
        key = "stricter" if found.known and with_values else "unknown_other"
        conflict = (key, {"title": Msg("param", name), "used": _shown(name, found.value),
                          "other": _shown(name, other.value), "used_source": found.source or "",
                          "other_source": other.source or "", "used_region": found.region,
                          "other_region": other.region})
    return _Read(found, "param:" + name, inputs, source, conflict)


#: what reading a parameter from the data found, by (name, region, when), kept from one evaluation to the next
#: while the data stays as it was: the same lookup, the same folders, nothing reloaded since (the state it is for
#: first, then the reads)
_kept: tuple[Any, dict[tuple[str, str, Month | date], _Read]] = (None, {})
_KEPT_MAX = 8192


def _reads(state: Any) -> dict[tuple[str, str, Month | date], _Read]:
    """The reads kept for this state of the data; none where it changed (an evaluation still running on the old
    state keeps adding to the old ones, which are let go)."""
    global _kept
    kept_state, reads = _kept
    if kept_state != state or len(reads) >= _KEPT_MAX:
        reads = {}
        _kept = (state, reads)
    return reads


class Context:
    """Everything a rule may read. Parameters and conditions read through it land in the trace."""

    def __init__(self, profile: Profile, as_of: date):
        self.now = Month.from_date(as_of)
        #: the profile as given, and its plans applied once to its periods (:mod:`.projection`): ``profile`` is the
        #: projected one, which every rule reads
        self.given = profile
        self.projection: Projection = project(profile, self.now)
        self.profile = profile = projected_profile(profile, self.projection)
        self.person = profile.person
        self.region = profile.person.region
        self.as_of = as_of
        self.tracer = Tracer()
        self._open = self.tracer.open
        self.facts: dict[str, dict] = {}
        self._overrides = profile.overrides
        # one evaluation reads one set of data files, through the lookup in place as it starts
        self._lookup = policy.lookup
        self._folders = policy.data_folders()
        #: the reads from the data (what an earlier evaluation found with the same data too) and the profile's own
        #: figures, by (name, region, when)
        self._read = _reads((self._lookup, self._folders, policy.reloads()))
        self._own: dict[tuple[str, str, Month | date], _Read] = {}
        #: the parameters read where sources disagree (the report warns ``conflicting_sources``)
        self.conflicts: list[str] = []

    # -- parameters -------------------------------------------------------------------------------------------
    def param(self, name: str, at: Month | date, region: str | None = None) -> policy.ParamValue:
        """Read a parameter in force at ``at`` for ``region`` (default: the benefit region) and trace it."""
        key = (name, region or self.region, at)
        reads = self._own if name in self._overrides else self._read
        read = reads.get(key)
        if read is None:
            read = reads[key] = self._find(*key)
        found, rule, inputs, source, conflict = read
        leaf = Step(rule, dict(inputs), found.value, None, source)
        self._open[-1].children.append(leaf)
        if conflict is not None:
            self.conflicts.append(name)
            which, note = conflict
            leaf.children.append(Step("param.conflict", inputs=dict(note), key=which))
        return found

    def _find(self, name: str, region: str, at: Month | date) -> _Read:
        """The value of ``name`` in force at ``at`` (the profile's override first), as its trace step records it."""
        day = at.first_day() if isinstance(at, Month) else at
        if name in self._overrides:
            found = policy.ParamValue(name, self._overrides[name], region, None, "user", None,
                                      overridden=True)
        else:
            found = self._lookup(name, region, day, self._folders)
        return _read(name, found, day)

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
        self._open[-1].children.append(Step(rule, {"expected": expected, "found": found, **inputs}, passed, passed,
                                            source, key))
        return passed

    def note(self, rule: str, *, result: Any = None, source: Source | None = None, passed: bool | None = None,
             key: str = "title", **inputs: Any) -> Step:
        """Record a rule applied (or, with ``passed=False``, considered and not applied).

        ``ctx.note("retirement.legal_date", result=date, source=ART1, age=Age(m))``; ``key`` chooses another
        message of the rule's context (``key="assumed"``).
        """
        node = Step(rule, inputs, result, passed, source, key)
        self._open[-1].children.append(node)
        return node

    def step(self, rule: str, *, source: Source | None = None, key: str = "title", **inputs: Any):
        """Open a step that later records nest under (a context manager yielding the step)."""
        return OpenStep(self._open, Step(rule, inputs, source=source, key=key))
