"""Calendar months as whole numbers: the engine counts months, never days (except for working days).

A month is stored as ``year * 12 + (month - 1)`` so that differences and additions are plain integer sums.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
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
        if not isinstance(text, str):
            raise ValueError(f"not a month YYYY-MM: {text!r}")
        return _parsed(text)

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
        year, month = divmod(self.index, 12)
        return date(year, month + 1, 1)

    def __add__(self, months: int) -> "Month":
        return Month(self.index + months)

    def __sub__(self, other):
        if isinstance(other, Month):
            return self.index - other.index
        return Month(self.index - other)

    def __str__(self) -> str:
        year, month = divmod(self.index, 12)
        return f"{year:04d}-{month + 1:02d}"

    def __repr__(self) -> str:
        return f"Month({str(self)!r})"


@lru_cache(maxsize=4096)
def _parsed(text: str) -> Month:
    """A ``YYYY-MM`` text's month, read once (a month is a value: the same text, the same month)."""
    m = _MONTH_RE.match(text)
    if not m:
        raise ValueError(f"not a month YYYY-MM: {text!r}")
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12 or year < 1900 or year > 2200:
        raise ValueError(f"not a real month: {text!r}")
    return Month.of(year, month)


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
