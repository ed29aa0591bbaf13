"""The parameter declarations (engine/policy/params.toml): every parameter the rules read is declared, titled in
every language, and a value is checked against its declaration (docs/contract.md §2)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import parse_profile, ProfileError
from engine.core.trace import Step
from engine.data import i18n
from engine.data.glossary import step_text
from engine.data.params import DECLARATIONS, OVERRIDABLE, check_override, check_value, title

ROOT = Path(__file__).resolve().parent.parent

#: docs/contract.md §2: these names must be overridable
CONTRACT_OVERRIDABLE = [
    "medical.min_years.male", "medical.min_years.female", "medical.min_actual_years", "medical.min_local_years",
    "medical.rate.employer", "medical.rate.individual", "medical.backpay_base_yuan", "account.individual_rate",
    "account.retiree_monthly_yuan", "medical.long_gap_waiting_months",
    "medical.flexible_rate.with_account", "medical.flexible_rate.pooling_only", "medical.flexible_fixed_monthly_yuan",
    "resident.premium_yuan", "medical.min_base_yuan",
]
#: declared and overridable too
NEW_OVERRIDABLE = ["medical.max_base_yuan", "wage.average_monthly_yuan", "medical.backpay_rate"]
#: how an f-string name in the rules expands
EXPANSIONS = {
    "retirement.delay_start.{schedule}": [f"retirement.delay_start.{s}" for s in ("male", "female55", "female50")],
    "retirement.delay_step.{schedule}": [f"retirement.delay_step.{s}" for s in ("male", "female55", "female50")],
    "retirement.delay_cap.{schedule}": [f"retirement.delay_cap.{s}" for s in ("male", "female55", "female50")],
    "medical.min_years.{sex}": ["medical.min_years.male", "medical.min_years.female"],
    "account.pre_reform_employer_share.{bracket}": [
        f"account.pre_reform_employer_share.{b}" for b in ("under_35", "35_to_44", "45_plus")],
    "medical.flexible_rate.{mode}": [f"medical.flexible_rate.{m}" for m in ("with_account", "pooling_only")],
    "withdrawal.{code}": [f"withdrawal.{c}" for c in ("death_inheritance", "emigration", "retiree_relocation",
                                                       "untransferable")],
}


def names_read_by_the_rules() -> set[str]:
    pattern = re.compile(r"""(?:ctx\.param|ctx\.value|param_or_today)\(\s*(f?)"([^"]+)\"""")
    out: set[str] = set()
    for path in list((ROOT / "engine").rglob("*.py")) + list((ROOT / "tui").rglob("*.py")):
        for is_f, name in pattern.findall(path.read_text(encoding="utf-8")):
            if is_f:
                assert name in EXPANSIONS, f"{path}: an f-string parameter name not expanded here: {name}"
                out.update(EXPANSIONS[name])
            else:
                out.add(name)
    return out


def test_every_parameter_the_rules_read_is_declared():
    read = names_read_by_the_rules()
    assert len(read) > 50
    assert sorted(read - set(DECLARATIONS)) == []


def test_every_declared_parameter_has_a_title_in_every_language():
    for name, d in DECLARATIONS.items():
        for lang in i18n.LANGS:
            assert i18n.has("param", d.title, lang), (name, lang)
    step = Step("param:retirement.delay_start.male")
    zh, en = step_text(step, "zh"), step_text(step, "en")
    assert zh == "参数 retirement.delay_start.male（延迟退休起始出生月（男职工））"
    assert en == "parameter retirement.delay_start.male (first birth month delayed (men))"


def test_overridable_is_derived_from_the_declarations():
    assert list(OVERRIDABLE)[:10] == CONTRACT_OVERRIDABLE[:10]  # the override form keeps the contract's order
    for name in CONTRACT_OVERRIDABLE + NEW_OVERRIDABLE:
        unit, zh, en = OVERRIDABLE[name], title(name, "zh"), title(name, "en")
        assert unit == DECLARATIONS[name].unit and zh and en and zh != name
    assert set(OVERRIDABLE) == {n for n, d in DECLARATIONS.items() if d.overridable}
    assert "pension.min_months" not in OVERRIDABLE


@pytest.mark.parametrize("name, value, problem", [
    pytest.param("medical.min_years.male", 25, None, id="years-whole"),
    pytest.param("medical.min_years.male", 25.0, "integer", id="years-never-a-float"),
    pytest.param("medical.long_gap_waiting_months", 6.0, "integer", id="months-never-6.0"),
    pytest.param("medical.min_years.male", 51, "above_max", id="years-above-max"),
    pytest.param("medical.min_years.male", -1, "negative", id="years-below-min"),
    pytest.param("medical.min_years.male", True, "integer", id="bool-is-not-a-number"),
    pytest.param("medical.rate.employer", 0.06, None, id="fraction"),
    pytest.param("medical.rate.employer", 6, "fraction", id="fraction-as-percent"),
    pytest.param("medical.rate.employer", math.inf, "not_finite", id="inf"),
    pytest.param("medical.rate.employer", math.nan, "not_finite", id="nan"),
    pytest.param("medical.backpay_base_yuan", 7831, None, id="yuan-int"),
    pytest.param("medical.backpay_base_yuan", 7831.5, None, id="yuan-float"),
    pytest.param("wage.average_monthly_yuan", "7831", "number", id="yuan-as-text"),
    pytest.param("pension.min_months", 180, "not_overridable", id="not-overridable"),
    pytest.param("medical.min_yeras.male", 25, "undeclared", id="undeclared"),
])
def test_check_override(name, value, problem):
    found = check_override(name, value)
    assert (found.id if found else None) == problem
    if found is not None:
        for lang in i18n.LANGS:
            words = found.text(lang)
            assert words and "⟨" not in words


@pytest.mark.parametrize("name, value, ok", [
    ("medical.local_scope", "city", True), ("medical.local_scope", "town", False),
    ("retirement.delay_start.male", "1965-01", True), ("retirement.delay_start.male", "1965-13", False),
    ("account.reform_date", "2022-09-01", True), ("account.reform_date", "2022-09", False),
    ("medical.flexible_base_range", [0.6, 3.0], True), ("medical.flexible_base_range", [3.0, 0.6], False),
    ("account.family_aid_relatives", ["spouse", "parents"], True), ("account.family_aid_relatives", ["cousin"], False),
    ("withdrawal.emigration", True, True), ("withdrawal.emigration", "yes", False),
])
def test_check_value_by_type(name, value, ok):
    assert (check_value(name, value) is None) is ok


def test_profile_overrides_are_checked_against_the_declarations():
    base = 'schema = 1\nname = "x"\n[person]\nsex = "male"\nbirth = "1968-05"\nregion = "national"\n'
    assert parse_profile(base + '[policy_overrides]\n"medical.min_years.male" = 25\n').overrides
    with pytest.raises(ProfileError) as err:
        parse_profile(base + '[policy_overrides]\n"medical.min_years.male" = 25.5\n')
    assert err.value.field == 'policy_overrides."medical.min_years.male"'
    with pytest.raises(ProfileError):
        parse_profile(base + '[policy_overrides]\n"medical.min_years.male" = 80\n')
    parse_profile(base + '[policy_overrides]\n"wage.average_monthly_yuan" = 7831\n')


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(DECLARATIONS) + ["nope", ""]),
       value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                       st.lists(st.one_of(st.floats(), st.text(max_size=5)), max_size=3)))
def test_check_override_never_raises(name, value):
    found = check_override(name, value)
    if found is not None:
        found.text("zh"), found.text("en")
    if isinstance(value, float) and not math.isfinite(value):
        assert found is not None
