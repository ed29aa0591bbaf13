"""Read and check profiles: the rules of each table and the rules across them that the profile alone can tell.

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
import unicodedata
from datetime import date, datetime, time
from typing import Any, NoReturn

from ..core.months import Month
from ..core.values import Term
from ..data import i18n, places, policy
from ..data.i18n import msg
from ..data.params import OVERRIDABLE, check_override
from .errors import ProfileError
from .model import (
    INSURANCES,
    KINDS,
    MODES,
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
SHIFT_LIMIT = 36
MAX_YUAN = 1e12  # far beyond any real balance or base; keeps numbers finite and printable

TOP_KEYS = ("schema", "name", "note", "person", "account", "plans", "policy_overrides", "periods")
PERSON_KEYS = ("sex", "birth", "original_retirement_age", "region", "retirement_shift_months")
ACCOUNT_KEYS = ("balance_yuan", "as_of")
PLANS_KEYS = ("backpay_at_retirement", "emigrate", "relocate_after_retirement")
PERIOD_KEYS = ("insurance", "start", "end", "region", "status", "mode", "kind", "paid_on", "base_yuan", "note")
NOTE_MAX = 200
BIRTH_YEARS = (1900, 2100)  # the domain every rule handles (issue 10): births outside it are refused

INSURANCE_NAMES = {
    "employee_medical": ("职工医保", "employee medical"),
    "resident_medical": ("居民医保", "resident medical"),
    "pension": ("职工养老", "employee pension"),
}



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


def _type_name(value: Any) -> tuple[str, str]:
    if isinstance(value, bool):
        return "布尔值", "a boolean"
    if isinstance(value, int):
        return "整数", "an integer"
    if isinstance(value, float):
        return "小数", "a float"
    if isinstance(value, str):
        return "字符串", "a string"
    if isinstance(value, dict):
        return "表", "a table"
    if isinstance(value, list):
        return "数组", "an array"
    if isinstance(value, datetime):
        return "日期时间", "a date-time"
    if isinstance(value, date):
        return "日期", "a date"
    if isinstance(value, time):
        return "时间", "a time"
    return type(value).__name__, type(value).__name__


@functools.lru_cache(maxsize=64)
def _one_of(options: tuple[str, ...]) -> tuple[str, str]:
    """``"a" 或 "b"`` and ``"a" or "b"``: the allowed values, quoted as in the file."""
    quoted = [json.dumps(o) for o in options]
    return " 或 ".join(quoted), " or ".join(quoted)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_MONTH_ZH = "YYYY-MM 格式（例如 2023-12）"
_MONTH_EN = "a month YYYY-MM (e.g. 2023-12)"
_ASCII_MONTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}")


# --------------------------------------------------------------------------------------------------------------
# Naming a field in words (issue 8 item 7): "第3段 职工医保（2015-01起）的开始月份", never periods[2].start

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
            return msg("field", "override", title=msg("param", key) if i18n.has("param", key) else OVERRIDABLE[key][1],
                       name=key)
        return msg("field", "override_unknown", name=key)
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
        return msg("field", "of_period", period=which, field=msg("field", "unknown_key", name=key))
    if ctx == ("periods",) and key is None:
        return msg("field", "periods")
    known = _FIELD_IDS.get(ctx)
    if known is None:
        return msg("field", "unknown_key", name=_path(ctx, key))
    if key is None:
        return msg("field", ".".join(ctx)) if ctx else msg("field", "document")
    if key in known:
        return msg("field", ".".join(ctx + (key,)))
    if ctx:
        return msg("field", "in_table", table=msg("field", ".".join(ctx)), field=msg("field", "unknown_key", name=key))
    return msg("field", "unknown_key", name=key)


# --------------------------------------------------------------------------------------------------------------
# Overrides inside their declared bounds

def _check_override(name: str, value):
    """What is wrong with ``value`` for the override ``name`` (a Msg), or None: one set of bounds, the
    declarations of engine/policy/params.toml (``engine.data.params.check_override``)."""
    return check_override(name, value)


def refusal(ctx: tuple, key: str | None, zh: str, en: str, value: Any = _MISSING, *, doc: dict | None = None,
            lines: TomlLines | None = None, source: str | None = None) -> ProfileError:
    """The error for the field at ``ctx``/``key``: named in words (``doc``, the TOML document, names a period by
    its insurance), with the value found (unless left out) and what is expected (``zh``, ``en``), and the line of
    the field in the text (``lines``) where known."""
    words = field_words(ctx, key, doc)
    texts = {}
    for lang, detail in (("zh", zh), ("en", en)):
        if value is _MISSING:
            texts[lang] = i18n.text("profile.error", "head", lang, field=words, detail=detail)
        else:
            texts[lang] = i18n.text("profile.error", "head_value", lang, field=words, value=_show(value),
                                    detail=detail)
    return ProfileError(
        texts["zh"],
        en=texts["en"],
        field=_path(ctx, key),
        line=lines.find(ctx, key) if lines is not None else None,
        source=source,
    )


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

    def fail(self, ctx: tuple, key: str | None, zh: str, en: str, value: Any = _MISSING) -> NoReturn:
        raise refusal(ctx, key, zh, en, value, doc=self.doc, lines=self.lines, source=self.source)

    def wrong_type(self, ctx: tuple, key: str | None, value: Any, zh: str, en: str) -> NoReturn:
        found_zh, found_en = _type_name(value)
        self.fail(ctx, key, f"类型不对（{found_zh}），应为{zh}", f"wrong type ({found_en}); expected {en}", value)

    def missing(self, ctx: tuple, key: str, zh: str, en: str) -> NoReturn:
        self.fail(ctx, key, f"缺少此项，应为{zh}", f"missing; expected {en}")

    # -- shapes ---------------------------------------------------------------------------------------------

    def table(self, ctx: tuple, value: Any, known: tuple[str, ...] | None) -> dict:
        """A table with no unknown keys (a typo must not be silently ignored); with ``known=None`` any keys."""
        if not isinstance(value, dict):
            self.wrong_type(ctx, None, value, f"表 [{_path(ctx, None)}]", f"a table [{_path(ctx, None)}]")
        if known is None:
            return value
        for key in value:
            if key not in known:
                close = _close_matches(key, known)
                hint_zh = f"你是不是想写 {' 或 '.join(close)}？" if close else ""
                hint_en = f"did you mean {' or '.join(close)}? " if close else ""
                self.fail(
                    ctx,
                    key,
                    f"未知的键（拼写错误？）；{hint_zh}这里可用的键：{'、'.join(known)}",
                    f"unknown key (a typo?); {hint_en}keys allowed here: {', '.join(known)}",
                    value[key],
                )
        return value

    def string(self, ctx: tuple, key: str, value: Any, zh: str = "字符串", en: str = "a string") -> str:
        if not isinstance(value, str):
            self.wrong_type(ctx, key, value, zh, en)
        return value

    def choice(self, ctx: tuple, key: str, value: Any, options: tuple[str, ...]) -> str:
        zh, en = _one_of(options)
        self.string(ctx, key, value, zh, en)
        if value not in options:
            self.fail(ctx, key, f"不是可用的值，应为 {zh}", f"not an allowed value; expected {en}", value)
        return value

    def month(self, ctx: tuple, key: str, value: Any) -> Month:
        self.string(ctx, key, value, '带引号的月份 "YYYY-MM"（例如 "2023-12"）', 'a quoted month "YYYY-MM" (e.g. "2023-12")')
        if not _ASCII_MONTH_RE.fullmatch(value):
            self.fail(ctx, key, f"格式不对，应为 {_MONTH_ZH}", f"wrong format; expected {_MONTH_EN}", value)
        month = int(value[5:])
        if not 1 <= month <= 12:
            self.fail(ctx, key, f"不是真实的月份，应为 {_MONTH_ZH}", f"not a real month; expected {_MONTH_EN}", value)
        year = int(value[:4])
        if 1900 <= year <= 2200:  # Month.parse's range, checked here without parsing twice
            return Month(year * 12 + month - 1)
        try:
            return Month.parse(value)
        except ValueError:
            self.fail(ctx, key, "年份超出范围，应在 1900 到 2200 之间", "year out of range; expected 1900 to 2200", value)

    def integer(self, ctx: tuple, key: str, value: Any) -> int:
        if not _is_int(value):
            self.wrong_type(ctx, key, value, "整数", "an integer")
        return value

    def boolean(self, ctx: tuple, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            self.wrong_type(ctx, key, value, "布尔值 true 或 false", "a boolean true or false")
        return value

    def number(self, ctx: tuple, key: str, value: Any) -> int | float:
        if not _is_number(value):
            self.wrong_type(ctx, key, value, "数字", "a number")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(ctx, key, "不是有限的数字", "not a finite number", value)
        return value

    def yuan(self, ctx: tuple, key: str, value: Any, *, positive: bool) -> float:
        """Money in yuan: a number with at most two decimals, >= 0 (or > 0)."""
        self.number(ctx, key, value)
        if positive and not value > 0:
            self.fail(ctx, key, "应为大于 0 的金额（元）", "expected an amount in yuan greater than 0", value)
        if not value >= 0:
            self.fail(ctx, key, "金额不能为负数，应 ≥ 0（元）", "an amount cannot be negative; expected >= 0 yuan", value)
        if value > MAX_YUAN:
            self.fail(ctx, key, "金额大得不合理，应不超过 1e12 元", "an unreasonably large amount; expected at most 1e12 yuan", value)
        if isinstance(value, float) and _finer_than_fen(value):
            self.fail(ctx, key, "金额最多两位小数（精确到分）", "an amount has at most two decimals (fen)", value)
        return float(value)

    def region(self, ctx: tuple, key: str, value: Any) -> str:
        self.string(ctx, key, value, '地区代码字符串（例如 "jiangsu.xuzhou"）', 'a region id string (e.g. "jiangsu.xuzhou")')
        if not policy.is_known(value):
            close = places.suggest(value)
            if close:
                hint_zh = f"最接近的是 {'、'.join(close)}；"
                hint_en = f"the closest are {', '.join(close)}; "
            else:
                hint_zh = hint_en = ""
            self.fail(
                ctx,
                key,
                f"未知的地区代码，{hint_zh}可用 `yibao regions` 查看全部地区代码",
                f"unknown region id; {hint_en}`yibao regions` lists them all",
                value,
            )
        return value

    # -- the document ---------------------------------------------------------------------------------------

    def profile(self, doc: dict) -> Profile:
        self.doc = doc if isinstance(doc, dict) else {}
        schema = self.schema(doc)
        self.table((), doc, TOP_KEYS)
        name = self.name(doc)
        note = self.note((), doc)
        if "person" not in doc:
            self.missing((), "person", "表 [person]", "a table [person]")
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
            self.missing((), "schema", f"整数 {SCHEMA_VERSION}（文件格式版本）", f"the integer {SCHEMA_VERSION} (format version)")
        value = self.integer((), "schema", doc["schema"])
        if value > SCHEMA_VERSION:
            self.fail(
                (),
                "schema",
                f"此文件由更新版本的 yibao 写入（文件格式版本 {value}，本程序只支持到 {SCHEMA_VERSION}），"
                "请升级 yibao 后再打开",
                f"this file was written by a newer version of yibao (format version {value}; "
                f"this one reads up to {SCHEMA_VERSION}); please upgrade yibao to open it",
                value,
            )
        if value < 1:
            versions = "1" if SCHEMA_VERSION == 1 else f"1 到 {SCHEMA_VERSION}"
            self.fail((), "schema", f"不是有效的格式版本，应为 {versions}", f"not a valid format version; expected {versions.replace('到', 'to')}", value)
        return value

    def note(self, ctx: tuple, data: dict) -> str | None:
        """The user's own free text (1..200 characters, line breaks allowed); None when left out."""
        if "note" not in data:
            return None
        zh, en = f"1 到 {NOTE_MAX} 个字符的文字", f"a text of 1 to {NOTE_MAX} characters"
        value = self.string(ctx, "note", data["note"], zh, en)
        if not value.strip():
            self.fail(ctx, "note", f"备注是空的，应为{zh}（不需要备注就删除这一项）", f"the note is empty; expected {en} (remove it if not needed)", value)
        if len(value) > NOTE_MAX:
            self.fail(ctx, "note", f"备注太长（{len(value)} 个字符），应为{zh}", f"the note is too long ({len(value)} characters); expected {en}", value)
        if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in value):
            self.fail(ctx, "note", "备注含有控制字符，应为普通文字", "the note holds control characters; expected plain text", value)
        return value

    def name(self, doc: dict) -> str:
        zh, en = f"1 到 {NAME_MAX} 个字符的名称", f"a name of 1 to {NAME_MAX} characters"
        if "name" not in doc:
            self.missing((), "name", zh, en)
        value = self.string((), "name", doc["name"], zh, en)
        if not value.strip():
            self.fail((), "name", f"名称是空的，应为{zh}", f"the name is empty; expected {en}", value)
        if len(value.strip()) > NAME_MAX:
            self.fail((), "name", f"名称太长（{len(value.strip())} 个字符），应为{zh}", f"the name is too long ({len(value.strip())} characters); expected {en}", value)
        if any(unicodedata.category(c) == "Cc" for c in value):
            self.fail((), "name", "名称含有控制字符（例如换行），应为一行文字", "the name holds control characters (e.g. a line break); expected one line of text", value)
        return value

    def person(self, value: Any) -> Person:
        ctx = ("person",)
        data = self.table(ctx, value, PERSON_KEYS)
        for key, zh, en in (
            ("sex", *_one_of(SEXES)),
            ("birth", f"出生年月，{_MONTH_ZH}", f"the month of birth, {_MONTH_EN}"),
            ("region", '待遇享受地的地区代码（例如 "jiangsu.xuzhou"）', 'the region id where benefits are drawn (e.g. "jiangsu.xuzhou")'),
        ):
            if key not in data:
                self.missing(ctx, key, zh, en)
        sex = self.choice(ctx, "sex", data["sex"], SEXES)
        birth = self.month(ctx, "birth", data["birth"])
        low, high = BIRTH_YEARS
        if not low <= birth.year <= high:
            self.fail(ctx, "birth", f"出生年份应在 {low} 到 {high} 之间", f"the year of birth is expected from {low} to {high}",
                      data["birth"])
        age = None
        if "original_retirement_age" in data:
            age = self.integer(ctx, "original_retirement_age", data["original_retirement_age"])
            allowed = (60,) if sex == "male" else (50, 55)
            if age not in allowed:
                if sex == "male":
                    zh, en = "男性的原退休年龄只能是 60", "a man's original retirement age can only be 60"
                else:
                    zh = "女性的原退休年龄应为 50（女工人）或 55（女干部，也包括多数灵活就业人员）"
                    en = "a woman's original retirement age is 50 (worker) or 55 (cadre, also most flexible workers)"
                self.fail(ctx, "original_retirement_age", zh, en, age)
        shift = None
        if "retirement_shift_months" in data:
            shift = self.integer(ctx, "retirement_shift_months", data["retirement_shift_months"])
            if not -SHIFT_LIMIT <= shift <= SHIFT_LIMIT:
                self.fail(
                    ctx,
                    "retirement_shift_months",
                    f"弹性退休最多提前或推迟 {SHIFT_LIMIT} 个月，应为 -{SHIFT_LIMIT} 到 {SHIFT_LIMIT} 之间的整数",
                    f"flexible retirement moves at most {SHIFT_LIMIT} months; expected an integer from -{SHIFT_LIMIT} to {SHIFT_LIMIT}",
                    shift,
                )
        region = self.region(ctx, "region", data["region"])
        return Person(sex=sex, birth=birth, region=region, original_retirement_age=age, retirement_shift_months=shift)

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
        return Plans(backpay_at_retirement=backpay, emigrate=emigrate, relocate_after_retirement=relocate)

    def overrides(self, value: Any) -> tuple[tuple[str, float], ...]:
        ctx = ("policy_overrides",)
        self.table(ctx, value, None)
        known = tuple(OVERRIDABLE)
        out = []
        for key, number in value.items():
            if key not in OVERRIDABLE:
                close = _close_matches(key, known)
                names = close or list(known)
                lead_zh = "你是不是想写" if close else "可覆盖的参数有"
                lead_en = "did you mean" if close else "the overridable parameters are"
                self.fail(
                    ctx,
                    key,
                    f"不是可覆盖的参数；{lead_zh} {'、'.join(names)}",
                    f"not an overridable parameter; {lead_en} {', '.join(names)}",
                    number,
                )
            self.number(ctx, key, number)
            problem = _check_override(key, number)
            if problem is not None:
                self.fail(ctx, key, problem.text("zh"), problem.text("en"), number)
            if OVERRIDABLE[key][0] in ("months", "years") and isinstance(number, float):
                number = int(number)  # 6.0 months is 6 months: the rules count whole months
            out.append((key, number))
        return tuple(out)

    def periods(self, value: Any) -> tuple[Period, ...]:
        if not isinstance(value, list):
            self.wrong_type(("periods",), None, value, "表数组 [[periods]]", "an array of tables [[periods]]")
        return tuple(self.period(("periods", i), item) for i, item in enumerate(value))

    def period(self, ctx: tuple, value: Any) -> Period:
        data = self.table(ctx, value, PERIOD_KEYS)
        if "insurance" not in data:
            self.missing(ctx, "insurance", *_one_of(INSURANCES))
        insurance = self.choice(ctx, "insurance", data["insurance"], INSURANCES)
        if "start" not in data:
            self.missing(ctx, "start", f"开始月份，{_MONTH_ZH}", f"the first month, {_MONTH_EN}")
        start = self.month(ctx, "start", data["start"])
        end = None
        if "end" in data:
            end = self.month(ctx, "end", data["end"])
            if end < start:
                self.fail(ctx, "end", f"早于开始月份 {start}，应不早于 {start}", f"before the first month {start}; expected {start} or later", data["end"])
        region = self.region(ctx, "region", data["region"]) if "region" in data else None
        status = None
        if "status" in data:
            if insurance == "resident_medical":
                self.fail(ctx, "status", "居民医保没有参保身份（单位参保或灵活就业），请删除此项", "resident medical insurance has no status (employed or flexible); remove it", data["status"])
            status = self.choice(ctx, "status", data["status"], STATUSES)
        mode = None
        if "mode" in data:
            if insurance != "employee_medical":
                self.fail(ctx, "mode", "只有职工医保才有缴费方式（统账结合或单建统筹），请删除此项", "only employee medical insurance has a mode (with account or pooling only); remove it", data["mode"])
            mode = self.choice(ctx, "mode", data["mode"], MODES)
        kind = self.choice(ctx, "kind", data["kind"], KINDS) if "kind" in data else None
        paid_on = None
        if kind == "backpaid":
            if "paid_on" not in data:
                self.missing(ctx, "paid_on", f"补缴办理的月份，{_MONTH_ZH}", f"the month the back-payment was made, {_MONTH_EN}")
            paid_on = self.month(ctx, "paid_on", data["paid_on"])
            if paid_on < start:
                self.fail(ctx, "paid_on", f"早于时段的开始月份 {start}，补缴应在 {start} 或之后", f"before the period's first month {start}; a back-payment is made in {start} or later", data["paid_on"])
        elif "paid_on" in data:
            self.fail(ctx, "paid_on", "只有补缴的时段才有补缴月份，请删除此项，或把缴费类型改为补缴", "only a back-paid period has a back-payment month; remove it, or make the period back-paid", data["paid_on"])
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
                self.fail(
                    ("periods", i),
                    "start",
                    f"不晚于出生年月 {person.birth}，参保应在出生之后",
                    f"not after the month of birth {person.birth}; insurance starts after birth",
                    str(period.start),
                )

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
        months_zh = f"{earlier.start} 至 {earlier.end}" if earlier.end else f"{earlier.start} 起，未结束"
        months_en = f"{earlier.start} to {earlier.end}" if earlier.end else f"from {earlier.start}, ongoing"
        name_zh, name_en = INSURANCE_NAMES[earlier.insurance]
        if earlier.insurance == later.insurance:
            rule_zh, rule_en = "同一险种的时段不能重叠", "periods of one insurance may not overlap"
        else:
            rule_zh = "职工医保和居民医保不能同时参加（同一时间只能有一种基本医保）"
            rule_en = "employee and resident medical insurance may not be held at the same time"
        self.fail(
            ("periods", j),
            "start",
            f"与第{i + 1}段（{name_zh}，{months_zh}）重叠；{rule_zh}",
            f"overlaps period {i + 1} ({name_en}, {months_en}); {rule_en}",
            str(later.start),
        )


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
        raise ProfileError(
            f"文件不是 UTF-8 编码的文本（第 {err.start + 1} 个字节处），请用 UTF-8 编码保存",
            en=f"the file is not UTF-8 text (at byte {err.start + 1}); save it as UTF-8",
            line=line,
            source=source,
        ) from None
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
            raise ProfileError(
                "文本含有无法编码的字符（孤立的代理码位）",
                en="the text holds characters that cannot be encoded (lone surrogates)",
                source=source,
            ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
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
        place_zh = f"（第 {column} 列）" if column else ("（文件末尾）" if line else "")
        place_en = f" (column {column})" if column else (" (at the end of the file)" if line else "")
        raise ProfileError(
            f"不是有效的 TOML：{reason}{place_zh}",
            en=f"not valid TOML: {reason}{place_en}",
            line=line,
            column=column,
            source=source,
        ) from None
    except (ValueError, RecursionError) as err:  # e.g. an integer with thousands of digits, deep nesting
        raise ProfileError(
            f"无法读取为 TOML：{type(err).__name__}",
            en=f"cannot be read as TOML: {type(err).__name__}",
            source=source,
        ) from None
    return _Checker(text, source).profile(doc)
