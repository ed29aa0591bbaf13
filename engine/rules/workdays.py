"""Working days on the Chinese calendar: public holidays and the make-up working days (调休) included.

The State Council's General Office publishes each year's holiday arrangement (国务院办公厅关于某年部分节假日安排的
通知) late in the year before; the ``chinese_calendar`` package carries those notices from 2004 to the last year it
knows (it raises ``NotImplementedError`` beyond). Where a day lies outside the years it covers we count Monday to
Friday instead, and say so: every count returns ``covered`` (False as soon as one day had to be guessed that way).

Counting follows the usual rule for periods (民法典 第二百零一条: the first day is not counted): the ``n``-th working
day *after* ``start``. ``chinese_calendar`` is imported lazily, on the first count, so that ``import engine`` stays
fast; results are cached.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from msgspec import Struct

#: Where the holiday data comes from, for traces and notes.
CALENDAR_SOURCE = "国务院办公厅历年部分节假日安排的通知（chinese_calendar 数据）"


class WorkingDays(Struct, frozen=True):
    """The result of a count: the day reached, and whether the holiday calendar covered every day counted."""

    start: date
    days: int
    end: date
    covered: bool
    uncovered_years: tuple[int, ...] = ()


@lru_cache(maxsize=None)
def covered(year: int) -> bool:
    """Whether the Chinese holiday calendar (``chinese_calendar``) knows ``year``."""
    import chinese_calendar  # imported only when used: a count of working days

    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool | None:
    """True/False on the Chinese calendar (调休 included); None where the calendar does not cover the year."""
    if not covered(day.year):
        return None
    import chinese_calendar  # imported only when used: a count of working days

    return bool(chinese_calendar.is_workday(day))


def is_weekday(day: date) -> bool:
    """The fallback: Monday to Friday."""
    return day.weekday() < 5


@lru_cache(maxsize=4096)
def count_forward(start: date, n: int) -> WorkingDays:
    """The ``n``-th working day after ``start`` (``start`` itself not counted; ``n = 0`` gives ``start``).

    Days in years the calendar covers are judged on the Chinese calendar; other days fall back to Monday–Friday,
    and ``covered`` is then False with the years listed in ``uncovered_years``.
    """
    if n < 0:
        raise ValueError(f"n must not be negative: {n}")
    day, left, missing = start, n, set()
    while left:
        day += timedelta(days=1)
        working = is_working_day(day)
        if working is None:
            missing.add(day.year)
            working = is_weekday(day)
        if working:
            left -= 1
    return WorkingDays(start, n, day, not missing, tuple(sorted(missing)))


def add_working_days(start: date, n: int) -> date | None:
    """The ``n``-th Chinese working day after ``start``; None where the holiday calendar does not cover the count
    (use :func:`count_forward` for the Monday–Friday fallback)."""
    found = count_forward(start, n)
    return found.end if found.covered else None
