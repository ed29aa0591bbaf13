"""Policy parameters as data: one TOML file per region beside this module, each value dated and sourced.

A region is one file, ``<region id>.toml`` (``sichuan.toml``, ``hubei.jingzhou.toml``): the loader lists this
folder (and the user's folder of local figures, below), and a file for a place the engine did not know registers
it. A file holds ``id``, an optional ``summary``/``summary_en`` and ``[[param]]`` entries: ``name`` (declared in
``params.toml``), ``from`` (the date it took effect), ``value`` (left out where the figure is not known: the entry
then says so in ``note``), ``confidence`` (official | secondary | unverified | seed | assumed), ``source`` (an id of
``sources.toml``, where each address is written once), ``quote`` (the article and words the entry rests on, shown
as its source), ``note``/``note_en``, ``read_on`` (YYYY-MM-DD: the day the source was read, kept apart from ``from``,
the day the rule applies; a figure read more than two years before the day asked about may be out of date), and
``alternative = true`` for a second source that disagrees with the main entry (both are kept and shown; the
stricter one is used).

A source of ``sources.toml`` names its document (``title``, ``number`` for the 文号, ``pinpoint`` for the article),
its official ``address`` where one exists, and ``read_at``, the page actually read where that is another one (a
mirror, a compilation, a Q&A page); a figure is shown by its document, "read at" the page. Names of places are not
written here: they come with the registry of regions (:mod:`engine.data.places`), which lists the data files and is
read before this module; whether a place has figures of its own (:func:`has_data`, :func:`covered_by`) is answered
here.

The user's local figures: a file of the same schema in ``platformdirs.user_data_path("yibao")/"regions"``
(or ``$YIBAO_REGIONS``), with ``confidence = "user"`` and, on each entry, where (``source``, free text) and when
(``learned_on``, YYYY-MM-DD) the user learned the figure. At each level of the lookup the user's file comes first.

A lookup takes the latest entry in force at a date, falling back city → province → national. Overrides from the
profile are applied by :class:`engine.rules.context.Context`, not here.
"""

from __future__ import annotations

import math
import os
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from ..core.safe_text import has_unsafe
from ..core.text_limits import MAX_LINE, unbounded_line
from . import compiled, places as _regions
from .atomic import FileBusy, FileChanged, FileStamp, FileTooLarge, read_limited, stamp_of, write_atomic
from .i18n import Msg, msg
from .langs import DEFAULT_LANG, FALLBACK_LANG, data_lang
from .os_errors import os_error_words
from .params import DECLARATIONS, DECLARATIONS_DIGEST, TEXT_MAX, WHOLE_UNITS, check_value, date_ok
from .places import chain, is_known  # noqa: F401  (is_known: a place listed or registered by a data file)

#: how sure we are of a figure, most sure first (docs/contract.md §4)
CONFIDENCES = ("official", "secondary", "unverified", "seed", "assumed", "user")
#: the confidences shown with the 需核实 (verify) mark
NEEDS_VERIFY = ("unverified", "seed", "assumed")
POLICY_DIR = _regions.DATA_FOLDER
_ID = _regions.ID_PATTERN
_ENTRY_KEYS = {"name", "from", "value", "confidence", "source", "quote", "note", "note_en", "alternative", "read_on"}
_SOURCE_KEYS = {"title", "title_en", "number", "address", "pinpoint", "read_at"}
#: a figure read this many years or more before the day asked about may be out of date
STALE_YEARS = 2
_USER_ENTRY_KEYS = {"name", "from", "value", "confidence", "source", "learned_on", "note"}
_TOP_KEYS = {"id", "summary", "summary_en", "param"}
_USER_FROM = date(1900, 1, 1)  # a user's figure without `from` holds at every date asked about
#: the largest region file read: far beyond any bundled one or a user's (a larger one is refused)
REGION_LIMIT = 1024 * 1024


class PolicyError(ValueError):
    """A region file that does not follow the schema or the declarations; ``message`` says which figure and why."""

    def __init__(self, path: Path | str, message: Msg, entry: int | None = None):
        self.path = Path(path)
        self.message = message
        self.entry = entry
        super().__init__(f"{self.path.name}: {message.text('en')}")

    def text(self, lang: str = "zh") -> str:
        if self.entry is None:
            return msg("policy_file", "located", file=self.path.name, message=self.message).text(lang)
        where = msg("policy_file", "entry", n=self.entry + 1)
        return msg("policy_file", "located_entry", file=self.path.name, entry=where, message=self.message).text(lang)


# --- sources ------------------------------------------------------------------------------------------------------
class SourceEntry(Struct, frozen=True):
    """A document (its title, 文号 and article) with its official address where one exists, and the page actually
    read where that is another one."""

    id: str
    title: str
    title_en: str | None = None
    address: str | None = None
    pinpoint: str | None = None
    number: str | None = None
    read_at: str | None = None

    @property
    def ref(self) -> str | None:
        """Where to find the document: its official address, else the page read."""
        return self.address or self.read_at

    @property
    def page(self) -> str | None:
        """The page actually read, where it is not :attr:`ref` itself."""
        return self.read_at if self.read_at and self.read_at != self.ref else None


@lru_cache(maxsize=None)
def sources() -> dict[str, SourceEntry]:
    """The table of sources (``sources.toml``): id → title, English gloss, address, pinpoint."""
    of, parse, kind = _compilable_sources()
    return compiled.load("sources", of, parse, kind)


@lru_cache(maxsize=1)
def _sources_bytes() -> bytes:
    return (POLICY_DIR / "sources.toml").read_bytes()


def _compilable_sources() -> tuple[int, Any, Any]:
    data = _sources_bytes()
    return (compiled.digest(data, repr(SourceEntry.__struct_fields__)), lambda: _parse_sources(data),
            dict[str, SourceEntry])


def _parse_sources(data: bytes) -> dict[str, SourceEntry]:
    raw = tomllib.loads(data.decode("utf-8"))
    out = {}
    for sid, d in raw.items():
        if set(d) - _SOURCE_KEYS or not d.get("title"):
            raise ValueError(f"sources.toml: {sid}: bad entry {d!r}")
        out[sid] = SourceEntry(sid, d["title"], d.get("title_en"), d.get("address"), d.get("pinpoint"),
                               d.get("number"), d.get("read_at"))
    return out


def source_title(sid: str) -> str:
    """A source's document as shown: title, 文号 and article (《…》（沪医保规〔2025〕7号）三（四））."""
    s = sources()[sid]
    title = f"{s.title}（{s.number}）" if s.number else s.title
    return f"{title} {s.pinpoint}" if s.pinpoint else title


def source_title_en(sid: str | None) -> str | None:
    """A source's document title in English (``title_en``), None where the table gives none."""
    entry = sources().get(sid) if sid else None
    return entry.title_en if entry is not None else None


def stale(read_on: str | None, at: date) -> bool:
    """Whether a figure read on ``read_on`` (YYYY-MM-DD) was read :data:`STALE_YEARS` years or more before ``at``."""
    if not read_on:
        return False
    read = date.fromisoformat(read_on)
    try:
        limit = read.replace(year=read.year + STALE_YEARS)
    except ValueError:  # read on 29 February: two years on is 1 March
        limit = date(read.year + STALE_YEARS, 3, 1)
    return at >= limit


# --- values -------------------------------------------------------------------------------------------------------
class ParamValue(Struct, frozen=True):
    """A parameter as found: its value (None when not known), where it came from and how sure we are.

    ``alternatives`` are the other entries in force that disagree with it (another source); where there are any,
    the value is the stricter one and ``conflict`` is True."""

    name: str
    value: Any
    region: str
    effective_from: str | None
    confidence: str
    source: str | None = None
    ref: str | None = None
    note: str | None = None
    note_en: str | None = None
    overridden: bool = False
    source_id: str | None = None
    learned_on: str | None = None
    user_file: bool = False
    alternative: bool = False
    alternatives: tuple["ParamValue", ...] = ()
    read_on: str | None = None
    read_at: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    def note_in(self, lang: str) -> str | None:
        """The entry's note as a reader of ``lang`` reads it (the Chinese, or the English for any other)."""
        return self.note if data_lang(lang) == DEFAULT_LANG else self.note_en

    @property
    def conflict(self) -> bool:
        return bool(self.alternatives)


class RegionData(Struct, frozen=True):
    id: str
    summary: str
    summary_en: str
    params: dict[str, tuple[tuple[date, ParamValue], ...]]
    user: bool = False
    path: Path | None = None

    @property
    def name(self) -> str:
        return _regions.region_name(self.id, "zh")

    @property
    def name_en(self) -> str:
        return _regions.region_name(self.id, "en")

    def summary_in(self, lang: str) -> str:
        """The file's summary as a reader of ``lang`` reads it (the Chinese, or the English for any other)."""
        return self.summary if data_lang(lang) == DEFAULT_LANG else self.summary_en


def _fail(path: Path, key: str, entry: int | None = None, **args: Any) -> None:
    raise PolicyError(path, msg("policy_file", key, **args), entry)


def _day(raw: Any) -> date | None:
    """A day as a file may write it (a TOML date, or ``YYYY-MM-DD`` in ASCII digits) within the years every rule
    handles; None for anything else (a date and time, a time, another year, another text)."""
    if not date_ok(raw):
        return None
    return raw if isinstance(raw, date) else date.fromisoformat(raw)


def _since(path: Path, i: int, raw: Any) -> date:
    since = _day(raw)
    if since is None:
        _fail(path, "bad_from", i, value=_shown(raw))
    return since


def _shown(raw: Any) -> str:
    """A value a file holds, as a message repeats it: at most 60 characters."""
    text = raw.isoformat() if isinstance(raw, date) else str(raw)
    return text if len(text) <= 60 else text[:59] + "…"


def _text(path: Path, i: int | None, raw: dict, key: str, *, lines: bool = True, required: bool = False) -> str | None:
    """The text at ``key`` of ``raw``: a string of at most TEXT_MAX characters with nothing a terminal would obey
    (line breaks and tabs allowed with ``lines``); None when absent and not ``required``."""
    if key not in raw and not required:
        return None
    value = raw.get(key)
    if not isinstance(value, str):
        _fail(path, "not_text", i, field=key)
    if len(value) > TEXT_MAX:
        _fail(path, "text_long", i, field=key, count=len(value), most=TEXT_MAX)
    if has_unsafe(value, lines=lines):
        _fail(path, "bad_text", i, field=key)
    return value


def _entry(path: Path, region: str, i: int, raw: Any, user: bool) -> tuple[date, ParamValue]:
    if not isinstance(raw, dict):
        _fail(path, "not_table", i)
    name = raw.get("name")
    if not isinstance(name, str):
        _fail(path, "no_name", i)
    if name not in DECLARATIONS:
        _fail(path, "undeclared", i, name=name)
    title = Msg("param", DECLARATIONS[name].title)
    extra = sorted(set(raw) - (_USER_ENTRY_KEYS if user else _ENTRY_KEYS))
    if extra:
        _fail(path, "unknown_keys", i, title=title, keys=", ".join(_shown(k) for k in extra[:5]))
    note = _text(path, i, raw, "note")
    if "value" in raw:
        value = raw["value"]
        if isinstance(value, date):
            value = value.isoformat()
        problem = check_value(name, value)
        if problem is not None:
            raise PolicyError(path, problem, i)
    else:
        value = None
        if user:
            _fail(path, "user_no_value", i, title=title)
    conf = raw.get("confidence", "user" if user else None)
    if user:
        if conf != "user":
            _fail(path, "user_confidence", i, title=title)
        src = raw.get("source")
        if not isinstance(src, str) or not src.strip():
            _fail(path, "user_no_source", i, title=title)
        src = _text(path, i, raw, "source", lines=False)
        learned = _day(raw.get("learned_on"))
        if learned is None:
            _fail(path, "user_no_learned_on", i, title=title)
        since = _since(path, i, raw["from"]) if "from" in raw else _USER_FROM
        return since, ParamValue(name=name, value=value, region=region,
                                 effective_from=since.isoformat() if "from" in raw else None, confidence="user",
                                 source=src.strip(), note=note, note_en=note,
                                 learned_on=learned.isoformat(), user_file=True)
    if conf not in CONFIDENCES or conf == "user":
        _fail(path, "bad_confidence", i, title=title, value=str(conf), choices=", ".join(CONFIDENCES[:-1]))
    if "from" not in raw:
        _fail(path, "no_from", i, title=title)
    since = _since(path, i, raw["from"])
    sid = raw.get("source")
    if sid not in sources():
        _fail(path, "unknown_source", i, title=title, value=str(sid))
    alternative = raw.get("alternative", False)
    if not isinstance(alternative, bool):
        _fail(path, "bad_alternative", i, title=title)
    read_on = raw.get("read_on")
    if read_on is not None:
        day = _day(read_on)
        if day is None:
            _fail(path, "bad_read_on", i, title=title, value=_shown(read_on))
        read_on = day.isoformat()
    entry = sources()[sid]
    quote, note_en = _text(path, i, raw, "quote"), _text(path, i, raw, "note_en")
    return since, ParamValue(
        name=name, value=value, region=region, effective_from=since.isoformat(), confidence=conf,
        source=quote or source_title(sid), ref=entry.ref, note=note,
        note_en=note_en, source_id=sid, alternative=alternative, read_on=read_on, read_at=entry.page,
    )


def read_region_text(path: Path | str) -> str:
    """The text of a region file: a regular file of at most :data:`REGION_LIMIT` bytes, UTF-8; else
    :class:`PolicyError` in words (a FIFO, a device or a folder is refused without waiting on it)."""
    path = Path(path)
    try:
        data, _ = read_limited(path, REGION_LIMIT)
        return data.decode("utf-8")
    except UnicodeDecodeError:
        _fail(path, "not_utf8")
    except OSError as exc:
        _fail(path, "unreadable", detail=os_error_words(exc))
    raise AssertionError  # pragma: no cover


def check_region_id(path: Path, region: Any) -> str:
    """A region id as a file may give it: a plain name (``province`` or ``province.city``, lower-case letters), not
    the name of one of the program's own files."""
    if not isinstance(region, str) or not _ID.fullmatch(region) or len(region) > 64:
        _fail(path, "bad_id", value=_shown(region))
    if region in _regions.NOT_REGIONS:
        _fail(path, "reserved_id", value=region)
    return region


def parse_region_file(path: Path | str, user: bool = False, text: str | None = None,
                      check_stem: bool = False) -> RegionData:
    """Read and check one region file against the schema and the declarations (its ``text`` when given, else the
    file, :func:`read_region_text`); raise :class:`PolicyError`. Every value has its declared type and bounds,
    every date is a day of the years the rules handle, every text is plain text of bounded length."""
    path = Path(path)
    raw_text = read_region_text(path) if text is None else text
    if len(raw_text) > REGION_LIMIT:
        _fail(path, "unreadable", detail=os_error_words(FileTooLarge(path)))
    bound = unbounded_line(raw_text)
    if bound is not None:  # before tomllib: its work on a long dotted key grows with its square
        kind, line = bound
        _fail(path, "line_long" if kind == "long" else "line_dots", line=line, most=MAX_LINE)
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        _fail(path, "not_toml", detail=str(exc))
    except (RecursionError, ValueError) as exc:  # nested too deep, an integer of thousands of digits
        _fail(path, "not_toml", detail=type(exc).__name__)
    region = check_region_id(path, raw.get("id"))
    if check_stem and path.stem != region:
        _fail(path, "id_not_file", value=region, stem=path.stem)
    extra = sorted(set(raw) - _TOP_KEYS)
    if extra:
        _fail(path, "unknown_top_keys", keys=", ".join(_shown(k) for k in extra[:5]))
    summary = _text(path, None, raw, "summary", lines=False) or ""
    summary_en = _text(path, None, raw, "summary_en", lines=False)
    items = raw.get("param", [])
    if not isinstance(items, list):
        _fail(path, "not_table")
    params: dict[str, list[tuple[date, ParamValue]]] = {}
    for i, item in enumerate(items):
        since, value = _entry(path, region, i, item, user)
        params.setdefault(value.name, []).append((since, value))
    return RegionData(
        id=region, summary=summary, summary_en=summary if summary_en is None else summary_en,
        params={k: tuple(sorted(v, key=lambda e: e[0])) for k, v in params.items()}, user=user, path=path,
    )


# --- where the files are (the registry of regions lists them: engine.data.places) ----------------------------------
bundled_folder = _regions.data_folder
user_folder = _regions.user_data_folder


def set_bundled_folder(folder: Path | str | None) -> None:
    """Point the loader at another folder of bundled region files (tests; None = this package's)."""
    _regions.set_data_folder(folder)
    reload()


_reloads = 0


def reload() -> None:
    """Forget what was read (after a region file was added or a folder changed)."""
    global _reloads
    _regions.forget_files()
    _region_file.cache_clear()
    _user_file.cache_clear()
    _lookup.cache_clear()
    _reloads += 1


def reloads() -> int:
    """How many times what was read has been forgotten (:func:`reload`): what was found before a reload is stale."""
    return _reloads


def _files(folder: Path) -> dict[str, Path]:
    return _regions.data_files(folder)


def _folders() -> tuple[str, str]:
    """Where the data files are now, as text (a key of the lookup's cache, hashed as plain strings)."""
    return str(bundled_folder()), str(user_folder())


@lru_cache(maxsize=None)
def _region_file(folder: Path, region: str, user: bool) -> RegionData | None:
    """A bundled region file (or one of a folder of them, tests), read once; a broken one raises PolicyError."""
    path = _files(folder).get(region)
    if path is None:
        return None
    if user or folder != POLICY_DIR:
        return parse_region_file(path, user=user, check_stem=True)
    of, parse, kind = _compilable_region(path)
    return replace(compiled.load(f"region:{region}", of, parse, kind), path=path)


def _compilable_region(path: Path) -> tuple[int, Any, Any]:
    """A bundled region file for the kept files (:mod:`engine.data.compiled`): its values are checked against the declarations and
    name their sources' titles, so its parsed form depends on both files too."""
    data = path.read_bytes()  # read once: what is parsed is what the digest was taken of
    of = compiled.digest(data, _sources_bytes(), str(DECLARATIONS_DIGEST),
                         repr((RegionData.__struct_fields__, ParamValue.__struct_fields__)))
    return of, lambda: replace(parse_region_file(path, check_stem=True, text=data.decode("utf-8")), path=None), RegionData


def compilable() -> compiled.Compilable:
    """The sources and every bundled region file, for the kept files (:mod:`engine.data.compiled`): key → (digest,
    parse, type)."""
    out = {"sources": _compilable_sources()}
    for region, path in _files(POLICY_DIR).items():
        out[f"region:{region}"] = _compilable_region(path)
    return out


def _empty(region: str) -> RegionData:
    return RegionData(region, "", "", {})


def region_data(region: str) -> RegionData:
    """The bundled data file of one region (read once, then cached); empty where the region has none."""
    return _region_file(bundled_folder(), region, False) or _empty(region)


@lru_cache(maxsize=None)
def _user_file(folder: Path, region: str) -> RegionData | PolicyError | None:
    """The user's file of local figures for ``region`` in ``folder``, read and checked once: its data, or why it
    cannot be used (kept, so that a broken file is read once, not at every lookup), or None when there is none."""
    path = _files(folder).get(region)
    if path is None:
        return None
    try:
        return parse_region_file(path, user=True, check_stem=True)
    except PolicyError as err:
        return err
    except Exception as err:  # noqa: BLE001 - a user's file never stops the program: it is skipped, and said so
        return PolicyError(path, msg("policy_file", "unreadable", detail=type(err).__name__))


def user_region_data(region: str) -> RegionData | None:
    """The user's own file of local figures for ``region``, or None. A broken user file counts as none here: it is
    skipped (``check_user_regions`` names it and says why)."""
    found = _user_file(user_folder(), region)
    return found if isinstance(found, RegionData) else None


def check_user_regions() -> list[PolicyError]:
    """The user's region files that cannot be read, each with why: skipped by every lookup."""
    folder = user_folder()
    return [found for region in _files(folder) if isinstance(found := _user_file(folder, region), PolicyError)]


def data_regions() -> list[str]:
    """The ids of the regions that have a data file, bundled or the user's (``national`` first)."""
    return _regions.data_ids()


def user_regions() -> list[str]:
    return sorted(_files(user_folder()))


def has_data(region: str) -> bool:
    """Whether the place has figures of its own (a data file with parameters), not only its province's."""
    try:
        return bool(region_data(region).params)
    except (OSError, ValueError):
        return False


def covered_by(region: str) -> str:
    """The most specific level of the chain that has data of its own: the place, its province, or national."""
    for level in chain(region):
        if level == "national" or has_data(level):
            return level
    return "national"


# --- lookup -------------------------------------------------------------------------------------------------------
def _in_force_entries(data: RegionData | None, name: str, at: date) -> tuple[ParamValue | None, list[ParamValue]]:
    """The main entry of ``name`` in force at ``at`` in one file, and the alternative entries in force beside it."""
    if data is None:
        return None, []
    main: tuple[date, ParamValue] | None = None
    alts: list[tuple[date, ParamValue]] = []
    for since, value in data.params.get(name, ()):
        if since > at:
            break
        if value.alternative:
            alts.append((since, value))
        else:
            main = (since, value)
    latest_alt: dict[str | None, ParamValue] = {}
    for since, value in alts:
        if main is None or since >= main[0]:
            latest_alt[value.source_id] = value  # the latest of each disagreeing source
    return (main[1] if main else None), list(latest_alt.values())


def in_force(region: str, name: str, at: date) -> ParamValue | None:
    """The entry of ``name`` in ``region``'s own files (the user's first) in force at ``at``, or None."""
    mine, _ = _in_force_entries(user_region_data(region), name, at)
    if mine is not None:
        return mine
    found, _ = _in_force_entries(region_data(region), name, at)
    return found


def lookup(name: str, region: str, at: date, folders: tuple[str, str] | None = None) -> ParamValue:
    """The value in force at ``at``: the region's own (the user's file first), else its province's, else the
    national one. Where another source disagrees (an ``alternative`` entry), the stricter value is used (the
    larger number of years or months) and the others ride along in ``alternatives``.

    A parameter with no entry anywhere comes back unknown with confidence ``assumed``. ``folders`` is where the
    data files are (:func:`data_folders`), for a caller that reads many parameters as of one moment (an
    evaluation asks once); without it they are asked for now.
    """
    return _lookup(name, region, at, folders or _folders())


def data_folders() -> tuple[str, str]:
    """Where the data files are now: the bundled region files' folder and the user's (``$YIBAO_REGIONS``)."""
    return _folders()


@lru_cache(maxsize=8192)
def _lookup(name: str, region: str, at: date, folders: tuple[str, str]) -> ParamValue:
    alts: list[ParamValue] = []
    main: ParamValue | None = None
    for level in chain(region):
        mine, _ = _in_force_entries(user_region_data(level), name, at)
        if mine is not None:
            return mine  # the user's own figure: what they were told locally decides
        main, found_alts = _in_force_entries(region_data(level), name, at)
        alts.extend(found_alts)
        if main is not None:
            break
    if main is None and not alts:
        none = msg("policy_file", "no_data")  # the JSON's trace carries a note in both languages
        return ParamValue(name, None, "national", None, "assumed", note=none.text(DEFAULT_LANG),
                          note_en=none.text(FALLBACK_LANG))
    if not alts:
        return main
    candidates = ([main] if main is not None else []) + alts
    chosen = _stricter(name, candidates)
    others = tuple(c for c in candidates if c is not chosen)
    return replace(chosen, alternatives=others)


def _stricter(name: str, candidates: list[ParamValue]) -> ParamValue:
    """Of disagreeing entries, the one the verdict should use: the larger whole number (years, months) where the
    unit counts them; otherwise the main entry. An unknown value never wins over a known one."""
    known = [c for c in candidates if c.known]
    if not known:
        return candidates[0]
    decl = DECLARATIONS.get(name)
    if decl is not None and decl.unit in WHOLE_UNITS and all(isinstance(c.value, (int, float)) for c in known):
        return max(known, key=lambda c: c.value)  # max keeps the first of equals: the main entry
    return known[0]


def history(name: str, region: str) -> list[ParamValue]:
    """Every dated entry of ``name`` along the region's chain, most specific level first (the user's first)."""
    out: list[ParamValue] = []
    for level in chain(region):
        mine = user_region_data(level)
        if mine is not None:
            out.extend(v for _, v in mine.params.get(name, ()))
        out.extend(v for _, v in region_data(level).params.get(name, ()))
    return out


def all_regions() -> list[RegionData]:
    """Every region with a data file or in the list of places: bundled data, or the user's where only they have
    one."""
    ids = data_regions()
    known = _regions.ids()
    out = []
    for rid in ids + [r for r in known if r not in ids]:
        data = region_data(rid)
        if not data.params and rid in user_regions():
            data = user_region_data(rid) or data
        out.append(data)
    return out


def sourcing(region: str) -> dict[str, int]:
    """How well a region's data is sourced: the number of its entries by confidence (unknown counted apart; the
    user's own figures under ``user``)."""
    counts = {c: 0 for c in CONFIDENCES}
    counts["unknown"] = 0
    for data in (region_data(region), user_region_data(region)):
        if data is None:
            continue
        for entries in data.params.values():
            for _, v in entries:
                counts["unknown" if v.value is None else v.confidence] += 1
    return counts


# --- the user's local figures -------------------------------------------------------------------------------------
def _toml_value(value: Any) -> str:
    import tomli_w  # imported only when used: a file of local figures is written

    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def user_region_text(region: str, entries: list[dict], lang: str = DEFAULT_LANG, top: dict | None = None) -> str:
    """A file of the user's local figures, headed by a comment in ``lang`` that says what it is; ``top`` holds the
    file's summary, if it has one."""
    lines = ["# " + msg("policy_file", "user_header").text(lang), f'id = "{region}"']
    lines += [f"{key} = {_toml_value(value)}" for key, value in (top or {}).items()] + [""]
    for e in entries:
        lines.append("[[param]]")
        for key in ("name", "from", "value", "confidence", "source", "learned_on", "note"):
            if key in e and e[key] is not None:
                v = e[key]
                lines.append(f"{key} = {_toml_value(v.isoformat() if isinstance(v, date) else v)}")
        lines.append("")
    return "\n".join(lines)


class PolicyConflict(PolicyError):
    """The user's file of local figures changed since it was read (another window or program saved it)."""


class UserFileBroken(PolicyError):
    """The user's file of local figures that a save would replace cannot be read: it is not replaced unless the
    caller says so (``replace_broken``); ``reason`` is why it cannot be read."""

    def __init__(self, path: Path | str, reason: PolicyError):
        super().__init__(path, msg("policy_file", "broken_existing", reason=reason.message))
        self.reason = reason


def _user_file_now(path: Path) -> tuple[FileStamp, bytes | None]:
    """The user's file as it is now: its stamp and its bytes (None when there is none)."""
    try:
        data, st = read_limited(path, REGION_LIMIT)
    except FileNotFoundError:
        return FileStamp(0, 0, None), None
    except OSError as exc:
        _fail(path, "unreadable", detail=os_error_words(exc))
    return stamp_of(data, st), data


def user_region_now(region: str, folder: Path | str | None = None) -> tuple[FileStamp, RegionData | PolicyError | None]:
    """The user's file of local figures for ``region`` as it is on disk now, read once: its stamp (for a later
    save's ``expect``) and its figures, or why it cannot be used, or None when there is none."""
    folder = Path(folder) if folder is not None else user_folder()
    path = folder / f"{region}.toml"
    try:
        stamp, data = _user_file_now(path)
    except PolicyError as err:
        return FileStamp(0, 0, None), err
    if data is None:
        return stamp, None
    try:
        return stamp, parse_region_file(path, user=True, text=data.decode("utf-8"))
    except UnicodeDecodeError:
        return stamp, PolicyError(path, msg("policy_file", "not_utf8"))
    except PolicyError as err:
        return stamp, err


def _write_user_file(folder: Path, name: str, data: bytes, expect: FileStamp | None = None) -> Path:
    """Write a file of local figures into the user's folder (0700) with :func:`engine.data.atomic.write_atomic`,
    read back and checked before it replaces the old one (kept as ``NAME.bak``); with ``expect``, only if the
    file still holds what that stamp saw (else :class:`PolicyConflict`)."""
    target = folder / name

    def check(written: bytes) -> None:
        parse_region_file(target, user=True, text=written.decode("utf-8"))

    try:
        write_atomic(target, data, check=check, expect=expect)
    except FileBusy:
        raise PolicyError(target, msg("file", "busy")) from None
    except FileChanged:
        raise PolicyConflict(target, msg("policy_file", "conflict")) from None
    reload()
    return target


def write_user_region(region: str, values: dict[str, tuple[Any, str, Any]], folder: Path | str | None = None,
                      lang: str = DEFAULT_LANG, *, expect: FileStamp | None = None,
                      replace_broken: bool = False) -> Path:
    """Save the user's local figures for ``region``: ``values`` maps a parameter name to (value, where the user
    learned it, when: a date or YYYY-MM-DD). Each is checked against the declarations first (a
    :class:`PolicyError` names the figure and what is expected; nothing is written then).

    Everything else in the user's file is kept as it was: the other parameters' entries, dated ones included, and
    its summary; a figure given here replaces that parameter's entries, and one given as None (not a triple) takes
    them out. With ``expect`` (the stamp of the file
    when the figures were shown), nothing is written over a file changed since (:class:`PolicyConflict`). A file
    already there that cannot be read is not replaced (:class:`UserFileBroken`, naming it and why) unless
    ``replace_broken``: then it is kept as ``NAME.bak``. Written atomically, 0600 in a 0700 folder, headed by a
    comment in ``lang``; returns the path."""
    folder = Path(folder) if folder is not None else user_folder()
    path = folder / f"{region}.toml"
    check_region_id(path, region)
    stamp, old_data = _user_file_now(path)
    if expect is not None and not expect.same_content(stamp):
        raise PolicyConflict(path, msg("policy_file", "conflict"))
    kept: list[dict] = []
    top: dict[str, Any] = {}
    if old_data is not None:
        try:
            try:
                old_text = old_data.decode("utf-8")
            except UnicodeDecodeError:
                _fail(path, "not_utf8")
            parse_region_file(path, user=True, text=old_text)
            old = tomllib.loads(old_text)
        except PolicyError as err:
            if not replace_broken:
                raise UserFileBroken(path, err) from None
        else:
            top = {k: old[k] for k in ("summary", "summary_en") if k in old}
            kept = [dict(e) for e in old.get("param", []) if e.get("name") not in values]
    entries = list(kept)
    for i, (name, triple) in enumerate(values.items()):
        if triple is None:
            continue  # taken out of the file: the user no longer knows it
        if not isinstance(triple, (tuple, list)) or len(triple) != 3:
            _fail(path, "bad_triple", i, name=name)
        value, source, learned = triple
        if isinstance(value, float) and not math.isfinite(value):
            _fail(path, "not_finite", i, title=Msg("param", DECLARATIONS[name].title) if name in DECLARATIONS else name)
        entries.append({"name": name, "value": value, "source": source,
                        "learned_on": learned.isoformat() if isinstance(learned, date) else learned})
    text = user_region_text(region, entries, lang, top)
    parse_region_file(path, user=True, text=text)  # every figure checked before anything is written
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return _write_user_file(folder, path.name, text.encode("utf-8"), expect=stamp)


def install_user_region(src: Path | str, folder: Path | str | None = None) -> Path:
    """Check a user's region file and copy it into the user's folder (``yibao regions add FILE``): the file is read
    once, and exactly what was checked is installed; nothing is installed when it fails (a :class:`PolicyError`
    says why). A file of that region already installed is kept as ``NAME.bak``."""
    src = Path(src)
    text = read_region_text(src)
    data = parse_region_file(src, user=True, text=text)
    folder = Path(folder) if folder is not None else user_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return _write_user_file(folder, f"{data.id}.toml", text.encode("utf-8"))
