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

Foreign employees. 《在中国境内就业的外国人参加社会保险暂行办法》（人社部令第16号，2011-10-15施行）第六条 (read as
quoted by secondary pages): "外国人在达到规定的领取养老金年龄前离境的，其社会保险个人账户予以保留，再次来中国就业的，
缴费年限累计计算；经本人书面申请终止社会保险关系的，也可以将其社会保险个人账户储存额一次性支付给本人。" The article
speaks of the social insurance personal account in general, framed by the pension age; it does not name the medical
account, so how the medical account is paid out is left to the local office.

Family mutual aid. 国办发〔2021〕14号: the account may pay 本人及其配偶、父母、子女 for 个人负担 costs at 定点医疗机构 and
定点零售药店, and explore paying their resident-insurance contributions; it may not be used for 公共卫生费用、体育健身
或养生保健消费. 国办发〔2024〕38号 widened it to 近亲属 (配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女);
国家医保局: every province had done so by 2024-12-09. Resident insurance has no personal account (seeds 000, 002, 003).
Its reach by place (``account.family_aid_scope``): 新华网 2024-11-26 (secondary): "全国所有省份已实现职工医保个人账户省内
跨统筹区共济……只要共济人、被共济人在同一省份内参保，无论是否在同一个城市"; across provinces from 2026-06 is reported
only (secondary, unconfirmed).
"""

from __future__ import annotations

from typing import Any, ClassVar


from ...core.facts import ABSENT, Decision, Facts, _pairs
from ...core.months import Month
from ...core.trace import Source
from ...core.values import Region, jsonable
from ...data.i18n import Msg, msg, text
from ...data.phrases import Named, alternatives, both, clauses
from ...data.places import cities_of, cross_province
from ...data.sources import of_value
from ...data.sources import (
    FAMILY_AID_CROSS_PROVINCE,
    FAMILY_AID_NEAR_RELATIVES,
    FAMILY_AID_PROVINCE,
    FOREIGN_16_ART6,
    GUOBAN_2021_14,
    SEED_001,
    SEED_002,
    SEED_004,
    WITHDRAWAL_LOCAL,
)
from ..context import Context
from ..outcome import Option, Outcome

#: the routes by which a balance may be paid out, in the order they are shown (their names: context ``route``)
ROUTE_CODES = ("death_inheritance", "emigration", "retiree_relocation", "untransferable")
#: the route only a foreign national has (人社部令第16号 第六条), shown after the others
FOREIGN_ROUTE = "foreign_national_leaving"
OWNER = msg("withdrawal.owner", "owner")
FAMILY_USES = ("resident_contributions", "out_of_pocket_hospitals", "out_of_pocket_pharmacies")
FAMILY_NOT_FOR = ("public_health", "fitness_wellness")
#: the reasons account_now gives for having no account that a sentence names
REASONS_NO_ACCOUNT = ("resident", "pooling_only", "not_insured", "flexible_no_account_before_retirement")



class _WithWords(Facts):
    """Facts holding catalog messages (``_words``): the JSON keeps today's two-language pair for each,
    ``{key: Chinese, key_en: English}``, written from the catalog when serialised (the rule stores meaning only)."""

    _words: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in _pairs(self):
            if k in self._words:
                out.update(both(k, v))
            else:
                out[k] = jsonable(v)
        return out

    # reading by key, as the JSON reads: ``facts["owner"]`` is the Chinese text, ``facts["owner_en"]`` the English
    def _word(self, key: str) -> Any:
        base, lang = (key[:-3], "en") if key.endswith("_en") else (key, "zh")
        return getattr(self, base).text(lang) if base in self._words else ABSENT

    def __getitem__(self, key: str) -> Any:
        word = self._word(key)
        return super().__getitem__(key) if word is ABSENT else word

    def get(self, key: str, default: Any = None) -> Any:
        word = self._word(key)
        return super().get(key, default) if word is ABSENT else word

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._word(key) is not ABSENT or super().__contains__(key)


class WithdrawalRoute(_WithWords, frozen=True):
    """One way the balance may be paid out (docs/contract.md §4 ``withdrawal.routes``)."""

    _words: ClassVar[tuple[str, ...]] = ("title",)

    code: str
    available: bool | None
    applies_now: bool
    region: str
    asked_region: str
    confidence: str
    when: Month | None
    title: Msg


class WithdrawalFacts(_WithWords, frozen=True):
    _words: ClassVar[tuple[str, ...]] = ("owner", "refund_condition")

    cash_out_now: bool | None
    routes: list  # of WithdrawalRoute
    balance_yuan: float | None
    balance_as_of: Month | None
    has_funds: bool | None
    account_region: str
    owner: Msg
    inheritable: bool | None
    cash_out_anytime: bool | None
    refund_condition: Msg
    # for a foreign national only (人社部令第16号 第六条): the account is kept on leaving, and the years add up on a
    # return to work in China while it is kept
    foreign_national: bool = ABSENT
    years_count_on_return: bool | None = ABSENT


class FamilyAidFacts(Facts, frozen=True):
    available: bool | None
    has_account: bool | None
    in_force: bool
    relatives: list
    uses: list
    not_for: list
    widened_to_near_relatives: bool
    scope: str | None = None  # how far the account reaches: "city" | "province" | "national" (None: unknown)
    # where a relative the profile names is insured, and whether the account can help them there
    relative_region: str = ABSENT
    relative_reached: bool | None = ABSENT


#: the reaches of family aid, narrowest first
SCOPES = ("city", "province", "national")


def relative_reach(account: str, relative: str) -> str | None:
    """The narrowest reach that joins the account's place and the relative's: ``city`` (the same place),
    ``province`` or ``national``; None where it cannot be told (a province named without its city, which has
    cities: the same city or not)."""
    if account == relative:
        return "city"
    if cross_province(account, relative):
        return "national"
    if "." not in account and cities_of(account) or "." not in relative and cities_of(relative):
        return None
    return "province"


def withdrawal_figure(facts, lang: str) -> str:
    cash = facts.get("cash_out_now")
    return text("withdrawal.figure", "yes", lang) if cash is True else \
        text("withdrawal.figure", "no", lang) if cash is False else ""


def family_aid_figure(facts, lang: str) -> str:
    available = facts.get("available")
    return text("family_aid.figure", "yes", lang) if available is True else \
        text("family_aid.figure", "no", lang) if available is False else ""


def _param_source(found) -> Source | None:
    return of_value(found)


def _place(region: str) -> Msg | Region:
    """A region's name for a sentence; the general rules (``national``) read as "here"."""
    return msg("withdrawal.place", "here") if region == "national" else Region(region)


def _why_no_account(reason: str | None) -> Msg:
    return msg("withdrawal.reason", reason if reason in REASONS_NO_ACCOUNT else "default")


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


# --- does a route apply to this person now (the profile)? ---------------------------------------------------------
def _applies_death(ctx: Context, rule: str) -> tuple[bool, Month | None]:
    """Death: "死亡" — only the heirs apply, after the insured person's death; a living person never does."""
    return ctx.check(rule + ".applies", expected=msg("withdrawal.expected", "dead"),
                     found=msg("withdrawal.expected", "alive"), passed=False), None


def _applies_emigration(ctx: Context, rule: str) -> tuple[bool, Month | None]:
    """"出国（境）定居": the planned month of settling abroad is reached."""
    when = ctx.projection.emigrate
    if when is None:
        return ctx.check(rule + ".applies", key="unplanned", expected=msg("withdrawal.expected", "emigration_planned"),
                         found=None, passed=False), None
    return ctx.check(rule + ".applies", expected=msg("withdrawal.expected", "by", date=ctx.now), found=when,
                     passed=when <= ctx.now, when=when), when


def _applies_relocation(ctx: Context, rule: str) -> tuple[bool, Month | None]:
    """Seed 004: "跨省异地安置退休人员：经本人申请，可将个人账户资金划入本人银行账户" — retired, and resettled in
    another province."""
    target = ctx.projection.relocate_after_retirement
    if target is None:
        return ctx.check(rule + ".applies", key="unplanned",
                         expected=msg("withdrawal.expected", "relocation_planned"), found=None, passed=False), None
    ret = ctx.facts.get("retirement", {})
    cross = ctx.check(rule + ".cross_province", expected=msg("withdrawal.expected", "other_province"),
                      found=Region(target), passed=cross_province(ctx.region, target), source=SEED_004,
                      target=Region(target))
    retired = bool(ret.get("retired"))
    ctx.check(rule + ".retired", expected=msg("withdrawal.expected", "from", date=ret.get("chosen_date")),
              found=ctx.now, passed=retired)
    return bool(cross and retired), ret.get("chosen_date") if cross else None


def _applies_untransferable(ctx: Context, rule: str) -> tuple[bool, Month | None]:
    """"转出市外且个人帐户无法转移的": the profile cannot tell; under 43号 an account normally moves."""
    return ctx.check(rule + ".applies", expected=msg("withdrawal.expected", "untransferable"),
                     found=msg("withdrawal.expected", "cannot_tell"), passed=False), None


def _applies_foreign(ctx: Context, rule: str) -> tuple[bool, Month | None]:
    """人社部令第16号 第六条 "外国人在达到规定的领取养老金年龄前离境的": a foreign national whose planned month of
    leaving China is reached, before the pension age."""
    when = ctx.profile.effective_plans.emigrate
    if when is None:
        return ctx.check(rule + ".applies", key="unplanned", expected=msg("withdrawal.expected", "leaving_planned"),
                         found=None, passed=False), None
    legal = (ctx.facts.get("retirement") or {}).get("legal_date")
    before = legal is None or when < legal
    ctx.check(rule + ".before_pension_age", expected=msg("withdrawal.expected", "before", date=legal), found=when,
              passed=None if legal is None else before, source=FOREIGN_16_ART6)
    return ctx.check(rule + ".applies", expected=msg("withdrawal.expected", "by", date=ctx.now), found=when,
                     passed=before and when <= ctx.now, when=when), when


APPLIES = {"death_inheritance": _applies_death, "emigration": _applies_emigration,
           "retiree_relocation": _applies_relocation, "untransferable": _applies_untransferable,
           FOREIGN_ROUTE: _applies_foreign}


def _route(ctx: Context, code: str, region: str) -> dict:
    """One route: is it available in the region (the data), does it apply to this person now (the profile)."""
    rule = f"withdrawal.{code}"
    with ctx.step(rule, source=WITHDRAWAL_LOCAL, region=region) as node:
        found = ctx.param(rule, ctx.now, region=region)
        available = found.value
        src = _param_source(found)
        node.source = src or WITHDRAWAL_LOCAL
        if available is None:
            ctx.note(rule + ".unknown", key="here" if region == "national" else "title", passed=None,
                     region=found.region, asked=Region(region))
        applies, when = APPLIES[code](ctx, rule)
        node.result = available
        node.passed = None if available is None else bool(available and applies)
    return {"code": code, "available": available, "applies_now": applies, "region": found.region,
            "asked_region": region, "confidence": found.confidence, "when": when,
            "_source": src}


def decide(ctx: Context) -> Outcome:
    now = ctx.now
    plans = ctx.projection
    acct = ctx.profile.account
    balance = acct.balance_yuan if acct else None
    balance_as_of = acct.as_of if acct else None
    funds = has_funds(ctx)
    here = account_region(ctx, now)
    ctx.note("withdrawal.account_region", result=Region(here))
    anytime = ctx.param("withdrawal.cash_out_anytime", now, region=here)
    ctx.note("withdrawal.no_cash_out", result=anytime.value, passed=False if anytime.value is False else None,
             source=_param_source(anytime) or SEED_001)
    leaving = account_region(ctx, max(now, plans.emigrate or now))
    regions = {"death_inheritance": here, "untransferable": here, "retiree_relocation": ctx.region,
               "emigration": leaving, FOREIGN_ROUTE: leaving}
    foreign = ctx.profile.person.foreign
    if foreign:
        ctx.note("withdrawal.foreign_national", result=ctx.profile.person.effective_nationality,
                 source=FOREIGN_16_ART6)
    codes = ROUTE_CODES + (FOREIGN_ROUTE,) if foreign else ROUTE_CODES
    routes = [_route(ctx, code, regions[code]) for code in codes]
    death = routes[0]
    ctx.note("withdrawal.owner", result=OWNER, source=death["_source"] or SEED_001)
    if funds is not False:
        ctx.check("withdrawal.refund_costs_within_balance", expected=msg("withdrawal.expected", "costs_within"),
                  found=msg("withdrawal.expected", "costs_unrecorded"), passed=None, source=SEED_001,
                  balance_yuan=balance)
    else:
        ctx.note("withdrawal.no_account", passed=False, source=SEED_002)

    triggered = [r for r in routes if r["applies_now"]]
    if funds is False:
        cash: bool | None = False
    elif anytime.value is True or any(r["available"] is True for r in triggered):
        cash = True
    elif any(r["available"] is None for r in triggered):
        cash = None
    else:
        cash = False

    facts = WithdrawalFacts(
        cash_out_now=cash,
        routes=[WithdrawalRoute(**{k: v for k, v in r.items() if not k.startswith("_")}, title=msg("route", r["code"]))
                for r in routes],
        balance_yuan=balance, balance_as_of=balance_as_of, has_funds=funds, account_region=here,
        owner=OWNER, inheritable=death["available"], cash_out_anytime=anytime.value,
        refund_condition=msg("withdrawal.owner", "refund_condition"),
        **({"foreign_national": True, "years_count_on_return": _years_on_return(routes)} if foreign else {}),
    )
    status = "unknown" if cash is None else "info"
    return Outcome(status, _verdict(ctx, routes, funds, balance, cash), facts=facts,
                   options=_options(ctx, routes, funds, cash))


def _years_on_return(routes: list[dict]) -> bool | None:
    """第六条 "再次来中国就业的，缴费年限累计计算": the years count on a return while the account is kept (the rule's
    availability in the data; unknown where it is)."""
    foreign = next(r for r in routes if r["code"] == FOREIGN_ROUTE)
    return foreign["available"]


def _foreign_verdict(own: Msg, route: dict) -> Msg:
    """The three answers for a foreign national (人社部令第16号 第六条): what happens to the account on leaving, whether
    the balance can be had, whether the years count on a return; and that the article does not name the medical
    account."""
    if route["available"] is None:
        return clauses(msg("withdrawal.verdict", "not_now", own=own),
                       msg("withdrawal.foreign", "unknown", place=Region(route["asked_region"])))
    if route["available"] is False:
        return clauses(msg("withdrawal.verdict", "not_now", own=own),
                       msg("withdrawal.foreign", "not_here", place=Region(route["asked_region"])))
    if route["when"] is None:
        leave = msg("withdrawal.foreign", "leave_unplanned")
    elif route["applies_now"]:
        leave = msg("withdrawal.foreign", "left", when=route["when"])
    else:
        leave = msg("withdrawal.foreign", "leave", when=route["when"])
    head = msg("withdrawal.verdict", "not_now", own=own) if not route["applies_now"] else own
    return clauses(head, leave, msg("withdrawal.foreign", "payout"), msg("withdrawal.foreign", "return"),
                   msg("withdrawal.foreign", "medical_unnamed", place=Region(route["asked_region"])))


def _verdict(ctx: Context, routes: list[dict], funds: bool | None, balance: float | None, cash: bool | None) -> Msg:
    by = {r["code"]: r for r in routes}
    if funds is False:
        why = _why_no_account((ctx.facts.get("account_now") or {}).get("reason"))
        if not any(p.insurance == "employee_medical" for p in ctx.profile.periods):
            why = msg("withdrawal.reason", "never_employee")
        return msg("withdrawal.verdict", "no_account", why=why)
    head = (msg("withdrawal.verdict", "head_balance", balance=float(balance)) if balance is not None
            else msg("withdrawal.verdict", "head"))
    own = msg("withdrawal.verdict", "own_inherit" if by["death_inheritance"]["available"] else "own", head=head)
    if FOREIGN_ROUTE in by:
        return _foreign_verdict(own, by[FOREIGN_ROUTE])
    if cash is True:
        r = next(r for r in routes if r["applies_now"] and r["available"])
        return msg("withdrawal.verdict", "cash", own=own, event=_event(r), place=_place(r["region"]))
    if cash is None:
        r = next(r for r in routes if r["applies_now"] and r["available"] is None)
        return msg("withdrawal.verdict", "cash_unknown", own=own, event=_event(r), place=_place(r["asked_region"]))
    parts: list = [msg("withdrawal.verdict", "not_now", own=own)]
    planned = [r for r in routes if r["code"] in ("emigration", "retiree_relocation") and r["when"] is not None]
    for r in planned:
        label = msg("withdrawal.label", r["code"])
        if r["available"] is True:
            parts.append(msg("withdrawal.verdict", "planned_yes", label=label, when=r["when"], place=_place(r["region"])))
        elif r["available"] is None:
            parts.append(msg("withdrawal.verdict", "planned_unknown", label=label, when=r["when"],
                             place=_place(r["asked_region"])))
        else:
            parts.append(msg("withdrawal.verdict", "planned_no", label=label, place=_place(r["asked_region"])))
    if not planned:
        known = [msg("route.short", r["code"]) for r in routes
                 if r["available"] is True and r["code"] != "death_inheritance"]
        unknown = [msg("route.short", r["code"]) for r in routes if r["available"] is None]
        if known:
            parts.append(msg("withdrawal.verdict", "known_cases", cases=known))
        if unknown:
            parts.append(msg("withdrawal.verdict", "unknown_cases", cases=alternatives(*unknown)))
    return clauses(*parts)


def _event(route: dict) -> Msg:
    if route["code"] == "emigration":
        return msg("withdrawal.event", "emigration", when=route["when"])
    if route["code"] == "retiree_relocation":
        return msg("withdrawal.event", "retiree_relocation")
    return msg("route", route["code"])


def _options(ctx: Context, routes: list[dict], funds: bool | None, cash: bool | None) -> list[Option]:
    out: list[Option] = []
    if funds is False:
        return out
    by = {r["code"]: r for r in routes}
    emi = by["emigration"]
    foreign = by.get(FOREIGN_ROUTE)
    if foreign is not None and foreign["available"] is True:
        out.append(Option("foreign_keep_or_payout", msg("withdrawal.option.foreign_keep_or_payout"),
                          detail=msg("withdrawal.option.foreign_keep_or_payout", "detail"),
                          deadline=None if foreign["applies_now"] else foreign["when"]))
    elif emi["when"] is not None:
        title = msg("withdrawal.option.emigration_payout", place=_place(emi["region"]))
        if emi["available"] is True:
            wait = ctx.param("withdrawal.emigration_apply_after_months", ctx.now, region=emi["asked_region"])
            if wait.known:
                earliest = emi["when"] + wait.value
                out.append(Option("emigration_payout", title,
                                  detail=msg("withdrawal.option.emigration_payout", "detail", months=wait.value,
                                             earliest=earliest, source=wait.source or ""),
                                  months=wait.value, deadline=None))
            else:
                out.append(Option("emigration_payout", title,
                                  detail=msg("withdrawal.option.emigration_payout", "detail_ask",
                                             source=emi["_source"].title if emi["_source"] else "")))
        elif emi["available"] is None:
            out.append(Option("ask_emigration_rule", msg("withdrawal.option.ask_emigration_rule"),
                              detail=msg("withdrawal.option.ask_emigration_rule", "detail",
                                         place=_place(emi["asked_region"]))))
    rel = by["retiree_relocation"]
    if rel["when"] is not None and rel["available"] is None:
        out.append(Option("ask_relocation_rule", msg("withdrawal.option.ask_relocation_rule"),
                          detail=msg("withdrawal.option.ask_relocation_rule", "detail"),
                          deadline=rel["when"] if rel["when"] >= ctx.now else None))  # a month behind is no deadline
    elif rel["when"] is not None and rel["available"] is True:
        out.append(Option("relocation_payout", msg("withdrawal.option.relocation_payout"),
                          detail=rel["_source"].title if rel["_source"] else ""))
    if cash is not True:
        out.append(Option("use_for_family", msg("withdrawal.option.use_for_family"),
                          detail=msg("withdrawal.option.use_for_family", "detail")))
    return out


# --- family mutual aid ----------------------------------------------------------------------------------------------
def _family_verdict(available: bool | None, in_force: bool | None, has_account: bool | None, reason: str | None,
                    names: list[Msg]) -> tuple[Msg, list[Option]]:
    """国办发〔2021〕14号 / 〔2024〕38号: the account may pay close relatives' resident contributions and their
    个人负担 costs at 定点医疗机构 and 定点零售药店, "不得用于公共卫生费用、体育健身或养生保健消费"."""
    if available is True:
        return msg("family_aid.verdict", "yes", names=names), []
    if available is False and in_force is False:
        return msg("family_aid.verdict", "not_in_force"), []
    if available is False:
        options = []
        if reason in ("resident", "pooling_only", "not_insured", None):
            options.append(Option("join_with_account", msg("family_aid.option.join_with_account"),
                                  detail=msg("family_aid.option.join_with_account", "detail")))
        return msg("family_aid.verdict", "no_account", why=_why_no_account(reason)), options
    if has_account is None:
        return msg("family_aid.verdict", "unknown_account"), []
    return msg("family_aid.verdict", "unknown_leftover"), []


def _relative_reached(ctx: Context, held: str, relative: str, scope: str | None) -> bool | None:
    """Whether family aid in force reaches a relative insured in ``relative`` from an account held in ``held``."""
    needed = relative_reach(held, relative)
    reached = None if needed is None or scope is None else SCOPES.index(scope) >= SCOPES.index(needed)
    if needed == "city" and scope is not None:
        reached = True
    source = FAMILY_AID_CROSS_PROVINCE if needed == "national" else FAMILY_AID_PROVINCE
    ctx.check("family_aid.relative_place", expected=msg("family_aid.reach", needed or "unknown"),
              found=msg("family_aid.reach", scope or "unknown"), passed=reached, source=source,
              relative=Region(relative), account=Region(held))
    return reached


def _relative_words(held: str, relative: str, scope: str | None, reached: bool | None) -> Msg:
    """The answer to "can my account pay for a relative insured there" in words."""
    needed = relative_reach(held, relative)
    place = Region(relative)
    if reached is None:
        return msg("family_aid.relative", "unknown", place=place)
    if needed == "city":
        return msg("family_aid.relative", "same_place", place=place)
    if needed == "province":
        return msg("family_aid.relative", "province_yes" if reached else "province_no", place=place)
    return msg("family_aid.relative", "other_province_yes" if reached else "other_province_no", place=place)


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
    ctx.check("family_aid.in_force", expected=True, found=in_force, passed=in_force,
              source=_param_source(rule) or GUOBAN_2021_14)
    codes = list(rel.value or [])
    names = [msg("relative", c) for c in codes]
    relatives = [Named("relative", c) for c in codes]
    ctx.note("family_aid.relatives", result=codes, source=_param_source(rel) or FAMILY_AID_NEAR_RELATIVES,
             names=names)
    ctx.check("family_aid.has_account", expected=True, found=has_account, passed=has_account, source=SEED_002,
              reason=reason)

    if in_force is False:
        available: bool | None = False
    elif has_account is True:
        available = in_force
    elif has_account is False:
        if balance is not None and balance > 0:
            available = None
            ctx.note("family_aid.leftover_balance", passed=None, source=SEED_001, balance_yuan=balance)
        else:
            available = False
    else:
        available = None

    held = account_region(ctx, now)
    scope_found = ctx.param("account.family_aid_scope", now, region=held)
    scope = scope_found.value if scope_found.value in SCOPES else None
    ctx.note("family_aid.scope", result=msg("family_aid.reach", scope) if scope else None, passed=None if scope is None else True,
             source=_param_source(scope_found) or FAMILY_AID_PROVINCE, key="title" if scope else "unknown")
    verdict, options = _family_verdict(available, in_force, has_account, reason, names)
    extra: dict = {}
    relative = ctx.profile.effective_plans.relative_region
    if relative is not None:
        reached = _relative_reached(ctx, held, relative, scope)
        extra = {"relative_region": relative, "relative_reached": reached if available is not False else False}
        if available is True:
            verdict = clauses(verdict, _relative_words(held, relative, scope, reached))
    facts = FamilyAidFacts(
        available=available, has_account=has_account, in_force=in_force,
        relatives=relatives,
        uses=[Named("family_aid.use", c) for c in FAMILY_USES],
        not_for=[Named("family_aid.not_for", c) for c in FAMILY_NOT_FOR],
        widened_to_near_relatives=len(codes) > 3,
        scope=scope, **extra,
    )
    status = {True: "met", False: "not_met", None: "unknown"}[available]
    return Outcome(status, verdict, facts=facts, options=options)


DECISION = Decision("withdrawal", decide, WithdrawalFacts, reads=("retirement", "account_now"),
                    key_figure=withdrawal_figure)
FAMILY_AID = Decision("family_aid", decide_family_aid, FamilyAidFacts, reads=("retirement", "account_now"),
                      key_figure=family_aid_figure)
