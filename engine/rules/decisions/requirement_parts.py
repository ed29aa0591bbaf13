"""The parts of a medical-years requirement beyond the total: what a part whose figure is unknown can still be
said to be, and the local parts that apply to some people only.

- A part cannot exceed the whole. Where the actual-years (or local-years) requirement of a place is unknown, but
  the months of that part already reach the total requirement, that part is met too: whatever the unknown figure
  is, it is at most the total. ``medical_years`` calls :func:`part_met` for a part whose requirement is unknown,
  and uses the answer instead of leaving the verdict unknown.
- People insured as individuals (flexible workers) may need more actual years: 哈尔滨市人民政府令第146号 第十一条
  "以个人身份参保的，实际缴费年限满15年"; Kunming "灵活就业人员实际缴费满15年"; Fuzhou "灵活就业人员实际缴费满10年"
  (``medical.min_actual_years_flexible``): :func:`flexible_actual`.
- People who transferred in may need years paid in the city: 苏州市社会基本医疗保险管理办法 第四十一条 "转入人员在
  苏州实际缴费满10年"; Foshan "2013年7月1日起首次参保或转入的，在佛山实际缴费满10年"
  (``medical.min_local_years_if_transferred_in``): :func:`transferred_in_local`.
- Shenzhen's top tier: 深医保规〔2022〕3号 "享受一档退休待遇须一档缴费满10年" (``medical.min_top_tier_years``): one
  of the tiers, not the lifelong cover itself; :func:`top_tier` says whether the months paid in Shenzhen with a
  personal account (the tier that has one) reach it.
"""

from __future__ import annotations

from ...core.months import Month
from ...core.values import Months, Region, Term
from ...profile.model import Period, Profile
from ..context import Context


def part_met(ctx: Context, part: str, *, total_required: int | None, counted: int, part_months: int) -> bool | None:
    """True (noted in the trace) when ``part`` (``actual`` or ``local``) is met because its months reach the whole
    requirement; else None.

    ``total_required``: the total requirement in months (None when unknown); ``counted``: the months counted
    toward the total (actual + deemed); ``part_months``: of those, the months of this part.
    """
    if total_required is None or part_months < total_required:
        ctx.note("medical_years.part_within_whole", key="not_applied", passed=False, part=Term("part." + part),
                 found=Months(part_months), counted=Months(counted))
        return None
    ctx.note("medical_years.part_within_whole", passed=True, result=True, part=Term("part." + part),
             found=Months(part_months), counted=Months(counted), total=Months(total_required))
    return True


def latest_employee_period(profile: Profile, before: Month) -> Period | None:
    """The person's latest employee-medical period started before ``before``."""
    emp = [p for p in profile.periods if p.insurance == "employee_medical" and p.start < before]
    return max(emp, key=lambda p: p.start) if emp else None


def insured_as_individual(profile: Profile, before: Month) -> bool:
    """Whether the person is insured as an individual (以个人身份参保, a flexible worker) when ``before`` comes: their
    latest employee-medical period is a flexible worker's."""
    latest = latest_employee_period(profile, before)
    return latest is not None and latest.effective_status == "flexible"


def flexible_actual(ctx: Context, at: Month) -> int | None:
    """The actual years required of people insured as individuals, in months, where the place sets them and the
    person is one (None otherwise); the trace says which."""
    found = ctx.param("medical.min_actual_years_flexible", at)
    if not found.known:
        return None
    flexible = insured_as_individual(ctx.profile, at)
    ctx.check("medical_years.flexible_actual", expected=True, found=flexible, passed=flexible,
              required=Months(round(found.value * 12)))
    return round(found.value * 12) if flexible else None


def transferred_in_local(ctx: Context, at: Month, *, moved_in: bool) -> int | None:
    """The years to be paid in the city by people who transferred in, in months, where the place sets them and the
    person has employee-medical months paid elsewhere (``moved_in``); None otherwise."""
    found = ctx.param("medical.min_local_years_if_transferred_in", at)
    if not found.known:
        return None
    ctx.check("medical_years.transferred_in_local", expected=True, found=moved_in, passed=moved_in,
              required=Months(round(found.value * 12)))
    return round(found.value * 12) if moved_in else None


def top_tier(ctx: Context, at: Month, months_with_account: int) -> bool | None:
    """Whether the months paid in the benefit region in the tier with a personal account reach the years the place
    requires for that tier's retiree benefits (None where the place sets none)."""
    found = ctx.param("medical.min_top_tier_years", at)
    if not found.known:
        return None
    need = round(found.value * 12)
    ctx.check("medical_years.top_tier", expected=Months(need), found=Months(months_with_account),
              passed=months_with_account >= need, region=Region(ctx.region))
    return months_with_account >= need
