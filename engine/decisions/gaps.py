"""Lapses of medical insurance (placeholder until implemented)."""

from ..context import Context
from ..report import Outcome


def decide(ctx: Context) -> Outcome:
    return Outcome("unknown", "尚未实现", "not implemented yet", {"items": []})
