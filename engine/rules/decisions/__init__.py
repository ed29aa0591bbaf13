"""The decisions, in the order they run: each a :class:`engine.core.facts.Decision` naming the earlier decisions it
reads (``evaluate`` checks that they ran before it) and its key figure for the app."""

from ...core.facts import Decision
from . import account_after_retirement, account_now, backpay, gaps, medical_years, retirement, transfers, withdrawal

DECISIONS: list[Decision] = [
    retirement.DECISION,
    medical_years.DECISION,
    backpay.DECISION,
    account_now.DECISION,
    account_after_retirement.DECISION,
    gaps.DECISION,
    transfers.DECISION,
    withdrawal.DECISION,
    withdrawal.FAMILY_AID,
]

BY_KEY: dict[str, Decision] = {d.key: d for d in DECISIONS}
