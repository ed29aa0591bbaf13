"""One model of the future: the person's plans applied once to the periods, read by every decision.

A period without an end runs on into the future; the plans say how far. ``plans.emigrate`` ends every period still
running then the month before leaving (a planned departure ends the projected contributions: nothing is paid in
China after it); the months up to the evaluation's own are history and stay as recorded, and a period the person
entered as starting after the departure (a return) stays too. ``plans.backpay_at_retirement`` settles the medical
years short at retirement in one sum (社会保险法 第二十七条 "未达到国家规定年限的，可以缴费至国家规定年限"), so the
cover is lifelong once paid; ``plans.pension_shortfall`` says how pension years short are made up (month by month
after retirement, or at once); ``plans.relocate_after_retirement`` is where the retiree will live.

The rule context computes the projection once (:class:`engine.rules.context.Context`), so every decision, the
cost model and every scenario of a comparison (each an evaluation of the edited plan) read the same one.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from ..core.months import Month
from ..profile.model import Period, Profile


class Projection(Struct, frozen=True):
    """The periods with the plans applied, and the plans as the rules read them."""

    periods: tuple[Period, ...]
    emigrate: Month | None = None
    #: the last month contributions are projected where a departure ends them (None: the departure ends nothing)
    contributions_end: Month | None = None
    #: the periods (their numbers in the profile, from 0) that the departure ends
    ended: tuple[int, ...] = ()
    backpay_at_retirement: bool = False
    pension_shortfall: str = "monthly"
    relocate_after_retirement: str | None = None

    def ongoing(self, period: Period) -> bool:
        """A period the person gave without an end (its months after now are projected), also once a departure
        has ended it."""
        return period.end is None or any(period is self.periods[i] for i in self.ended)

    def departure_before(self, month: Month) -> Month | None:
        """The planned departure where it comes at or before ``month`` and no period is recorded as starting on or
        after it (no return planned): the report then assumes the person does not come back to work in China."""
        leave = self.emigrate
        if leave is None or leave > month or any(p.start >= leave for p in self.periods):
            return None
        return leave

    def lifelong(self, met: bool | None) -> bool | None:
        """Lifelong retiree cover: the years met, or short and a back-payment at retirement planned; unknown where
        the years cannot be judged."""
        if met is None:
            return None
        return bool(met) or self.backpay_at_retirement


def project(profile: Profile, now: Month) -> Projection:
    """The profile's periods with its plans applied once, as seen in month ``now``."""
    plans = profile.effective_plans
    periods = profile.periods
    leave = plans.emigrate
    ended: list[int] = []
    end = None
    if leave is not None:
        last = max(leave - 1, now)  # the months up to now are history, as recorded
        cut = []
        for i, p in enumerate(periods):
            if p.start <= last < p.last_month(last + 1):
                cut.append(replace(p, end=last))
                ended.append(i)
            else:
                cut.append(p)
        if ended:
            periods, end = tuple(cut), last
    return Projection(periods, leave, end, tuple(ended), bool(plans.backpay_at_retirement),
                      plans.effective_pension_shortfall, plans.relocate_after_retirement)


def projected_profile(profile: Profile, projection: Projection) -> Profile:
    """The profile as the rules read it: its periods as projected."""
    return profile if not projection.ended else replace(profile, periods=projection.periods)


def record(ctx: Any) -> None:
    """Say in the trace of the decision reading the periods (``ctx``, its rule context) what the plans changed in
    them: ``contributions projected to end 2027-05 because you plan to leave in 2027-06``."""
    p = ctx.projection
    if p.contributions_end is not None:
        ctx.note("projection.emigrate", result=p.contributions_end, leave=p.emigrate,
                 periods=len(p.ended))
