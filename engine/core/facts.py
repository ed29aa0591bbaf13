"""Typed facts: each decision returns a frozen record (a msgspec Struct) of its facts and names the decisions it reads.

    class RetirementFacts(Facts, frozen=True):
        original_age: int
        chosen_date: Month
        ...

    DECISION = Decision("retirement", decide, RetirementFacts, reads=())

``to_dict()`` gives exactly the JSON facts (field order kept, months as ``YYYY-MM``, typed values as plain
numbers). Reading a fact by key (``facts["chosen_date"]``, ``facts.get("met")``) still works, so a later decision
or a view can read an earlier one's facts either way while the code moves to attributes.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from msgspec import Struct

from .values import jsonable


class _Absent:
    """The value of a fact a decision did not record on this path: left out of ``to_dict()`` and of the keys."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


#: a fact recorded only on some paths (today's JSON has the key only there); the default of such fields
ABSENT: Any = _Absent()


class Facts(Struct, frozen=True):
    """Base of every decision's facts."""

    def to_dict(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in _pairs(self)}

    def plain(self) -> dict[str, Any]:
        """Nested facts (an item of a list, a top-up) serialise as their dict (:func:`engine.core.values.jsonable` calls this)."""
        return self.to_dict()

    # mapping-style reading, for views and for code that has not moved to attributes yet
    def __getitem__(self, key: str) -> Any:
        value = getattr(self, key, ABSENT)
        if value is ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, default)
        return default if value is ABSENT else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and getattr(self, key, ABSENT) is not ABSENT

    def keys(self) -> list[str]:
        return [k for k, _ in _pairs(self)]

    def items(self) -> Iterator[tuple[str, Any]]:
        """(A decision whose facts have a field named ``items``, like gaps, is read with ``to_dict().items()``.)"""
        return iter(_pairs(self))


def _pairs(facts: Facts) -> list[tuple[str, Any]]:
    """The recorded facts in field order, without the ABSENT ones."""
    out = []
    for name in facts.__struct_fields__:
        value = getattr(facts, name)
        if value is not ABSENT:
            out.append((name, value))
    return out


class Decision(Struct, frozen=True):
    """One decision: its key (the JSON name), the function that decides, the type of its facts, the earlier
    decisions it reads, and for the app its key figure (a few words beside the verdict) in a language."""

    key: str
    decide: Callable
    facts: type
    reads: tuple[str, ...] = ()
    key_figure: Callable[[Any, str], str] | None = None
    #: the months this decision marks on the app's timeline: facts → [(code, month)] (code e.g. ``reform_account``)
    marks: Callable[[Any], list] | None = None

    def figure(self, facts: Any, lang: str) -> str:
        """The key figure for these facts in ``lang``; empty when the decision has none or there are no facts."""
        if self.key_figure is None or facts is None:
            return ""
        return self.key_figure(facts, lang)

    def timeline_marks(self, facts: Any) -> list:
        return [] if self.marks is None or facts is None else list(self.marks(facts))
