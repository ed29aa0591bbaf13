"""How long a traced evaluation costs, against OpenFisca's traced calculation measured in the same run.

    python benchmarks/bench_engine.py [--runs 400] [--examples] [--startup 20] [--json FILE]

In one run, alternately, one sample of each after the other:

(a) ours: ``evaluate`` of a typical profile of 8 periods (the Xuzhou example with four more: a stretch as an employee
    in Jining, resident insurance between jobs) with its trace, then the report's ``to_dict()``;
(b) OpenFisca's: a small model of 7 variables on one person entity, no country package (defined below, built once
    as our policy data is read once), two of its parameters dated twice: a simulation built from a situation,
    ``simulation.trace = True``, its two output variables calculated for a month, then the trace serialised
    (``tracer.get_serialized_flat_trace()``, as OpenFisca's web API answers a traced calculation).

Each sample gives two figures, so two rows: the traced calculation alone (``evaluate``; OpenFisca's simulation built
and calculated) and with its JSON trace; each sample ends by collecting the young objects it left, timed as its own
(see :func:`alternate`). Printed: each side's median, the ratio of the medians and its 95% bootstrap interval (the
pairs resampled together: the two of a pair met the machine in the same state). Without OpenFisca (``pip install
'yibao-advisor[bench]'``) ours is measured alone.

``--examples`` adds each bundled example and a synthetic profile of 60 periods, ours only; ``--startup N`` times N
start-ups of ``yibao check --format json`` against ``python -c "import rich"``, alternately, and gives the ratio of
the medians. Figures go into docs/benchmarks.md; tests never assert on time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable

from msgspec.structs import replace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import Month, Period, evaluate, load_profile  # noqa: E402
from ratios import ratio_interval  # noqa: E402  (beside this script)

AS_OF = date(2026, 11, 22)


# --- ours ---------------------------------------------------------------------------------------------------------
def typical(periods: int = 8):
    """The Xuzhou example (four periods) with four more, to ``periods``: a stretch as an employee in Jining, a
    lapse, resident medical insurance between jobs, and its pension there."""
    base = load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml")
    extra = (
        Period("employee_medical", Month.parse("2009-01"), Month.parse("2010-06"), region="shandong.jining",
               base_yuan=3600.0),
        Period("pension", Month.parse("2009-01"), Month.parse("2010-06"), region="shandong.jining"),
        Period("resident_medical", Month.parse("2010-09"), Month.parse("2011-03"), region="jiangsu.xuzhou"),
        Period("pension", Month.parse("2010-09"), Month.parse("2010-12"), region="jiangsu.xuzhou"),
    )
    out = tuple(sorted(base.periods + extra[:max(0, periods - len(base.periods))],
                       key=lambda p: (p.insurance, p.start)))
    return replace(base, name=f"typical {len(out)} periods", periods=out)


def synthetic(periods: int = 60):
    """The Xuzhou man with 60 alternating periods: 20 each of employee medical, resident medical and pension,
    across three regions, with lapses between them."""
    base = load_profile(ROOT / "profiles" / "xuzhou-flexible-man.toml")
    out = []
    start = Month.parse("1987-01")
    regions = ("jiangsu.xuzhou", "shandong.jining", "jiangsu")
    for i in range(periods // 3):
        s = start + i * 20
        out.append(Period("employee_medical", s, s + 15, region=regions[i % 3], base_yuan=4000.0 + i * 50))
        out.append(Period("resident_medical", s + 17, s + 18, region=regions[i % 3]))
        out.append(Period("pension", s, s + 18, region=regions[i % 3]))
    return replace(base, name="synthetic 60 periods", periods=tuple(out))


def ours(profile) -> Callable[[], tuple[float, float]]:
    """One traced evaluation and its JSON report: (seconds to ``evaluate``, seconds to ``evaluate`` + ``to_dict``)."""

    def run() -> tuple[float, float]:
        t0 = time.perf_counter()
        report = evaluate(profile, as_of=AS_OF)
        t1 = time.perf_counter()
        report.to_dict()
        return t1 - t0, time.perf_counter() - t0

    return run


# --- OpenFisca's (optional) ---------------------------------------------------------------------------------------
def openfisca_model() -> Callable[[], tuple[float, float]] | None:
    """OpenFisca's traced calculation of a tiny model of 7 variables, or None where OpenFisca is not installed:
    (seconds to build the simulation and calculate, seconds with the trace serialised too)."""
    try:  # optional (the extra 'bench'), so imported only here
        from openfisca_core.entities import build_entity
        from openfisca_core.parameters import ParameterNode
        from openfisca_core.periods import MONTH
        from openfisca_core.simulation_builder import SimulationBuilder
        from openfisca_core.taxbenefitsystems import TaxBenefitSystem
        from openfisca_core.variables import Variable
    except ImportError:
        return None

    person = build_entity(key="person", plural="persons", label="A person", is_person=True)

    class salary(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "Gross salary"

    class age(Variable):
        entity = person
        definition_period = MONTH
        value_type = int
        label = "Age in years"

    class contribution_base(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "Contribution base: the salary between the floor and the ceiling"

        def formula(p, period, parameters):
            law = parameters(period).medical
            return p("salary", period).clip(law.base_floor, law.base_ceiling)

    class medical_contribution(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "The employee's medical contribution"

        def formula(p, period, parameters):
            return p("contribution_base", period) * parameters(period).medical.employee_rate

    class pension_contribution(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "The employee's pension contribution"

        def formula(p, period, parameters):
            return p("contribution_base", period) * parameters(period).pension.employee_rate

    class account_credit(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "What the personal account is credited: a share of the base, more from 45"

        def formula(p, period, parameters):
            law = parameters(period).medical
            share = (p("age", period) >= 45) * law.account_older + (p("age", period) < 45) * law.account_younger
            return p("contribution_base", period) * share

    class net_salary(Variable):
        entity = person
        definition_period = MONTH
        value_type = float
        label = "Salary after contributions"

        def formula(p, period, parameters):
            return p("salary", period) - p("medical_contribution", period) - p("pension_contribution", period)

    def values(*pairs: tuple[str, float]) -> dict:
        return {"values": {since: {"value": v} for since, v in pairs}}

    system = TaxBenefitSystem([person])
    system.parameters = ParameterNode("", data={
        "medical": {
            "base_floor": values(("2020-01-01", 3800.0), ("2025-01-01", 4494.0)),
            "base_ceiling": values(("2020-01-01", 19000.0), ("2025-01-01", 22470.0)),
            "employee_rate": values(("2001-01-01", 0.02)),
            "account_younger": values(("2001-01-01", 0.02)),
            "account_older": values(("2001-01-01", 0.025)),
        },
        "pension": {"employee_rate": values(("1998-01-01", 0.08))},
    })
    for var in (salary, age, contribution_base, medical_contribution, pension_contribution, account_credit,
                net_salary):
        system.add_variable(var)
    month = "2026-11"
    situation = {"persons": {"zhang": {"salary": {month: 4800.0}, "age": {month: 58}}}}

    def run() -> tuple[float, float]:
        t0 = time.perf_counter()
        simulation = SimulationBuilder().build_from_entities(system, situation)
        simulation.trace = True
        simulation.calculate("net_salary", month)
        simulation.calculate("account_credit", month)
        t1 = time.perf_counter()
        simulation.tracer.get_serialized_flat_trace()
        return t1 - t0, time.perf_counter() - t0

    return run


# --- measuring ----------------------------------------------------------------------------------------------------
def alternate(a: Callable[[], tuple[float, float]], b: Callable[[], tuple[float, float]] | None,
              runs: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """``runs`` samples of each, one of ``a`` then one of ``b`` (which goes first swaps each time). Each sample
    ends by collecting the young objects it left, timed as part of it: left alone, a collection that one side's
    garbage (OpenFisca's simulation holds reference cycles) makes due lands in whichever sample next allocates,
    and is counted against the other side."""
    sa: list[tuple[float, float]] = []
    sb: list[tuple[float, float]] = []
    for i in range(runs):
        for side, out in ((b, sb), (a, sa)) if i % 2 else ((a, sa), (b, sb)):
            if side is not None:
                out.append(swept(side))
    return sa, sb


def swept(side: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    """One sample of ``side``, the collection of the young objects it left included in both of its figures."""
    first, total = side()
    t0 = time.perf_counter()
    gc.collect(1)
    sweep = time.perf_counter() - t0
    return first + sweep, total + sweep




def median_us(fn: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


#: the two figures of each sample: what each side's row says it measures
ROWS = (("traced calculation", "evaluate", "build the simulation, calculate"),
        ("with its JSON trace", "evaluate + to_dict()", "+ get_serialized_flat_trace()"))


def startup(runs: int) -> dict[str, list[float]]:
    """``yibao check --format json`` of the Xuzhou example against ``python -c "import rich"``, alternately, as
    a user's second start: bytecode written (``PYTHONDONTWRITEBYTECODE`` unset, two untimed runs of each first)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {"import rich": [sys.executable, "-c", "import rich"],
                "yibao check --format json": [sys.executable, "-m", "tui", "check",
                                              str(ROOT / "profiles" / "xuzhou-flexible-man.toml"), "--format", "json"]}
    out: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="yibao-bench-") as folder:
        env["PYTHONPYCACHEPREFIX"] = folder
        for _ in range(2):
            for argv in commands.values():
                subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        for i in range(runs):
            for name in (list(commands) if i % 2 == 0 else list(reversed(commands))):
                t0 = time.perf_counter()
                subprocess.run(commands[name], env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
                out[name].append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=400, help="samples of each side")
    ap.add_argument("--warmup", type=int, default=20, help="untimed calls of each side first")
    ap.add_argument("--examples", action="store_true", help="also each bundled example and 60 periods, ours only")
    ap.add_argument("--startup", type=int, default=0, metavar="N",
                    help="also N alternating start-ups of yibao check --format json and python -c 'import rich'")
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args()

    profile = typical()
    mine = ours(profile)
    theirs = openfisca_model()
    for _ in range(args.warmup):  # the policy data read and every catalog context met, as in the app
        mine()
        if theirs is not None:
            theirs()
    steps = evaluate(profile, as_of=AS_OF).step_count()
    when = datetime.now(timezone.utc)
    print(f"{when:%Y-%m-%d %H:%M} UTC, {platform.machine()} {platform.system()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"ours: {profile.name!r} ({len(profile.periods)} periods, {steps} trace steps)")
    if theirs is None:
        print("OpenFisca is not installed (pip install 'yibao-advisor[bench]'): ours is measured alone")
    else:
        print(f"OpenFisca: openfisca-core {version('openfisca-core')}, 7 variables, one person, one month, traced")
    sa, sb = alternate(mine, theirs, args.runs)
    out: dict[str, Any] = {"date": f"{when:%Y-%m-%d %H:%M} UTC", "machine": platform.machine(),
                           "cores": os.cpu_count(), "python": platform.python_version(), "runs": args.runs,
                           "periods": len(profile.periods), "steps": steps, "rows": []}
    if theirs is not None:
        out["openfisca_core"] = version("openfisca-core")
    print(f"\n{'':22} {'ours ms':>9}" + (f" {'OpenFisca ms':>13} {'ratio':>7}  {'95% interval':>13}" if theirs else ""))
    for i, (name, what_ours, what_theirs) in enumerate(ROWS):
        mine_s = [s[i] for s in sa]
        row: dict[str, Any] = {"row": name, "ours": what_ours, "ours_ms": statistics.median(mine_s) * 1e3}
        line = f"{name:22} {row['ours_ms']:>9.3f}"
        if theirs is not None:
            theirs_s = [s[i] for s in sb]
            low, high = ratio_interval(mine_s, theirs_s)
            row.update(openfisca=what_theirs, openfisca_ms=statistics.median(theirs_s) * 1e3,
                       ratio=statistics.median(mine_s) / statistics.median(theirs_s), low=low, high=high)
            line += f" {row['openfisca_ms']:>13.3f} {row['ratio']:>6.2f}×  {low:>5.2f}–{high:.2f}×"
        out["rows"].append(row)
        print(line)
    print(f"(medians of N = {args.runs} alternating samples; the interval resamples the pairs)" if theirs is not None
          else f"(medians of N = {args.runs} samples)")
    if args.examples:
        cases = [(p.stem, load_profile(p)) for p in sorted((ROOT / "profiles").glob("*.toml"))]
        cases.append(("synthetic-60-periods", synthetic()))
        print(f"\n{'profile':40} {'periods':>7} {'steps':>6} {'evaluate µs':>12} {'+to_dict µs':>12}")
        runs = max(1, args.runs // 4)
        for name, each in cases:
            n = evaluate(each, as_of=AS_OF).step_count()
            ev = median_us(lambda: evaluate(each, as_of=AS_OF), runs)
            full = median_us(lambda: evaluate(each, as_of=AS_OF).to_dict(), runs)
            print(f"{name:40} {len(each.periods):>7} {n:>6} {ev:>12.1f} {full:>12.1f}")
    if args.startup:
        times = startup(args.startup)
        check, rich = times["yibao check --format json"], times["import rich"]
        low, high = ratio_interval(check, rich)
        out["startup"] = {"runs": args.startup, "check_ms": statistics.median(check) * 1e3,
                          "rich_ms": statistics.median(rich) * 1e3,
                          "ratio": statistics.median(check) / statistics.median(rich), "low": low, "high": high}
        s = out["startup"]
        print(f"\nstart-up (N = {args.startup} alternating, bytecode written): yibao check --format json "
              f"{s['check_ms']:.0f} ms, python -c 'import rich' {s['rich_ms']:.0f} ms: {s['ratio']:.2f}× "
              f"(95% interval {low:.2f}–{high:.2f}×)")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
