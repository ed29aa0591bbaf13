"""Typed facts of the decisions being rewritten elsewhere (gaps, transfers, withdrawal, family_aid), and their key
figures. The lead moves each into its decision's module; until then those decisions still return dicts, and the
key figures read them by key (``Facts`` reads the same way).

Each ``to_dict()`` gives exactly the JSON facts those decisions give today (same keys, order and values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..facts import ABSENT, Facts
from ..i18n import text
from ..months import Month


# --- gaps ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GapItem(Facts):
    """One lapse of medical insurance after the first enrolment (CONTRACT §3 ``gaps.items``)."""

    insurance: str
    resumed_insurance: str | None
    switch: Any
    start: Month
    end: Month | None
    months: int
    long: bool
    open: bool
    ended_by_retirement: bool
    resume_month: Month | None
    region: str
    waiting_months: int
    waiting_region: str | None
    waiting_confidence: str | None
    waiting_upper_bound: bool
    rule_of_today: bool
    min_waiting_after_repair: int | None
    switch_no_wait: Any
    benefits_from: Month | None
    waiting_running: bool
    continuity_reset: bool
    backpay_deadline: Month | None
    resume_by: Month | None
    deadline_passed: bool | None
    repaired: bool
    backpaid_months: int
    backpaid_on: Month | None
    late_fee: dict
    continuous_months_before: int
    current: bool


@dataclass(frozen=True)
class GapsFacts(Facts):
    items: list = field()  # of GapItem (a plain annotation would take Facts.items as its default)
    horizon: Month
    switches: list
    count: int
    lapsed_months: int
    open: bool
    first_enrolment: Month | None
    continuous_since: Month | None
    continuous_months: int
    short_gap_months: int = ABSENT  # only with a medical record
    backpay_window_months: int = ABSENT


def gaps_figure(facts, lang: str) -> str:
    """``2 次断缴`` or ``无断缴``."""
    items = facts.get("items")
    if not isinstance(items, list):
        return ""
    return text("gaps.figure", "count", lang, n=len(items)) if items else text("gaps.figure", "none", lang)


# --- transfers -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TransferItem(Facts):
    """One change of region between medical periods (CONTRACT §3 ``transfers.items``)."""

    from_region: str
    to_region: str
    month: Month
    cross_province: bool
    insurance_from: str
    insurance_to: str
    years_recognised: bool
    gap_months: int
    planned: bool
    transfer: bool
    retired: bool
    account_balance_moves: bool
    account_shared_in_province: bool | None
    working_days: int
    out_working_days: int
    in_working_days: int
    expected_done: date | None
    calendar_covered: bool
    rule_of_today: bool


@dataclass(frozen=True)
class TransfersFacts(Facts):
    items: list = field()  # of TransferItem
    count: int
    retiree_relocation: Any


def transfers_figure(facts, lang: str) -> str:
    """``1 次转移`` or ``无转移``."""
    items = facts.get("items")
    if not isinstance(items, list):
        return ""
    return text("transfers.figure", "count", lang, n=len(items)) if items else text("transfers.figure", "none", lang)


# --- withdrawal and family aid ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WithdrawalRoute(Facts):
    """One way the balance may be paid out (CONTRACT §3 ``withdrawal.routes``)."""

    code: str
    available: bool | None
    applies_now: bool
    region: str
    asked_region: str
    confidence: str
    when: Month | None
    title: str  # words: the rewrite of withdrawal.py turns these into a message
    title_en: str


@dataclass(frozen=True)
class WithdrawalFacts(Facts):
    cash_out_now: bool | None
    routes: list  # of WithdrawalRoute
    balance_yuan: float | None
    balance_as_of: Month | None
    has_funds: bool | None
    account_region: str
    owner: str  # words, as today; the rewrite of withdrawal.py turns these into messages
    owner_en: str
    inheritable: bool | None
    cash_out_anytime: bool | None
    refund_condition: str
    refund_condition_en: str


@dataclass(frozen=True)
class FamilyAidFacts(Facts):
    available: bool | None
    has_account: bool | None
    in_force: bool
    relatives: list
    uses: list
    not_for: list
    widened_to_near_relatives: bool


def withdrawal_figure(facts, lang: str) -> str:
    cash = facts.get("cash_out_now")
    return text("withdrawal.figure", "yes", lang) if cash is True else \
        text("withdrawal.figure", "no", lang) if cash is False else ""


def family_aid_figure(facts, lang: str) -> str:
    available = facts.get("available")
    return text("family_aid.figure", "yes", lang) if available is True else \
        text("family_aid.figure", "no", lang) if available is False else ""
