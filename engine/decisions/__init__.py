"""The decisions, in the order they run: a later one may read the facts of an earlier one (``ctx.facts``)."""

from . import medical_years, retirement

DECISIONS = [
    ("retirement", retirement.decide),
    ("medical_years", medical_years.decide),
]
