"""Cash withdrawal of the personal account, and family mutual aid (家庭共济).

Whose money it is. 武汉市医保局 (official, 2022-06-16): "个人账户不得提取现金，个人账户的资金和利息归个人所有，
可以结转和继承。" There is no national right to cash out (seeds 001, 004: "职工医保金原则上是不能直接取出的"); the
balance is paid out once only in cases that local rules name (all secondary):
- 武汉: "出国（境）定居、死亡、转出市外且个人帐户无法转移的" one-time payment, applied for 2 months after the
  relationship ends;
- 福建 (厦门): "仅在既无法转移也无法使用的情况下（如出国定居等）才能提取";
- 威海 (威政发〔2008〕10号): 出国定居、医保关系转移至统筹范围外、死亡、异地安置退休人员或长期驻外工作人员;
- 丹东: the account moves with the relationship; if it cannot (incl. 出境定居) it is paid to the person; on death to
  the lawful heirs;
- seed 004: "跨省异地安置退休人员：经本人申请，可将个人账户资金划入本人银行账户。"
seed 001: "如果个人账户中的医疗保险基金余额不足以支付当年度已发生的医疗费用，则不能办理退保手续。"
Each route is a parameter (``withdrawal.<route>``) with its own region, source and confidence; where a region has no
figure the route's availability is unknown (null) and the verdict says to ask the local 医保经办机构.

Family mutual aid. 国办发〔2021〕14号: the account may pay 本人及其配偶、父母、子女 for 个人负担 costs at 定点医疗机构 and
定点零售药店, and explore paying their resident-insurance contributions; it may not be used for 公共卫生费用、体育健身
或养生保健消费. 国办发〔2024〕38号 widened it to 近亲属 (配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女);
国家医保局: every province had done so by 2024-12-09. Resident insurance has no personal account (seeds 000, 002, 003).
"""

from __future__ import annotations

from ..context import Context
from ..months import Month
from ..regions import cross_province, region_name
from ..report import Option, Outcome
from ..sources import (
    FAMILY_AID_NEAR_RELATIVES,
    GUOBAN_2021_14,
    SEED_001,
    SEED_002,
    SEED_004,
    WITHDRAWAL_LOCAL,
)
from ..glossary import RELATIVES, ROUTES, ROUTES_SHORT
from ..trace import Source

OWNER = "个人所有，可以结转和继承"
OWNER_EN = "the person's own: it carries over and is inherited"

FAMILY_USES = [
    {"code": "resident_contributions", "zh": "缴纳城乡居民医保个人缴费", "en": "their resident-insurance contributions"},
    {"code": "out_of_pocket_hospitals", "zh": "在定点医疗机构就医的个人负担费用",
     "en": "their out-of-pocket costs at designated hospitals"},
    {"code": "out_of_pocket_pharmacies", "zh": "在定点零售药店购药、医疗器械和医用耗材的个人负担费用",
     "en": "their out-of-pocket drugs, devices and consumables at designated pharmacies"},
]
FAMILY_NOT_FOR = [
    {"code": "public_health", "zh": "公共卫生费用", "en": "public health costs"},
    {"code": "fitness_wellness", "zh": "体育健身或养生保健消费", "en": "fitness or wellness spending"},
]

REASONS_NO_ACCOUNT: dict[str, tuple[str, str]] = {
    "resident": ("居民医保不设个人账户", "resident insurance has no personal account"),
    "pooling_only": ("单建统筹不设个人账户", "pooling-only (单建统筹) insurance has no personal account"),
    "not_insured": ("您目前没有参加职工医保", "you are not in employee medical insurance now"),
    "flexible_no_account_before_retirement": ("本地灵活就业人员退休前不划入个人账户",
                                              "flexible workers here get no account credits before retirement"),
}


def _param_source(found) -> Source | None:
    return Source(found.source, found.ref) if found.source else None


def _place(region: str, lang: str = "zh") -> str:
    """A region's name for a sentence; the general rules (``national``) read as "here"."""
    if region == "national":
        return "here" if lang == "en" else "本地"
    return region_name(region, lang)


def _yuan(value: float) -> str:
    return f"{value:.2f}"


def account_region(ctx: Context, at: Month) -> str:
    """Where the account is held at ``at``: the region of the latest actually paid employee-medical period started
    by then; a retiree's account stays in the benefit region (retirees' relationships no longer transfer)."""
    if ctx.facts.get("retirement", {}).get("retired"):
        return ctx.region
    emp = [p for p in ctx.profile.periods
           if p.insurance == "employee_medical" and p.effective_kind != "deemed" and p.start <= at]
    if not emp:
        return ctx.region
    return ctx.profile.period_region(max(emp, key=lambda p: p.start))


def has_funds(ctx: Context) -> bool | None:
    """Whether there is a balance to speak of: the recorded balance, the account now, or any period with an
    account so far; False for someone who never had one (resident insurance, 单建统筹, pension only)."""
    balance = ctx.profile.account.balance_yuan if ctx.profile.account else None
    has_account = (ctx.facts.get("account_now") or {}).get("has_account")
    if (balance is not None and balance > 0) or has_account:
        return True
    ever = any(p.insurance == "employee_medical" and p.effective_mode == "with_account" and p.effective_kind != "deemed"
               and p.start <= ctx.now for p in ctx.profile.periods)
    if not ever or (balance == 0 and has_account is False):
        return False
    return None


def _route(ctx: Context, code: str, region: str) -> dict:
    """One route: is it available in the region (the data), does it apply to this person now (the profile)."""
    zh, en = ROUTES[code]
    plans = ctx.profile.effective_plans
    ret = ctx.facts.get("retirement", {})
    when: Month | None = None
    with ctx.step(f"withdrawal.{code}", zh, en, source=WITHDRAWAL_LOCAL, region=region) as node:
        found = ctx.param(f"withdrawal.{code}", ctx.now, region=region)
        available = found.value
        src = _param_source(found)
        node.source = src or WITHDRAWAL_LOCAL
        if available is None:
            ctx.note(f"withdrawal.{code}.unknown", f"{_place(region)}是否有此规定未知：请咨询当地医保经办机构",
                     f"unknown {_place(region, 'en')}: ask the local medical insurance office",
                     passed=None, region=found.region)
        if code == "death_inheritance":
            applies = ctx.check(f"withdrawal.{code}.applies", "参保人死亡后由继承人办理", "only the heirs apply, after death",
                                "参保人死亡", "本人在世", False)
        elif code == "emigration":
            when = plans.emigrate
            if when is None:
                applies = ctx.check(f"withdrawal.{code}.applies", "档案中计划出国（境）定居",
                                    "settling abroad is planned in the profile", "plans.emigrate", None, False)
            else:
                applies = ctx.check(f"withdrawal.{code}.applies", f"已到计划出国定居的月份（{when}）",
                                    f"the planned month of settling abroad ({when}) is reached", f"<= {ctx.now}",
                                    when, when <= ctx.now)
        elif code == "retiree_relocation":
            target = plans.relocate_after_retirement
            if target is None:
                applies = ctx.check(f"withdrawal.{code}.applies", "档案中计划退休后异地安置",
                                    "resettlement after retirement is planned in the profile",
                                    "plans.relocate_after_retirement", None, False)
            else:
                cross = ctx.check(f"withdrawal.{code}.cross_province", f"安置地（{region_name(target)}）在外省",
                                  f"the new home ({region_name(target, 'en')}) is in another province",
                                  "跨省", target, cross_province(ctx.region, target), source=SEED_004)
                retired = bool(ret.get("retired"))
                when = ret.get("chosen_date") if cross else None
                ctx.check(f"withdrawal.{code}.retired", "已经退休", "already retired", f">= {ret.get('chosen_date')}",
                          ctx.now, retired)
                applies = bool(cross and retired)
        else:
            applies = ctx.check(f"withdrawal.{code}.applies", "个人账户无法随医保关系转移",
                                "the account cannot move with the insurance relationship",
                                "转出且无法转移", "档案无法判断（按医保办发〔2021〕43号，个人账户一般随关系转移）", False)
        node.result = available
        node.passed = None if available is None else bool(available and applies)
    return {"code": code, "available": available, "applies_now": applies, "region": found.region,
            "asked_region": region, "confidence": found.confidence, "when": when, "title": zh, "title_en": en,
            "_source": src}


def decide(ctx: Context) -> Outcome:
    now = ctx.now
    plans = ctx.profile.effective_plans
    acct = ctx.profile.account
    balance = acct.balance_yuan if acct else None
    balance_as_of = acct.as_of if acct else None
    funds = has_funds(ctx)
    here = account_region(ctx, now)
    ctx.note("withdrawal.account_region", f"个人账户所在地：{region_name(here)}", f"the account is held in {region_name(here, 'en')}",
             result=here)
    anytime = ctx.param("withdrawal.cash_out_anytime", now, region=here)
    ctx.note("withdrawal.no_cash_out", "平时不能提取个人账户现金，只在规定情形下一次性支付",
             "no cash withdrawal in ordinary times; only a one-time payment in named cases",
             result=anytime.value, passed=False if anytime.value is False else None,
             source=_param_source(anytime) or SEED_001)
    regions = {"death_inheritance": here, "untransferable": here, "retiree_relocation": ctx.region,
               "emigration": account_region(ctx, max(now, plans.emigrate or now))}
    routes = [_route(ctx, code, regions[code]) for code in ROUTES]
    death = routes[0]
    ctx.note("withdrawal.owner", f"个人账户的资金{OWNER}", f"the account is {OWNER_EN}", result=OWNER,
             source=death["_source"] or SEED_001)
    if funds is not False:
        ctx.check("withdrawal.refund_costs_within_balance", "办理支取时，当年已发生的医疗费用不得超过账户余额",
                  "a payout is refused while this year's medical costs exceed the balance", "当年医疗费用 ≤ 余额",
                  "档案未记录当年医疗费用", None, source=SEED_001, balance_yuan=balance)
    else:
        ctx.note("withdrawal.no_account", "没有职工医保个人账户：无余额可支取（居民医保、单建统筹不设个人账户）",
                 "no employee-medical personal account: no balance to pay out", passed=False, source=SEED_002)

    triggered = [r for r in routes if r["applies_now"]]
    if funds is False:
        cash: bool | None = False
    elif anytime.value is True or any(r["available"] is True for r in triggered):
        cash = True
    elif any(r["available"] is None for r in triggered):
        cash = None
    else:
        cash = False

    verdict, verdict_en = _verdict(ctx, routes, funds, balance, cash)
    options = _options(ctx, routes, funds, cash)
    facts = {
        "cash_out_now": cash,
        "routes": [{k: v for k, v in r.items() if not k.startswith("_")} for r in routes],
        "balance_yuan": balance, "balance_as_of": balance_as_of, "has_funds": funds, "account_region": here,
        "owner": OWNER, "owner_en": OWNER_EN, "inheritable": death["available"],
        "cash_out_anytime": anytime.value,
        "refund_condition": "当年已发生的医疗费用超过账户余额时不能办理（种子文章 001）",
        "refund_condition_en": "refused while this year's medical costs exceed the balance (seed 001)",
    }
    status = "unknown" if cash is None else "info"
    return Outcome(status, verdict, verdict_en, facts, options)


def _verdict(ctx: Context, routes: list[dict], funds: bool | None, balance: float | None,
             cash: bool | None) -> tuple[str, str]:
    by = {r["code"]: r for r in routes}
    if funds is False:
        reason = (ctx.facts.get("account_now") or {}).get("reason")
        why, why_en = REASONS_NO_ACCOUNT.get(reason, ("居民医保和单建统筹不设个人账户", "resident and pooling-only insurance have no account"))
        if not any(p.insurance == "employee_medical" for p in ctx.profile.periods):
            why, why_en = "您没有参加过职工医保，只交养老或居民医保的没有个人账户", \
                "you never joined employee medical insurance; pension or resident insurance alone has no account"
        return (f"您没有职工医保个人账户（{why}），没有可以提取或继承的账户余额",
                f"You have no employee-medical personal account ({why_en}): there is no balance to draw or inherit")
    if balance is not None:
        head, head_en = f"个人账户余额{_yuan(balance)}元", f"The personal account balance of {_yuan(balance)} yuan"
    else:
        head, head_en = "个人账户的余额", "The personal account balance"
    inherit = by["death_inheritance"]["available"]
    own = "归您所有、可以结转和继承" if inherit else "归您所有、可以结转"
    own_en = "is yours, carries over and is inherited" if inherit else "is yours and carries over"
    zh, en = f"{head}{own}", f"{head_en} {own_en}"
    if cash is True:
        r = next(r for r in routes if r["applies_now"] and r["available"])
        zh += f"；{_event(r)}，{_place(r['region'])}允许一次性支取（办理时当年医疗费用不得超过余额）"
        en += f"; {_event(r, 'en')}: {_place(r['region'], 'en')} pays the balance out once (not while this year's costs exceed it)"
        return zh, en
    if cash is None:
        r = next(r for r in routes if r["applies_now"] and r["available"] is None)
        zh += f"；{_event(r)}，但{_place(r['asked_region'])}是否允许此时支取未知：请咨询当地医保经办机构"
        en += f"; {_event(r, 'en')}, but whether it is paid out {_place(r['asked_region'], 'en')} is unknown: ask the local office"
        return zh, en
    zh += "，但现在不能取现"
    en += ", but it cannot be taken out as cash now"
    planned = [r for r in routes if r["code"] in ("emigration", "retiree_relocation") and r["when"] is not None]
    for r in planned:
        name, name_en = _place(r["asked_region"]), _place(r["asked_region"], "en")
        label = "出国定居时" if r["code"] == "emigration" else "退休后跨省异地安置时"
        label_en = "on settling abroad" if r["code"] == "emigration" else "when resettled in another province after retirement"
        if r["available"] is True:
            zh += f"；{label}（计划{r['when']}）{_place(r['region'])}允许一次性支取"
            en += f"; {label_en} (planned {r['when']}) {_place(r['region'], 'en')} pays it out once"
        elif r["available"] is None:
            zh += f"；{name}是否允许{label}支取未知（计划{r['when']}）：请咨询当地医保经办机构"
            en += f"; whether {name_en} pays it out {label_en} (planned {r['when']}) is unknown: ask the local office"
        else:
            zh += f"；{name}不允许{label}支取"
            en += f"; {name_en} does not pay it out {label_en}"
    if not planned:
        known = [r["code"] for r in routes if r["available"] is True and r["code"] != "death_inheritance"]
        unknown = [r["code"] for r in routes if r["available"] is None]
        if known:
            zh += f"；本地可一次性支取的情形：{'、'.join(ROUTES_SHORT[c][0] for c in known)}"
            en += "; local one-time payout cases: " + ", ".join(ROUTES_SHORT[c][1] for c in known)
        if unknown:
            zh += f"；{'、'.join(ROUTES_SHORT[c][0] for c in unknown)}时本地是否允许支取未知：请咨询当地医保经办机构"
            en += "; whether it is paid out here " + " or ".join(ROUTES_SHORT[c][1] for c in unknown) + \
                  " is unknown: ask the local office"
    return zh, en


def _event(route: dict, lang: str = "zh") -> str:
    when = route["when"]
    if route["code"] == "emigration":
        return f"you settled abroad ({when})" if lang == "en" else f"您已出国定居（{when}）"
    if route["code"] == "retiree_relocation":
        return "you retired and resettled in another province" if lang == "en" else "您已退休并跨省异地安置"
    return route["title_en"] if lang == "en" else route["title"]


def _options(ctx: Context, routes: list[dict], funds: bool | None, cash: bool | None) -> list[Option]:
    out: list[Option] = []
    if funds is False:
        return out
    by = {r["code"]: r for r in routes}
    emi = by["emigration"]
    if emi["when"] is not None:
        name, name_en = _place(emi["region"]), _place(emi["region"], "en")
        if emi["available"] is True:
            wait = ctx.param("withdrawal.emigration_apply_after_months", ctx.now, region=emi["asked_region"])
            if wait.known:
                earliest = emi["when"] + wait.value
                out.append(Option("emigration_payout", f"出国定居后申请一次性支付（{name}）",
                                  f"apply for the one-time payment after settling abroad ({name_en})",
                                  f"终止医保关系满{wait.value}个月后申请，最早约{earliest}（{wait.source}）",
                                  f"apply {wait.value} months after the relationship ends, about {earliest} at the earliest",
                                  months=wait.value, deadline=None))
            else:
                out.append(Option("emigration_payout", f"出国定居后申请一次性支付（{name}）",
                                  f"apply for the one-time payment after settling abroad ({name_en})",
                                  f"{emi['_source'].title if emi['_source'] else ''}；办理时间和材料请向当地医保经办机构确认",
                                  "ask the local office for the timing and papers"))
        elif emi["available"] is None:
            asked, asked_en = _place(emi["asked_region"]), _place(emi["asked_region"], "en")
            out.append(Option("ask_emigration_rule", "出国定居前向当地医保经办机构询问能否一次性支取",
                              "ask the local office before leaving whether the balance is paid out",
                              f"{asked}是否允许出国定居时支取没有数据；武汉、福建等地允许（转述）",
                              f"no data for {asked_en}; Wuhan and Fujian allow it (secondary)"))
    rel = by["retiree_relocation"]
    if rel["when"] is not None and rel["available"] is None:
        out.append(Option("ask_relocation_rule", "退休前询问跨省异地安置后能否把余额划入本人银行账户",
                          "ask whether the balance can be paid to your bank account once resettled",
                          "种子文章 004：跨省异地安置退休人员经本人申请可划入本人银行账户（各地规定不同）",
                          "seed 004: resettled retirees may ask for the balance to be paid to their bank (local rules differ)",
                          deadline=rel["when"]))
    elif rel["when"] is not None and rel["available"] is True:
        out.append(Option("relocation_payout", "跨省异地安置后申请把余额划入本人银行账户",
                          "apply to have the balance paid to your bank after resettling",
                          rel["_source"].title if rel["_source"] else "", ""))
    if cash is not True:
        out.append(Option("use_for_family", "余额不能取现时，可用于家庭共济",
                          "while it cannot be cashed, the balance can help the family",
                          "为近亲属缴纳居民医保、支付他们在定点医院和药店的自付费用（国办发〔2021〕14号、〔2024〕38号）",
                          "pay close relatives' resident contributions and out-of-pocket costs (14号, 38号)"))
    return out


def decide_family_aid(ctx: Context) -> Outcome:
    now = ctx.now
    acct_now = ctx.facts.get("account_now") or {}
    has_account = acct_now.get("has_account")
    reason = acct_now.get("reason")
    balance = ctx.profile.account.balance_yuan if ctx.profile.account else None
    rule = ctx.param("account.family_aid", now)
    rel = ctx.param("account.family_aid_relatives", now)
    in_force: bool | None
    if rule.effective_from is None and not rule.known:
        in_force = False
    else:
        in_force = rule.value
    ctx.check("family_aid.in_force", "家庭共济规定已施行（国办发〔2021〕14号）", "family mutual aid is in force (14号)",
              True, in_force, in_force, source=_param_source(rule) or GUOBAN_2021_14)
    codes = list(rel.value or [])
    relatives = [{"code": c, "zh": RELATIVES.get(c, (c, c))[0], "en": RELATIVES.get(c, (c, c))[1]} for c in codes]
    ctx.note("family_aid.relatives", "可共济的亲属：" + "、".join(r["zh"] for r in relatives),
             "relatives covered: " + ", ".join(r["en"] for r in relatives), result=codes,
             source=_param_source(rel) or FAMILY_AID_NEAR_RELATIVES)
    ctx.check("family_aid.has_account", "本人有职工医保个人账户", "you have an employee-medical personal account",
              True, has_account, has_account, source=SEED_002, reason=reason)

    if in_force is False:
        available: bool | None = False
    elif has_account is True:
        available = in_force
    elif has_account is False:
        if balance is not None and balance > 0:
            available = None
            ctx.note("family_aid.leftover_balance", "账户仍有余额但现在没有个人账户划入：能否用余额共济，本地规定未知（断缴时账户可能被冻结或使用受限，种子文章 001）",
                     "a balance is left but no account credits now: whether it can serve the family is unknown here "
                     "(during a lapse the account may be frozen or restricted, seed 001)",
                     passed=None, source=SEED_001, balance_yuan=balance)
        else:
            available = False
    else:
        available = None

    names = "、".join(r["zh"] for r in relatives)
    names_en = ", ".join(r["en"] for r in relatives)
    options: list[Option] = []
    if available is True:
        verdict = (f"可以：您的职工医保个人账户可以为近亲属（{names}）缴纳居民医保费，支付他们在定点医院、定点药店的"
                   "自付费用；不能用于公共卫生、体育健身或养生保健消费")
        verdict_en = (f"Yes: your personal account can pay close relatives' ({names_en}) resident-insurance contributions "
                      "and their out-of-pocket costs at designated hospitals and pharmacies; not public health or fitness")
    elif available is False and in_force is False:
        verdict = "不可以：评估日期早于家庭共济施行（国办发〔2021〕14号）"
        verdict_en = "No: the date is before family mutual aid started (国办发〔2021〕14号)"
    elif available is False:
        why, why_en = REASONS_NO_ACCOUNT.get(reason, ("居民医保和单建统筹不设个人账户",
                                                      "resident and pooling-only insurance have no account"))
        verdict = f"不可以：您没有职工医保个人账户（{why}），家庭共济用的是职工医保个人账户"
        verdict_en = f"No: you have no employee-medical personal account ({why_en}); mutual aid draws on that account"
        if reason in ("resident", "pooling_only", "not_insured", None):
            options.append(Option("join_with_account", "参加职工医保并选统账结合（灵活就业较高档次）才有个人账户",
                                  "join employee medical with a personal account (统账结合) to have an account",
                                  "居民医保和单建统筹不设个人账户（种子文章 002、003）",
                                  "resident and pooling-only insurance have no account (seeds 002, 003)"))
    elif has_account is None:
        verdict = "是否可以家庭共济未知：个人账户情况尚未确定；请咨询当地医保经办机构"
        verdict_en = "Unknown: whether you have a personal account now is not settled; ask the local office"
    else:
        verdict = "是否可以家庭共济未知：您现在没有个人账户划入，但账户里还有余额；能否用于家人请咨询当地医保经办机构"
        verdict_en = "Unknown: no account credits now but a balance is left; ask the local office whether it can serve the family"
    facts = {
        "available": available, "has_account": has_account, "in_force": in_force,
        "relatives": relatives, "uses": FAMILY_USES, "not_for": FAMILY_NOT_FOR,
        "widened_to_near_relatives": len(codes) > 3,
    }
    status = {True: "met", False: "not_met", None: "unknown"}[available]
    return Outcome(status, verdict, verdict_en, facts, options)
