"""The engine's foundation: the policy lookup (dated values, city → province → national, overrides), the trace that
records itself, purity and the promise that ``import engine`` never loads the terminal app."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from engine import evaluate, load_profile
from engine.data import policy
from engine.data.glossary import step_text
from engine.data.places import REGION_IDS, chain, is_known, region_name, suggest
from engine.rules.decisions import DECISIONS
from tests.conftest import ROOT, find_steps, run


def test_import_engine_does_not_load_textual():
    code = "import sys, engine; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name, region, at, value, level", [
    pytest.param("medical.min_years.male", "jiangsu.xuzhou", date(2029, 4, 1), 25, "jiangsu.xuzhou", id="city-own-value"),
    pytest.param("medical.min_years.male", "guangdong.huizhou", date(2030, 1, 1), 30, "guangdong",
                 id="city-falls-back-to-province"),
    pytest.param("medical.rate.employer", "jiangsu.xuzhou", date(2029, 4, 1), 0.06, "national", id="falls-back-to-national"),
    pytest.param("medical.min_years.male", "shandong.jining", date(2026, 1, 1), 30, "shandong.jining", id="in-force-from-date"),
    pytest.param("medical.min_years.male", "shandong.jining", date(2025, 12, 1), None, "national", id="before-from-date-falls-back"),
    pytest.param("medical.min_years.male", "guangdong.guangzhou", date(2029, 12, 1), None, "guangdong", id="dated-unknown"),
    pytest.param("medical.min_years.male", "guangdong.guangzhou", date(2030, 1, 1), 30, "guangdong", id="dated-value"),
    pytest.param("pension.min_months", "beijing", date(2035, 6, 1), 216, "national", id="pension-schedule-2035"),
    pytest.param("account.reform_date", "beijing", date(2026, 1, 1), "2022-09-01", "beijing", id="beijing-reform-date"),
])
def test_lookup_in_force_with_fallback(name, region, at, value, level):
    found = policy.lookup(name, region, at)
    assert found.value == value and found.region == level


def test_every_region_has_a_data_file_with_names_and_sourced_values():
    files = sorted(p.stem for p in (ROOT / "engine" / "policy").glob("*.toml") if p.stem not in ("params", "sources"))
    assert files and set(files) <= set(REGION_IDS)
    for region in files:  # a place of the list without a file of its own is known too (tests/test_regions.py)
        assert is_known(region), region
        data = policy.region_data(region)
        assert data.name == region_name(region), region  # the name comes from the list of places
        for entries in data.params.values():
            for _, value in entries:
                assert value.confidence in ("official", "secondary", "unverified", "seed", "assumed"), (region, value.name)
                assert value.source, (region, value.name)
                if value.value is None:
                    assert value.note and value.note_en, (region, value.name)


def test_chain_and_suggestions():
    assert chain("jiangsu.xuzhou") == ("jiangsu.xuzhou", "jiangsu", "national")
    assert chain("beijing") == ("beijing", "national")
    assert "jiangsu.xuzhou" in suggest("jiangsu.xuzhuo")
    assert "shandong.jining" in suggest("jining")


def test_every_parameter_read_is_a_traced_step_with_its_origin():
    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), as_of=date(2026, 11, 22))
    params = [s for o in report.decisions.values() for t in o.trace for s in t.walk() if s.is_param]
    assert params
    for step in params:
        assert {"region", "effective_from", "confidence", "overridden"} <= set(step.inputs)
        assert step.inputs["confidence"] in ("official", "secondary", "seed", "assumed", "user")


def test_json_report_shape_matches_the_contract():
    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), as_of=date(2026, 11, 22))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["schema"] == 1 and data["as_of"] == "2026-11-22"
    assert data["profile"] == {"name": "张先生 · 徐州灵活就业", "region": "jiangsu.xuzhou"}
    assert list(data["decisions"]) == [d.key for d in DECISIONS]

    def check(step):
        assert set(step) == {"rule", "title", "inputs", "result", "passed", "source", "children"}
        assert step["passed"] in (True, False, None)
        # the page actually read rides along where it is not the address itself
        assert step["source"] is None or {"title", "ref"} <= set(step["source"]) <= {"title", "ref", "read_at"}
        for child in step["children"]:
            check(child)

    for decision in data["decisions"].values():
        assert {"verdict", "facts", "trace"} <= set(decision)
        for step in decision["trace"]:
            check(step)


def test_rules_considered_and_not_applied_have_passed_false():
    report = run('sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"')
    failed = [s for o in report.decisions.values() for t in o.trace for s in t.walk() if s.passed is False]
    assert any(s.rule == "retirement.early_condition" for s in failed)


def test_evaluate_is_pure():
    profile = load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml")
    a = evaluate(profile, as_of=date(2026, 11, 22)).to_dict()
    b = evaluate(profile, as_of=date(2026, 11, 22)).to_dict()
    assert a == b
    c = evaluate(profile, as_of=date(2030, 1, 1)).to_dict()
    assert c["decisions"]["retirement"]["facts"]["retired"] is True


def test_english_titles_and_verdicts():
    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), as_of=date(2026, 11, 22))
    en = report.to_dict("en")
    assert en["decisions"]["retirement"]["verdict"].startswith("Under current rules you will retire in 2029-04")
    assert step_text(find_steps(report.decisions["retirement"].trace, "retirement.delay_2025")[0], "en").startswith(
        "2025 reform")


def test_to_verify_lists_seed_assumed_and_unknown_figures_once_with_their_decisions():
    """Every figure that reaches a user says which confidence it is; seed and assumed ones are listed
    for checking with the local office, and an override takes a figure off the list."""
    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), as_of=date(2026, 11, 22))
    listed = {(e["name"], e["region"]): e for e in report.to_verify()}
    cash = listed[("withdrawal.cash_out_anytime", "national")]
    assert cash["value"] is False and cash["confidence"] == "seed" and cash["decisions"] == ["withdrawal"]
    assert listed[("medical.deemed_until", "national")]["unknown"] is True
    assert all(e["confidence"] != "official" or e["unknown"] for e in listed.values())
    assert len(listed) == len(report.to_verify())  # once per parameter and region
    assert report.to_dict()["to_verify"] == report.to_verify()

    mine = run('sex = "male"\nbirth = "1968-05"\nregion = "jiangsu.xuzhou"',
               extra='[policy_overrides]\n"account.retiree_monthly_yuan" = 100')
    assert "account.retiree_monthly_yuan" in {e["name"] for e in report.to_verify()}
    assert "account.retiree_monthly_yuan" not in {e["name"] for e in mine.to_verify()}


def test_text_and_markdown_end_with_what_to_verify():
    import io

    from rich.console import Console

    from engine.words.render import markdown
    from tui.textreport import print_report

    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), as_of=date(2026, 11, 22))
    assert "## 需向当地医保经办机构核实的数据" in markdown(report)
    out = io.StringIO()
    print_report(report, "en", trace=False, console=Console(file=out, width=200))
    assert "To verify with the local office" in out.getvalue()


def test_every_parameter_the_rules_read_exists_in_the_policy_data():
    """A misspelt parameter name would read as 'unknown' silently: every name read must have an entry somewhere."""
    defined = {name for region in REGION_IDS for name in policy.region_data(region).params}
    read = set()
    for path in sorted((ROOT / "profiles").glob("*.toml")):
        for as_of in (date(2020, 6, 1), date(2026, 11, 22), date(2040, 1, 1)):
            report = evaluate(load_profile(path), as_of=as_of)
            read |= {s.rule[len("param:"):] for o in report.decisions.values() for t in o.trace for s in t.walk()
                     if s.is_param}
    # declared, but no region file gives a figure for them yet: they read as unknown
    pending = {"medical.flexible_rate.pooling_only", "resident.premium_yuan"}
    assert read and read - pending <= defined, sorted(read - pending - defined)
