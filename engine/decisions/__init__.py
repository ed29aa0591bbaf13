"""The decisions, in the order they run: a later one may read the facts of an earlier one (``ctx.facts``)."""

from . import account, gaps, medical_years, retirement, transfers, withdrawal

DECISIONS = [
    ("retirement", retirement.decide),
    ("medical_years", medical_years.decide),
    ("backpay", __import__("engine.decisions.backpay", fromlist=["DECISION"]).DECISION.decide),
    ("account_now", account.decide_now),
    ("account_after_retirement", account.decide_after_retirement),
    ("gaps", gaps.decide),
    ("transfers", transfers.decide),
    ("withdrawal", withdrawal.decide),
    ("family_aid", withdrawal.decide_family_aid),
]
