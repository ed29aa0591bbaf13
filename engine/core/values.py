"""Typed values: what the rules record where a reader's language writes a number differently.

A duration, an age, an amount, a rate, a code, a place and a list of values are recorded as themselves
(``Months(438)``, ``Region("jiangsu.xuzhou")``); the catalogs put them into words (:func:`engine.data.i18n.show`:
36年6个月 / 36 years 6 months), and JSON takes their plain value (:func:`jsonable`: 438).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from .months import Month


class Months(Struct, frozen=True):
    """A duration in months: 438 → 36年6个月 / 36 years 6 months."""

    n: int

    def plain(self) -> int:
        return self.n


class Age(Struct, frozen=True):
    """An age in months: 731 → 60岁11个月 / 60 years 11 months."""

    months: int

    def plain(self) -> int:
        return self.months


class Yuan(Struct, frozen=True):
    """An amount of money: 96 → 96.00元 / 96.00 yuan."""

    amount: float

    def plain(self) -> float:
        return self.amount


class Rate(Struct, frozen=True):
    """A fraction shown as a percentage: 0.02 → 2%."""

    fraction: float

    def plain(self) -> float:
        return self.fraction


class Term(Struct, frozen=True):
    """A code the profile or the rules use (``pooling_only``, ``employee_medical``, ``official``): its name."""

    code: str

    def plain(self) -> str:
        return self.code


class Region(Struct, frozen=True):
    """A region id, written as the place's name."""

    id: str

    def plain(self) -> str:
        return self.id


class Seq(Struct, frozen=True):
    """Values one after another, between them the catalog's separator ``sep`` (context ``sep``: ``list`` writes
    ``a、b`` / ``a, b``, ``or`` writes ``a 或 b`` / ``a or b``)."""

    items: tuple[Any, ...]
    sep: str = "list"

    def plain(self) -> list[Any]:
        return [plain(v) for v in self.items]


def plain(value: Any) -> Any:
    """A typed value as JSON wants it: durations as months, amounts as numbers, codes as their code."""
    fn = getattr(value, "plain", None)
    return fn() if fn is not None else value


def jsonable(value: Any) -> Any:
    """Months and dates become text, tuples become lists, typed values their plain value, the rest stays."""
    kind = type(value)
    if kind in PLAIN:
        return value
    convert = _CONVERT.get(kind)
    if convert is not None:
        out = convert(value)
        return out if type(out) in PLAIN else jsonable(out)
    if kind is list or kind is tuple:
        return [jsonable(v) for v in value]
    if kind is dict:
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, date):
        return str(value)
    if hasattr(value, "plain"):
        return jsonable(value.plain())
    return value


#: the kinds of value JSON takes as they are
PLAIN = frozenset((str, int, float, bool, type(None)))
#: how :func:`jsonable` turns the commonest kinds into JSON (the kind exactly; a date of another kind, a list and
#: any other value with a plain value take the general way)
_CONVERT: dict[type, Any] = {Month: Month.__str__, date: date.isoformat, Months: Months.plain, Age: Age.plain,
                             Yuan: Yuan.plain, Rate: Rate.plain, Term: Term.plain, Region: Region.plain}
