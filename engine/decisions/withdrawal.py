"""Cash withdrawal and family mutual aid (placeholder until implemented)."""

from ..context import Context
from ..report import Outcome


def decide(ctx: Context) -> Outcome:
    return Outcome("unknown", "尚未实现", "not implemented yet", {"cash_out_now": None, "routes": []})


def decide_family_aid(ctx: Context) -> Outcome:
    return Outcome("unknown", "尚未实现", "not implemented yet", {"available": None})
