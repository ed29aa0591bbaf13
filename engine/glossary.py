"""The one place for Chinese terms and their English names (labels, statuses, parameter titles).

Rules and views look their words up here so that the same thing is always called the same.
"""

from functools import lru_cache

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
    "backpay": ("一次性补缴", "One-time back-payment"),
    "account_now": ("个人账户（现在）", "Personal account now"),
    "account_after_retirement": ("个人账户（退休后）", "Account after retirement"),
    "gaps": ("断缴", "Lapses"),
    "transfers": ("转移接续", "Transfers"),
    "withdrawal": ("账户提取", "Cash withdrawal"),
    "family_aid": ("家庭共济", "Family mutual aid"),
}

PARAM_TITLES: dict[str, tuple[str, str]] = {
    "retirement.original_age.male": ("男职工原法定退休年龄", "men's original retirement age"),
    "retirement.original_age.female_default": ("女性原法定退休年龄（未填写时）", "women's original age when not given"),
    "retirement.delay_start": ("延迟退休起始出生月", "first birth month delayed"),
    "retirement.delay_step": ("每几个出生月延迟1个月", "birth months per month of delay"),
    "retirement.delay_cap": ("最多延迟月数", "maximum delay in months"),
    "retirement.flex_max_months": ("弹性提前/延迟最长月数", "flexible retirement bound in months"),
    "retirement.early_notice_months": ("弹性提前退休书面告知提前月数", "notice for early retirement, months"),
    "pension.min_months": ("养老金最低缴费月数", "minimum pension months"),
    "medical.min_years.male": ("男性医保累计缴费最低年限", "minimum total medical years, men"),
    "medical.min_years.female": ("女性医保累计缴费最低年限", "minimum total medical years, women"),
    "medical.min_actual_years": ("其中实际缴费最低年限", "minimum actually paid years"),
    "medical.min_local_years": ("其中本地实际缴费最低年限", "minimum years paid in the benefit region"),
    "medical.local_scope": ("本地年限的范围（市/省）", "scope of local years (city/province)"),
    "medical.min_province_years_if_transferred_in": ("省外转入者省内实际缴费最低年限", "in-province years for people transferred in"),
    "medical.alt_min_years_flexible": ("灵活就业最低年限（另一说法）", "flexible workers' minimum years (conflicting claim)"),
    "medical.deemed_until": ("视同缴费年限截止日", "deemed years count before"),
    "medical.resident_years_count": ("居民医保年限是否折算", "resident years converted"),
    "medical.rate.employer": ("单位缴费费率", "employer rate"),
    "medical.rate.individual": ("个人缴费费率", "individual rate"),
    "medical.backpay_base_yuan": ("一次性补缴的月缴费基数", "back-payment monthly base"),
    "medical.long_gap_waiting_months": ("断缴超过3个月后的等待期", "waiting after a long lapse"),
    "account.individual_rate": ("在职个人账户划入比例", "in-service account credit rate"),
    "account.retiree_monthly_yuan": ("退休人员账户每月划入", "retiree monthly credit"),
    "account.retiree_flexible_monthly_yuan": ("灵活就业退休人员账户每月划入", "retired flexible workers' monthly credit"),
    "account.reform_date": ("本地个人账户改革实施日期", "local date of the account reform"),
    "account.pre_reform_employer_share.under_35": ("改革前单位缴费划入比例（35岁以下）", "pre-reform employer share, under 35"),
    "account.pre_reform_employer_share.35_to_44": ("改革前单位缴费划入比例（35至44岁）", "pre-reform employer share, 35 to 44"),
    "account.pre_reform_employer_share.45_plus": ("改革前单位缴费划入比例（45岁及以上）", "pre-reform employer share, 45 and over"),
    "account.retiree_monthly_yuan_from_70": ("退休人员账户每月划入（70岁起）", "retiree monthly credit from age 70"),
    "account.flexible_credit_before_retirement": ("灵活就业人员退休前是否划入个人账户", "flexible workers credited before retirement"),
    "account.flexible_always_has_account": ("灵活就业人员一律设个人账户", "flexible workers always have an account"),
    "account.flexible_years_for_account": ("灵活就业人员建立个人账户所需年限", "years a flexible worker needs for an account"),
    "account.large_amount_premium_yuan_year": ("大额补充医疗保险费（每年）", "large-amount supplementary premium, yearly"),
    "account.post_retirement_enrol_waiting_months": ("退休后新参保的等待期", "waiting after enrolling after retirement"),
    "account.retiree_flexible_topup_rate": ("灵活就业退休人员补足统账结合的费率差", "top-up rate for retired flexible workers"),
    "account.retiree_flexible_topup_years": ("灵活就业退休人员须统账结合的年限", "years with account required of retired flexible workers"),
    "medical.short_gap_months": ("短期断缴的最长月数（不设等待期）", "longest short lapse (no waiting period)"),
    "medical.short_gap_backpay_window_months": ("短期断缴的补缴期限（断缴后月数）", "months after a short lapse to pay it back"),
    "medical.switch_no_wait_min_continuous_years": ("职工/居民医保转换免等待期所需连续参保年限", "continuous years for a switch without waiting"),
    "medical.flexible_first_waiting_months": ("灵活就业首次参保的等待期", "first-enrolment waiting of flexible workers"),
    "resident.fixed_waiting_months": ("居民医保固定待遇等待期", "resident insurance fixed waiting period"),
    "resident.extra_waiting_per_year": ("居民医保每多断保1年增加的等待期", "resident waiting added per extra year of break"),
    "resident.min_waiting_after_long_break": ("居民医保长期断保修复后的最短等待期", "resident minimum waiting after a long break"),
    "resident.long_break_years": ("居民医保长期断保的年数", "years of break counted as long (resident)"),
    "late_fee.employer_daily_rate": ("用人单位欠缴滞纳金日费率", "employer late fee per day"),
    "late_fee.individual_daily_rate": ("个人补缴滞纳金日费率", "individual late fee per day"),
    "transfer.out_working_days": ("转出地办结时限（工作日）", "transfer-out time limit, working days"),
    "transfer.in_working_days": ("转入地办结时限（工作日）", "transfer-in time limit, working days"),
    "transfer.account_shared_in_province": ("省内个人账户跨市通用", "account shared across the province's cities"),
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


@lru_cache(maxsize=None)
def param_title(name: str) -> tuple[str, str]:
    zh, en = PARAM_TITLES.get(name, (name, name))
    return f"参数 {name}（{zh}）" if zh != name else f"参数 {name}", f"parameter {name} ({en})" if en != name else f"parameter {name}"
