"""The ``text`` format of ``yibao check`` and ``yibao regions``, drawn with Rich (readable at 80 columns)."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from engine import i18n
from engine.glossary import decision_title, term
from engine.render import STATUS_MARK, header, labels, option_lines, verify_lines
from engine.report import Report
from engine.trace import Step, view

STATUS_STYLE = {"met": "bold green", "not_met": "bold red", "unknown": "bold yellow", "info": "bold cyan"}
CONFIDENCE_STYLE = {"official": "green", "secondary": "cyan", "unverified": "yellow", "seed": "yellow", "assumed": "magenta", "user": "blue"}


def step_text(step: Step, lang: str) -> Text:
    v = view(step, lang)
    if v.is_param:
        conf = v.confidence or ""
        text = Text(v.line, style="dim" if conf in ("official", "secondary") else "")
        if v.flag(lang):
            text.append("  " + v.flag(lang), style="bold yellow" if v.verify else "bold blue")
        return text
    style = {True: "green", False: "red"}.get(v.passed, "")
    text = Text(v.line, style=style)
    if v.source is not None:
        text.append(f"\n{v.source}", style="dim italic")
    return text


def add_steps(tree: Tree, steps: list[Step], lang: str) -> None:
    for step in steps:
        add_steps(tree.add(step_text(step, lang)), step.children, lang)


def print_report(report: Report, lang: str = "zh", trace: bool = True, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    lab = labels(lang)
    title, sub = header(report, lang)
    console.print(Text(title, style="bold"))
    console.print(Text(sub, style="dim"))
    print_warnings(report, lang, console)
    for key, outcome in report.decisions.items():
        console.print()
        head = Text(f"{STATUS_MARK[outcome.status]} {decision_title(key, lang)} ", style=STATUS_STYLE[outcome.status])
        head.append(f"[{term(outcome.status, lang)}]", style="dim")
        console.print(head)
        console.print(Padding(Text(outcome.verdict_text(lang)), (0, 0, 0, 2), expand=False))
        opts = option_lines(outcome, lang)
        if opts:
            console.print(Text(f"  {lab['options']}:", style="bold"))
            for o in opts:
                console.print(Padding(Text(f"• {o}"), (0, 0, 0, 3), expand=False))
        if trace and outcome.trace:
            tree = Tree(Text(lab["why"], style="bold"), guide_style="dim")
            add_steps(tree, outcome.trace, lang)
            console.print(tree)
    verify = verify_lines(report, lang)
    if verify:
        console.print()
        console.print(Text(lab["verify"], style="bold yellow"))
        for line in verify:
            console.print(Padding(Text(f"• {line}"), (0, 0, 0, 2), expand=False))
    console.print()
    console.print(Text(lab["legend"], style="dim"))


def print_warnings(report: Report, lang: str, console: Console) -> None:
    """The warnings of the report (engine/warnings.py), first, each with its title."""
    from engine.warnings import compute

    for warning in compute(report):
        console.print()
        console.print(Text(f"⚠ {warning.title(lang)}", style="bold yellow"))
        console.print(Padding(Text(warning.message(lang)), (0, 0, 0, 2), expand=False))


def print_regions(rows: list[dict], lang: str = "zh", console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    words = {k: i18n.text("report", f"regions.{k}", lang) for k in ("title", "name", "sourcing", "known")}
    table = Table(title=words["title"], show_lines=True, expand=True)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column(words["name"], no_wrap=True)
    table.add_column(words["sourcing"], no_wrap=True)
    table.add_column(words["known"], overflow="fold", ratio=1)
    for row in rows:
        c = row["sourcing"]
        parts = [f"{i18n.show(i18n.Term(k), lang)} {v}" for k, v in c.items() if v]
        table.add_row(row["id"], i18n.show(i18n.Region(row["id"]), lang), "\n".join(parts) or "—", row["summary"])
    console.print(table)
