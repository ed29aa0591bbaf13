"""The one place for Chinese terms and their English names (labels, statuses; parameter titles are in the
catalog, context ``param``, declared in engine/policy/params.toml).

Rules and views look their words up here so that the same thing is always called the same.
"""

TERMS: dict[str, tuple[str, str]] = {
    "employee_medical": ("职工医保", "employee medical"),
    "resident_medical": ("居民医保", "resident medical"),
    "pension": ("养老", "pension"),
    "employed": ("单位参保", "employed"),
    "flexible": ("灵活就业", "flexible worker"),
    "with_account": ("统账结合", "with personal account"),
    "pooling_only": ("单建统筹", "pooling only"),
    "paid": ("缴费", "paid"),
    "deemed": ("视同缴费", "deemed"),
    "backpaid": ("补缴", "back-paid"),
    "male": ("男", "male"),
    "female": ("女", "female"),
    "official": ("官方", "official"),
    "secondary": ("转述", "secondary"),
    "unverified": ("需核实", "unverified"),
    "seed": ("种子文章", "seed article"),
    "assumed": ("假定", "assumed"),
    "user": ("用户填写", "user"),
    "met": ("达标", "met"),
    "not_met": ("未达标", "not met"),
    "unknown": ("未知", "unknown"),
    "info": ("说明", "info"),
}

DECISION_TITLES: dict[str, tuple[str, str]] = {
    "retirement": ("法定退休", "Retirement"),
    "medical_years": ("医保缴费年限", "Medical years"),
    "account_now": ("个人账户（现在）", "Personal account now"),
    "account_after_retirement": ("个人账户（退休后）", "Account after retirement"),
    "gaps": ("断缴", "Lapses"),
    "transfers": ("转移接续", "Transfers"),
    "withdrawal": ("账户提取", "Cash withdrawal"),
    "family_aid": ("家庭共济", "Family mutual aid"),
}

#: withdrawal route code → (Chinese, English)
ROUTES: dict[str, tuple[str, str]] = {
    "death_inheritance": ("死亡后由继承人继承、支取", "paid to the heirs on death"),
    "emigration": ("出国（境）定居时一次性支付", "paid once on settling abroad"),
    "retiree_relocation": ("跨省异地安置退休人员划入本人银行账户", "paid to a retiree resettled in another province"),
    "untransferable": ("转出且个人账户无法转移时一次性支付", "paid once when the account cannot be transferred"),
}

#: withdrawal routes, short names for sentences: code → (Chinese, English)
ROUTES_SHORT: dict[str, tuple[str, str]] = {
    "death_inheritance": ("死亡", "on death"),
    "emigration": ("出国定居", "on settling abroad"),
    "retiree_relocation": ("退休后跨省异地安置", "on resettling in another province after retirement"),
    "untransferable": ("账户无法转移", "when the account cannot be transferred"),
}

#: 近亲属 (国办发〔2024〕38号): code → (Chinese, English)
RELATIVES: dict[str, tuple[str, str]] = {
    "spouse": ("配偶", "spouse"),
    "parents": ("父母", "parents"),
    "children": ("子女", "children"),
    "siblings": ("兄弟姐妹", "brothers and sisters"),
    "grandparents": ("祖父母", "paternal grandparents"),
    "maternal_grandparents": ("外祖父母", "maternal grandparents"),
    "grandchildren": ("孙子女", "son's children"),
    "maternal_grandchildren": ("外孙子女", "daughter's children"),
}


def term(key: str, lang: str = "zh") -> str:
    zh, en = TERMS.get(key, (key, key))
    return en if lang == "en" else zh
