"""The ``text`` format of ``yibao check`` and ``yibao regions``, drawn with Rich (readable at 80 columns)."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from engine.glossary import DECISION_TITLES, term
from engine.render import STATUS_MARK, header, labels, option_lines, verify_lines
from engine.report import Report
from engine.trace import Step, step_line

STATUS_STYLE = {"met": "bold green", "not_met": "bold red", "unknown": "bold yellow", "info": "bold cyan"}
CONFIDENCE_STYLE = {"official": "green", "secondary": "cyan", "seed": "yellow", "assumed": "magenta", "user": "blue"}


def step_text(step: Step, lang: str) -> Text:
    line = step_line(step, lang)
    if step.is_param:
        conf = step.confidence or ""
        text = Text(line, style="dim" if conf in ("official", "secondary") else "")
        if conf in ("seed", "assumed") or step.result is None:
            text.append("  " + ("verify locally" if lang == "en" else "需向当地核实"), style="bold yellow")
        return text
    style = {True: "green", False: "red"}.get(step.passed, "")
    text = Text(line, style=style)
    if step.source is not None:
        text.append(f"\n{'source' if lang == 'en' else '来源'}: {step.source.title}", style="dim italic")
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
        zh, en = DECISION_TITLES[key]
        console.print()
        head = Text(f"{STATUS_MARK[outcome.status]} {en if lang == 'en' else zh} ", style=STATUS_STYLE[outcome.status])
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
    en = lang == "en"
    table = Table(title="地区与数据来源" if not en else "Regions and how their data is sourced", show_lines=True, expand=True)
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("name" if en else "名称", no_wrap=True)
    table.add_column("sourcing" if en else "数据来源", no_wrap=True)
    table.add_column("what is known" if en else "已知情况", overflow="fold", ratio=1)
    for row in rows:
        c = row["sourcing"]
        parts = [f"{k} {v}" for k, v in c.items() if v]
        table.add_row(row["id"], row["name_en"] if en else row["name"], "\n".join(parts) or "—", row["summary"])
    console.print(table)
