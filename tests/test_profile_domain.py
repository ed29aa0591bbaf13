"""One domain: whatever parse_profile accepts, evaluate and every renderer handle.

Profiles are written as TOML text and go through parse_profile, so the test covers exactly what the parser lets
in: births 1900-2100, as_of 1950-01-01..2100-12-31, overrides at the edges of their bounds, 0-200 periods. Each
accepted profile is evaluated and rendered in both languages as strict JSON (allow_nan=False), as the terminal
text report and as Markdown. A short run of the mutation fuzz (benchmarks/fuzz_profiles.py) is part of the suite.

Two crashes lie inside engine/rules/decisions/* (being rewritten elsewhere; the lead fixes them after merging): the
whole-domain test is xfail(strict=False) for them, and each has its own minimal xfail case below.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import ProfileError, evaluate, parse_profile
from engine.core.months import Month
from engine.data.params import DECLARATIONS, OVERRIDABLE
from engine.rules.profiles import reform_delay_months
from engine.data.places import REGION_IDS

ROOT = Path(__file__).resolve().parent.parent

def render_all(profile, as_of: date) -> None:
    from rich.console import Console

    from engine.words.render import markdown
    from tui.textreport import print_report

    report = evaluate(profile, as_of=as_of)
    for lang in ("zh", "en"):
        json.dumps(report.to_dict(lang), ensure_ascii=False, allow_nan=False)
        assert markdown(report, lang)
        print_report(report, lang, console=Console(file=io.StringIO(), width=100, color_system=None))


def override_at_bounds(name: str):
    """A value inside the bounds engine/policy/params.toml declares for ``name``: its bounds and a few between."""
    d = DECLARATIONS[name]
    lo, hi = d.min, d.max
    if d.type == "integer":
        return st.sampled_from(sorted({int(lo), int(hi), int(hi) - 1, int(lo) + 1}))
    return st.sampled_from(sorted({lo, hi, float(lo), float(hi), round(hi - 0.01, 2), (lo + hi) / 2}))


@st.composite
def profile_texts(draw, births=(1900, 2100)) -> str:
    sex = draw(st.sampled_from(["male", "female"]))
    birth = Month.of(draw(st.integers(*births)), draw(st.integers(1, 12)))
    original = draw(st.none() | st.sampled_from((60,) if sex == "male" else (50, 55)))
    person = {"sex": sex, "birth": str(birth), "region": draw(st.sampled_from(REGION_IDS))}
    if original is not None:
        person["original_retirement_age"] = original
    if draw(st.booleans()):
        delay = reform_delay_months(sex, birth, original)
        person["retirement_shift_months"] = draw(st.integers(-min(delay, 36), 36))
    doc: dict = {"schema": 1, "name": "测试", "person": person}
    if draw(st.booleans()):
        doc["account"] = {"balance_yuan": draw(st.sampled_from([0, 800, 5230.5, 9_999_999.99])),
                          "as_of": str(birth + draw(st.integers(1, 1500)))}
    names = draw(st.lists(st.sampled_from(sorted(OVERRIDABLE)), unique=True, max_size=len(OVERRIDABLE)))
    if names:
        doc["policy_overrides"] = {n: draw(override_at_bounds(n)) for n in names}
    periods = []
    cursor = {"medical": birth + draw(st.integers(1, 400)), "pension": birth + draw(st.integers(1, 400))}
    steps = draw(st.lists(st.tuples(st.sampled_from(["employee_medical", "resident_medical", "pension"]),
                                    st.integers(0, 30), st.integers(0, 120), st.booleans()), max_size=200))
    for insurance, gap, length, flexible in steps:
        group = "pension" if insurance == "pension" else "medical"
        start = cursor[group] + gap
        if start.year > 2190:
            break
        item = {"insurance": insurance, "start": str(start), "end": str(start + length)}
        if flexible and insurance != "resident_medical":
            item["status"] = "flexible"
        if insurance == "employee_medical" and flexible and gap % 2:
            item["mode"] = "pooling_only"
        if gap % 3 == 0:
            item["base_yuan"] = 3000 + gap * 100
        periods.append(item)
        cursor[group] = start + length + 1
    if periods and draw(st.booleans()):
        del periods[-1]["end"]  # the last one ongoing
        last_group = "pension" if periods[-1]["insurance"] == "pension" else "medical"
        periods = [p for p in periods if not ("pension" if p["insurance"] == "pension" else "medical") == last_group
                   or p is periods[-1] or Month.parse(p["start"]) < Month.parse(periods[-1]["start"])]
    text = tomli_w.dumps(doc)
    for item in periods:
        text += "\n[[periods]]\n" + tomli_w.dumps(item)
    return text


AS_OF = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])


@SETTINGS
@given(profile_texts(), AS_OF)
def test_the_whole_domain_evaluates_and_renders(text, as_of):
    try:
        profile = parse_profile(text)
    except ProfileError:
        return
    render_all(profile, as_of)


@SETTINGS
@given(profile_texts(births=(1948, 2100)), st.dates(min_value=date(1978, 7, 1), max_value=date(2100, 12, 31)))
def test_the_domain_without_the_known_crashes_evaluates_and_renders(text, as_of):
    """Everything but the two known cases must hold now (births from 1948, as_of from 1978-07)."""
    try:
        profile = parse_profile(text)
    except ProfileError:
        return
    render_all(profile, as_of)


MAN_1930 = 'schema = 1\nname = "x"\n[person]\nsex = "male"\nbirth = "1930-01"\nregion = "national"\n'


def test_a_man_born_in_1930_retired_long_before_the_reform():
    render_all(parse_profile(MAN_1930), date(2026, 11, 22))


def test_as_of_1950():
    render_all(parse_profile(MAN_1930.replace("1930-01", "1968-05")), date(1950, 1, 1))


#: the overridable numbers and their bounds, as engine/policy/params.toml declares them (one set of bounds)
NUMERIC_OVERRIDES = {n: d for n, d in DECLARATIONS.items() if d.overridable and d.type in ("integer", "number")}


def _at_bounds():
    for name, d in NUMERIC_OVERRIDES.items():
        for bound in (d.min, d.max):
            if bound is not None:
                yield name, int(bound) if d.type == "integer" else float(bound)


def _beyond_bounds():
    for name, d in NUMERIC_OVERRIDES.items():
        if d.max is not None:
            yield name, (int(d.max) + 1 if d.type == "integer" else d.max * 1.01)
        if d.min is not None:
            yield name, (int(d.min) - 1 if d.type == "integer" else d.min - 0.01)
        yield name, 1e308
        if d.type == "integer":
            yield name, 6.5
            yield name, 6.0  # the declarations want a whole number written as one


def test_every_overridable_number_is_bounded_by_its_declaration():
    assert NUMERIC_OVERRIDES and all(d.min is not None and d.max is not None for d in NUMERIC_OVERRIDES.values())
    assert {d.max for d in NUMERIC_OVERRIDES.values() if d.unit == "years"} == {50}
    assert {d.max for d in NUMERIC_OVERRIDES.values() if d.unit == "months"} == {120}
    assert {d.max for d in NUMERIC_OVERRIDES.values() if d.unit == "fraction"} == {1}
    assert all(d.max <= 1e6 for d in NUMERIC_OVERRIDES.values() if d.unit == "yuan")


@pytest.mark.parametrize("name, value", list(_at_bounds()))
def test_overrides_at_their_bounds_evaluate_and_render(name, value):
    text = (ROOT / "profiles" / "xuzhou-flexible-man.toml").read_text("utf-8")
    text += "\n[policy_overrides]\n" + tomli_w.dumps({name: value})
    render_all(parse_profile(text), date(2026, 11, 22))


@pytest.mark.parametrize("name, value", list(_beyond_bounds()))
def test_overrides_beyond_their_bounds_are_refused_in_words(name, value):
    text = (ROOT / "profiles" / "xuzhou-flexible-man.toml").read_text("utf-8")
    text += "\n[policy_overrides]\n" + tomli_w.dumps({name: value})
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert caught.value.field == f'policy_overrides."{name}"'
    assert name not in caught.value.text() and "本档案自填的" in caught.value.text()


@pytest.mark.parametrize("birth", ["1899-12", "2101-01", "2200-12"])
def test_births_outside_1900_2100_are_refused(birth):
    with pytest.raises(ProfileError) as caught:
        parse_profile(MAN_1930.replace("1930-01", birth))
    assert caught.value.field == "person.birth" and "出生年份" in caught.value.text() or "1900" in caught.value.text()


def test_a_short_mutation_fuzz_of_the_examples_finds_nothing():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import fuzz_profiles
    finally:
        sys.path.pop(0)
    result = fuzz_profiles.fuzz(150, seed=1, quiet=True)
    assert result["counts"]["parse"] == 0, result["crashes"]
    assert result["counts"]["after"] == 0, result["crashes"]
    assert result["counts"]["accepted"] > 0
