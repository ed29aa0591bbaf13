"""The parameter declarations (``engine/policy/params.toml``): unit, value type, bounds, overridable, title key.

Every parameter the rules read is declared there once, the OpenFisca way, beside the region files that give it
values. From the declarations come :data:`OVERRIDABLE` (what ``[policy_overrides]`` and the app's override form
accept), the parameters' titles (catalog context ``param``, id = the title key), and the checks a value must pass,
whether it comes from a bundled region file, a user's region file or a profile's override.
"""

from __future__ import annotations

import math
import re
import tomllib
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from . import compiled, i18n
from .i18n import Msg, msg
from ..core.safe_text import has_unsafe
from ..core.values import Seq, Term

DECLARATIONS_FILE = Path(__file__).parent.parent / "policy" / "params.toml"
UNITS = ("years", "months", "yuan", "fraction", "date", "month", "bool", "text", "count", "days")
TYPES = ("integer", "number", "boolean", "text", "date", "month", "list", "range")
#: units whose values are counted in whole numbers
WHOLE_UNITS = ("years", "months", "count", "days")


class Declaration(Struct, frozen=True):
    """One parameter as declared: what its values are and who may set them."""

    name: str
    unit: str
    type: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    overridable: bool = False
    title: str = ""

    def title_text(self, lang: str = "zh") -> str:
        return i18n.text("param", self.title or self.name, lang)


def _parse(data: bytes) -> dict[str, Declaration]:
    name = DECLARATIONS_FILE.name
    raw = tomllib.loads(data.decode("utf-8"))
    out: dict[str, Declaration] = {}
    for key, d in raw.get("param", {}).items():
        unknown = set(d) - {"unit", "type", "min", "max", "choices", "overridable", "title"}
        if unknown or d.get("unit") not in UNITS or d.get("type") not in TYPES:
            raise ValueError(f"{name}: {key}: bad declaration {d!r}")
        if d["unit"] in WHOLE_UNITS and d["type"] != "integer":
            raise ValueError(f"{name}: {key}: unit {d['unit']} needs type integer")
        out[key] = Declaration(key, d["unit"], d["type"], d.get("min"), d.get("max"), tuple(d.get("choices", ())),
                               bool(d.get("overridable", False)), d.get("title", key))
    return out


def compilable() -> compiled.Compilable:
    """The declarations for the kept files (:mod:`engine.data.compiled`): key → (digest of the file, parse, type)."""
    data = DECLARATIONS_FILE.read_bytes()
    return {"params": (compiled.digest(data, repr(Declaration.__struct_fields__)), lambda: _parse(data),
                       dict[str, Declaration])}


def _load() -> tuple[dict[str, Declaration], int]:
    of, parse, kind = compilable()["params"]
    return compiled.load("params", of, parse, kind), of


#: name → declaration, in the file's order (the overridable ones of docs/contract.md §2 first); and the digest of the
#: file they were read from (what a region file's values were checked against: part of their digest in
#: :mod:`engine.data.compiled`)
DECLARATIONS, DECLARATIONS_DIGEST = _load()


def declared(name: str) -> Declaration | None:
    return DECLARATIONS.get(name)


@lru_cache(maxsize=None)
def title(name: str, lang: str = "zh") -> str:
    """A parameter's own title in ``lang`` (男性医保累计缴费最低年限); the name itself where none is declared."""
    d = DECLARATIONS.get(name)
    key = d.title if d else name
    return i18n.text("param", key, lang) if i18n.has("param", key, i18n.lang_of(lang)) else name


#: name → unit of each parameter a user may override in ``[policy_overrides]``; its words are :func:`title`
OVERRIDABLE: dict[str, str] = {n: d.unit for n, d in DECLARATIONS.items() if d.overridable}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


#: the years every rule handles: a month or a date outside them is refused
YEARS = (1900, 2200)
#: the most characters of a text value (a figure's wording, a source, a note)
TEXT_MAX = 1000
_MONTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _month_ok(value: Any) -> bool:
    """A month ``YYYY-MM`` in ASCII digits, a real month, its year within :data:`YEARS`."""
    if not isinstance(value, str) or not _MONTH_RE.fullmatch(value):
        return False
    return 1 <= int(value[5:]) <= 12 and YEARS[0] <= int(value[:4]) <= YEARS[1]


def date_ok(value: Any) -> bool:
    """A day: a date (not a date and time) or ``YYYY-MM-DD`` in ASCII digits, a real day, its year within
    :data:`YEARS`."""
    if isinstance(value, datetime):
        return False
    if isinstance(value, str):
        if not _DATE_RE.fullmatch(value):
            return False
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return False
    return isinstance(value, date) and YEARS[0] <= value.year <= YEARS[1]



def text_problem(value: str, title: Msg, *, lines: bool = True) -> Msg | None:
    """Why a text value cannot be shown as it is (a control character or a bidi mark, or more than
    :data:`TEXT_MAX` characters), or None."""
    if len(value) > TEXT_MAX:
        return msg("param_check", "text_long", title=title, count=len(value), most=TEXT_MAX)
    if has_unsafe(value, lines=lines):
        return msg("param_check", "text_control", title=title)
    return None


def _plain(value: float) -> str:
    """A number as a person wrote it: 9999999.99, not 1e+07."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}" if isinstance(value, float) else str(value)


def _bounds(d: Declaration, value: float) -> Msg | None:
    """Outside the declared bounds, in the words that fit the unit: a negative number, a fraction above 1, an
    unreasonably large amount of yuan, or too many years or months."""
    ttl = Msg("param", d.title)
    if isinstance(value, float) and not math.isfinite(value):
        return msg("param_check", "not_finite", title=ttl)
    if d.min is not None and value < d.min:
        if d.min == 0:
            return msg("param_check", "negative", title=ttl, value=_plain(value))
        return msg("param_check", "below_min", title=ttl, value=_plain(value), min=_plain(d.min))
    if d.max is not None and value > d.max:
        if d.unit == "fraction":
            return msg("param_check", "fraction", title=ttl, value=_plain(value))
        if d.unit == "yuan":
            return msg("param_check", "yuan_limit", title=ttl, value=_plain(value), max=_plain(d.max))
        return msg("param_check", "above_max", title=ttl, value=_plain(value), max=_plain(d.max))
    return None


def _choices(d: Declaration) -> Seq:
    """A parameter's choices in words, each with the code a region file writes for it."""
    return Seq(tuple(msg("param_check", "choice_item", word=Term(c), code=c) for c in d.choices))


def check_value(name: str, value: Any) -> Msg | None:
    """Why ``value`` cannot be a value of the declared parameter ``name``, or None when it can."""
    d = DECLARATIONS.get(name)
    if d is None:
        return msg("param_check", "undeclared", name=name)
    t, ttl = d.type, Msg("param", d.title)
    if t == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return msg("param_check", "integer", title=ttl, unit=Msg("param_unit", d.unit))
        return _bounds(d, value)
    if t == "number":
        if not _is_number(value):
            return msg("param_check", "number", title=ttl, unit=Msg("param_unit", d.unit))
        return _bounds(d, value)
    if t == "boolean":
        return None if isinstance(value, bool) else msg("param_check", "boolean", title=ttl)
    if t == "text":
        if not isinstance(value, str) or not value.strip():
            return msg("param_check", "text", title=ttl)
        if d.choices and value not in d.choices:
            return msg("param_check", "choice", title=ttl, choices=_choices(d))
        return text_problem(value, ttl)
    if t == "date":
        return None if date_ok(value) else msg("param_check", "date", title=ttl)
    if t == "month":
        return None if _month_ok(value) else msg("param_check", "month", title=ttl)
    if t == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or (
                d.choices and any(v not in d.choices for v in value)):
            return msg("param_check", "list", title=ttl, choices=_choices(d))
        return next((p for p in (text_problem(v, ttl, lines=False) for v in value) if p is not None), None)
    if t == "range":
        if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)
                and value[0] <= value[1]):
            return msg("param_check", "range", title=ttl)
        return _bounds(d, value[0]) or _bounds(d, value[1])
    return msg("param_check", "undeclared", name=name)  # pragma: no cover - TYPES is checked on load


def check_override(name: str, value: Any) -> Msg | None:
    """Why ``value`` cannot override ``name`` in ``[policy_overrides]``, or None when it can: the parameter is
    declared and overridable, the value has its type (a whole number where the unit is years, months or a count,
    never 6.0 there; never inf or nan) and lies within its bounds."""
    d = DECLARATIONS.get(name)
    if d is None:
        return msg("param_check", "undeclared", name=name)
    if not d.overridable:
        return msg("param_check", "not_overridable", title=Msg("param", d.title))
    return check_value(name, value)
