"""Any valid profile, evaluated at any date, gives a complete report: no exception, every decision of the registry
with the facts docs/contract.md names, a JSON-serialisable dict, and the same report twice (evaluate is pure)."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import evaluate
from engine.rules.decisions import DECISIONS
from tests.test_profile import valid_profiles

#: the facts docs/contract.md names for each decision (more are allowed)
CONTRACT_FACTS = {
    "retirement": {"original_age", "delay_months", "legal_age_months", "legal_date", "earliest_date", "latest_date",
                   "chosen_date", "pension_min_months", "early_allowed"},
    "medical_years": {"required_months", "required_actual_months", "required_local_months", "actual_months",
                      "deemed_months", "local_months", "counted_months", "shortfall_months", "met",
                      "backpay_estimate_yuan"},
    "backpay": {"needed", "shortfall_months", "deadline", "deadline_passed", "base_yuan", "base_basis", "rate",
                "price_yuan", "price_is_estimate", "monthly_alternative_yuan"},
    "account_now": {"has_account", "monthly_credit_yuan", "reason"},
    "account_after_retirement": {"eligible", "blockers", "monthly_credit_yuan", "waiting_months"},
    "gaps": {"items"},
    "transfers": {"items"},
    "withdrawal": {"cash_out_now", "routes"},
    "family_aid": {"available"},
}
REASONS = {"in_service", "flexible_with_account", "pooling_only", "resident", "not_insured", "retired",
           "flexible_no_account_before_retirement"}
BLOCKERS = {"no_employee_medical", "resident_only", "pooling_only", "years_short", "tier_one_short"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_profiles(), st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31)))
def test_every_valid_profile_evaluates_to_a_complete_report(profile, as_of):
    report = evaluate(profile, as_of=as_of)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert list(data["decisions"]) == [d.key for d in DECISIONS] and set(CONTRACT_FACTS) <= set(data["decisions"])
    for key, decision in data["decisions"].items():
        assert CONTRACT_FACTS.get(key, set()) <= set(decision["facts"]), key
        assert decision["verdict"] and decision["status"] in ("met", "not_met", "unknown", "info")
    assert data["decisions"]["account_now"]["facts"]["reason"] in REASONS
    assert set(data["decisions"]["account_after_retirement"]["facts"]["blockers"]) <= BLOCKERS
    codes = [r["code"] for r in data["decisions"]["withdrawal"]["facts"]["routes"]]
    assert sorted(codes) == sorted(["death_inheritance", "emigration", "retiree_relocation", "untransferable"])
    english = report.to_dict("en")
    assert all(d["verdict"] for d in english["decisions"].values())
    assert evaluate(profile, as_of=as_of).to_dict() == data
