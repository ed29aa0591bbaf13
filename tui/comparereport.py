"""The views of ``yibao compare``: text (Rich), Markdown, JSON; the cells and the chart the app shares.

Scenarios are columns, facts are rows; a cell whose value differs from the baseline carries the mark ``≠`` (a
symbol, never colour alone).
"""

from __future__ import annotations

from typing import Any

from engine import ESTIMATE_FLAGS, FACTS, Comparison, Month
from engine.words import Months, Region, Seq, Term, Yuan, estimate_figures, question, region_name, safe_text, show, text

DIFF_MARK = "≠"
MONEY = {"contributions_yuan", "backpay_yuan", "total_cost_yuan", "account_credit_until_retirement_yuan",
         "retiree_monthly_credit_yuan"}
DURATIONS = {"shortfall_months", "uninsured_months", "waiting_months"}


def fact_label(fact: str, lang: str) -> str:
    return text("compare.fact", fact, lang)


def value_text(fact: str, value: Any, lang: str) -> str:
    """One figure in words: money as yuan, durations as months, yes/no, unknown."""
    if value is None:
        return text("compare.view", "unknown", lang)
    if fact in MONEY:
        return show(Yuan(float(value)), lang)
    if fact in DURATIONS:
        return show(Months(int(value)), lang)
    if isinstance(value, Month):
        return str(value)
    return show(value, lang)


def estimated(value: str, lang: str) -> str:
    """A figure that rests on an estimate, marked in words: ``36,180.00元（估算）``."""
    return text("compare.view", "estimate", lang, value=value)


def cell(result, fact: str, lang: str) -> str:
    mark = f"{DIFF_MARK} " if fact in result.differs else ""
    words = value_text(fact, result.facts.get(fact), lang)
    if result.facts.get(ESTIMATE_FLAGS.get(fact, "")):
        words = estimated(words, lang)
    by = result.facts.get("lifetime_by")
    if fact == "lifetime_benefits" and by:  # lifelong although the years are short: say what makes it so
        words = text("compare.view", "lifetime_by." + by, lang, value=words)
    return mark + words


def grid(comparison: Comparison, lang: str) -> tuple[list[str], list[list[str]]]:
    """The header (figure, then one label per scenario) and one row per fact."""
    head = [text("compare.view", "fact", lang)] + [r.scenario.label().text(lang) for r in comparison.results]
    rows = [[fact_label(f, lang)] + [cell(r, f, lang) for r in comparison.results] for f in FACTS]
    return head, rows


def subtitle(comparison: Comparison, lang: str) -> str:
    p = comparison.profile
    return text("compare.view", "subtitle", lang, name=p.name, region=region_name(p.person.region, lang),
                as_of=comparison.as_of.isoformat())


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def asked(comparison: Comparison, lang: str) -> list[str]:
    """The questions to ask locally about the figures the comparison's estimates stood in for (each scenario's
    decisions and cost model), once each."""
    traces = [step for r in comparison.results for o in r.report.decisions.values() for step in o.trace]
    traces += [step for r in comparison.results for step in r.trace]
    return [question(name, lang) for name in estimate_figures(traces)]


def questions_lines(comparison: Comparison, lang: str) -> list[str]:
    found = asked(comparison, lang)
    if not found:
        return []
    return [text("compare.view", "questions", lang)] + [f"{i}. {q}" for i, q in enumerate(found, 1)]


def markdown(comparison: Comparison, lang: str = "zh", regions: list[dict] | None = None) -> str:
    head, rows = grid(comparison, lang)
    out = [f"# {text('compare.view', 'title', lang)}", "", subtitle(comparison, lang), ""]
    out.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
    out.append("|" + "---|" * len(head))
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    out += ["", text("compare.view", "legend", lang), ""]
    found = questions_lines(comparison, lang)
    if found:
        out += [found[0], ""] + found[1:] + [""]
    if len(comparison.results) == 1:
        out += [text("compare.view", "only_baseline", lang), ""]
    if regions is not None:
        out += regions_markdown(regions, lang)
    return safe_text("\n".join(out), lines=True) + "\n"  # anything a terminal would obey shown escaped


def requirement_text(row: dict, lang: str) -> str:
    def m(v):
        return show(Months(v), lang) if v is not None else text("compare.view", "unknown", lang)

    return text("compare.regions", "req_text", lang, total=m(row["required_months"]),
                actual=m(row["required_actual_months"]), local=m(row["required_local_months"]))


def region_cells(i: int, row: dict, lang: str) -> list[str]:
    """A judged place's cells: its rank, name, requirement, confidence, months short, total cost, lifelong cover."""
    conf = row["confidence"]
    return [str(i + 1), region_name(row["region"], lang), requirement_text(row, lang),
            show(Term(conf), lang) if conf else text("compare.view", "unknown", lang),
            value_text("shortfall_months", row["shortfall_months"] if row["medical_met"] is not None else None, lang),
            cost_text(row, lang), value_text("lifetime_benefits", row["lifetime_benefits"], lang)]


def cost_text(row: dict, lang: str) -> str:
    words = value_text("total_cost_yuan", row["total_cost_yuan"], lang)
    return estimated(words, lang) if row.get("total_cost_is_estimate") else words


def apart_reason(row: dict, lang: str) -> str:
    """Why a place is listed apart: its total is not its own, or a part of its requirement is unknown."""
    if not row["own_requirement"]:
        if row["requirement_region"] in (None, "national") or row["required_months"] is None:
            return text("compare.regions", "apart.total", lang)
        return text("compare.regions", "apart.not_own", lang, region=Region(row["requirement_region"]))
    parts = row["unknown_requirements"]
    if "total" in parts:
        return text("compare.regions", "apart.total", lang)
    return text("compare.regions", "apart.parts", lang,
                parts=Seq(tuple(Term("part." + p) for p in parts)))


def apart_cells(row: dict, lang: str) -> list[str]:
    """A place listed apart: no rank, its requirement as far as known, and why it cannot be judged."""
    conf = row["confidence"]
    return [region_name(row["region"], lang), requirement_text(row, lang),
            show(Term(conf), lang) if conf else text("compare.view", "unknown", lang), apart_reason(row, lang)]


def region_head(lang: str) -> list[str]:
    return [text("compare.regions", "rank", lang), text("compare.regions", "region", lang),
            text("compare.regions", "requirement", lang), text("compare.regions", "confidence", lang),
            fact_label("shortfall_months", lang), fact_label("total_cost_yuan", lang),
            fact_label("lifetime_benefits", lang)]


def apart_head(lang: str) -> list[str]:
    return [text("compare.regions", "region", lang), text("compare.regions", "requirement", lang),
            text("compare.regions", "confidence", lang), text("compare.regions", "why_apart", lang)]


def split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The places that can be judged (ranked), and those listed apart."""
    return [r for r in rows if r["judged"]], [r for r in rows if not r["judged"]]


def regions_markdown(rows: list[dict], lang: str) -> list[str]:
    out = [f"## {text('compare.regions', 'title', lang)}", ""]
    if not rows:
        return out + [text("compare.regions", "none", lang), ""]
    judged, apart = split(rows)
    head = region_head(lang)
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    out += ["| " + " | ".join(_md_cell(c) for c in region_cells(i, r, lang)) + " |" for i, r in enumerate(judged)]
    out.append("")
    if apart:
        out += [f"### {text('compare.regions', 'apart_title', lang)}", ""]
        head = apart_head(lang)
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(_md_cell(c) for c in apart_cells(r, lang)) + " |" for r in apart]
        out.append("")
    return out


# --- the chart --------------------------------------------------------------------------------------------------
def chart_lines(curve: list[dict], lang: str, width: int = 40) -> list[str]:
    """A horizontal bar per stop month that can be priced: █ payments until retirement, ▒ the back-payment the stop
    leaves; a total resting on an estimate says so. Months that cannot be priced are not drawn: a line says how
    many."""
    if not curve:
        return [text("compare.chart", "empty", lang)]
    priced = [p for p in curve if p["total_cost_yuan"] is not None]
    top = max((p["total_cost_yuan"] for p in priced), default=0) or 1
    out = []
    for p in priced:
        paid = round((p["contributions_yuan"] or 0) / top * width)
        back = round((p["backpay_yuan"] or 0) / top * width)
        total = show(Yuan(p["total_cost_yuan"]), lang)
        out.append(f"{p['stop_after']} {'█' * paid}{'▒' * back} "
                   f"{estimated(total, lang) if p.get('is_estimate') else total}")
    if len(priced) < len(curve):
        out.append(text("compare.chart", "unpriced", lang, months=Months(len(curve) - len(priced))))
    return out


# --- text (Rich) ------------------------------------------------------------------------------------------------
def print_comparison(comparison: Comparison, lang: str = "zh", regions: list[dict] | None = None,
                     console=None, trace: bool = False) -> None:
    from rich.console import Console
    from rich.text import Text

    from . import linebreak
    from .tables import print_table

    linebreak.install()  # Chinese broken between characters, no line beginning with "，" (tui/linebreak.py)
    console = console or Console(highlight=False)
    console.print(Text(text("compare.view", "title", lang), style="bold"))
    console.print(Text(subtitle(comparison, lang), style="dim"))
    head, rows = grid(comparison, lang)
    print_table(console, head, rows, lang, keep=2,  # the figure's name and the plan as it is, beside each scenario
                style=lambda column, value: "bold" if column == 0 or value.startswith(DIFF_MARK) else "")
    console.print(Text(text("compare.view", "legend", lang), style="dim"))
    for line in questions_lines(comparison, lang):
        console.print(Text(line))
    if len(comparison.results) == 1:
        console.print(text("compare.view", "only_baseline", lang))
    if trace:
        print_basis(comparison, lang, console)
    else:
        console.print(Text(text("compare.view", "trace_hint", lang), style="dim"))
    if regions is not None:
        console.print()
        console.print(Text(text("compare.regions", "title", lang), style="bold"))
        if not regions:
            console.print(text("compare.regions", "none", lang))
            return
        judged, apart = split(regions)
        print_table(console, region_head(lang), [region_cells(i, r, lang) for i, r in enumerate(judged)], lang,
                    heading=2)
        if apart:
            console.print(Text(text("compare.regions", "apart_title", lang), style="bold"))
            print_table(console, apart_head(lang), [apart_cells(r, lang) for r in apart], lang)


def print_basis(comparison: Comparison, lang: str, console) -> None:
    """Each scenario's basis, the steps of its figures (the formula of an estimate, the figure still missing)."""
    from rich.text import Text
    from rich.tree import Tree

    from .textreport import add_steps

    for result in comparison.results:
        console.print()
        tree = Tree(Text(text("compare.view", "why", lang, label=result.scenario.label().text(lang)), style="bold"),
                    guide_style="dim")
        add_steps(tree, result.trace, lang)
        console.print(tree)
