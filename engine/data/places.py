"""Every place the engine knows, the one registry of regions: the 31 provinces (the four municipalities among
them) and every prefecture-level city, autonomous prefecture, league and 地区, read from ``engine/places.json``;
and any other place a region data file is written for (bundled in ``engine/policy``, or the user's own), which a
profile may then name (its name is its id).

``places.json`` is the one place where region names are written, in Chinese and in English (pinyin); a reader of
any language but Chinese reads the English (:func:`engine.data.langs.data_lang`). It comes from the official
administrative division codes (see its ``source``, ``date`` and ``commit``; ``tools/make_places.py`` generates it,
pinyin included, so that nothing here needs pypinyin). Ids are fixed: ``province`` or ``province.city`` in pinyin without tones.

A lookup falls back from city to province to ``national``; two regions are in different provinces when the
first parts of their ids differ. A place with no data file of its own is still known: a profile may use it, and
its figures come from its province, then from the national rules. Whether a place has figures of its own is for
the policy data to say (:func:`engine.data.policy.has_data`, :func:`engine.data.policy.covered_by`): this registry
lists the files and is read before them.

The file is read on first use, not when the module is imported.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct

from .langs import DEFAULT_LANG, data_lang
from .userdirs import user_data_path

PLACES_FILE = Path(__file__).parent.parent / "places.json"
#: the bundled region data files: ``<region id>.toml`` beside the declarations and the sources
DATA_FOLDER = Path(__file__).parent.parent / "policy"
#: files of that folder that are not a region's
NOT_REGIONS = ("params", "sources")
#: what a region id looks like: ``province`` or ``province.city``, lower-case pinyin
ID_PATTERN = re.compile(r"\A[a-z]+(\.[a-z]+)?\Z")  # \Z: no line break after it


class Place(Struct, frozen=True):
    """One place: its id, division code, full Chinese name (成都市), short name (成都), pinyin syllables
    (``cheng du``), English name (``Chengdu, Sichuan``) and level (national, province, city, prefecture, league)."""

    id: str
    code: str | None
    zh: str
    short: str
    pinyin: str
    en: str
    level: str

    @property
    def province(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def is_province(self) -> bool:
        return self.level == "province"

    @property
    def spelled(self) -> str:
        """The pinyin in one word: ``chengdu``."""
        return self.pinyin.replace(" ", "")

    @property
    def initials(self) -> str:
        """The first letters of the syllables: ``cd``."""
        return "".join(s[0] for s in self.pinyin.split() if s)


class _PlacesFile(Struct):
    places: list[Place]  # the file's other keys (where the list comes from) are skipped here: see source()


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every listed place by id, in the file's order: national, the provinces, then the cities province by
    province."""
    with open(PLACES_FILE, "rb") as fh:  # read straight into Places by msgspec
        return {p.id: p for p in msgspec.json.decode(fh.read(), type=_PlacesFile).places}


def source() -> dict[str, Any]:
    """Where the list comes from: ``source``, ``source_en``, ``repository``, ``commit``, ``date``."""
    with open(PLACES_FILE, "rb") as fh:
        return {k: v for k, v in msgspec.json.decode(fh.read()).items() if k != "places"}


def place(region: str) -> Place | None:
    return places().get(region)


# --- the data files: a place with a file of its own is known, listed or not --------------------------------------
_data_folder: Path | None = None  # another folder of bundled region files (tests), or None for DATA_FOLDER


def data_folder() -> Path:
    """The folder of the bundled region files."""
    return _data_folder or DATA_FOLDER


def user_data_folder() -> Path:
    """The folder of the user's region files: ``$YIBAO_REGIONS``, else ``user_data_path("yibao")/regions``."""
    env = os.environ.get("YIBAO_REGIONS")
    return _folder(env) if env else _default_user_folder()


@lru_cache(maxsize=8)
def _folder(path: str) -> Path:
    return Path(path)


@lru_cache(maxsize=1)
def _default_user_folder() -> Path:
    return user_data_path("yibao") / "regions"


def set_data_folder(folder: Path | str | None) -> None:
    """Read the bundled region files from another folder (tests; None = the package's)."""
    global _data_folder
    _data_folder = Path(folder) if folder is not None else None
    forget_files()


@lru_cache(maxsize=8)
def data_files(folder: Path) -> dict[str, Path]:
    """The region files of ``folder``: id → path, in the order of their names."""
    try:
        names = sorted(name for name in os.listdir(folder) if name.endswith(".toml"))
    except OSError:  # no such folder, or not one, or not readable: no files
        return {}
    return {name[:-5]: folder / name for name in names if name[:-5] not in NOT_REGIONS}


def forget_files() -> None:
    """List the folders again when next asked (after a file was added or a folder changed)."""
    data_files.cache_clear()


def data_ids() -> list[str]:
    """The ids of the regions with a data file, bundled or the user's: ``national`` first, then by id (a file
    whose name is no region id is left to the policy loader to refuse)."""
    ids = {rid for folder in (data_folder(), user_data_folder()) for rid in data_files(folder) if ID_PATTERN.match(rid)}
    return sorted(ids, key=lambda r: (r != "national", r))


def ids() -> tuple[str, ...]:
    """Every known region id: the listed places in the list's order, then those known only by a data file."""
    listed = places()
    return tuple(listed) + tuple(rid for rid in data_ids() if rid not in listed)


def __getattr__(name: str) -> Any:  # REGION_IDS is read as the files are now, not when the module was imported
    if name == "REGION_IDS":
        return ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_known(region: str) -> bool:
    if not isinstance(region, str):
        return False
    return region in places() or region in data_ids()


def province_of(region: str) -> str:
    """``"jiangsu.xuzhou"`` → ``"jiangsu"``; ``national`` stays ``national``."""
    return region.split(".", 1)[0]


def cities_of(province: str) -> list[str]:
    """The ids of a province's cities, in the file's order."""
    prefix = province + "."
    return [rid for rid in places() if rid.startswith(prefix)]


@lru_cache(maxsize=None)
def chain(region: str) -> tuple[str, ...]:
    """The lookup chain, most specific first: ``jiangsu.xuzhou`` → (jiangsu.xuzhou, jiangsu, national)."""
    out = [region]
    if "." in region:
        out.append(province_of(region))
    if region != "national":
        out.append("national")
    return tuple(out)


def cross_province(a: str, b: str) -> bool:
    return province_of(a) != province_of(b)


def region_name(region: str, lang: str = "zh") -> str:
    """The place's name: 成都市 / ``Chengdu, Sichuan`` (the English for every language but Chinese); a place known
    only by its data file is named by its id."""
    found = places().get(region)
    if found is None:
        return region
    return found.zh if data_lang(lang) == DEFAULT_LANG else found.en


def full_name(region: str, lang: str = "zh") -> str:
    """The name with its province in Chinese too: 四川省成都市 (``Chengdu, Sichuan`` in English)."""
    found = places().get(region)
    if found is None:
        return region
    if data_lang(lang) != DEFAULT_LANG or "." not in region:
        return region_name(region, lang)
    return region_name(found.province, lang) + found.zh


# --- search ------------------------------------------------------------------------------------------------------
_FOLD = re.compile(r"[\s'’·.,，、\-_/]+")


def _fold(text: str) -> str:
    """Lower case, no spaces, apostrophes or punctuation, ü as v: "Xi'an" → "xian", "Lüliang" → "lvliang"."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("ü", "v")
    return _FOLD.sub("", text)


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, tuple[str, ...], str, str]]:
    """Per place: (id, the forms of its own name, its initials, the forms with its province before it)."""
    every = places()
    out = []
    for rid, p in every.items():
        own = {_fold(rid), _fold(rid.rsplit(".", 1)[-1]), _fold(p.zh), _fold(p.short), _fold(p.spelled),
               _fold(p.en), _fold(p.en.split(",")[0])}
        prov = every.get(p.province) if "." in rid else None
        combined = ""
        if prov is not None:
            combined = "|".join((prov.short + p.short, prov.zh + p.zh, prov.spelled + p.spelled,
                                 _fold(p.short + prov.short), p.spelled + prov.spelled))
        out.append((rid, tuple(sorted(f for f in own if f)), p.initials, _fold(combined)))
    return out


#: the larger places first among matches alike: the country, a province, a city, then the other divisions
LEVEL_ORDER = {"national": 0, "province": 1, "city": 3}


def size_order(p: Place) -> int:
    """Where a place stands among matches alike, the larger first: the country, a province, a province's capital
    (the city whose division code ends in 0100), another city, then the other divisions."""
    if p.level == "city" and p.code is not None and p.code.endswith("0100"):
        return 2
    return LEVEL_ORDER.get(p.level, 4)


def _ranked(query: str) -> list[tuple[int, int, int, str]]:
    """(tier, size, position, id) of every place matching ``query``: tier 0 exact, 1 its initials exactly, 2 a
    prefix, 3 a city of a province that matched in one of those ways, 4 found inside a name (or the start of its
    initials); within a tier the larger places first (:func:`size_order`), then in the data's order."""
    q = _fold(query)
    every = places()
    if not q:
        return [(0, 0, i, rid) for i, rid in enumerate(every)]
    tiers: dict[str, int] = {}
    for rid, forms, initials, combined in _index():
        tier = None
        if q in forms or (combined and q in combined.split("|")):
            tier = 0
        elif len(q) >= 2 and q == initials:
            tier = 1
        elif any(f.startswith(q) for f in forms):
            tier = 2
        elif any(q in f for f in forms) or (combined and q in combined) or (len(q) >= 2 and initials.startswith(q)):
            tier = 4
        if tier is not None:
            tiers[rid] = tier
    for rid, tier in list(tiers.items()):
        if tier <= 2 and every[rid].is_province:
            for city in cities_of(rid):
                tiers[city] = min(tiers.get(city, 3), 3)
    order = {rid: i for i, rid in enumerate(every)}
    return sorted((t, size_order(every[rid]), order[rid], rid) for rid, t in tiers.items())


def search(query: str) -> list[str]:
    """The ids of the places that match ``query``: a Chinese name (成都, 成都市, 四川成都), pinyin in full or by
    initials (chengdu, cd), English (Chengdu) or the id, in any case; best matches first. A province's name
    brings the province and then its cities. An empty query gives every place."""
    return [rid for *_, rid in _ranked(query)]


def suggest(region: str, n: int = 3) -> list[str]:
    """The closest known ids to a mistyped one: exact names and pinyin first, then ids close in spelling (by the
    city part or the whole id), then places whose name is inside the text."""
    text = str(region).strip().lower()
    found = [rid for tier, *_, rid in _ranked(text) if tier == 0 and rid != "national"][:n]
    by_city: dict[str, list[str]] = {}
    for rid in places():
        by_city.setdefault(rid.rsplit(".", 1)[-1], []).append(rid)
    tail = text.rsplit(".", 1)[-1]
    prov = text.split(".", 1)[0] if "." in text else ""
    import difflib  # imported only when used: a place that is not found

    for city in difflib.get_close_matches(tail, list(by_city), n=n, cutoff=0.75):
        ids = by_city[city]
        found += sorted(ids, key=lambda rid: province_of(rid) != prov)  # the same province first
    found += difflib.get_close_matches(text, list(places()), n=n, cutoff=0.5)
    found += [rid for rid, p in places().items() if p.short and p.short in text]
    out: list[str] = []
    for rid in found:
        if rid not in out:
            out.append(rid)
    return out[:n]
