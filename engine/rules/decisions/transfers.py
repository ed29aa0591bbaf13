"""Transfers of the medical-insurance relationship between regions (转移接续).

社会保险法 第三十二条 (official): "个人跨统筹地区就业的，其基本医疗保险关系随本人转移，缴费年限累计计算。"
医保办发〔2021〕43号 (基本医疗保险关系转移接续暂行办法, official, mirror): 第二条 covers employee insurance "不含退休
人员" and resident insurance, including "职工医保个人账户…资金的转移"; the old region (转出地) finishes the transfer-out
within 10 working days and moves the account balance, the new region (转入地) finishes the transfer-in within 5
working days of receiving the 《信息表》: about 15 working days in all.
浙江省医疗保障条例 第二十四条 (official): "已依法办理退休手续的，其职工基本医疗保险关系不再转移".
粤医保规〔2022〕6号 第七条: years in different Guangdong cities are recognised and summed; seed 004: "广东省法规:省内跨市
转移职工医保关系时,个人账户资金可跨市使用,无需划转或提现."

How this module reads them:
- An item for every change of region between consecutive medical periods (employee or resident, paid or deemed;
  back-paid periods fill lapses and move nothing), in time order; ``month`` is the first month in the new region.
- ``working_days`` = ``transfer.out_working_days`` (old region) + ``transfer.in_working_days`` (new region), in force at
  that month; for a move before 43号 (2022) our data has no time limit, so today's is shown and the item says
  ``rule_of_today``. ``expected_done`` is the ``working_days``-th Chinese working day after the first day of the move
  month (the first day not counted; public holidays and make-up working days from the State Council's notices via
  :mod:`engine.rules.workdays`; ``calendar_covered`` false where a year is outside that calendar and Monday–Friday was
  counted instead).
- ``account_balance_moves``: the old period is employee insurance with a personal account (``with_account``), the new
  one is employee insurance, and the two regions are not inside one province whose accounts are shared
  (``transfer.account_shared_in_province``: Guangdong, seed 004). Resident insurance has no account: false.
- ``years_recognised``: always true (第三十二条).
- Retirees do not transfer: a move on or after the retirement ``chosen_date`` is listed with ``transfer`` false and no
  time limit, and ``plans.relocate_after_retirement`` gives the fact ``retiree_relocation``: the relationship stays
  in the benefit region; the person registers for cross-region medical treatment (异地安置备案, 异地就医).
- Status is always ``info``: a transfer is something to know and do, not a condition to meet.
- Where the profile gives the person's hukou (户籍), each flexible employee-medical period insured elsewhere is
  noted with the rule in force at its start: from 2025 "全面取消在就业地参保户籍限制" (2025年中央一号文件, secondary);
  before, unknown (some places asked for local hukou).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, field

from ...core.facts import Decision, Facts
from ...core.months import Month
from ...core.trace import Source
from ...core.values import Region
from ...data.i18n import Msg, msg
from ...data.phrases import clauses, count_figure
from ...data.places import cross_province, province_of
from ...data.sources import (
    GUANGDONG_2022_6,
    HOLIDAY_CALENDAR,
    HUKOU_2025,
    SEED_004,
    SIL_32,
    YIBAO_2021_43,
    ZHEJIANG_REG_24,
)
from ...profile.model import MEDICAL, Period
from ..context import Context
from ..outcome import Option, Outcome
from ..workdays import count_forward

#: 医保办发〔2021〕43号 took effect on 2022-01-01 (the date of the national entries in the policy data).
RULE_43_FROM = Month.of(2022, 1)


def medical_periods(ctx: Context) -> list[Period]:
    return sorted((p for p in ctx.profile.periods if p.insurance in MEDICAL and p.effective_kind != "backpaid"),
                  key=lambda p: p.start)


def time_limit(ctx: Context, name: str, at: Month, region: str) -> tuple[int | None, bool]:
    """A working-day limit in force at ``at``; before the data starts (43号 applies from 2022), today's, flagged True."""
    found, today = ctx.param_or_today(name, at, RULE_43_FROM, region, rule="transfers.rule_of_today")
    return found.value, today


def balance_moves(ctx: Context, before: Period, after: Period, src: str, dst: str, month: Month) -> tuple[bool, bool]:
    """Whether the account balance is moved, and whether the province shares accounts across its cities."""
    if before.insurance != "employee_medical" or before.effective_mode != "with_account":
        ctx.note("transfers.no_account", passed=False, source=YIBAO_2021_43, insurance=before.insurance,
                 mode=before.effective_mode)
        return False, False
    if after.insurance != "employee_medical":
        ctx.note("transfers.to_resident", passed=False, source=YIBAO_2021_43)
        return False, False
    shared = False
    if not cross_province(src, dst):
        shared = bool(ctx.value("transfer.account_shared_in_province", month, src))
        ctx.check("transfers.account_shared", expected=msg("transfers.account_shared", "shared"),
                  found=msg("transfers.account_shared", "shared" if shared else "not_shared"), passed=shared,
                  source=SEED_004, province=Region(province_of(src)))
    moves = not shared
    ctx.note("transfers.balance", key="moves" if moves else "shared", result=moves,
             source=SEED_004 if shared else YIBAO_2021_43)
    return moves, shared


def expected_done(ctx: Context, month: Month, total: int, out_days: int, in_days: int) -> tuple[Month, bool]:
    """The ``total``-th Chinese working day after the first day of the move month (the first day not counted)."""
    counted = count_forward(month.first_day(), total)
    done, covered = counted.end, counted.covered
    if covered:
        ctx.note("transfers.expected_done", result=done, source=HOLIDAY_CALENDAR, out_working_days=out_days,
                 in_working_days=in_days, total=total, day=month.first_day())
    else:
        ctx.note("transfers.expected_done", key="uncovered", result=done, passed=None, source=HOLIDAY_CALENDAR,
                 calendar_covered=False, uncovered_years=counted.uncovered_years, total=total,
                 day=month.first_day())
    return done, covered


class TransferItem(Facts, frozen=True):
    """One change of region between medical periods (docs/contract.md §4 ``transfers.items``)."""

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


class TransfersFacts(Facts, frozen=True):
    items: list = field()  # of TransferItem
    count: int
    retiree_relocation: Any


def move_item(ctx: Context, before: Period, after: Period, retirement: Month | None) -> TransferItem:
    prof = ctx.profile
    src, dst = prof.period_region(before), prof.period_region(after)
    month = after.start
    cross = cross_province(src, dst)
    retired = retirement is not None and month >= retirement
    with ctx.step("transfers.move", key="cross" if cross else "within", from_region=Region(src),
                  to_region=Region(dst), month=month, insurance_from=before.insurance,
                  insurance_to=after.insurance):
        ctx.note("transfers.years", result=True, source=SIL_32)
        if not cross and province_of(src) == "guangdong":
            ctx.note("transfers.years_in_province", result=True, source=GUANGDONG_2022_6)
        base = {"from_region": src, "to_region": dst, "month": month, "cross_province": cross,
                "insurance_from": before.insurance, "insurance_to": after.insurance, "years_recognised": True,
                "gap_months": max(0, month - before.last_month(month) - 1), "planned": month > ctx.now}
        if retired:
            ctx.check("transfers.retired", expected=msg("transfers.retired", "expected", date=retirement),
                      found=month, passed=False, source=ZHEJIANG_REG_24, retirement=retirement)
            ctx.note("transfers.relocation", source=YIBAO_2021_43)
            return TransferItem(**base, transfer=False, retired=True, account_balance_moves=False,
                                account_shared_in_province=None, working_days=None, out_working_days=None,
                                in_working_days=None, expected_done=None, calendar_covered=None,
                                rule_of_today=False)
        out_days, today_out = time_limit(ctx, "transfer.out_working_days", month, src)
        in_days, today_in = time_limit(ctx, "transfer.in_working_days", month, dst)
        moves, shared = balance_moves(ctx, before, after, src, dst, month)
        total = out_days + in_days if out_days is not None and in_days is not None else None
        done = covered = None
        if total is not None:
            done, covered = expected_done(ctx, month, total, out_days, in_days)
        return TransferItem(**base, transfer=True, retired=False, account_balance_moves=moves,
                            account_shared_in_province=shared if not cross else None, working_days=total,
                            out_working_days=out_days, in_working_days=in_days, expected_done=done,
                            calendar_covered=covered, rule_of_today=today_out or today_in)


def relocation(ctx: Context, target: str, retirement: Month | None) -> dict:
    benefit = ctx.region
    ctx.note("transfers.retiree_relocation", result=False, passed=False, source=ZHEJIANG_REG_24, after=retirement,
             target=Region(target), benefit=Region(benefit))
    ctx.note("transfers.relocation", key="retiree", source=SEED_004)
    return {"from_region": benefit, "to_region": target, "after": retirement, "transfer": False,
            "cross_province": cross_province(benefit, target), "register_cross_region_treatment": True,
            "years_recognised": True}


def item_text(it: dict) -> Msg:
    """One move in a sentence: where from and to, how long it takes, what happens to the account, the years."""
    a, b = Region(it["from_region"]), Region(it["to_region"])
    if it["retired"]:
        return msg("transfers.item", "retired", month=it["month"], a=a, b=b)
    head = msg("transfers.item", "head", month=it["month"], a=a, b=b,
               scope=msg("transfers.scope", "cross" if it["cross_province"] else "within"))
    if it["account_balance_moves"]:
        account = msg("transfers.item", "account_moves")
    elif it["account_shared_in_province"]:
        account = msg("transfers.item", "account_shared")
    elif it["insurance_from"] == "resident_medical":
        account = msg("transfers.item", "resident_no_account")
    else:
        account = msg("transfers.item", "no_balance")
    years = msg("transfers.item", "years")
    days = it["working_days"]
    if days is None:
        return msg("transfers.item", "without_days", head=head, account=account, years=years)
    when = ""
    if it["planned"] and it["expected_done"] is not None:
        when = msg("transfers.item", "when", date=it["expected_done"])
        if not it["calendar_covered"]:
            when = msg("transfers.item", "when_uncovered", date=it["expected_done"])
    today = msg("transfers.item", "today") if it["rule_of_today"] else ""
    span = msg("transfers.item", "days", days=days, today=today, when=when)
    return msg("transfers.item", "with_days", head=head, days=span, account=account, years=years)


def options_for(items: list[dict], reloc: dict | None) -> list[Option]:
    options: list[Option] = []
    for it in items:
        if it["planned"] and it["transfer"]:
            days = it["working_days"]
            options.append(Option(
                "apply_transfer", msg("transfers.option.apply_transfer", month=it["month"], to=Region(it["to_region"])),
                detail=msg("transfers.option.apply_transfer", "detail" if days is not None else "detail_local",
                           days=days),
                deadline=it["month"]))
    if reloc is not None or any(it["retired"] for it in items):
        options.append(Option("register_relocation", msg("transfers.option.register_relocation"),
                              detail=msg("transfers.option.register_relocation", "detail")))
    return options


def hukou_notes(ctx: Context, periods) -> None:
    """The person's hukou in the notes, and for each flexible employee-medical period insured outside it whether
    local hukou was needed to insure there (``insure.local_hukou_required`` at the period's start)."""
    hukou = ctx.profile.person.hukou
    if hukou is None:
        return
    ctx.note("transfers.hukou", result=Region(hukou))
    for p in periods:
        where = ctx.profile.period_region(p)
        if p.insurance != "employee_medical" or p.effective_status != "flexible" or where == hukou:
            continue
        found = ctx.param("insure.local_hukou_required", p.start, region=where)
        key = "unknown" if found.value is None else "required" if found.value else "not_required"
        src = Source(found.source, found.ref, found.read_at) if found.source else HUKOU_2025
        ctx.note("transfers.hukou_elsewhere", key=key, passed=None if found.value is None else not found.value,
                 source=src, region=Region(where), hukou=Region(hukou), start=p.start)


def decide(ctx: Context) -> Outcome:
    ret = ctx.facts.get("retirement") or {}
    retirement: Month | None = ret.get("chosen_date")
    periods = medical_periods(ctx)
    items = []
    for before, after in zip(periods, periods[1:]):
        src, dst = ctx.profile.period_region(before), ctx.profile.period_region(after)
        if src != dst:
            items.append(move_item(ctx, before, after, retirement))
    hukou_notes(ctx, periods)
    plan = ctx.projection.relocate_after_retirement
    reloc = relocation(ctx, plan, retirement) if plan and plan != ctx.region else None
    if not items and reloc is None:
        ctx.note("transfers.none", passed=False, source=SIL_32)
    facts = TransfersFacts(items=items, count=sum(1 for it in items if it.transfer), retiree_relocation=reloc)
    verdict = clauses(*(item_text(it) for it in items)) if items else msg("transfers.verdict", "none")
    if reloc is not None:
        verdict = clauses(verdict, msg("transfers.verdict", "relocation", to=Region(reloc["to_region"])))
    return Outcome("info", verdict, facts=facts, options=options_for(items, reloc))


def transfers_figure(facts, lang: str) -> str:
    """``1 次转移`` or ``无转移``."""
    return count_figure(facts, lang, "transfers.figure")


DECISION = Decision("transfers", decide, TransfersFacts, reads=("retirement",), key_figure=transfers_figure)
