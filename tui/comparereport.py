"""The views of ``yibao compare``: text (Rich), Markdown, JSON; the cells and the chart the app shares.

Scenarios are columns, facts are rows; a cell whose value differs from the baseline carries the mark ``≠`` (a
symbol, never colour alone).
"""

from __future__ import annotations

from typing import Any

from engine.compare import FACTS, Comparison
from engine.i18n import Months, Yuan, show, text
from engine.months import Month
from engine.regions import region_name
from engine.safe_text import safe_text

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


def cell(result, fact: str, lang: str) -> str:
    mark = f"{DIFF_MARK} " if fact in result.differs else ""
    return mark + value_text(fact, result.facts.get(fact), lang)


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


def markdown(comparison: Comparison, lang: str = "zh", regions: list[dict] | None = None) -> str:
    head, rows = grid(comparison, lang)
    out = [f"# {text('compare.view', 'title', lang)}", "", subtitle(comparison, lang), ""]
    out.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
    out.append("|" + "---|" * len(head))
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    out += ["", text("compare.view", "legend", lang), ""]
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
    conf = row["confidence"]
    return [str(i + 1), region_name(row["region"], lang), requirement_text(row, lang),
            show_term(conf, lang) if conf else text("compare.view", "unknown", lang),
            value_text("shortfall_months", row["shortfall_months"] if row["medical_met"] is not None else None, lang),
            value_text("total_cost_yuan", row["total_cost_yuan"], lang),
            value_text("lifetime_benefits", row["lifetime_benefits"], lang)]


def show_term(code: str, lang: str) -> str:
    from engine.i18n import Term

    return show(Term(code), lang)


def region_head(lang: str) -> list[str]:
    return [text("compare.regions", "rank", lang), text("compare.regions", "region", lang),
            text("compare.regions", "requirement", lang), text("compare.regions", "confidence", lang),
            fact_label("shortfall_months", lang), fact_label("total_cost_yuan", lang),
            fact_label("lifetime_benefits", lang)]


def regions_markdown(rows: list[dict], lang: str) -> list[str]:
    out = [f"## {text('compare.regions', 'title', lang)}", ""]
    if not rows:
        return out + [text("compare.regions", "none", lang), ""]
    head = region_head(lang)
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    out += ["| " + " | ".join(_md_cell(c) for c in region_cells(i, r, lang)) + " |" for i, r in enumerate(rows)]
    return out + [""]


# --- the chart --------------------------------------------------------------------------------------------------
def chart_lines(curve: list[dict], lang: str, width: int = 40) -> list[str]:
    """A horizontal bar per stop month: █ payments until retirement, ▒ the back-payment the stop leaves."""
    if not curve:
        return [text("compare.chart", "empty", lang)]
    known = [p["total_cost_yuan"] for p in curve if p["total_cost_yuan"] is not None]
    top = max(known, default=0) or 1
    out = []
    for p in curve:
        label = str(p["stop_after"])
        total = p["total_cost_yuan"]
        if total is None:
            out.append(f"{label} {text('compare.chart', 'unknown', lang)}")
            continue
        paid = round((p["contributions_yuan"] or 0) / top * width)
        back = round((p["backpay_yuan"] or 0) / top * width)
        out.append(f"{label} {'█' * paid}{'▒' * back} {show(Yuan(total), lang)}")
    return out


# --- text (Rich) ------------------------------------------------------------------------------------------------
def print_comparison(comparison: Comparison, lang: str = "zh", regions: list[dict] | None = None,
                     console=None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from . import linebreak

    linebreak.install()  # Chinese broken between characters, no line beginning with "，" (tui/linebreak.py)
    console = console or Console(highlight=False)
    console.print(Text(text("compare.view", "title", lang), style="bold"))
    console.print(Text(subtitle(comparison, lang), style="dim"))
    head, rows = grid(comparison, lang)
    table = Table(show_lines=False, expand=False)
    for i, h in enumerate(head):
        table.add_column(h, style="bold" if i == 0 else "", overflow="fold")
    for row in rows:
        table.add_row(*[Text(c, style="bold" if c.startswith(DIFF_MARK) else "") for c in row])
    console.print(table)
    console.print(Text(text("compare.view", "legend", lang), style="dim"))
    if len(comparison.results) == 1:
        console.print(text("compare.view", "only_baseline", lang))
    if regions is not None:
        console.print()
        console.print(Text(text("compare.regions", "title", lang), style="bold"))
        if not regions:
            console.print(text("compare.regions", "none", lang))
            return
        rt = Table(expand=False)
        for h in region_head(lang):
            rt.add_column(h, overflow="fold")
        for i, r in enumerate(regions):
            rt.add_row(*region_cells(i, r, lang))
        console.print(rt)
