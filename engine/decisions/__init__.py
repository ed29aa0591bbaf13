"""The decisions, in the order they run: each a :class:`engine.facts.Decision` naming the earlier decisions it
reads (``evaluate`` checks that they ran before it) and its key figure for the app."""

from ..facts import Decision
from . import account_after_retirement, account_now, backpay, facts_pending, gaps, medical_years, retirement, transfers, withdrawal

DECISIONS: list[Decision] = [
    retirement.DECISION,
    medical_years.DECISION,
    backpay.DECISION,
    account_now.DECISION,
    account_after_retirement.DECISION,
    # gaps, transfers, withdrawal and family_aid still return dicts; their facts types wait in facts_pending
    Decision("gaps", gaps.decide, facts_pending.GapsFacts, reads=("retirement",),
             key_figure=facts_pending.gaps_figure),
    Decision("transfers", transfers.decide, facts_pending.TransfersFacts, reads=("retirement",),
             key_figure=facts_pending.transfers_figure),
    Decision("withdrawal", withdrawal.decide, facts_pending.WithdrawalFacts, reads=("retirement", "account_now"),
             key_figure=facts_pending.withdrawal_figure),
    Decision("family_aid", withdrawal.decide_family_aid, facts_pending.FamilyAidFacts,
             reads=("retirement", "account_now"),
             key_figure=facts_pending.family_aid_figure),
]

BY_KEY: dict[str, Decision] = {d.key: d for d in DECISIONS}
