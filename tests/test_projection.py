"""The plans applied once to the periods (engine/rules/projection.py): a planned departure ends every period still
running the month before leaving; history up to the evaluation's month stays as recorded; a period starting after
the departure (a return) stays; without a departure nothing changes."""

from __future__ import annotations

from engine import parse_profile
from engine.core.months import Month
from engine.rules.projection import project

HEAD = 'schema = 1\nname = "t"\n[person]\nsex = "female"\nbirth = "1985-02"\nregion = "beijing"\n'


def profile(periods: str, emigrate: str | None = None, backpay: bool = False):
    plans = ""
    if emigrate or backpay:
        plans = "[plans]\n" + (f'emigrate = "{emigrate}"\n' if emigrate else "") + \
            ("backpay_at_retirement = true\n" if backpay else "")
    return parse_profile(HEAD + periods + plans)


def period(insurance: str, start: str, end: str | None = None) -> str:
    return f'[[periods]]\ninsurance = "{insurance}"\nstart = "{start}"\n' + (f'end = "{end}"\n' if end else "")


NOW = Month.parse("2026-12")


def test_departure_ends_running_periods_the_month_before():
    p = profile(period("employee_medical", "2016-05") + period("pension", "2016-05", "2040-01")
                + period("pension", "2010-01", "2012-01"), emigrate="2027-06")
    got = project(p, NOW)
    assert [q.end for q in got.periods] == [Month.parse("2027-05")] * 2 + [Month.parse("2012-01")]
    assert got.contributions_end == Month.parse("2027-05") and got.ended == (0, 1)
    assert got.ongoing(got.periods[0]) and got.ongoing(got.periods[1]) and not got.ongoing(got.periods[2])


def test_a_departure_already_behind_ends_the_periods_now():
    got = project(profile(period("employee_medical", "2016-05"), emigrate="2025-01"), NOW)
    assert got.periods[0].end == NOW  # the months up to now are as recorded; nothing is projected after them


def test_a_return_after_the_departure_stays():
    p = profile(period("employee_medical", "2016-05", "2030-12") + period("employee_medical", "2032-01"),
                emigrate="2027-06")
    got = project(p, NOW)
    assert got.periods[0].end == Month.parse("2027-05") and got.periods[1] == p.periods[1] and got.ended == (0,)


def test_without_a_departure_nothing_changes():
    p = profile(period("employee_medical", "2016-05"), backpay=True)
    got = project(p, NOW)
    assert got.periods == p.periods and got.ended == () and got.contributions_end is None
    assert got.backpay_at_retirement is True
    assert (got.lifelong(True), got.lifelong(False), got.lifelong(None)) == (True, True, None)
    assert project(profile(period("employee_medical", "2016-05")), NOW).lifelong(False) is False
