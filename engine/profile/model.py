"""The profile: a person's own contribution history, as immutable data (docs/contract.md §1).

Optional fields keep ``None`` when the file left them out, so that saving writes back exactly what was read;
the ``effective_*`` properties give the value the rules use.
"""

from __future__ import annotations

from msgspec import Struct

from ..core.months import Month

SCHEMA_VERSION = 1

INSURANCES = ("employee_medical", "resident_medical", "pension")
SEXES = ("male", "female")
STATUSES = ("employed", "flexible", "unemployed")  # unemployed: 领取失业金期间 (employee medical only)
MODES = ("with_account", "pooling_only")
KINDS = ("paid", "deemed", "backpaid")
PENSION_SHORTFALLS = ("monthly", "lump_sum")  # how pension years short at retirement are made up
MEDICAL = ("employee_medical", "resident_medical")
#: nationality codes that are not foreign for the rules: China, and Hong Kong, Macao and Taiwan (whose residents
#: insure under 人社部令第41号, not 第16号)
CHINESE_NATIONALITIES = ("CN", "HK", "MO", "TW")


class Person(Struct, frozen=True):
    sex: str
    birth: Month
    region: str
    original_retirement_age: int | None = None
    retirement_shift_months: int | None = None
    nationality: str | None = None  # ISO 3166 alpha-2; None reads as "CN"
    hukou: str | None = None  # the region id of the person's 户籍 (household registration), where given

    @property
    def shift(self) -> int:
        return self.retirement_shift_months or 0

    @property
    def effective_nationality(self) -> str:
        return self.nationality or "CN"

    @property
    def foreign(self) -> bool:
        """A foreign national: 人社部令第16号 第二条 "非中国国籍的人员" (residents of Hong Kong, Macao and Taiwan,
        who insure under their own measures, are not counted here)."""
        return self.effective_nationality not in CHINESE_NATIONALITIES


class Account(Struct, frozen=True):
    balance_yuan: float | None = None
    as_of: Month | None = None


class Period(Struct, frozen=True):
    insurance: str
    start: Month
    end: Month | None = None
    region: str | None = None
    status: str | None = None
    mode: str | None = None
    kind: str | None = None
    paid_on: Month | None = None
    base_yuan: float | None = None
    note: str | None = None  # the user's own words about this period (docs/contract.md §1)

    @property
    def effective_status(self) -> str | None:
        if self.insurance == "resident_medical":
            return None
        return self.status or "employed"

    @property
    def effective_mode(self) -> str | None:
        if self.insurance != "employee_medical":
            return None
        return self.mode or "with_account"

    @property
    def effective_kind(self) -> str:
        return self.kind or "paid"

    def region_or(self, default: str) -> str:
        return self.region or default

    def last_month(self, horizon: Month) -> Month:
        """The last month covered, an ongoing period running up to ``horizon`` (inclusive)."""
        return self.end if self.end is not None else horizon

    def covers(self, month: Month, horizon: Month) -> bool:
        return self.start <= month <= self.last_month(horizon)


class Plans(Struct, frozen=True):
    backpay_at_retirement: bool | None = None
    emigrate: Month | None = None
    relocate_after_retirement: str | None = None
    pension_shortfall: str | None = None  # "monthly" (extend, the default) | "lump_sum" (一次性缴费)
    flexible_subsidy: bool | None = None  # receives a flexible-employment social insurance subsidy (such as 4050)
    relative_region: str | None = None  # where a close relative the account would pay for is insured (家庭共济)

    @property
    def effective_pension_shortfall(self) -> str:
        return self.pension_shortfall or "monthly"


class Profile(Struct, frozen=True):
    name: str
    person: Person
    periods: tuple[Period, ...] = ()
    account: Account | None = None
    plans: Plans | None = None
    policy_overrides: tuple[tuple[str, float], ...] = ()
    schema: int = SCHEMA_VERSION
    note: str | None = None  # the user's own words about this profile (docs/contract.md §1)

    @property
    def overrides(self) -> dict[str, float]:
        return dict(self.policy_overrides)

    def period_region(self, period: Period) -> str:
        return period.region or self.person.region

    @property
    def effective_plans(self) -> Plans:
        return self.plans or Plans()
