"""Parameters a user may override in ``[policy_overrides]`` (CONTRACT §1): name → (unit, zh, en)."""

OVERRIDABLE: dict[str, tuple[str, str, str]] = {
    "medical.min_years.male": ("years", "男性医保累计缴费最低年限", "minimum total medical years, men"),
    "medical.min_years.female": ("years", "女性医保累计缴费最低年限", "minimum total medical years, women"),
    "medical.min_actual_years": ("years", "其中实际缴费最低年限", "of which actually paid"),
    "medical.min_local_years": ("years", "其中本地实际缴费最低年限", "of which actually paid in the benefit region"),
    "medical.rate.employer": ("fraction", "单位缴费费率", "employer contribution rate"),
    "medical.rate.individual": ("fraction", "个人缴费费率", "individual contribution rate"),
    "medical.backpay_base_yuan": ("yuan", "一次性补缴的月缴费基数", "monthly base of a one-time back-payment"),
    "account.individual_rate": ("fraction", "在职个人账户划入比例（改革后）", "in-service account credit rate after the 2021 reform"),
    "account.retiree_monthly_yuan": ("yuan", "退休人员个人账户每月定额划入", "fixed monthly credit to a retiree's account"),
    "medical.long_gap_waiting_months": ("months", "断缴超过3个月后的待遇等待期", "waiting period after a lapse of more than 3 months"),
    # issue 9 (cost model): minimal entries until the policy helper declares them with their data
    "medical.flexible_rate.with_account": ("fraction", "灵活就业统账结合费率", "flexible workers' rate, with account"),
    "medical.flexible_rate.pooling_only": ("fraction", "灵活就业单建统筹费率", "flexible workers' rate, pooling only"),
    "medical.flexible_fixed_monthly_yuan": ("yuan", "灵活就业每月定额缴费", "flexible workers' fixed monthly amount"),
    "resident.premium_yuan": ("yuan", "居民医保每年个人缴费", "resident insurance yearly premium"),
    "medical.min_base_yuan": ("yuan", "职工医保最低缴费基数", "minimum contribution base"),
    "wage.average_monthly_yuan": ("yuan", "职工月平均工资", "average monthly wage"),
}
