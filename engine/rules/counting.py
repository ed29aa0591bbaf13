"""Counting contribution months: periods are inclusive, ongoing periods are projected up to a horizon."""

from __future__ import annotations

from typing import Callable, Iterable

from ..core.months import Month
from ..profile.model import Period


def months_before(period: Period, horizon: Month) -> int:
    """Months of ``period`` strictly before ``horizon`` (an ongoing period runs until ``horizon`` - 1)."""
    last = period.end if period.end is not None else horizon - 1
    last = min(last, horizon - 1)
    return max(0, last - period.start + 1)


def actual(period: Period) -> bool:
    """Months actually paid (实际缴费): every kind but deemed years. Months on unemployment benefit are paid by the
    unemployment fund (社会保险法 第四十八条 "失业人员应当缴纳的基本医疗保险费从失业保险基金中支付") and count as
    actually paid."""
    return period.effective_kind != "deemed"


def count(periods: Iterable[Period], horizon: Month, keep: Callable[[Period], bool] = lambda p: True) -> int:
    return sum(months_before(p, horizon) for p in periods if keep(p))


def projected(periods: Iterable[Period], now: Month, horizon: Month, keep: Callable[[Period], bool]) -> int:
    """Of the months counted before ``horizon``, how many lie after ``now`` (a projection, not yet paid)."""
    return sum(max(0, months_before(p, horizon) - months_before(p, now + 1)) for p in periods if keep(p))
