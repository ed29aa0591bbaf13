"""How long a full traced report costs: the median time of ``evaluate`` (and of ``to_dict``) for each bundled
example and for a synthetic profile with 60 periods, with the number of trace steps.

    python benchmarks/bench_engine.py [--runs 2000]

Figures go into docs/benchmarks.md; tests never assert on time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from msgspec.structs import replace


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import Month, Period, evaluate, load_profile  # noqa: E402

AS_OF = date(2026, 11, 22)


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


def median_us(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    import engine  # noqa: F401  (already imported: measured separately below)
    cases = [(p.name, load_profile(p)) for p in sorted((ROOT / "profiles").glob("*.toml"))]
    cases.append(("synthetic-60-periods", synthetic()))
    evaluate(cases[0][1], as_of=AS_OF)  # warm the policy cache once, as the app does
    print(f"{'profile':40} {'periods':>7} {'steps':>6} {'evaluate µs':>12} {'+to_dict µs':>12}")
    for name, profile in cases:
        report = evaluate(profile, as_of=AS_OF)
        ev = median_us(lambda: evaluate(profile, as_of=AS_OF), args.runs)
        full = median_us(lambda: evaluate(profile, as_of=AS_OF).to_dict(), args.runs // 4 or 1)
        print(f"{name:40} {len(profile.periods):>7} {report.step_count():>6} {ev:>12.1f} {full:>12.1f}")
    import subprocess

    cmd = [sys.executable, "-X", "importtime", "-c", "import engine"]
    err = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stderr.splitlines()
    total = [line for line in err if line.rstrip().endswith("| engine")]
    if total:
        print(f"import engine (cumulative, µs): {total[-1].split('|')[1].strip()}")
    _ = t0


if __name__ == "__main__":
    main()
