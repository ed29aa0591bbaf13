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

from . import compiled, places as _regions
from .atomic import FileBusy, write_atomic
from .i18n import Msg, msg
from .langs import DEFAULT_LANG, FALLBACK_LANG, data_lang
from .os_errors import os_error_words
from .params import DECLARATIONS, DECLARATIONS_DIGEST, WHOLE_UNITS, check_value
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


def _since(path: Path, i: int, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        _fail(path, "bad_from", i, value=str(raw))
    raise AssertionError  # pragma: no cover


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
        _fail(path, "unknown_keys", i, title=title, keys=", ".join(extra))
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
        learned = raw.get("learned_on")
        learned = learned.isoformat() if isinstance(learned, date) else learned
        if not isinstance(learned, str) or len(learned) != 10 or not _date_ok(learned):
            _fail(path, "user_no_learned_on", i, title=title)
        since = _since(path, i, raw["from"]) if "from" in raw else _USER_FROM
        return since, ParamValue(name=name, value=value, region=region,
                                 effective_from=since.isoformat() if "from" in raw else None, confidence="user",
                                 source=src.strip(), note=raw.get("note"), note_en=raw.get("note"),
                                 learned_on=learned, user_file=True)
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
        read_on = read_on.isoformat() if isinstance(read_on, date) else read_on
        if not isinstance(read_on, str) or len(read_on) != 10 or not _date_ok(read_on):
            _fail(path, "bad_read_on", i, title=title, value=str(raw.get("read_on")))
    entry = sources()[sid]
    return since, ParamValue(
        name=name, value=value, region=region, effective_from=since.isoformat(), confidence=conf,
        source=raw.get("quote") or source_title(sid), ref=entry.ref, note=raw.get("note"),
        note_en=raw.get("note_en"), source_id=sid, alternative=alternative, read_on=read_on, read_at=entry.page,
    )


def _date_ok(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def parse_region_file(path: Path | str, user: bool = False, text: str | None = None,
                      check_stem: bool = False) -> RegionData:
    """Read and check one region file against the schema and the declarations; raise :class:`PolicyError`."""
    path = Path(path)
    try:
        raw_text = path.read_text(encoding="utf-8") if text is None else text
        raw = tomllib.loads(raw_text)
    except UnicodeDecodeError:
        _fail(path, "not_utf8")
    except tomllib.TOMLDecodeError as exc:
        _fail(path, "not_toml", detail=str(exc))
    except OSError as exc:
        _fail(path, "unreadable", detail=os_error_words(exc))
    region = raw.get("id")
    if not isinstance(region, str) or not _ID.match(region):
        _fail(path, "bad_id", value=str(region))
    if check_stem and path.stem != region:
        _fail(path, "id_not_file", value=region, stem=path.stem)
    extra = sorted(set(raw) - _TOP_KEYS)
    if extra:
        _fail(path, "unknown_top_keys", keys=", ".join(extra))
    items = raw.get("param", [])
    if not isinstance(items, list):
        _fail(path, "not_table")
    params: dict[str, list[tuple[date, ParamValue]]] = {}
    for i, item in enumerate(items):
        since, value = _entry(path, region, i, item, user)
        params.setdefault(value.name, []).append((since, value))
    return RegionData(
        id=region, summary=raw.get("summary", ""), summary_en=raw.get("summary_en", raw.get("summary", "")),
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
    path = _files(folder).get(region)
    if path is None:
        return None
    if user or folder != POLICY_DIR:
        return parse_region_file(path, user=user, check_stem=True)
    of, parse, kind = _compilable_region(path)
    return replace(compiled.load(f"region:{region}", of, parse, kind), path=path)


def _compilable_region(path: Path) -> tuple[int, Any, Any]:
    """A bundled region file for the kept files (:mod:`engine.data.compiled`): its values are checked against the
    declarations and name their sources' titles, so its parsed form depends on both files too."""
    of = compiled.digest(path.read_bytes(), _sources_bytes(), str(DECLARATIONS_DIGEST),
                         repr((RegionData.__struct_fields__, ParamValue.__struct_fields__)))
    return of, lambda: replace(parse_region_file(path, check_stem=True), path=None), RegionData


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


def user_region_data(region: str) -> RegionData | None:
    """The user's own file of local figures for ``region``, or None. A broken user file counts as none here
    (``check_user_regions`` reports it)."""
    try:
        return _region_file(user_folder(), region, True)
    except PolicyError:
        return None


def check_user_regions() -> list[PolicyError]:
    """The user's region files that cannot be read, each with why."""
    out = []
    for region in _files(user_folder()):
        try:
            _region_file(user_folder(), region, True)
        except PolicyError as err:
            out.append(err)
    return out


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


def user_region_text(region: str, entries: list[dict], lang: str = DEFAULT_LANG) -> str:
    """A file of the user's local figures, headed by a comment in ``lang`` that says what it is."""
    lines = ["# " + msg("policy_file", "user_header").text(lang), f'id = "{region}"', ""]
    for e in entries:
        lines.append("[[param]]")
        for key in ("name", "from", "value", "confidence", "source", "learned_on", "note"):
            if key in e and e[key] is not None:
                v = e[key]
                lines.append(f"{key} = {_toml_value(v.isoformat() if isinstance(v, date) else v)}")
        lines.append("")
    return "\n".join(lines)


def _write_user_file(folder: Path, name: str, text: str) -> Path:
    """Write a file of local figures into the user's folder (0700) with :func:`engine.data.atomic.write_atomic`,
    read back and checked before it replaces the old one (kept as ``NAME.bak``)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    target = folder / name

    def check(written: bytes) -> None:
        parse_region_file(target, user=True, text=written.decode("utf-8"))

    try:
        write_atomic(target, text.encode("utf-8"), check=check)
    except FileBusy:
        raise PolicyError(target, msg("file", "busy")) from None
    reload()
    return target


def write_user_region(region: str, values: dict[str, tuple[Any, str, Any]], folder: Path | str | None = None,
                      lang: str = DEFAULT_LANG) -> Path:
    """Save the user's local figures for ``region``: ``values`` maps a parameter name to (value, where the user
    learned it, when: a date or YYYY-MM-DD). Each is checked against the declarations first (a
    :class:`PolicyError` names the figure and what is expected; nothing is written then). Figures already in the
    user's file for other parameters are kept. Written atomically, 0600 in a 0700 folder, headed by a comment in
    ``lang``; returns the path."""
    folder = Path(folder) if folder is not None else user_folder()
    path = folder / f"{region}.toml"
    if not _ID.match(str(region)):
        _fail(path, "bad_id", value=str(region))
    entries: dict[str, dict] = {}
    if path.exists():
        try:
            old = parse_region_file(path, user=True)
        except PolicyError:
            old = None
        for name, items in (old.params.items() if old else ()):
            for since, v in items:
                entries.setdefault(name, {"name": name, "value": v.value, "source": v.source,
                                          "learned_on": v.learned_on, "note": v.note,
                                          **({"from": since.isoformat()} if v.effective_from else {})})
    for i, (name, triple) in enumerate(values.items()):
        if not isinstance(triple, (tuple, list)) or len(triple) != 3:
            _fail(path, "bad_triple", i, name=name)
        value, source, learned = triple
        if isinstance(value, float) and not math.isfinite(value):
            _fail(path, "not_finite", i, title=Msg("param", DECLARATIONS[name].title) if name in DECLARATIONS else name)
        entries[name] = {"name": name, "value": value, "source": source,
                         "learned_on": learned.isoformat() if isinstance(learned, date) else learned}
    text = user_region_text(region, list(entries.values()), lang)
    parse_region_file(path, user=True, text=text)  # every figure checked before anything is written
    return _write_user_file(folder, path.name, text)


def install_user_region(src: Path | str, folder: Path | str | None = None) -> Path:
    """Check a user's region file and copy it into the user's folder (``yibao regions add FILE``); nothing is
    installed when it fails (a :class:`PolicyError` says why)."""
    src = Path(src)
    data = parse_region_file(src, user=True)
    folder = Path(folder) if folder is not None else user_folder()
    return _write_user_file(folder, f"{data.id}.toml", src.read_text(encoding="utf-8"))

