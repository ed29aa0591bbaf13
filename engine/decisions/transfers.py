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
  :mod:`engine.workdays`; ``calendar_covered`` false where a year is outside that calendar and Monday–Friday was
  counted instead).
- ``account_balance_moves``: the old period is employee insurance with a personal account (``with_account``), the new
  one is employee insurance, and the two regions are not inside one province whose accounts are shared
  (``transfer.account_shared_in_province``: Guangdong, seed 004). Resident insurance has no account: false.
- ``years_recognised``: always true (第三十二条).
- Retirees do not transfer: a move on or after the retirement ``chosen_date`` is listed with ``transfer`` false and no
  time limit, and ``plans.relocate_after_retirement`` gives the fact ``retiree_relocation``: the relationship stays
  in the benefit region; the person registers for cross-region medical treatment (异地安置备案, 异地就医).
- Status is always ``info``: a transfer is something to know and do, not a condition to meet.
"""

from __future__ import annotations

from ..context import Context
from ..model import MEDICAL, Period
from ..months import Month
from ..regions import cross_province, province_of, region_name
from ..report import Option, Outcome
from ..sources import (
    GUANGDONG_2022_6,
    HOLIDAY_CALENDAR,
    SEED_004,
    SIL_32,
    YIBAO_2021_43,
    ZHEJIANG_REG_24,
)
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
        ctx.note("transfers.no_account", "原参保地没有职工医保个人账户（居民医保或单建统筹）：没有余额可转",
                 "no personal account in the old region (resident insurance or pooling only): no balance to move",
                 passed=False, source=YIBAO_2021_43, insurance=before.insurance, mode=before.effective_mode)
        return False, False
    if after.insurance != "employee_medical":
        ctx.note("transfers.to_resident", "转入居民医保：居民医保没有个人账户，余额留在原账户（无法转移时可按当地规定支取，见“账户提取”）",
                 "moving into resident insurance, which has no account: the balance stays in the old account",
                 passed=False, source=YIBAO_2021_43)
        return False, False
    shared = False
    if not cross_province(src, dst):
        shared = bool(ctx.value("transfer.account_shared_in_province", month, src))
        ctx.check("transfers.account_shared", f"{region_name(province_of(src))}省内个人账户跨市通用，无需划转",
                  "the account is usable across cities of the province without moving it", "省内通用",
                  "通用" if shared else "不通用（随关系划转）", shared, source=SEED_004)
    moves = not shared
    ctx.note("transfers.balance", "个人账户余额随医保关系划转" if moves else "个人账户余额不划转（省内通用）",
             "the account balance moves with the relationship" if moves else "the balance is not moved (shared in the province)",
             result=moves, source=SEED_004 if shared else YIBAO_2021_43)
    return moves, shared


def move_item(ctx: Context, before: Period, after: Period, retirement: Month | None) -> dict:
    prof = ctx.profile
    src, dst = prof.period_region(before), prof.period_region(after)
    month = after.start
    cross = cross_province(src, dst)
    retired = retirement is not None and month >= retirement
    scope_zh, scope_en = ("跨省", "across provinces") if cross else ("省内", "within the province")
    with ctx.step("transfers.move", f"{month} {region_name(src)} → {region_name(dst)}（{scope_zh}）",
                  f"{month} {region_name(src, 'en')} → {region_name(dst, 'en')} ({scope_en})",
                  from_region=src, to_region=dst, month=month, insurance_from=before.insurance,
                  insurance_to=after.insurance):
        ctx.note("transfers.years", "缴费年限累计计算", "the years add up", result=True, source=SIL_32)
        if not cross and province_of(src) == "guangdong":
            ctx.note("transfers.years_in_province", "广东省内各市缴费年限互认、合并计算", "Guangdong cities recognise each other's years",
                     result=True, source=GUANGDONG_2022_6)
        base = {"from_region": src, "to_region": dst, "month": month, "cross_province": cross,
                "insurance_from": before.insurance, "insurance_to": after.insurance, "years_recognised": True,
                "gap_months": max(0, month - before.last_month(month) - 1), "planned": month > ctx.now}
        if retired:
            ctx.check("transfers.retired", f"迁移在退休（{retirement}）之前才转移医保关系：退休人员的医保关系不再转移",
                      f"only a move before retirement ({retirement}) transfers: a retiree's relationship no longer does",
                      f"< {retirement}", month, False, source=ZHEJIANG_REG_24)
            ctx.note("transfers.relocation", "退休后异地居住：办理异地安置备案，在居住地直接结算（异地就医），医保关系留在原地",
                     "living elsewhere after retirement: register for cross-region treatment; the relationship stays",
                     source=YIBAO_2021_43)
            return {**base, "transfer": False, "retired": True, "account_balance_moves": False,
                    "account_shared_in_province": None, "working_days": None, "out_working_days": None,
                    "in_working_days": None, "expected_done": None, "calendar_covered": None, "rule_of_today": False}
        out_days, today_out = time_limit(ctx, "transfer.out_working_days", month, src)
        in_days, today_in = time_limit(ctx, "transfer.in_working_days", month, dst)
        moves, shared = balance_moves(ctx, before, after, src, dst, month)
        total = out_days + in_days if out_days is not None and in_days is not None else None
        done = covered = None
        if total is not None:
            counted = count_forward(month.first_day(), total)
            done, covered = counted.end, counted.covered
            if covered:
                ctx.note("transfers.expected_done", f"自{month.first_day()}起第{total}个工作日（按国家节假日与调休安排）",
                         f"the {total}th Chinese working day after {month.first_day()}", result=done,
                         source=HOLIDAY_CALENDAR, out_working_days=out_days, in_working_days=in_days)
            else:
                ctx.note("transfers.expected_done", f"节假日安排未覆盖{'、'.join(map(str, counted.uncovered_years))}年："
                         f"按周一至周五计算，自{month.first_day()}起第{total}个工作日约为{done}",
                         f"the holiday calendar does not cover {', '.join(map(str, counted.uncovered_years))}: counting "
                         f"Monday to Friday, the {total}th working day after {month.first_day()} is about {done}",
                         result=done, passed=None, source=HOLIDAY_CALENDAR, calendar_covered=False,
                         uncovered_years=counted.uncovered_years)
        return {**base, "transfer": True, "retired": False, "account_balance_moves": moves,
                "account_shared_in_province": shared if not cross else None, "working_days": total,
                "out_working_days": out_days, "in_working_days": in_days, "expected_done": done,
                "calendar_covered": covered, "rule_of_today": today_out or today_in}


def relocation(ctx: Context, target: str, retirement: Month | None) -> dict:
    benefit = ctx.region
    ctx.note("transfers.retiree_relocation", f"计划退休后迁往{region_name(target)}：退休人员的医保关系不再转移，留在{region_name(benefit)}",
             f"moving to {region_name(target, 'en')} after retirement: a retiree's relationship stays in {region_name(benefit, 'en')}",
             result=False, passed=False, source=ZHEJIANG_REG_24, after=retirement)
    ctx.note("transfers.relocation", "办理异地安置备案后在居住地就医直接结算；个人账户留在原地（跨省安置的，部分地区可申请划入本人银行账户）",
             "register for cross-region treatment to settle bills where you live; the account stays (some regions pay it "
             "out on request for retirees resettled in another province)", source=SEED_004)
    return {"from_region": benefit, "to_region": target, "after": retirement, "transfer": False,
            "cross_province": cross_province(benefit, target), "register_cross_region_treatment": True,
            "years_recognised": True}


def item_text(it: dict, lang: str) -> str:
    en = lang == "en"
    a, b = region_name(it["from_region"], lang), region_name(it["to_region"], lang)
    if it["retired"]:
        return (f"{it['month']} from {a} to {b} after retirement: the relationship stays, register for cross-region "
                "treatment (异地安置)" if en else
                f"{it['month']}退休后从{a}迁往{b}：医保关系不再转移，办理异地安置备案即可异地就医")
    scope = ("across provinces" if en else "跨省") if it["cross_province"] else ("within the province" if en else "省内")
    parts = [f"{it['month']} from {a} to {b} ({scope})" if en else f"{it['month']}从{a}转到{b}（{scope}）"]
    days = it["working_days"]
    if days is not None:
        when = ""
        if it["planned"] and it["expected_done"] is not None:
            when = f", done by about {it['expected_done']}" if en else f"，预计{it['expected_done']}前办结"
            if not it["calendar_covered"]:
                when += " (counted Monday to Friday: the holiday calendar does not cover that year)" if en \
                    else "（节假日数据未覆盖当年，按周一至周五估算）"
        today = (" (today's limit)" if en else "（现行时限）") if it["rule_of_today"] else ""
        parts.append((f"about {days} working days{today}{when}" if en else f"约{days}个工作日办结{today}{when}"))
    if it["account_balance_moves"]:
        parts.append("the account balance moves with it" if en else "个人账户余额随转")
    elif it["account_shared_in_province"]:
        parts.append("the account is usable across the province, nothing moves" if en else "个人账户省内通用，无需划转")
    elif it["insurance_from"] == "resident_medical":
        parts.append("resident insurance has no account" if en else "居民医保没有个人账户")
    else:
        parts.append("no account balance moves" if en else "没有个人账户余额划转")
    parts.append("the years add up" if en else "缴费年限累计计算")
    if en:
        return parts[0] + ": " + ", ".join(parts[1:])
    return parts[0] + "：" + "，".join(parts[1:-1]) + "；" + parts[-1]


def decide(ctx: Context) -> Outcome:
    ret = ctx.facts.get("retirement") or {}
    retirement: Month | None = ret.get("chosen_date")
    periods = medical_periods(ctx)
    items = []
    for before, after in zip(periods, periods[1:]):
        src, dst = ctx.profile.period_region(before), ctx.profile.period_region(after)
        if src != dst:
            items.append(move_item(ctx, before, after, retirement))
    plan = ctx.profile.effective_plans.relocate_after_retirement
    reloc = relocation(ctx, plan, retirement) if plan and plan != ctx.region else None
    if not items and reloc is None:
        ctx.note("transfers.none", "各医保时段都在同一地区：没有转移接续", "every medical period is in one region: no transfer",
                 passed=False, source=SIL_32)
    facts = {"items": items, "count": sum(1 for it in items if it["transfer"]), "retiree_relocation": reloc}
    if items:
        verdict = "；".join(item_text(it, "zh") for it in items)
        verdict_en = "; ".join(item_text(it, "en") for it in items)
    else:
        verdict, verdict_en = "没有跨地区转移", "No transfer between regions"
    if reloc is not None:
        verdict += (f"；计划退休后迁往{region_name(reloc['to_region'])}：退休人员医保关系不再转移，"
                    f"办理异地安置备案后在当地就医直接结算")
        verdict_en += (f"; moving to {region_name(reloc['to_region'], 'en')} after retirement: a retiree's relationship "
                       "stays; register for cross-region treatment (异地安置) to settle bills there")
    options: list[Option] = []
    for it in items:
        if it["planned"] and it["transfer"]:
            options.append(Option(
                "apply_transfer", f"{it['month']}在{region_name(it['to_region'])}参保后申请转移接续",
                f"apply for the transfer after enrolling in {region_name(it['to_region'], 'en')} ({it['month']})",
                "可通过国家医保服务平台APP或到经办机构申请；" + (f"约{it['working_days']}个工作日办结"
                                                  if it["working_days"] is not None else "办结时限按当地规定"),
                "apply on the national medical insurance app or at an office; "
                + (f"about {it['working_days']} working days" if it["working_days"] is not None else "local time limit"),
                deadline=it["month"]))
    if reloc is not None or any(it["retired"] for it in items):
        options.append(Option("register_relocation", "办理异地安置备案（异地就医）", "register for cross-region treatment",
                              "退休后长期在外地居住的，向参保地备案后在居住地定点医院直接结算；医保关系不转移",
                              "retirees living elsewhere register with their region and settle bills where they live"))
    return Outcome("info", verdict, verdict_en, facts, options)
