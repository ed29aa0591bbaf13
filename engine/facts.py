"""Typed facts: each decision returns a frozen dataclass of its facts and names the decisions it reads.

    @dataclass(frozen=True)
    class RetirementFacts(Facts):
        original_age: int
        chosen_date: Month
        ...

    DECISION = Decision("retirement", decide, RetirementFacts, reads=())

``to_dict()`` gives exactly the JSON facts (field order kept, months as ``YYYY-MM``, typed values as plain
numbers). Reading a fact by key (``facts["chosen_date"]``, ``facts.get("met")``) still works, so a later decision
or a view can read an earlier one's facts either way while the code moves to attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Callable, Iterator


@dataclass(frozen=True)
class Facts:
    """Base of every decision's facts."""

    def to_dict(self) -> dict[str, Any]:
        from .trace import jsonable

        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}

    # mapping-style reading, for views and for code that has not moved to attributes yet
    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and hasattr(self, key)

    def keys(self) -> list[str]:
        return [f.name for f in fields(self)]

    def items(self) -> Iterator[tuple[str, Any]]:
        return ((k, getattr(self, k)) for k in self.keys())


@dataclass(frozen=True)
class Decision:
    """One decision: its key (the JSON name), the function that decides, the type of its facts, the earlier
    decisions it reads, and for the app its key figure (a few words beside the verdict) in a language."""

    key: str
    decide: Callable
    facts: type
    reads: tuple[str, ...] = ()
    key_figure: Callable[[Any, str], str] | None = None
