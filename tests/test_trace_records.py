"""The trace's records and how they are read: parameter steps found as a walk finds them, a value read again
recorded the same but in its own step, what an earlier evaluation found kept only while the data is as it was,
messages put into words only when a view asks, months counted in whole numbers as Month arithmetic counts them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, strategies as st

from engine import evaluate, load_profile
from engine.core.months import Month
from engine.core.trace import Step, param_steps
from engine.data import policy
from engine.data.i18n import Msg
from engine.data.phrases import Named, in_langs
from engine.profile.model import Period
from engine.rules.counting import count, months_before, projected

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "profiles").glob("*.toml"))
AS_OF = date(2026, 11, 22)


def test_param_steps_are_the_parameter_reads_a_walk_meets_in_its_order():
    for path in EXAMPLES:
        report = evaluate(load_profile(path), AS_OF)
        total = 0
        for outcome in report.decisions.values():
            walked = [s for top in outcome.trace for s in top.walk() if s.rule.startswith("param:")]
            found = list(param_steps(outcome.trace))
            assert [id(s) for s in found] == [id(s) for s in walked]
            total += len(found)
        assert total > 20, path.name  # the report reads its figures


def test_walk_is_depth_first_each_step_before_its_children():
    leaves = [Step("c"), Step("d")]
    tree = Step("a", children=[Step("b", children=leaves), Step("e")])
    assert [s.rule for s in tree.walk()] == ["a", "b", "c", "d", "e"]


def test_a_value_read_again_is_recorded_the_same_in_a_step_of_its_own():
    profile = load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml")
    first, second = evaluate(profile, AS_OF), evaluate(profile, AS_OF)
    assert first.to_dict() == second.to_dict() and first.to_dict("en") == second.to_dict("en")
    for key in first.decisions:
        a = list(param_steps(first.decisions[key].trace))
        b = list(param_steps(second.decisions[key].trace))
        assert [s.inputs for s in a] == [s.inputs for s in b]
        assert all(x.inputs is not y.inputs for x, y in zip(a, b))  # a view may annotate one step's inputs alone


def test_an_evaluation_reads_the_data_folders_it_was_given():
    at = date(2026, 11, 1)
    for name in ("medical.min_years.male", "transfer.out_working_days", "wage.average_monthly_yuan"):
        for region in ("jiangsu.xuzhou", "shandong.jining", "national"):
            assert policy.lookup(name, region, at, policy.data_folders()) == policy.lookup(name, region, at)


def test_verdicts_and_options_are_messages_until_a_view_writes_them():
    report = evaluate(load_profile(ROOT / "profiles" / "wuhan-emigrating-woman.toml"), AS_OF)
    options = [o for outcome in report.decisions.values() for o in outcome.options]
    assert options
    for outcome in report.decisions.values():
        assert isinstance(outcome.verdict, Msg) and outcome.message is outcome.verdict
        for lang in ("zh", "en"):
            assert outcome.verdict_text(lang) == outcome.verdict.text(lang) != ""
        assert str(outcome.verdict) == outcome.verdict_text("zh")
    for option in options:
        for lang in ("zh", "en"):
            assert option.to_dict(lang)["title"] == option.title_text(lang) == option.title.text(lang)


def test_a_named_code_is_written_in_both_languages_when_read():
    named = Named("relative", "spouse")
    assert named.plain() == {"code": "spouse", **in_langs("relative", "spouse")}
    assert named["code"] == "spouse" and named["zh"] == "配偶" and named.get("en") == in_langs("relative", "spouse")["en"]
    report = evaluate(load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml"), AS_OF)
    relatives = report.decisions["family_aid"].to_dict()["facts"]["relatives"]
    assert relatives and all(set(r) == {"code", "zh", "en"} for r in relatives)


months = st.integers(min_value=1900 * 12, max_value=2100 * 12).map(Month)


@st.composite
def periods(draw):
    start = draw(months)
    end = draw(st.one_of(st.none(), st.integers(min_value=-3, max_value=600).map(lambda n: Month(start.index + n))))
    return Period(draw(st.sampled_from(["pension", "employee_medical"])), start, end)


@given(st.lists(periods(), max_size=6), months, months)
def test_months_are_counted_as_month_arithmetic_counts_them(items, horizon, now):
    def before(p: Period, h: Month) -> int:
        last = min(p.end if p.end is not None else h - 1, h - 1)
        return max(0, last - p.start + 1)

    assert [months_before(p, horizon) for p in items] == [before(p, horizon) for p in items]
    assert count(items, horizon) == sum(before(p, horizon) for p in items)
    keep = lambda p: p.insurance == "pension"  # noqa: E731
    assert projected(items, now, horizon, keep) == sum(max(0, before(p, horizon) - before(p, now + 1))
                                                       for p in items if keep(p))


def test_figures_found_by_an_earlier_evaluation_give_way_to_the_users_own_and_to_another_lookup(tmp_path,
                                                                                                   monkeypatch):
    """What reading a figure found is kept for the next evaluation only while the data is as it was: a figure of
    the user's own saved, another folder of them, or another lookup in place, and it is read again."""
    profile = load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml")
    name = "medical.min_years.male"

    def used() -> list:
        report = evaluate(profile, AS_OF)
        return [s.result for o in report.decisions.values() for s in param_steps(o.trace) if s.param_name == name]

    bundled = used()
    assert bundled and used() == bundled
    monkeypatch.setenv("YIBAO_REGIONS", str(tmp_path / "regions"))
    policy.reload()
    try:
        assert used() == bundled
        policy.write_user_region("jiangsu.xuzhou", {name: (27, "12393", "2026-06-01")})
        assert set(used()) == {27}
        policy.write_user_region("jiangsu.xuzhou", {name: (28, "12393", "2026-06-02")})
        assert set(used()) == {28}
        real = policy.lookup
        monkeypatch.setattr(policy, "lookup", lambda n, r, at, folders=None: real(n, r, at, folders) if n != name
                            else policy.ParamValue(n, 29, r, "2026-01-01", "official", "test", None))
        assert set(used()) == {29}
        monkeypatch.setattr(policy, "lookup", real)
        assert set(used()) == {28}
    finally:
        monkeypatch.undo()
        policy.reload()
    assert used() == bundled
