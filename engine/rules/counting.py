"""Counting contribution months: periods are inclusive, ongoing periods are projected up to a horizon."""

from __future__ import annotations

from typing import Callable, Iterable

from ..core.months import Month
from ..profile.model import Period


def months_before(period: Period, horizon: Month) -> int:
    """Months of ``period`` strictly before ``horizon`` (an ongoing period runs until ``horizon`` - 1)."""
    return _before(period, horizon.index)


def _before(period: Period, horizon: int) -> int:
    """:func:`months_before` with the horizon as a month's number (months counted as whole numbers)."""
    end = period.end
    last = horizon - 1 if end is None or end.index >= horizon else end.index
    n = last - period.start.index + 1
    return n if n > 0 else 0


def actual(period: Period) -> bool:
    """Months actually paid (实际缴费): every kind but deemed years. Months on unemployment benefit are paid by the
    unemployment fund (社会保险法 第四十八条 "失业人员应当缴纳的基本医疗保险费从失业保险基金中支付") and count as
    actually paid."""
    return period.effective_kind != "deemed"


def count(periods: Iterable[Period], horizon: Month, keep: Callable[[Period], bool] = lambda p: True) -> int:
    h = horizon.index
    return sum(_before(p, h) for p in periods if keep(p))


def projected(periods: Iterable[Period], now: Month, horizon: Month, keep: Callable[[Period], bool]) -> int:
    """Of the months counted before ``horizon``, how many lie after ``now`` (a projection, not yet paid)."""
    h, after_now = horizon.index, now.index + 1
    return sum(max(0, _before(p, h) - _before(p, after_now)) for p in periods if keep(p))
