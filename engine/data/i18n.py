"""Words live in catalogs: one gettext catalog per language (``engine/locale/<lang>.po``, compiled to ``.mo``).

Rules record meaning, views write words. A message is found by its context (a rule id such as
``retirement.delay_2025``, ``param``, ``term``, ``app`` …) and a short id (``title``, ``verdict.met`` …), and is
a Python format string whose placeholders are filled from typed arguments rendered in the reader's language:

    text("retirement.legal_date", "title", "en", age=Age(731), date=Month.parse("2029-04"))
    → "legal retirement: birth + 60 years 11 months = 2029-04"

Why gettext: it is the standard (msgctxt carries the rule id, plural forms per language come with the catalog,
Poedit/Weblate/Babel read it), and reading it costs next to nothing at start-up, where a Fluent bundle's imports
come before the first message. Babel compiles the catalogs (``python -m engine.build`` after editing a ``.po``; a
test checks the ``.mo`` files are fresh); each ``.mo`` is kept parsed in ``engine/compiled`` (a context's messages
read when first asked for), and is read from the ``.mo`` itself (:func:`_parse_catalog`) only when that is stale.

The typed values a message is filled from (``Months``, ``Age``, ``Yuan``, ``Rate``, ``Term``, ``Region``, ``Seq``)
are records of :mod:`engine.core.values`; :class:`Msg` lives here because its words are read from the catalogs (and
a ``Region``'s from the list of places, :mod:`engine.data.places`), which the records below this layer do not know.

A language is its catalog: the languages are the ``.mo`` files found in ``engine/locale`` (and any added with
:func:`register`), each naming itself (context ``language``, id ``name``). A message a catalog lacks is read from
:data:`FALLBACK_LANG`'s; only then does it show its key.
"""

from __future__ import annotations

import os
import string
import struct
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import msgspec
from msgspec import Struct, field

from ..core.months import Month
from ..core.values import Age, Months, Rate, Region, Seq, Term, Yuan
from . import compiled, langs, places
from .langs import DEFAULT_LANG, FALLBACK_LANG, LANGS, LOCALE_DIR, data_lang, lang_of, next_lang  # noqa: F401
from ..core.safe_text import safe_text

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
        if type(found) is dict:
            return found
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
    """Add a language from a compiled catalog kept elsewhere (the tests' pseudo-language)."""
    langs.add(lang, mo_path)
    catalog.cache_clear()


def unregister(lang: str) -> None:
    """Take away a language added with :func:`register`."""
    langs.remove(lang)
    catalog.cache_clear()


def language_name(lang: str) -> str:
    """A language's name in its own words, as its catalog gives it: 中文, English."""
    return text("language", "name", lang)


@lru_cache(maxsize=None)
def catalog(lang: str) -> Catalog:
    path = langs.catalog_path(lang)
    if not path.exists():
        raise MissingMessage(f"no catalog for language {lang!r} ({path})")
    parse = None
    if langs.is_added(lang):
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
    import gettext  # only for a catalog with another plural rule than the bundled ones

    return gettext.c2py(expression)


def _compilable_catalog(path: Path) -> tuple[int, Callable[[], Any], Any]:
    data = path.read_bytes()
    return compiled.digest(data), lambda: _parse_catalog(data), ParsedCatalog


def compilable() -> compiled.Compilable:
    """Every bundled catalog, for the kept files (:mod:`engine.data.compiled`): key → (digest of the .mo, parse,
    type)."""
    return {f"catalog:{path.stem}": _compilable_catalog(path) for path in sorted(LOCALE_DIR.glob("*.mo"))}


_MO_MAGIC = 0x950412DE


def _parse_catalog(data: bytes) -> tuple[dict[str, Messages], str | None]:
    """A compiled catalog's messages, context → id → text or plural forms, and its plural expression.

    The GNU ``.mo`` layout: a magic number (its byte order gives the file's), a revision, the number of strings N,
    and the offsets of two tables of N (length, offset) pairs, the original strings and their translations. An
    original is ``context\x04id`` (``id\x00plural`` for a plural message, its forms separated by ``\x00``); the
    empty original is the header, whose ``Plural-Forms`` gives the plural expression."""
    if len(data) < 20:
        raise ValueError("not a compiled catalog (too short)")
    for order in ("<", ">"):
        if struct.unpack(order + "I", data[:4])[0] == _MO_MAGIC:
            break
    else:
        raise ValueError("not a compiled catalog (bad magic number)")
    _, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    messages: dict[str, Messages] = {}
    plural = None
    for i in range(count):
        olen, ooff = struct.unpack_from(order + "2I", data, originals + 8 * i)
        tlen, toff = struct.unpack_from(order + "2I", data, translations + 8 * i)
        key = data[ooff:ooff + olen].decode("utf-8")
        value = data[toff:toff + tlen].decode("utf-8")
        if not key:
            for line in value.splitlines():
                name, _, rest = line.partition(":")
                if name.strip().lower() == "plural-forms" and "plural=" in rest:
                    plural = rest.split("plural=", 1)[1].strip().rstrip(";").strip()
            continue
        ctx, sep, mid = key.partition("\x04")
        if not sep:
            continue  # a message without a context: none of ours
        if "\x00" in mid:
            messages.setdefault(ctx, {})[mid.split("\x00", 1)[0]] = tuple(value.split("\x00"))
        else:
            messages.setdefault(ctx, {})[mid] = value
    return messages, plural


def _chain(lang: str) -> tuple[str, ...]:
    """Where a message of ``lang`` is looked for: its own catalog, then the fallback language's."""
    return (lang,) if lang in (FALLBACK_LANG, DEFAULT_LANG) else (lang, FALLBACK_LANG)


def has(ctx: str, id: str = "title", lang: str = DEFAULT_LANG) -> bool:
    return any(id in catalog(each).context(ctx) for each in _chain(lang_of(lang)))


def raw(ctx: str, id: str, lang: str, n: int | None = None) -> str:
    """The message itself (a format string), plural form chosen by ``n``; a missing one falls back to the key."""
    lang = lang if lang in LANGS else DEFAULT_LANG
    cat = catalog(lang)
    found = cat.context(ctx).get(id)
    if found is None and lang != FALLBACK_LANG and lang != DEFAULT_LANG:
        cat = catalog(FALLBACK_LANG)
        found = cat.context(ctx).get(id)
    if found is None:
        if STRICT:
            raise MissingMessage(f"{lang}: no message {ctx!r} / {id!r}")
        return f"⟨{ctx}:{id}⟩"
    if type(found) is tuple:
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


_PARSER = string.Formatter()


@lru_cache(maxsize=None)
def _pieces(template: str) -> tuple[tuple[str, str | None, str], ...] | None:
    """A message as (text, placeholder, format spec) pieces, parsed once; None for what only string.Formatter
    fills (an attribute or index in a placeholder, a conversion, a nested spec)."""
    pieces = []
    for literal, name, spec, conversion in _PARSER.parse(template):
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
            value = args[name]
            kind = type(value)
            if spec and (kind is int or kind is float or isinstance(value, (int, float))) and kind is not bool:
                out.append(format(value, spec))
            else:
                out.append(safe_text(value) if kind is str else show(value, lang))
    return "".join(out)


def text(ctx: str, id: str = "title", lang: str = DEFAULT_LANG, /, **args: Any) -> str:
    """The message ``ctx``/``id`` in ``lang``, its placeholders filled with ``args`` written in that language.

    A plural message (``msgid_plural`` in the catalog) chooses its form by the argument ``n``.
    """
    n = args.get("n")
    if n is not None and type(n) is not int:
        n = n.plain() if hasattr(n, "plain") else n
    template = raw(ctx, id, lang, n if isinstance(n, int) else None)
    if "{" not in template:
        return template
    lang = lang if lang in LANGS else DEFAULT_LANG
    try:
        pieces = _pieces(template)
        if pieces is None:
            return _Formatter(lang).vformat(template, (), args)
        return _fill(pieces, args, lang)
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


def months_short(n: int, lang: str) -> str:
    """A duration in the short words of a timeline: ``438`` → ``36年6个月`` / ``36 y 6 m``; the sign kept."""
    sign = "-" if n < 0 else ""
    y, m = divmod(abs(n), 12)
    if y and m:
        return sign + text("unit.short", "years_months", lang, years=y, months=m)
    return sign + (text("unit.short", "years", lang, years=y) if y else text("unit.short", "months", lang, months=m))


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
    return places.region_name(region_id, lang)


def show(value: Any, lang: str = DEFAULT_LANG) -> str:
    """Any value the rules record, in words of ``lang``: typed values, months, dates, booleans, lists; text with
    any character a terminal would obey shown escaped (:func:`engine.safe_text.safe_text`)."""
    kind = type(value)
    if kind is str:
        return safe_text(value)  # words of the catalog are trusted, what fills them may come from a file
    write = _SHOW.get(kind)
    return write(value, lang) if write is not None else safe_text(str(value))


def _show_term(value: Term, lang: str) -> str:
    return text("term", value.code, lang) if has("term", value.code, lang_of(lang)) else value.code


#: how :func:`show` writes each kind of value (the kind exactly; a date of another kind is written as a date)
_SHOW: dict[type, Callable[[Any, str], str]] = {
    type(None): lambda value, lang: "—",
    bool: lambda value, lang: text("term", "yes" if value else "no", lang),
    int: lambda value, lang: str(value),
    float: lambda value, lang: number(value),
    Month: lambda value, lang: str(value),
    date: lambda value, lang: str(value),
    Months: lambda value, lang: months_words(value.n, lang),
    Age: lambda value, lang: age_words(value.months, lang),
    Yuan: lambda value, lang: yuan_words(value.amount, lang),
    Rate: lambda value, lang: rate_words(value.fraction),
    Term: _show_term,
    Region: lambda value, lang: region_words(value.id, lang),
    Msg: lambda value, lang: value.text(lang),
    Seq: lambda value, lang: text("sep", value.sep, lang).join(show(v, lang) for v in value.items),
    list: lambda value, lang: text("unit", "list_sep", lang).join(show(v, lang) for v in value),
    tuple: lambda value, lang: text("unit", "list_sep", lang).join(show(v, lang) for v in value),
    dict: lambda value, lang: text("unit", "list_sep", lang).join(f"{safe_text(str(k))} {show(v, lang)}"
                                                                  for k, v in value.items()),
}
