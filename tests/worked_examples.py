"""The two worked examples of the shared examples folder, as text: the project does not depend on that folder."""

XUZHOU_MAN = """\
schema = 1
name = "张先生 · 徐州灵活就业"

[person]
sex = "male"
birth = "1968-05"
original_retirement_age = 60
region = "jiangsu.xuzhou"

[account]
balance_yuan = 5230.5
as_of = "2026-10"

[[periods]]
insurance = "pension"
start = "1990-07"
end = "2008-12"

[[periods]]
insurance = "pension"
start = "2011-04"
status = "flexible"

[[periods]]
insurance = "employee_medical"
start = "1990-07"
end = "2008-12"
base_yuan = 3000

[[periods]]
insurance = "employee_medical"
start = "2011-04"
status = "flexible"
mode = "with_account"
base_yuan = 4800
"""

FUXIN_WOMAN = """\
schema = 1
name = "李女士 · 阜新居民医保"

[person]
sex = "female"
birth = "1979-12"
original_retirement_age = 55
region = "liaoning.fuxin"

[[periods]]
insurance = "pension"
start = "2006-03"
status = "flexible"

[[periods]]
insurance = "resident_medical"
start = "2009-01"
"""
