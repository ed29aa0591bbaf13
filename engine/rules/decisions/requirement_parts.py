"""A part of a requirement cannot exceed the whole.

Where the actual-years (or local-years) requirement of a place is unknown, but every counted month is an actual
(or a local) month and the total requirement is met, that part is met too: whatever the unknown figure is, it is
at most the total. ``medical_years`` calls :func:`part_met` for a part whose requirement is unknown, and uses the
answer instead of leaving the verdict unknown.
"""

from __future__ import annotations

from ...core.values import Months, Term
from ..context import Context


def part_met(ctx: Context, part: str, *, total_required: int | None, counted: int, part_months: int) -> bool | None:
    """True (noted in the trace) when ``part`` (``actual`` or ``local``) is met because the whole is; else None.

    ``total_required``: the total requirement in months (None when unknown); ``counted``: the months counted
    toward the total (actual + deemed); ``part_months``: of those, the months of this part.
    """
    if total_required is None or counted < total_required or part_months < counted:
        ctx.note("medical_years.part_within_whole", key="not_applied", passed=False, part=Term("part." + part),
                 found=Months(part_months), counted=Months(counted))
        return None
    ctx.note("medical_years.part_within_whole", passed=True, result=True, part=Term("part." + part),
             found=Months(part_months), counted=Months(counted), total=Months(total_required))
    return True
