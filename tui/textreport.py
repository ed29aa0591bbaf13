"""The ``text`` format of ``yibao check`` and ``yibao regions``, drawn with Rich (readable at 80 columns).

Layout: the report is drawn at the terminal's width (100 columns when piped), then tidied line by line
(:func:`tidy`): no trailing spaces, and no line starts with punctuation (a comma or closing bracket that Rich's
wrapping left at a line start goes back to the end of the line before; the report is drawn two columns narrower
so that it still fits). A source stays on its line with its text, and each language keeps one punctuation style
(full-width ``：`` in Chinese, ``: `` in English).
"""

from __future__ import annotations

import io
import re

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.text import Text
from rich.tree import Tree

from engine import words as i18n
from engine.words import decision_title, term
from engine.words import STATUS_MARK, header, labels, option_lines, summary_lines, verify_lines
from engine import Report, Step, questions
from engine.words import safe_text, view

from . import linebreak
from .tables import print_table

STATUS_STYLE = {"met": "bold green", "not_met": "bold red", "unknown": "bold yellow", "info": "bold cyan"}


PIPED_WIDTH = 100
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TRAILING = re.compile(r"(?:\x1b\[[0-9;]*m|[ \t\u3000])+$")
_GUIDE = set(" \t│├└─┃┣┗━┌┐┘┬┴┼╭╮╰╯•·")
#: what may not start a line: closing punctuation of both languages
LINE_START_PUNCT = set("，。；：、！？）》」』】〕,.;:)]}%")


def colon(lang: str) -> str:
    """What follows a label before its text, in ``lang``: ``：`` / ``: ``."""
    return i18n.text("join", "colon", lang)


def _source_labels() -> frozenset[str]:
    """The source label of every language, as a line holding nothing else shows it: ``来源：``, ``source:``."""
    return frozenset(i18n.text("view", "source", lang, title="", ref="").strip() for lang in i18n.LANGS)


def _label_split(line: str) -> tuple[str, str, str]:
    """``label``, the separator after it and the rest, at the first label separator of any language."""
    seps = {colon(lang) for lang in i18n.LANGS}
    found = [(line.find(sep), sep) for sep in seps | {sep.strip() for sep in seps}]
    found = [(i, sep) for i, sep in found if i >= 0]
    if not found:
        return line, "", ""
    i, sep = min(found, key=lambda f: (f[0], -len(f[1])))
    return line[:i], sep, line[i + len(sep):]


def _strip_trailing(line: str) -> str:
    match = _TRAILING.search(line)
    if not match:
        return line
    return line[:match.start()] + "".join(_ANSI.findall(match.group(0)))


def _first_content(line: str) -> int | None:
    """The index in ``line`` (ANSI codes skipped) of its first character after the tree guides and indent."""
    i = 0
    while i < len(line):
        code = _ANSI.match(line, i)
        if code:
            i = code.end()
            continue
        if line[i] in _GUIDE:
            i += 1
            continue
        return i
    return None


def _fold(line: str, width: int, prefix: str) -> list[str]:
    """``line`` cut into pieces of at most ``width`` cells (ANSI codes count nothing); the pieces after the first
    start with ``prefix``."""
    out, current, used = [], "", 0
    i = 0
    while i < len(line):
        code = _ANSI.match(line, i)
        if code:
            current += code.group(0)
            i = code.end()
            continue
        w = cell_len(line[i])
        if used + w > width and used > cell_len(prefix):
            out.append(current)
            current, used = prefix, cell_len(prefix)
        current += line[i]
        used += w
        i += 1
    out.append(current)
    return out


def _join_lone_sources(lines: list[str], width: int | None) -> list[str]:
    """A source label Rich left alone on its line takes its text back from the line below."""
    out: list[str] = []
    source_labels = _source_labels()
    n = 0
    while n < len(lines):
        line = lines[n]
        i = _first_content(line)
        visible = _ANSI.sub("", line[i:]) if i is not None else ""
        if i is not None and visible.strip() in source_labels and n + 1 < len(lines):
            j = _first_content(lines[n + 1])
            if j is not None:
                prefix = _ANSI.sub("", line[:i])
                sep = " " if visible.strip().endswith(":") else ""
                joined = _strip_trailing(line) + sep + lines[n + 1][j:]
                out.extend(_fold(joined, width, prefix) if width else [joined])
                n += 2
                continue
        out.append(line)
        n += 1
    return out


def tidy(text: str, width: int | None = None) -> str:
    """Every line without trailing spaces, none starting with punctuation (moved to the line before), and no
    source label alone on its line (folded at ``width`` when given)."""
    lines = [_strip_trailing(line) for line in text.replace("\u00a0", " ").split("\n")]
    lines = [_strip_trailing(line) for line in _join_lone_sources(lines, width)]
    for n in range(1, len(lines)):
        moved = ""
        while True:
            i = _first_content(lines[n])
            if i is None or lines[n][i] not in LINE_START_PUNCT or not _ANSI.sub("", lines[n - 1]).strip():
                break
            moved += lines[n][i]
            lines[n] = lines[n][:i] + lines[n][i + 1:]
        if moved:
            lines[n - 1] = _strip_trailing(lines[n - 1]) + moved
            lines[n] = _strip_trailing(lines[n])
            if not _ANSI.sub("", lines[n]).strip(" │├└─┃"):
                lines[n] = ""
    return "\n".join(lines)


def report_width(console: Console, explicit: bool) -> int:
    """The terminal's width, or 100 columns when the output is piped (a console passed in keeps its width)."""
    if explicit or console.is_terminal:
        return console.width
    return PIPED_WIDTH


def _drawn(console: Console, width: int) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    sink = Console(file=buf, width=max(20, width - 2), highlight=False, force_terminal=console.is_terminal,
                   color_system=console.color_system if console.is_terminal else None, soft_wrap=False,
                   emoji=False)
    return sink, buf


def _shown(text: str) -> str:
    """Text of the report as it may be drawn: anything a terminal would obey (from a file) shown escaped."""
    return safe_text(text, lines=True)


def step_text(step: Step, lang: str) -> Text:
    """A step as the report draws it: in words, a parameter by its title (no ids), and its source under it."""
    v = view(step, lang, plain=True)
    if v.is_param:
        conf = v.confidence or ""
        text = Text(_shown(v.line), style="dim" if conf in ("official", "secondary") else "")
        if v.flag(lang):
            text.append("  " + v.flag(lang), style="bold yellow" if v.verify else "bold blue")
        return text
    style = {True: "green", False: "red"}.get(v.passed, "")
    text = Text(_shown(v.line), style=style)
    if v.source is not None:
        # one unbroken run after the label: the label never stands alone on a line with the title below it
        label, sep, rest = _label_split(_shown(v.source))
        head = (label + sep).replace(" ", "\u00a0") if sep else ""
        text.append("\n" + head + (rest if sep else _shown(v.source)), style="dim italic")
    return text


def add_steps(tree: Tree, steps: list[Step], lang: str) -> None:
    for step in steps:
        add_steps(tree.add(step_text(step, lang)), step.children, lang)


def print_report(report: Report, lang: str = "zh", trace: bool = True, console: Console | None = None) -> None:
    linebreak.install()  # no wrapped line of the report begins with "，" or "。" (tui/linebreak.py)
    out = console or Console(highlight=False)
    console, buf = _drawn(out, report_width(out, explicit=console is not None))
    _print_report(report, lang, trace, console)
    out.file.write(tidy(buf.getvalue(), console.width))
    out.file.flush()


def _print_report(report: Report, lang: str, trace: bool, console: Console) -> None:
    """The summary first, then the warnings, each decision's verdict and options, the questions to ask locally,
    and the rule trail as an appendix (with the figures to verify and the legend)."""
    lab = labels(lang)
    title, sub = header(report, lang, ids=False)
    console.print(Text(_shown(title), style="bold"))
    console.print(Text(_shown(sub), style="dim"))
    console.print()
    console.print(Text(lab["summary"], style="bold"))
    for line in summary_lines(report, lang):
        console.print(Padding(Text(_shown(f"• {line}")), (0, 0, 0, 2), expand=False))
    print_warnings(report, lang, console)  # the profile checked against itself: after the summary it qualifies
    for key, outcome in report.decisions.items():
        console.print()
        head = Text(f"{STATUS_MARK[outcome.status]} {decision_title(key, lang)} ", style=STATUS_STYLE[outcome.status])
        head.append(f"· {term(outcome.status, lang)}", style="dim")
        console.print(head)
        console.print(Padding(Text(_shown(outcome.verdict_text(lang))), (0, 0, 0, 2), expand=False))
        opts = option_lines(outcome, lang)
        if opts:
            console.print(Text(f"  {lab['options'].rstrip(':：')}{colon(lang).rstrip()}", style="bold"))
            for o in opts:
                console.print(Padding(Text(_shown(f"• {o}")), (0, 0, 0, 3), expand=False))
    console.print()
    console.print(Text(lab["questions"], style="bold yellow"))
    asked = questions(report, lang)
    for n, q in enumerate(asked, 1):
        console.print(Padding(Text(_shown(f"{n}. {q}")), (0, 0, 0, 2), expand=False))
    if not asked:
        console.print(Padding(Text(lab["no_questions"]), (0, 0, 0, 2), expand=False))
    if trace:
        console.print()
        console.print(Text(lab["appendix"], style="bold"))
        for key, outcome in report.decisions.items():
            if outcome.trace:
                tree = Tree(Text(decision_title(key, lang), style="bold"), guide_style="dim")
                add_steps(tree, outcome.trace, lang)
                console.print(tree)
    verify = verify_lines(report, lang, plain=True)
    if verify:
        console.print()
        console.print(Text(lab["verify"], style="bold yellow"))
        for line in verify:
            console.print(Padding(Text(_shown(f"• {line}")), (0, 0, 0, 2), expand=False))
    if trace:
        console.print()
        console.print(Text(lab["legend.plain"], style="dim"))


def print_warnings(report: Report, lang: str, console: Console) -> None:
    """The warnings of the report (engine/warnings.py), after the summary, each with its title."""
    from engine import compute_warnings as compute

    for warning in compute(report):
        console.print()
        console.print(Text(_shown(f"⚠ {warning.title(lang)}"), style="bold yellow"))
        console.print(Padding(Text(_shown(warning.message(lang))), (0, 0, 0, 2), expand=False))


def print_regions(rows: list[dict], lang: str = "zh", console: Console | None = None) -> None:
    linebreak.install()
    console = console or Console(highlight=False)
    words = {k: i18n.text("report", f"regions.{k}", lang) for k in ("title", "name", "sourcing", "known")}
    cells = []
    for row in rows:
        c = row["sourcing"]
        parts = [f"{i18n.show(i18n.Term(k), lang)} {v}" for k, v in c.items() if v]
        cells.append([_shown(row["id"]), _shown(i18n.show(i18n.Region(row["id"]), lang)), "\n".join(parts) or "—",
                      _shown(row["summary"])])
    print_table(console, ["id", words["name"], words["sourcing"], words["known"]], cells, lang, title=words["title"],
                show_lines=True, style=lambda column, value: "bold" if column == 0 else "")
