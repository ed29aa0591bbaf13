"""Words live in catalogs: one gettext catalog per language (``engine/locale/<lang>.po``, compiled to ``.mo``).

Rules record meaning, views write words. A message is found by its context (a rule id such as
``retirement.delay_2025``, ``param``, ``term``, ``app`` …) and a short id (``title``, ``verdict.met`` …), and is
a Python format string whose placeholders are filled from typed arguments rendered in the reader's language:

    text("retirement.legal_date", "title", "en", age=Age(731), date=Month.parse("2029-04"))
    → "legal retirement: birth + 60 years 11 months = 2029-04"

Why gettext: it is the standard (msgctxt carries the rule id, plural forms per language come with the catalog,
Poedit/Weblate/Babel read it), and reading it costs next to nothing at start-up, where a Fluent bundle imports a
whole runtime before the first message. Babel compiles the catalogs (``python -m engine.build`` after editing a ``.po``; a test
checks the ``.mo`` files are fresh); each ``.mo`` is kept parsed in ``engine/compiled`` (a context's messages read
when first asked for), and Python's ``gettext`` reads it only when that is stale.

The typed values a message is filled from (``Months``, ``Age``, ``Yuan``, ``Rate``, ``Term``, ``Region``) are
records of :mod:`engine.core.values`; :class:`Msg` lives here because its words are read from the catalogs (and a
``Region``'s from the list of places, :mod:`engine.data.places`), which the records below this layer do not know.

A third language is one catalog (``engine/locale/<lang>.po``, compiled) plus its name in :data:`LANGS`.
"""

from __future__ import annotations

import io
import os
import string
import _string  # string.Formatter's own parser, in C
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import msgspec
from msgspec import Struct, field

from ..core.months import Month
from ..core.values import Age, Months, Rate, Region, Term, Yuan
from . import compiled
from .places import region_name

#: the languages a reader may choose, the default first
LANGS: list[str] = ["zh", "en"]
DEFAULT_LANG = "zh"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
#: extra catalogs registered at run time (tests build a pseudo-language this way): lang → path of a .mo file
_EXTRA: dict[str, Path] = {}
#: when set (the test suite sets it), a missing message raises instead of showing its key
STRICT = os.environ.get("YIBAO_I18N_STRICT") == "1"


class MissingMessage(KeyError):
    pass


class Msg(Struct, frozen=True):
    """A message not yet put into words: context, id and typed arguments. ``str(msg)`` is its Chinese text."""

    ctx: str
    id: str = "title"
    args: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return text(self.ctx, self.id, lang, **self.args)

    def plain(self) -> str:
        return self.text(DEFAULT_LANG)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANG)


def msg(ctx: str, id: str = "title", **args: Any) -> Msg:
    return Msg(ctx, id, args)


# --- catalogs -----------------------------------------------------------------------------------------------------
#: a context's messages: id → text, or its plural forms
Messages = dict[str, str | tuple[str, ...]]
#: a catalog as kept parsed: context → its messages, and the catalog's plural expression
ParsedCatalog = tuple[dict[str, Messages], str | None]
#: the same, each context's messages left as MessagePack until first read (a check reads 92 of the 222 contexts)
_KeptCatalog = tuple[dict[str, msgspec.Raw], str | None]


class Catalog(Struct):
    lang: str
    contexts: dict[str, Messages | msgspec.Raw]
    plural: Callable[[int], int]
    parse: Callable[[], ParsedCatalog] | None = None  # the catalog read from its .mo, if a kept context is damaged

    def context(self, ctx: str) -> Messages:
        """The messages of one context (read from the kept catalog when first asked for); {} for an unknown one."""
        found = self.contexts.get(ctx)
        if isinstance(found, msgspec.Raw):
            try:
                found = self.contexts[ctx] = msgspec.msgpack.decode(found, type=Messages)
            except msgspec.DecodeError:  # the kept catalog is damaged: every context from the .mo instead
                self.contexts = dict(self.parse()[0]) if self.parse else {}
                found = self.contexts.get(ctx)
        return found or {}

    @property
    def messages(self) -> dict[tuple[str, str], str | tuple[str, ...]]:
        """Every message, (context, id) → text or plural forms (for tests and tools)."""
        return {(ctx, mid): text for ctx in self.contexts for mid, text in self.context(ctx).items()}


def register(lang: str, mo_path: str | os.PathLike) -> None:
    """Add a language from a compiled catalog (used for the pseudo-language of the tests)."""
    _EXTRA[lang] = Path(mo_path)
    if lang not in LANGS:
        LANGS.append(lang)
    catalog.cache_clear()


@lru_cache(maxsize=None)
def catalog(lang: str) -> Catalog:
    path = _EXTRA.get(lang) or LOCALE_DIR / f"{lang}.mo"
    if not path.exists():
        raise MissingMessage(f"no catalog for language {lang!r} ({path})")
    parse = None
    if lang in _EXTRA:
        contexts, plural = _parse_catalog(path.read_bytes())
    else:
        of, parse, _ = _compilable_catalog(path)
        contexts, plural = compiled.load(f"catalog:{lang}", of, parse, _KeptCatalog)
    return Catalog(lang, dict(contexts), plural_rule(plural) if plural else _PLURAL_RULES["(n != 1)"], parse)


#: the plural expressions of the bundled catalogs, as ``gettext.c2py`` would compile them (a test holds them equal)
_PLURAL_RULES: dict[str, Callable[[int], int]] = {"0": lambda n: 0, "(n != 1)": lambda n: int(n != 1)}


def plural_rule(expression: str) -> Callable[[int], int]:
    """A catalog's ``plural=`` expression as a function of n: ``gettext.c2py``, without importing gettext (which
    compiles its tokenizer's pattern as it is imported) for the expressions the bundled catalogs use."""
    known = _PLURAL_RULES.get(expression)
    if known is not None:
        return known
    import gettext  # imported only when used: a catalog with another plural rule

    return gettext.c2py(expression)


def _compilable_catalog(path: Path) -> tuple[int, Callable[[], Any], Any]:
    data = path.read_bytes()
    return compiled.digest(data), lambda: _parse_catalog(data), ParsedCatalog


def compilable() -> compiled.Compilable:
    """Every bundled catalog, for the kept files (:mod:`engine.data.compiled`): key → (digest of the .mo, parse, type)."""
    return {f"catalog:{path.stem}": _compilable_catalog(path) for path in sorted(LOCALE_DIR.glob("*.mo"))}


def _parse_catalog(data: bytes) -> tuple[dict[str, Messages], str | None]:
    """A compiled catalog's messages, context → id → text or plural forms, and its plural expression."""
    import gettext  # imported only when used: a catalog read from its .mo (the kept one is stale or damaged)

    trans = gettext.GNUTranslations(io.BytesIO(data))
    messages: dict[str, Messages] = {}
    plurals: dict[tuple[str, str], dict[int, str]] = {}
    for key, value in trans._catalog.items():  # noqa: SLF001 - the parsed .mo, read once
        if isinstance(key, tuple):
            raw, index = key
            ctx, _, mid = raw.partition("\x04")
            plurals.setdefault((ctx, mid), {})[index] = value
        elif key:  # the empty id is the header
            ctx, sep, mid = key.partition("\x04")
            if sep:
                messages.setdefault(ctx, {})[mid] = value
    for (ctx, mid), forms in plurals.items():
        messages.setdefault(ctx, {})[mid] = tuple(forms[i] for i in sorted(forms))
    forms = trans._info.get("plural-forms")  # noqa: SLF001 - as gettext reads it: "nplurals=N; plural=EXPR;"
    return messages, forms.split(";")[1].split("plural=")[1].strip() if forms else None


def has(ctx: str, id: str = "title", lang: str = DEFAULT_LANG) -> bool:
    return id in catalog(lang).context(ctx)


def lang_of(lang: str | None) -> str:
    """A language code as given, or the default for anything not in :data:`LANGS`."""
    return lang if lang in LANGS else DEFAULT_LANG


def raw(ctx: str, id: str, lang: str, n: int | None = None) -> str:
    """The message itself (a format string), plural form chosen by ``n``; a missing one falls back to the key."""
    cat = catalog(lang_of(lang))
    found = cat.context(ctx).get(id)
    if found is None:
        if STRICT:
            raise MissingMessage(f"{lang}: no message {ctx!r} / {id!r}")
        return f"⟨{ctx}:{id}⟩"
    if isinstance(found, tuple):
        index = cat.plural(n if n is not None else 1)
        return found[min(index, len(found) - 1)]
    return found


class _Formatter(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, spec: str) -> str:
        return _field(value, spec, self.lang)


def _field(value: Any, spec: str, lang: str) -> str:
    """One placeholder's words: a number with a format spec as the spec says, anything else as :func:`show`."""
    if spec and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, spec)
    return show(value, lang)


@lru_cache(maxsize=None)
def _pieces(template: str) -> tuple[tuple[str, str | None, str], ...] | None:
    """A message as (text, placeholder, format spec) pieces, parsed once; None for what only string.Formatter
    fills (an attribute or index in a placeholder, a conversion, a nested spec)."""
    pieces = []
    for literal, name, spec, conversion in _string.formatter_parser(template):
        if name is not None and (not name.isidentifier() or conversion or "{" in spec):
            return None
        pieces.append((literal, name, spec))
    return tuple(pieces)


def _fill(pieces: tuple[tuple[str, str | None, str], ...], args: Mapping[str, Any], lang: str) -> str:
    """What ``_Formatter(lang).vformat`` writes for these pieces, without its Python-level parsing of the
    message on every call (a report fills some 400 messages)."""
    out = []
    for literal, name, spec in pieces:
        out.append(literal)
        if name is not None:
            out.append(_field(args[name], spec, lang))
    return "".join(out)


def text(ctx: str, id: str = "title", lang: str = DEFAULT_LANG, /, **args: Any) -> str:
    """The message ``ctx``/``id`` in ``lang``, its placeholders filled with ``args`` written in that language.

    A plural message (``msgid_plural`` in the catalog) chooses its form by the argument ``n``.
    """
    n = args.get("n")
    n = n.plain() if hasattr(n, "plain") else n
    template = raw(ctx, id, lang, n if isinstance(n, int) else None)
    if "{" not in template:
        return template
    try:
        pieces = _pieces(template)
        if pieces is None:
            return _Formatter(lang_of(lang)).vformat(template, (), args)
        return _fill(pieces, args, lang_of(lang))
    except (KeyError, IndexError, AttributeError, ValueError) as exc:
        if STRICT:
            raise MissingMessage(f"{lang}: {ctx!r}/{id!r}: cannot fill {template!r}: {exc!r}") from None
        return template


# --- typed values into words ----------------------------------------------------------------------------------------
def months_words(n: int, lang: str) -> str:
    sign = "-" if n < 0 else ""
    y, m = divmod(abs(n), 12)
    if y and m:
        return sign + text("unit", "years_months", lang, years=_plural("year", y, lang), months=_plural("month", m, lang))
    return sign + (_plural("year", y, lang) if y else _plural("month", m, lang))


def age_words(months: int, lang: str) -> str:
    y, m = divmod(months, 12)
    if m:
        return text("unit", "age_ym", lang, years=y, n=m, months=_plural("month", m, lang))
    return text("unit", "age_y", lang, n=y)


def _plural(unit: str, n: int, lang: str) -> str:
    return text("unit", unit, lang, n=n)


def number(value: float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def yuan_words(amount: float, lang: str) -> str:
    return text("unit", "yuan", lang, v=f"{amount:,.2f}")


def rate_words(fraction: float) -> str:
    pct = round(fraction * 100, 4)
    return f"{number(float(pct))}%"


def region_words(region_id: str, lang: str) -> str:
    """A place's name in ``lang``, from the list of places."""
    return region_name(region_id, lang)


def show(value: Any, lang: str = DEFAULT_LANG) -> str:
    """Any value the rules record, in words of ``lang``: typed values, months, dates, booleans, lists."""
    kind = type(value)
    if value is None:
        return "—"
    if kind is str:
        return value
    if kind is bool:
        return text("term", "yes" if value else "no", lang)
    if kind is int:
        return str(value)
    if kind is float:
        return number(value)
    if kind is Month or isinstance(value, date):
        return str(value)
    if kind is Months:
        return months_words(value.n, lang)
    if kind is Age:
        return age_words(value.months, lang)
    if kind is Yuan:
        return yuan_words(value.amount, lang)
    if kind is Rate:
        return rate_words(value.fraction)
    if kind is Term:
        return text("term", value.code, lang) if has("term", value.code, lang_of(lang)) else value.code
    if kind is Region:
        return region_words(value.id, lang)
    if kind is Msg:
        return value.text(lang)
    if kind in (list, tuple):
        return text("unit", "list_sep", lang).join(show(v, lang) for v in value)
    if kind is dict:
        return text("unit", "list_sep", lang).join(f"{k} {show(v, lang)}" for k, v in value.items())
    return str(value)
