"""Policy parameters as data: one TOML file per region beside this module, each value dated and sourced.

A file holds ``[[param]]`` entries: ``name``, ``from`` (the date it took effect), ``value`` (left out where the
figure is not known: the entry then says so in ``note``), ``confidence`` (official | secondary | seed | assumed),
``source`` and ``ref``. A lookup takes the latest entry in force at a date, falling back city → province →
national. Overrides from the profile are applied by :class:`engine.context.Context`, not here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..regions import REGION_IDS, chain, region_name

CONFIDENCES = ("official", "secondary", "seed", "assumed", "user")
_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class ParamValue:
    """A parameter as found: its value (None when not known), where it came from and how sure we are."""

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

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class RegionData:
    id: str
    name: str
    name_en: str
    summary: str
    summary_en: str
    params: dict[str, tuple[tuple[date, ParamValue], ...]]


def _entry(region: str, raw: dict) -> tuple[date, ParamValue]:
    since = raw["from"]
    since = since if isinstance(since, date) else date.fromisoformat(str(since))
    conf = raw.get("confidence", "assumed")
    if conf not in CONFIDENCES:
        raise ValueError(f"{region}: {raw['name']}: unknown confidence {conf!r}")
    return since, ParamValue(
        name=raw["name"], value=raw.get("value"), region=region, effective_from=since.isoformat(),
        confidence=conf, source=raw.get("source"), ref=raw.get("ref"), note=raw.get("note"),
        note_en=raw.get("note_en"),
    )


@lru_cache(maxsize=None)
def region_data(region: str) -> RegionData:
    """The parsed data file of one region (read once, then cached)."""
    path = _HERE / f"{region}.toml"
    if not path.exists():
        raw: dict = {}  # a place with no data of its own: the lookup passes on to its province, then national
    else:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    params: dict[str, list[tuple[date, ParamValue]]] = {}
    for item in raw.get("param", []):
        params.setdefault(item["name"], []).append(_entry(region, item))
    return RegionData(
        id=region, name=raw.get("name") or region_name(region), name_en=raw.get("name_en") or region_name(region, "en"),
        summary=raw.get("summary", ""), summary_en=raw.get("summary_en", ""),
        params={k: tuple(sorted(v, key=lambda e: e[0])) for k, v in params.items()},
    )


def in_force(region: str, name: str, at: date) -> ParamValue | None:
    """The entry of ``name`` in ``region``'s own file that is in force at ``at``, or None."""
    found = None
    for since, value in region_data(region).params.get(name, ()):
        if since <= at:
            found = value
        else:
            break
    return found


@lru_cache(maxsize=8192)
def lookup(name: str, region: str, at: date) -> ParamValue:
    """The value in force at ``at``: the region's own, else its province's, else the national one.

    A parameter with no entry anywhere comes back unknown with confidence ``assumed``.
    """
    for level in chain(region):
        found = in_force(level, name, at)
        if found is not None:
            return found
    return ParamValue(name, None, "national", None, "assumed", note="没有这一参数的数据",
                      note_en="no data for this parameter")


def history(name: str, region: str) -> list[ParamValue]:
    """Every dated entry of ``name`` along the region's chain, most specific level first."""
    out: list[ParamValue] = []
    for level in chain(region):
        out.extend(v for _, v in region_data(level).params.get(name, ()))
    return out


def all_regions() -> list[RegionData]:
    return [region_data(r) for r in REGION_IDS]


def sourcing(region: str) -> dict[str, int]:
    """How well a region's own data is sourced: the number of its entries by confidence (unknown counted apart)."""
    counts = {c: 0 for c in CONFIDENCES if c != "user"}
    counts["unknown"] = 0
    for entries in region_data(region).params.values():
        for _, v in entries:
            counts["unknown" if v.value is None else v.confidence] += 1
    return counts
