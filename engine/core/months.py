"""Calendar months as whole numbers: the engine counts months, never days (except for working days).

A month is stored as ``year * 12 + (month - 1)`` so that differences and additions are plain integer sums.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from msgspec import Struct

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class Month(Struct, frozen=True, order=True):
    """A calendar month, e.g. ``Month.parse("2025-02")``; ``str()`` gives ``YYYY-MM`` back."""

    index: int

    @classmethod
    def of(cls, year: int, month: int) -> "Month":
        return cls(year * 12 + month - 1)

    @classmethod
    def parse(cls, text: str) -> "Month":
        """Parse ``YYYY-MM``; raise ValueError for anything else (``2023-13`` included)."""
        m = _MONTH_RE.match(text) if isinstance(text, str) else None
        if not m:
            raise ValueError(f"not a month YYYY-MM: {text!r}")
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12 or year < 1900 or year > 2200:
            raise ValueError(f"not a real month: {text!r}")
        return cls.of(year, month)

    @classmethod
    def from_date(cls, d: date) -> "Month":
        return cls.of(d.year, d.month)

    @property
    def year(self) -> int:
        return self.index // 12

    @property
    def month(self) -> int:
        return self.index % 12 + 1

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __add__(self, months: int) -> "Month":
        return Month(self.index + months)

    def __sub__(self, other):
        if isinstance(other, Month):
            return self.index - other.index
        return Month(self.index - other)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month({str(self)!r})"


def months_text(months: int, lang: str = "zh") -> str:
    """``438`` → ``36年6个月`` (zh) or ``36 y 6 m`` (en); negative numbers keep their sign."""
    sign = "-" if months < 0 else ""
    y, m = divmod(abs(months), 12)
    if lang == "en":
        if y and m:
            return f"{sign}{y} y {m} m"
        return f"{sign}{y} y" if y else f"{sign}{m} m"
    if y and m:
        return f"{sign}{y}年{m}个月"
    return f"{sign}{y}年" if y else f"{sign}{m}个月"


def age_text(months: int, lang: str = "zh") -> str:
    """An age in months: ``731`` → ``60岁11个月`` / ``60 years 11 months``."""
    y, m = divmod(months, 12)
    if lang == "en":
        return f"{y} years {m} month{'s' if m != 1 else ''}" if m else f"{y} years"
    return f"{y}岁{m}个月" if m else f"{y}岁"


def as_month(value: Any) -> Month | None:
    """A fact that should be a month: a Month, a ``YYYY-MM`` text, or anything else → None."""
    if isinstance(value, Month):
        return value
    if isinstance(value, date):
        return Month.from_date(value)
    if isinstance(value, str):
        try:
            return Month.parse(value[:7])
        except ValueError:
            return None
    return None
