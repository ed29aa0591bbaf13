"""The registry of decisions (engine/rules/decisions/__init__.py): order, typed facts, key figures, English words.

Source: docs/contract.md, "The report" (the decisions and their JSON facts). Every other test reads the decisions
from the registry; the one test here that names them all pins the order of the JSON report.
"""

from __future__ import annotations

import json
import re

from datetime import date

import pytest

from engine import evaluate, load_profile
from engine.rules.decisions import BY_KEY, DECISIONS
from engine.evaluation.evaluate import DecisionOrderError, check_order
from engine.core.facts import ABSENT, Facts
from tests.conftest import ROOT

AS_OF = date(2026, 11, 22)
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def test_the_json_report_keeps_the_decisions_in_their_order():
    """The one list of every decision in the suite: the order of the JSON report, which is the registry's order.
    The contract names eight decisions and allows more; the back-payment decision (it reads the medical years) comes
    right after medical_years. A new decision is added here, and nowhere else in the tests."""
    data = json.loads(json.dumps(evaluate(load_profile(PROFILES[0]), AS_OF).to_dict()))
    assert list(data["decisions"]) == ["retirement", "medical_years", "backpay", "account_now",
                                       "account_after_retirement", "gaps", "transfers", "withdrawal", "family_aid"]
    assert list(data["decisions"]) == [d.key for d in DECISIONS] == list(BY_KEY)


def test_every_read_runs_before():
    check_order(DECISIONS)
    for i, d in enumerate(DECISIONS):
        earlier = {e.key for e in DECISIONS[:i]}
        assert set(d.reads) <= earlier, d.key


def test_evaluate_refuses_a_decision_that_reads_a_later_one():
    reordered = [BY_KEY["medical_years"], BY_KEY["retirement"]]
    with pytest.raises(DecisionOrderError, match="medical_years"):
        evaluate(load_profile(PROFILES[0]), AS_OF, decisions=reordered)


def test_a_decision_reads_only_what_it_names():
    """medical_years reads retirement; a registry that forgot to say so fails loudly, it does not read nothing."""
    from msgspec.structs import replace

    forgetful = [BY_KEY["retirement"], replace(BY_KEY["medical_years"], reads=())]
    with pytest.raises(DecisionOrderError, match="retirement"):
        evaluate(load_profile(PROFILES[0]), AS_OF, decisions=forgetful)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_facts_types_give_the_json_facts(path):
    """Every decision's facts type has the JSON facts' keys, in order (fields ABSENT on a path are left out)."""
    report = evaluate(load_profile(path), AS_OF)
    data = json.loads(json.dumps(report.to_dict()))
    for d in DECISIONS:
        facts = report.decisions[d.key].facts
        json_facts = data["decisions"][d.key]["facts"]
        names = []
        for name in d.facts.__struct_fields__:  # a fact held as a message is written as {key, key_en} (withdrawal)
            names += [name, name + "_en"] if name in getattr(d.facts, "_words", ()) else [name]
        assert set(json_facts) <= set(names), (d.key, set(json_facts) - set(names))
        assert [n for n in names if n in json_facts] == list(json_facts), d.key
        assert isinstance(facts, d.facts) and isinstance(facts, Facts)
        assert facts.to_dict() == json_facts


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_figures_from_the_catalog(path, lang):
    report = evaluate(load_profile(path), AS_OF)
    for d in DECISIONS:
        figure = d.figure(report.decisions[d.key].facts, lang)
        assert isinstance(figure, str) and (figure or report.decisions[d.key].status == "unknown"), d.key
        if lang == "en":
            assert not CJK.search(figure), (d.key, figure)


def source_titles(outcome) -> set[str]:
    return {s.source.title for top in outcome.trace for s in top.walk() if s.source}


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_medical_years_and_account_english_has_no_chinese(path):
    """Verdict, options and trace titles in English carry no Chinese outside source titles."""
    report = evaluate(load_profile(path), AS_OF)
    for key in ("medical_years", "account_now", "account_after_retirement"):
        out = report.decisions[key].to_dict("en")
        texts = [out["verdict"]] + [o["title"] for o in out["options"]] + [o["detail"] for o in out["options"]]

        def walk(steps):
            for s in steps:
                yield s
                yield from walk(s["children"])
        texts += [s["title"] for s in walk(out["trace"]) if not s["rule"].startswith("param:")]
        sources = source_titles(report.decisions[key])
        for text in texts:
            rest = text
            for title in sources:
                rest = rest.replace(title, "")
            rest = re.sub(r"[^()（）]*〔\d{4}〕\d+号", "", rest)  # a document number is its official title
            rest = rest.replace("养老金核算通知单", "")  # the name of the pension notice, a gloss
            assert not CJK.search(rest), (key, text)


def test_absent_fact_is_left_out():
    from engine.rules.decisions.account_now import AccountNowFacts

    base = dict(has_account=False, monthly_credit_yuan=0, reason="resident", rate=None, base_yuan=None,
                period_index=0, region="national", reform_date=None, pre_reform=None, employer_share=None,
                age_years=40, missing=None)
    facts = AccountNowFacts(**base)
    assert list(facts.to_dict()) == list(base) and "blockers" not in facts and facts.get("blockers") is None
    assert AccountNowFacts(**base, blockers=["pooling_only"]).to_dict()["blockers"] == ["pooling_only"]
    assert facts.blockers is ABSENT
