"""Where the key figures of a report came from: the place itself, its province, the national rules, the user's
own entry, or nowhere (unknown). Read from the parameter steps of the trace (``inputs["region"]``: the level whose
value was used; the step's result: the value, None when unknown).

The key figures are the local ones a person may enter (:data:`engine.data.params.OVERRIDABLE`).
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from ..core.trace import param_steps
from ..core.values import Region
from ..data.i18n import Msg, msg
from ..data.params import OVERRIDABLE
from ..data.phrases import sentences
from ..data.places import chain, province_of
from ..data.policy import has_data

LEVELS = ("place", "province", "national", "user", "unknown")


class Figure(Struct, frozen=True):
    name: str
    level: str  # place | province | national | user | unknown
    region: str  # the region whose value was used
    value: Any

    def to_dict(self) -> dict:
        return {"name": self.name, "level": self.level, "region": self.region, "value": self.value}


class Coverage(Struct, frozen=True):
    region: str
    own_data: bool  # the place has data of its own
    province_data: bool  # its province has (False for a province itself)
    figures: tuple[Figure, ...]

    def by_level(self, level: str) -> list[Figure]:
        return [f for f in self.figures if f.level == level]

    @property
    def covered(self) -> bool:
        """Whether the place's own data (or the user's entries) gave every key figure."""
        return all(f.level in ("place", "user") for f in self.figures)

    def to_dict(self) -> dict:
        return {"region": self.region, "own_data": self.own_data, "province_data": self.province_data,
                "figures": [f.to_dict() for f in self.figures]}

    def message(self) -> Msg | None:
        """In plain words, for a place without data of its own: which rules apply instead, and what that leaves
        unknown. None where the place has data of its own (or is the national level)."""
        if self.own_data or self.region == "national":
            return None
        place = Region(self.region)
        province = province_of(self.region)
        if province == self.region:
            head = msg("coverage", "province_no_data", place=place)
        elif self.province_data:
            head = msg("coverage", "place_no_data", place=place, province=Region(province))
        else:
            head = msg("coverage", "place_and_province_no_data", place=place, province=Region(province))
        parts: list[Msg] = [head]
        from_province = self.by_level("province")
        if from_province:
            parts.append(msg("coverage", "from_province", province=Region(province), items=_titles(from_province)))
        national = self.by_level("national")
        if national:
            parts.append(msg("coverage", "from_national", items=_titles(national)))
        unknown = self.by_level("unknown")
        if unknown:
            parts.append(msg("coverage", "unknown", items=_titles(unknown)))
        return Joined(tuple(parts))


def coverage(report: Any) -> Coverage:
    """The coverage of a report: which level gave each key figure it read."""
    region = report.profile.person.region
    levels = chain(region)
    province = province_of(region)
    seen: dict[str, Figure] = {}
    for outcome in report.decisions.values():
        for step in param_steps(outcome.trace):
            name = step.param_name
            if name not in OVERRIDABLE or name in seen:
                continue
            if name.startswith("medical.min_years.") and not name.endswith(report.profile.person.sex):
                continue
            used = step.inputs.get("region", "national")
            if used not in levels and not step.inputs.get("overridden"):
                continue  # read for another region (a period elsewhere): not this place's figure
            if step.inputs.get("overridden"):
                level = "user"
            elif step.result is None:
                level = "unknown"
            elif used == region:
                level = "place"
            elif used == province and province != region:
                level = "province"
            else:
                level = "national"
            seen[name] = Figure(name, level, used, step.result)
    own = region == "national" or has_data(region)
    province_data = province != region and has_data(province)
    return Coverage(region, own, province_data, tuple(seen.values()))


# --- pieces of the messages -------------------------------------------------------------------------------------
def _titles(figures: list[Figure]) -> list[Msg]:
    """The figures' titles (each a parameter's title in the catalog), written as a list."""
    return [msg("param", f.name) for f in figures]


class Joined(Struct, frozen=True):
    """Messages one after the other: no space between Chinese sentences, one space between English ones."""

    parts: tuple[Any, ...]

    def text(self, lang: str = "zh") -> str:
        return sentences(self.parts, lang)

    def plain(self) -> str:
        return self.text("zh")

    def __str__(self) -> str:
        return self.text("zh")
