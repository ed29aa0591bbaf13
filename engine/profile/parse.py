"""Read and check profiles (docs/contract.md §1): the rules of each table and the rules across them that the
profile alone can tell.

``parse_profile`` turns TOML text into an immutable :class:`~engine.profile.model.Profile`, refusing anything
that breaks a rule with a :class:`ProfileError` that names the field path (``periods[2].end``), the line where it
can be found, the value found and what is expected. Period indexes in field paths count from 0, in file order.

One rule a profile keeps needs the retirement reform's schedule: flexible early retirement may not go below the
original retirement age. That is a retirement rule, checked a layer up (:mod:`engine.rules.profiles`, through
:func:`refusal` for its message); the engine's ``parse_profile`` and ``load_profile`` check both.
"""

from __future__ import annotations

import functools
import json
import math
import re
import tomllib
from datetime import date, datetime, time
from typing import Any, NoReturn

from ..core.countries import COUNTRY_CODES
from ..core.months import Month
from ..core.safe_text import has_unsafe
from ..core.text_limits import MAX_LINE, unbounded_line
from ..core.values import Seq, Term
from ..data import i18n, places
from ..data.i18n import Msg, msg
from ..data.params import OVERRIDABLE, check_override
from ..data.params import title as param_title
from .errors import ProfileError
from .model import (
    INSURANCES,
    KINDS,
    MODES,
    PENSION_SHORTFALLS,
    SCHEMA_VERSION,
    SEXES,
    STATUSES,
    Account,
    Period,
    Person,
    Plans,
    Profile,
)
from .toml_lines import TomlLines, line_count

NAME_MAX = 40
#: the most characters a name or a note may have with the spaces around it (they are measured without)
NAME_RAW_MAX = 100
SHIFT_LIMIT = 36
MAX_YUAN = 1e12  # far beyond any real balance or base; keeps numbers finite and printable

TOP_KEYS = ("schema", "name", "note", "person", "account", "plans", "policy_overrides", "periods")
PERSON_KEYS = ("sex", "birth", "original_retirement_age", "region", "retirement_shift_months", "nationality", "hukou")
ACCOUNT_KEYS = ("balance_yuan", "as_of")
PLANS_KEYS = ("backpay_at_retirement", "emigrate", "relocate_after_retirement", "pension_shortfall",
              "flexible_subsidy", "relative_region")
PERIOD_KEYS = ("insurance", "start", "end", "region", "status", "mode", "kind", "paid_on", "base_yuan", "note")
NOTE_MAX = 200
NOTE_RAW_MAX = 400
#: the most characters of a key a message repeats
KEY_SHOWN = 60
BIRTH_YEARS = (1900, 2100)  # the domain every rule handles: births outside it are refused



def _close_matches(word: str, known) -> list[str]:
    """Up to three of ``known`` that look like ``word`` (a probable typo)."""
    import difflib  # imported only when used: a key is wrong

    return difflib.get_close_matches(word, known, n=3, cutoff=0.6)


def _finer_than_fen(value: float) -> bool:
    """More than two decimals, as the number is written (``repr``), not as binary floating point holds it."""
    from decimal import Decimal  # imported only when used: an amount written with a decimal point

    return Decimal(repr(value)).as_tuple().exponent < -2


# --------------------------------------------------------------------------------------------------------------
# Describing values in messages

_MISSING = object()
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")


def _key_text(key: str) -> str:
    return key if _BARE_KEY_RE.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _shown_key(key: str) -> str:
    """A key as a message repeats it: at most :data:`KEY_SHOWN` characters (a file may hold one of thousands)."""
    return key if len(key) <= KEY_SHOWN else key[:KEY_SHOWN - 1] + "…"


def _path(ctx: tuple, key: str | None) -> str:
    """The field path of ``key`` in ``ctx`` as messages name it: ``periods[2].end``, ``policy_overrides."a.b"``."""
    parts: list[str] = []
    for part in ctx:
        if isinstance(part, int):
            parts[-1] += f"[{part}]"
        else:
            parts.append(_key_text(part))
    if key is not None:
        quoted = ctx == ("policy_overrides",)
        parts.append(json.dumps(key, ensure_ascii=False) if quoted else _key_text(key))
    return ".".join(parts)


def _show(value: Any) -> str:
    """A value as it would look in the file, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[…]"
    elif isinstance(value, (date, datetime, time)):
        text = value.isoformat()
    else:
        try:
            text = repr(value)
        except ValueError:  # an integer too long to print
            text = "…"
    return text if len(text) <= 40 else text[:39] + "…"


def _type_name(value: Any) -> Msg:
    """The kind of a TOML value, in words (context ``profile.type``)."""
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int):
        kind = "integer"
    elif isinstance(value, float):
        kind = "float"
    elif isinstance(value, str):
        kind = "string"
    elif isinstance(value, dict):
        kind = "table"
    elif isinstance(value, list):
        kind = "array"
    elif isinstance(value, datetime):
        kind = "datetime"
    elif isinstance(value, date):
        kind = "date"
    elif isinstance(value, time):
        kind = "time"
    else:
        kind = "other"
    return msg("profile.type", kind)


@functools.lru_cache(maxsize=64)
def _one_of(options: tuple[str, ...]) -> Seq:
    """``"a" 或 "b"`` / ``"a" or "b"``: the allowed values, quoted as in the file."""
    return Seq(tuple(json.dumps(o) for o in options), "or")


def _expect(id: str, **args: Any) -> Msg:
    """What a field expects, in words (context ``profile.expect``)."""
    return msg("profile.expect", id, **args)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_ASCII_MONTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}")


# --------------------------------------------------------------------------------------------------------------
# Naming a field in words: "第3段 职工医保（2015-01起）的开始月份", never periods[2].start

_FIELD_IDS = {
    (): ("schema", "name", "note", "person", "account", "plans", "policy_overrides", "periods"),
    ("person",): PERSON_KEYS,
    ("account",): ACCOUNT_KEYS,
    ("plans",): PLANS_KEYS,
}


def field_words(ctx: tuple, key: str | None, doc: dict | None = None):
    """The field at ``ctx``/``key`` in words (a Msg, context ``field``); ``doc`` gives a period's insurance."""
    if ctx == ("policy_overrides",) and key is not None:
        if key in OVERRIDABLE:
            return msg("field", "override", title=msg("param", key) if i18n.has("param", key) else param_title(key),
                       name=key)
        return msg("field", "override_unknown", name=_shown_key(key))
    if len(ctx) >= 2 and ctx[0] == "periods" and isinstance(ctx[1], int):
        index = ctx[1]
        raw = None
        if isinstance(doc, dict) and isinstance(doc.get("periods"), list) and index < len(doc["periods"]):
            raw = doc["periods"][index]
        insurance = raw.get("insurance") if isinstance(raw, dict) else None
        start = raw.get("start") if isinstance(raw, dict) else None
        if insurance in INSURANCES and isinstance(start, str) and _ASCII_MONTH_RE.fullmatch(start):
            which = msg("field", "period_named", n=index + 1, insurance=Term(insurance), start=start)
        elif insurance in INSURANCES:
            which = msg("field", "period_insurance", n=index + 1, insurance=Term(insurance))
        else:
            which = msg("field", "period", n=index + 1)
        if key is None:
            return which
        if key in PERIOD_KEYS:
            return msg("field", "of_period", period=which, field=msg("field", f"period.{key}"))
        return msg("field", "of_period", period=which, field=msg("field", "unknown_key", name=_shown_key(key)))
    if ctx == ("periods",) and key is None:
        return msg("field", "periods")
    known = _FIELD_IDS.get(ctx)
    if known is None:
        return msg("field", "unknown_key", name=_shown_key(_path(ctx, key)))
    if key is None:
        return msg("field", ".".join(ctx)) if ctx else msg("field", "document")
    if key in known:
        return msg("field", ".".join(ctx + (key,)))
    if ctx:
        return msg("field", "in_table", table=msg("field", ".".join(ctx)),
                   field=msg("field", "unknown_key", name=_shown_key(key)))
    return msg("field", "unknown_key", name=_shown_key(key))


# --------------------------------------------------------------------------------------------------------------
# Overrides inside their declared bounds

def _check_override(name: str, value):
    """What is wrong with ``value`` for the override ``name`` (a Msg), or None: one set of bounds, the
    declarations of engine/policy/params.toml (``engine.data.params.check_override``)."""
    return check_override(name, value)


def refusal(ctx: tuple, key: str | None, detail: Msg, value: Any = _MISSING, *, doc: dict | None = None,
            lines: TomlLines | None = None, source: str | None = None) -> ProfileError:
    """The error for the field at ``ctx``/``key``: named in words (``doc``, the TOML document, names a period by
    its insurance), with the value found (unless left out) and what is wrong (``detail``, a message of
    ``profile.error``), and the line of the field in the text (``lines``) where known."""
    words = field_words(ctx, key, doc)
    if value is _MISSING:
        message = msg("profile.error", "head", field=words, detail=detail)
    else:
        message = msg("profile.error", "head_value", field=words, value=_show(value), detail=detail)
    return ProfileError(message, field=_path(ctx, key), line=lines.find(ctx, key) if lines is not None else None,
                        source=source)


# --------------------------------------------------------------------------------------------------------------
# The checker


class _Checker:
    """Checks the parsed TOML document piece by piece; the first broken rule raises ProfileError."""

    def __init__(self, text: str, source: str | None) -> None:
        self.text = text
        self._lines: TomlLines | None = None
        self.source = source
        self.doc: dict = {}

    @property
    def lines(self) -> TomlLines:
        """The line table, built only when a message needs a line (a valid profile never does)."""
        if self._lines is None:
            self._lines = TomlLines(self.text)
        return self._lines

    # -- failing --------------------------------------------------------------------------------------------

    def fail(self, ctx: tuple, key: str | None, detail: Msg, value: Any = _MISSING) -> NoReturn:
        """Refuse the field at ``ctx``/``key``: ``detail`` says what is wrong (a message of ``profile.error``)."""
        raise refusal(ctx, key, detail, value, doc=self.doc, lines=self.lines, source=self.source)

    def wrong(self, ctx: tuple, key: str | None, id: str, value: Any = _MISSING, **args: Any) -> NoReturn:
        """:meth:`fail` with the message ``profile.error``/``id``."""
        self.fail(ctx, key, msg("profile.error", id, **args), value)

    def wrong_type(self, ctx: tuple, key: str | None, value: Any, expected: Any) -> NoReturn:
        self.wrong(ctx, key, "wrong_type", value, found=_type_name(value), expected=expected)

    def missing(self, ctx: tuple, key: str, expected: Any) -> NoReturn:
        self.wrong(ctx, key, "missing", expected=expected)

    # -- shapes ---------------------------------------------------------------------------------------------

    def table(self, ctx: tuple, value: Any, known: tuple[str, ...] | None) -> dict:
        """A table with no unknown keys (a typo must not be silently ignored); with ``known=None`` any keys."""
        if not isinstance(value, dict):
            self.wrong_type(ctx, None, value, _expect("table", path=_path(ctx, None)))
        if known is None:
            return value
        for key in value:
            if key not in known:
                close = _close_matches(key, known)
                if close:
                    self.wrong(ctx, key, "unknown_key_close", value[key], close=Seq(tuple(close), "or"),
                               keys=Seq(known))
                self.wrong(ctx, key, "unknown_key", value[key], keys=Seq(known))
        return value

    def string(self, ctx: tuple, key: str, value: Any, expected: Any = None) -> str:
        if not isinstance(value, str):
            self.wrong_type(ctx, key, value, expected if expected is not None else _expect("string"))
        return value

    def choice(self, ctx: tuple, key: str, value: Any, options: tuple[str, ...]) -> str:
        expected = _one_of(options)
        self.string(ctx, key, value, expected)
        if value not in options:
            self.wrong(ctx, key, "not_allowed", value, expected=expected)
        return value

    def month(self, ctx: tuple, key: str, value: Any) -> Month:
        self.string(ctx, key, value, _expect("month_quoted"))
        if not _ASCII_MONTH_RE.fullmatch(value):
            self.wrong(ctx, key, "month_format", value, expected=_expect("month"))
        month = int(value[5:])
        if not 1 <= month <= 12:
            self.wrong(ctx, key, "month_unreal", value, expected=_expect("month"))
        year = int(value[:4])
        if 1900 <= year <= 2200:  # Month.parse's range, checked here without parsing twice
            return Month(year * 12 + month - 1)
        try:
            return Month.parse(value)
        except ValueError:
            self.wrong(ctx, key, "year_range", value, low=1900, high=2200)

    def integer(self, ctx: tuple, key: str, value: Any) -> int:
        if not _is_int(value):
            self.wrong_type(ctx, key, value, _expect("integer"))
        return value

    def boolean(self, ctx: tuple, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.wrong_type(ctx, key, value, _expect("boolean"))
        return value

    def number(self, ctx: tuple, key: str, value: Any) -> int | float:
        if not _is_number(value):
            self.wrong_type(ctx, key, value, _expect("number"))
        if isinstance(value, float) and not math.isfinite(value):
            self.wrong(ctx, key, "not_finite", value)
        return value

    def yuan(self, ctx: tuple, key: str, value: Any, *, positive: bool) -> float:
        """Money in yuan: a number with at most two decimals, >= 0 (or > 0)."""
        self.number(ctx, key, value)
        if positive and not value > 0:
            self.wrong(ctx, key, "yuan_positive", value)
        if not value >= 0:
            self.wrong(ctx, key, "yuan_negative", value)
        if value > MAX_YUAN:
            self.wrong(ctx, key, "yuan_large", value)  # the message names MAX_YUAN: 1e12
        if isinstance(value, float) and _finer_than_fen(value):
            self.wrong(ctx, key, "yuan_fen", value)
        return float(value)

    def region(self, ctx: tuple, key: str, value: Any) -> str:
        self.string(ctx, key, value, _expect("region_id"))
        if not places.is_known(value):
            close = places.suggest(value)
            if close:
                self.wrong(ctx, key, "region_unknown_close", value, close=Seq(tuple(close)))
            self.wrong(ctx, key, "region_unknown", value)
        return value

    def country(self, ctx: tuple, key: str, value: Any) -> str:
        """An ISO 3166 alpha-2 country code, in capitals ("ES")."""
        expected = _expect("country_code")
        self.string(ctx, key, value, expected)
        if value not in COUNTRY_CODES:
            if value.upper() in COUNTRY_CODES:
                self.wrong(ctx, key, "country_capitals", value, code=value.upper())
            self.wrong(ctx, key, "country_unknown", value, expected=expected)
        return value

    # -- the document ---------------------------------------------------------------------------------------

    def profile(self, doc: dict) -> Profile:
        self.doc = doc if isinstance(doc, dict) else {}
        schema = self.schema(doc)
        self.table((), doc, TOP_KEYS)
        name = self.name(doc)
        note = self.note((), doc)
        if "person" not in doc:
            self.missing((), "person", _expect("table", path="person"))
        person = self.person(doc["person"])
        account = self.account(doc["account"]) if "account" in doc else None
        plans = self.plans(doc["plans"]) if "plans" in doc else None
        overrides = self.overrides(doc["policy_overrides"]) if "policy_overrides" in doc else ()
        periods = self.periods(doc.get("periods", []))
        self.check_periods_after_birth(person, periods)
        self.check_overlaps(periods)
        return Profile(
            name=name,
            person=person,
            periods=periods,
            account=account,
            plans=plans,
            policy_overrides=overrides,
            schema=schema,
            note=note,
        )

    def schema(self, doc: dict) -> int:
        if "schema" not in doc:
            self.missing((), "schema", _expect("schema", version=SCHEMA_VERSION))
        value = self.integer((), "schema", doc["schema"])
        if value > SCHEMA_VERSION:
            self.wrong((), "schema", "schema_newer", value, version=value, most=SCHEMA_VERSION)
        if value < 1:
            versions = _expect("versions_one" if SCHEMA_VERSION == 1 else "versions", version=SCHEMA_VERSION)
            self.wrong((), "schema", "schema_invalid", value, versions=versions)
        return value

    def note(self, ctx: tuple, data: dict) -> str | None:
        """The user's own free text (1..200 characters, line breaks allowed); None when left out."""
        if "note" not in data:
            return None
        expected = _expect("note", most=NOTE_MAX)
        value = self.string(ctx, "note", data["note"], expected)
        if len(value) > NOTE_RAW_MAX:
            self.wrong(ctx, "note", "padded_long", value, count=len(value), expected=expected)
        if not value.strip():
            self.wrong(ctx, "note", "note_empty", value, expected=expected)
        if len(value.strip()) > NOTE_MAX:
            self.wrong(ctx, "note", "note_long", value, count=len(value.strip()), expected=expected)
        if has_unsafe(value, lines=True):  # a control character (a line break and a tab are text) or a bidi mark
            self.wrong(ctx, "note", "note_control", value)
        return value

    def name(self, doc: dict) -> str:
        expected = _expect("name", most=NAME_MAX)
        if "name" not in doc:
            self.missing((), "name", expected)
        value = self.string((), "name", doc["name"], expected)
        if len(value) > NAME_RAW_MAX:
            self.wrong((), "name", "padded_long", value, count=len(value), expected=expected)
        if not value.strip():
            self.wrong((), "name", "name_empty", value, expected=expected)
        if len(value.strip()) > NAME_MAX:
            self.wrong((), "name", "name_long", value, count=len(value.strip()), expected=expected)
        if has_unsafe(value):  # a control character or a mark that turns the text around
            self.wrong((), "name", "name_control", value)
        return value

    def person(self, value: Any) -> Person:
        ctx = ("person",)
        data = self.table(ctx, value, PERSON_KEYS)
        for key, expected in (("sex", _one_of(SEXES)), ("birth", _expect("birth")),
                              ("region", _expect("benefit_region"))):
            if key not in data:
                self.missing(ctx, key, expected)
        sex = self.choice(ctx, "sex", data["sex"], SEXES)
        birth = self.month(ctx, "birth", data["birth"])
        low, high = BIRTH_YEARS
        if not low <= birth.year <= high:
            self.wrong(ctx, "birth", "birth_range", data["birth"], low=low, high=high)
        age = None
        if "original_retirement_age" in data:
            age = self.integer(ctx, "original_retirement_age", data["original_retirement_age"])
            allowed = (60,) if sex == "male" else (50, 55)
            if age not in allowed:
                self.wrong(ctx, "original_retirement_age", "age_man" if sex == "male" else "age_woman", age)
        shift = None
        if "retirement_shift_months" in data:
            shift = self.integer(ctx, "retirement_shift_months", data["retirement_shift_months"])
            if not -SHIFT_LIMIT <= shift <= SHIFT_LIMIT:
                self.wrong(ctx, "retirement_shift_months", "shift_range", shift, most=SHIFT_LIMIT)
        region = self.region(ctx, "region", data["region"])
        nationality = self.country(ctx, "nationality", data["nationality"]) if "nationality" in data else None
        if nationality == "CN":
            nationality = None  # the default, written out by no save
        hukou = self.region(ctx, "hukou", data["hukou"]) if "hukou" in data else None
        return Person(sex=sex, birth=birth, region=region, original_retirement_age=age, retirement_shift_months=shift,
                      nationality=nationality, hukou=hukou)

    def account(self, value: Any) -> Account:
        ctx = ("account",)
        data = self.table(ctx, value, ACCOUNT_KEYS)
        balance = self.yuan(ctx, "balance_yuan", data["balance_yuan"], positive=False) if "balance_yuan" in data else None
        as_of = self.month(ctx, "as_of", data["as_of"]) if "as_of" in data else None
        return Account(balance_yuan=balance, as_of=as_of)

    def plans(self, value: Any) -> Plans:
        ctx = ("plans",)
        data = self.table(ctx, value, PLANS_KEYS)
        backpay = emigrate = relocate = None
        if "backpay_at_retirement" in data:
            backpay = self.boolean(ctx, "backpay_at_retirement", data["backpay_at_retirement"])
        if "emigrate" in data:
            emigrate = self.month(ctx, "emigrate", data["emigrate"])
        if "relocate_after_retirement" in data:
            relocate = self.region(ctx, "relocate_after_retirement", data["relocate_after_retirement"])
        shortfall = None
        if "pension_shortfall" in data:
            shortfall = self.choice(ctx, "pension_shortfall", data["pension_shortfall"], PENSION_SHORTFALLS)
        subsidy = self.boolean(ctx, "flexible_subsidy", data["flexible_subsidy"]) if "flexible_subsidy" in data else None
        relative = self.region(ctx, "relative_region", data["relative_region"]) if "relative_region" in data else None
        return Plans(backpay_at_retirement=backpay, emigrate=emigrate, relocate_after_retirement=relocate,
                     pension_shortfall=shortfall, flexible_subsidy=subsidy, relative_region=relative)

    def overrides(self, value: Any) -> tuple[tuple[str, float], ...]:
        ctx = ("policy_overrides",)
        self.table(ctx, value, None)
        known = tuple(OVERRIDABLE)
        out = []
        for key, number in value.items():
            if key not in OVERRIDABLE:
                close = _close_matches(key, known)
                self.wrong(ctx, key, "override_unknown_close" if close else "override_unknown", number,
                           names=Seq(tuple(close or known)))
            self.number(ctx, key, number)
            problem = _check_override(key, number)
            if problem is not None:
                self.fail(ctx, key, problem, number)
            if OVERRIDABLE[key] in ("months", "years") and isinstance(number, float):
                number = int(number)  # 6.0 months is 6 months: the rules count whole months
            out.append((key, number))
        return tuple(out)

    def periods(self, value: Any) -> tuple[Period, ...]:
        if not isinstance(value, list):
            self.wrong_type(("periods",), None, value, _expect("array_of_tables", path="periods"))
        return tuple(self.period(("periods", i), item) for i, item in enumerate(value))

    def period(self, ctx: tuple, value: Any) -> Period:
        data = self.table(ctx, value, PERIOD_KEYS)
        if "insurance" not in data:
            self.missing(ctx, "insurance", _one_of(INSURANCES))
        insurance = self.choice(ctx, "insurance", data["insurance"], INSURANCES)
        if "start" not in data:
            self.missing(ctx, "start", _expect("first_month"))
        start = self.month(ctx, "start", data["start"])
        end = None
        if "end" in data:
            end = self.month(ctx, "end", data["end"])
            if end < start:
                self.wrong(ctx, "end", "end_before_start", data["end"], start=start)
        region = self.region(ctx, "region", data["region"]) if "region" in data else None
        status = None
        if "status" in data:
            if insurance == "resident_medical":
                self.wrong(ctx, "status", "resident_status", data["status"])
            status = self.choice(ctx, "status", data["status"], STATUSES)
            if status == "unemployed" and insurance != "employee_medical":
                self.wrong(ctx, "status", "unemployed_not_employee", data["status"])
        mode = None
        if "mode" in data:
            if insurance != "employee_medical":
                self.wrong(ctx, "mode", "mode_not_employee", data["mode"])
            mode = self.choice(ctx, "mode", data["mode"], MODES)
        kind = self.choice(ctx, "kind", data["kind"], KINDS) if "kind" in data else None
        paid_on = None
        if kind == "backpaid":
            if "paid_on" not in data:
                self.missing(ctx, "paid_on", _expect("backpay_month"))
            paid_on = self.month(ctx, "paid_on", data["paid_on"])
            if paid_on < start:
                self.wrong(ctx, "paid_on", "paid_on_before_start", data["paid_on"], start=start)
        elif "paid_on" in data:
            self.wrong(ctx, "paid_on", "paid_on_not_backpaid", data["paid_on"])
        base = self.yuan(ctx, "base_yuan", data["base_yuan"], positive=True) if "base_yuan" in data else None
        note = self.note(ctx, data)
        return Period(
            insurance=insurance,
            start=start,
            end=end,
            region=region,
            status=status,
            mode=mode,
            kind=kind,
            paid_on=paid_on,
            base_yuan=base,
            note=note,
        )

    # -- rules across fields --------------------------------------------------------------------------------

    def check_periods_after_birth(self, person: Person, periods: tuple[Period, ...]) -> None:
        for i, period in enumerate(periods):
            if period.start <= person.birth:
                self.wrong(("periods", i), "start", "before_birth", str(period.start), birth=person.birth)

    def check_overlaps(self, periods: tuple[Period, ...]) -> None:
        """One period per insurance at a time; employee and resident medical exclude each other.

        Sorted by start (O(n log n)): within one group of periods that exclude each other, a period overlaps an
        earlier one exactly when it starts no later than the latest end seen so far (an open end runs forever).
        """
        groups = {"employee_medical": "medical", "resident_medical": "medical", "pension": "pension"}
        order = sorted(range(len(periods)), key=lambda i: (periods[i].start.index, i))
        reach: dict[str, tuple[int | None, int]] = {}  # group -> (the latest end so far, None = open; its index)
        first: tuple[int, int] | None = None  # (later index j, earlier index i) of the first overlap in file order
        for j in order:
            later = periods[j]
            group = groups[later.insurance]
            seen = reach.get(group)
            end = None if later.end is None else later.end.index
            if seen is not None and (seen[0] is None or later.start.index <= seen[0]):
                if first is None or j < first[0]:
                    first = (j, seen[1])
            if seen is None or (seen[0] is not None and (end is None or end > seen[0])):
                reach[group] = (end, j)
        if first is None:
            return
        j, i = first
        earlier, later = periods[i], periods[j]
        if earlier.end:
            span = msg("profile.error", "span", start=earlier.start, end=earlier.end)
        else:
            span = msg("profile.error", "span_open", start=earlier.start)
        rule = "overlap_same" if earlier.insurance == later.insurance else "overlap_medical"
        self.wrong(("periods", j), "start", "overlap", str(later.start), n=i + 1,
                   insurance=msg("profile.insurance", earlier.insurance), span=span, rule=msg("profile.error", rule))


def _conflict(a: str, b: str) -> bool:
    return a == b or {a, b} == {"employee_medical", "resident_medical"}


# --------------------------------------------------------------------------------------------------------------
# Reading: text or bytes -> TOML document -> checked Profile

_TOML_WHERE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _decode(data: bytes, source: str | None) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise ProfileError(msg("profile.error", "not_utf8", byte=err.start + 1), line=line, source=source) from None
    return text


def parse_profile(text: str | bytes, *, source: str | None = None) -> Profile:
    """Read a profile from TOML text (or UTF-8 bytes); raise ProfileError naming the field for anything wrong."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = _decode(bytes(text), source)
    elif not isinstance(text, str):
        raise TypeError(f"parse_profile expects str or bytes, not {type(text).__name__}")
    else:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ProfileError(msg("profile.error", "surrogates"), source=source) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    bound = unbounded_line(text)
    if bound is not None:  # refused before tomllib, whose work on a long dotted key grows with its square
        kind, line = bound
        words = msg("profile.error", "line_long", most=MAX_LINE) if kind == "long" else msg("profile.error", "line_dots")
        raise ProfileError(words, line=line, source=source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        reason = str(err)
        where = _TOML_WHERE_RE.search(reason)
        line = column = None
        if where:
            line, column = int(where.group(1)), int(where.group(2))
            reason = reason[: where.start()].rstrip()
        elif "end of document" in reason:
            line = max(1, line_count(text))
            reason = reason.replace("(at end of document)", "").rstrip()
        if column:
            message = msg("profile.error", "not_toml_column", reason=reason, column=column)
        else:
            message = msg("profile.error", "not_toml_end" if line else "not_toml", reason=reason)
        raise ProfileError(message, line=line, column=column, source=source) from None
    except RecursionError:
        raise ProfileError(msg("profile.error", "toml_too_deep"), source=source) from None
    except ValueError:  # e.g. an integer with thousands of digits
        raise ProfileError(msg("profile.error", "toml_unreadable"), source=source) from None
    return _Checker(text, source).profile(doc)
