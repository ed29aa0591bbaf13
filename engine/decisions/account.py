"""Personal account now and after retirement (placeholder until implemented)."""

from ..context import Context
from ..report import Outcome


def decide_now(ctx: Context) -> Outcome:
    return Outcome("unknown", "尚未实现", "not implemented yet",
                   {"has_account": None, "monthly_credit_yuan": None, "reason": None})


def decide_after_retirement(ctx: Context) -> Outcome:
    return Outcome("unknown", "尚未实现", "not implemented yet",
                   {"eligible": None, "blockers": [], "monthly_credit_yuan": None, "waiting_months": None})
