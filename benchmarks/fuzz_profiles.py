"""Mutation fuzz of the bundled example profiles: whatever parse_profile accepts, evaluate and every
renderer handle.

    python benchmarks/fuzz_profiles.py [N] [--seed S]

Each case takes a bundled example, applies one to four random mutations (a value replaced by a value of another
type or an extreme one, a key removed or added, a period copied or moved, an override at or beyond its bounds,
a month moved far), writes it back as TOML and parses it. A refused profile must raise ProfileError and nothing
else; an accepted one is evaluated at a random date from 1950-01-01 to 2100-12-31 and rendered in both languages
as strict JSON (allow_nan=False), as the terminal text report (tui.textreport) and as Markdown (engine.words.markdown).
It prints the counts: accepted, rejected, and crashes by where and exception type, each with its smallest profile.
Exit status 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import sys
import time
import tomllib
import traceback
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tomli_w  # noqa: E402

from engine import ProfileError, evaluate, parse_profile  # noqa: E402
from engine import OVERRIDABLE, REGION_IDS  # noqa: E402

EXAMPLES = sorted((ROOT / "profiles").glob("*.toml"))
FIRST_DAY, LAST_DAY = date(1950, 1, 1), date(2100, 12, 31)

ODD_VALUES = [
    0, -1, 1, 2, 12, 13, 36, -36, 37, 50, 55, 60, 61, 1.5, 0.5, 6.0, 1e308, -1e308, 1e7, 9_999_999.99, 2**63,
    float("inf"), float("nan"), True, False, "", " ", "x", "1930-01", "1900-01", "1899-12", "2100-12", "2101-01",
    "2200-12", "2023-13", "2023-00", "2023-1", "male", "female", "national", "nowhere", "employee_medical",
    "resident_medical", "pension", "flexible", "employed", "pooling_only", "with_account", "backpaid", "deemed",
    "paid", "a" * 41, "\u2028", [], {}, [1], {"a": 1}, date(2020, 1, 1),
]


def _random_month(rng: random.Random) -> str:
    year = rng.choice([rng.randint(1895, 2205), rng.randint(1900, 2100), rng.randint(1950, 2060)])
    return f"{year:04d}-{rng.randint(1, 12):02d}"


def _override_value(rng: random.Random, unit: str):
    bound = {"years": 100, "months": 600, "fraction": 1, "yuan": 1e7}.get(unit, 100)
    return rng.choice([0, bound, bound - 1, bound + 1, 0.5, rng.uniform(0, bound), rng.randint(0, int(bound)),
                       -0.0, 1e308, float(rng.randint(0, 30)), rng.choice(ODD_VALUES)])


def _tables(doc: dict) -> list[dict]:
    out = [doc]
    for key in ("person", "account", "plans", "policy_overrides"):
        if isinstance(doc.get(key), dict):
            out.append(doc[key])
    if isinstance(doc.get("periods"), list):
        out.extend(p for p in doc["periods"] if isinstance(p, dict))
    return out


def mutate(doc: dict, rng: random.Random) -> dict:
    doc = copy.deepcopy(doc)
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        tables = _tables(doc)
        table = rng.choice(tables)
        what = rng.random()
        if what < 0.3 and table:
            key = rng.choice(list(table))
            table[key] = rng.choice(ODD_VALUES)
        elif what < 0.5 and table:
            key = rng.choice(list(table))
            if isinstance(table[key], str) and len(table[key]) == 7:
                table[key] = _random_month(rng)
            else:
                table[key] = rng.choice(ODD_VALUES)
        elif what < 0.6 and table:
            del table[rng.choice(list(table))]
        elif what < 0.7:
            key = rng.choice(["note", "status", "mode", "kind", "paid_on", "base_yuan", "end", "region", "typo"])
            table[key] = rng.choice(ODD_VALUES)
        elif what < 0.8:
            overrides = doc.setdefault("policy_overrides", {})
            if isinstance(overrides, dict):
                name = rng.choice(sorted(OVERRIDABLE))
                overrides[name] = _override_value(rng, OVERRIDABLE[name][0])
        elif what < 0.88 and isinstance(doc.get("periods"), list) and doc["periods"]:
            periods = doc["periods"]
            item = copy.deepcopy(rng.choice(periods))
            if isinstance(item, dict):
                item["start"] = _random_month(rng)
                if rng.random() < 0.5:
                    item["end"] = _random_month(rng)
                else:
                    item.pop("end", None)
            periods.insert(rng.randint(0, len(periods)), item)
        elif what < 0.94 and isinstance(doc.get("person"), dict):
            doc["person"]["birth"] = _random_month(rng)
        else:
            person = doc.get("person")
            if isinstance(person, dict):
                person["region"] = rng.choice(REGION_IDS)
                person["sex"] = rng.choice(["male", "female"])
    return doc


def _render_all(profile, as_of: date) -> None:
    from rich.console import Console

    from engine.words import markdown
    from tui.textreport import print_report

    report = evaluate(profile, as_of=as_of)
    for lang in ("zh", "en"):
        json.dumps(report.to_dict(lang), ensure_ascii=False, allow_nan=False)
        markdown(report, lang)
        print_report(report, lang, console=Console(file=io.StringIO(), width=100, color_system=None))


def run_case(text: str, as_of: date) -> tuple[str, BaseException | None, str | None]:
    """("rejected" | "accepted" | "parse" | "after", the exception, its innermost traceback line)."""
    try:
        profile = parse_profile(text)
    except ProfileError:
        return "rejected", None, None
    except Exception as err:  # noqa: BLE001 - this is what the fuzz looks for
        return "parse", err, _where(err)
    try:
        _render_all(profile, as_of)
    except Exception as err:  # noqa: BLE001
        return "after", err, _where(err)
    return "accepted", None, None


def _where(err: BaseException) -> str:
    frames = traceback.extract_tb(err.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    path = Path(last.filename)
    try:
        path = path.relative_to(ROOT)
    except ValueError:
        pass
    return f"{path}:{last.lineno} {last.line}"


def fuzz(n: int, seed: int = 0, *, quiet: bool = False) -> dict:
    rng = random.Random(seed)
    bases = [tomllib.loads(p.read_text("utf-8")) for p in EXAMPLES]
    counts: Counter = Counter()
    crashes: dict[tuple, tuple[str, str, date, str]] = {}
    started = time.perf_counter()
    span = (LAST_DAY - FIRST_DAY).days
    for _ in range(n):
        doc = mutate(rng.choice(bases), rng)
        try:
            text = tomli_w.dumps(doc)
        except (TypeError, ValueError):  # tomli_w cannot write it (e.g. a nan in a place it refuses)
            counts["unwritable"] += 1
            continue
        as_of = FIRST_DAY + timedelta(days=rng.randint(0, span))
        kind, err, where = run_case(text, as_of)
        counts[kind] += 1
        if err is not None:
            key = (kind, type(err).__name__, where)
            if key not in crashes or len(text) < len(crashes[key][0]):
                crashes[key] = (text, f"{type(err).__name__}: {err}", as_of, where)
    seconds = time.perf_counter() - started
    if not quiet:
        print(f"cases {n}, {seconds:.1f} s, seed {seed}")
        print(f"accepted {counts['accepted']}, rejected {counts['rejected']}, unwritable {counts['unwritable']}")
        by_type = Counter()
        for (kind, name, _), _v in crashes.items():
            by_type[kind, name] += 1
        print(f"crashes while parsing {counts['parse']}, after acceptance {counts['after']}")
        for (kind, name, where), (text, message, as_of, _) in sorted(crashes.items()):
            print(f"\n--- {kind}: {message[:200]}\n    at {where}\n    as_of {as_of}\n{text}")
    return {"counts": counts, "crashes": crashes, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", nargs="?", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    result = fuzz(args.n, args.seed)
    return 1 if result["counts"]["parse"] or result["counts"]["after"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
