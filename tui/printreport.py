"""The ``print`` format of ``yibao check``: one page for someone who reads on paper.

Plain text at most 80 columns wide, without colour, box drawing or symbols: the person, the summary, each decision
in a sentence (its verdict's first clause: the rest is in the full report), the questions to ask locally, and a line
saying how to get the full report with its rule trail. About one page (:data:`PAGE_LINES`): where the questions
would run past it, the first ones are printed and the line after them says how many more the full report lists.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from engine import DECISIONS_BY_KEY, Outcome, Report, questions
from engine import words as i18n
from engine.words import decision_title, header, labels, safe_text, summary_lines, term

from . import linebreak
from .textreport import tidy

WIDTH = 80
PAGE_LINES = 60
#: the questions printed at least, whatever the length of the rest
MIN_QUESTIONS = 3


def first_clause(verdict: str, lang: str) -> str:
    """A verdict's first clause: the text before the first clause mark of ``lang`` (catalog ``join``/``clauses``:
    "；" / "; ") outside brackets; the whole verdict where it has one clause."""
    joined = i18n.text("join", "clauses", lang, a="<a>", b="<b>")
    mark = joined[joined.index("<a>") + 3:joined.index("<b>")]
    depth = 0
    for i, ch in enumerate(verdict):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif depth == 0 and verdict.startswith(mark, i):
            return verdict[:i]
    return verdict


def decision_sentence(key: str, outcome: Outcome, lang: str, brief: bool = False) -> str:
    """``法定退休（达标）：按现行规定您将于2029年4月退休``: the decision, its status in words and its verdict's first
    clause; ``brief``: its key figure instead (``法定退休（达标）：2029-04（60岁11个月）``)."""
    decision = DECISIONS_BY_KEY.get(key)
    figure = decision.figure(outcome.facts, lang) if brief and decision is not None else ""
    said = figure or first_clause(outcome.verdict_text(lang), lang)
    return i18n.text("report", "print.decision", lang, title=decision_title(key, lang), status=term(outcome.status, lang),
                     verdict=said)


def person_line(report: Report, lang: str) -> str:
    """``男，1968-05出生，待遇享受地 徐州市``: who the report is about (the name is in the title)."""
    person = report.profile.person
    return i18n.text("report", "print.person", lang, sex=term(person.sex, lang), birth=str(person.birth),
                     region=i18n.region_name(person.region, lang))


class Page:
    """Lines wrapped to :data:`WIDTH` columns, a hanging indent under a bullet or number."""

    def __init__(self) -> None:
        self.console = Console(width=WIDTH, color_system=None, highlight=False, emoji=False, markup=False)
        self.lines: list[str] = []

    def add(self, text: str = "", bullet: str = "") -> None:
        if not text and not bullet:
            self.lines.append("")
            return
        text = safe_text(text, lines=True)
        pad = " " * len(bullet)
        wrapped = Text(text).wrap(self.console, WIDTH - len(bullet))
        for n, line in enumerate(wrapped):
            self.lines.append((bullet if n == 0 else pad) + line.plain.rstrip())

    def text(self) -> str:
        return tidy("\n".join(self.lines), WIDTH) + "\n"


def head(report: Report, lang: str, brief: frozenset[str]) -> Page:
    """Everything above the questions: the person, the summary, and each decision in a sentence (those in
    ``brief`` by their key figure)."""
    lab = labels(lang)
    title, sub = header(report, lang, ids=False)
    body = Page()
    body.add(title)
    body.add(sub)
    body.add(person_line(report, lang))
    body.add()
    body.add(lab["summary"])
    for line in summary_lines(report, lang):
        body.add(line, "- ")
    body.add()
    body.add(lab["decisions"])
    for key, outcome in report.decisions.items():
        body.add(decision_sentence(key, outcome, lang, brief=key in brief), "- ")
    body.add()
    body.add(lab["questions"])
    return body


def page(report: Report, lang: str = "zh") -> str:
    """The report on one page (see the module's docstring): where the questions would run past the page, the
    decisions met are said by their key figure; where they still would, the first questions are printed and a line
    says how many more the full report lists."""
    linebreak.install()  # no wrapped line begins with "，" or "。" (tui/linebreak.py)
    asked = questions(report, lang)
    items = []
    for n, q in enumerate(asked, 1):
        one = Page()
        one.add(q, f"{n}. ")
        items.append(one.lines)
    if not asked:
        none = Page()
        none.add(labels(lang)["no_questions"])
        items.append(none.lines)
    tail = Page()
    tail.add()
    tail.add(i18n.text("report", "print.full", lang))
    all_lines = sum(len(lines) for lines in items)
    body = head(report, lang, frozenset())
    if len(body.lines) + all_lines + len(tail.lines) > PAGE_LINES:
        body = head(report, lang, frozenset(k for k, o in report.decisions.items() if o.status == "met"))
    room = PAGE_LINES - len(body.lines) - len(tail.lines)
    shown = Page()
    for n, lines in enumerate(items, 1):
        more = len(items) - n
        if n > MIN_QUESTIONS and len(shown.lines) + len(lines) + (1 if more else 0) > room:
            shown.add(i18n.text("report", "print.more_questions", lang, n=more + 1))
            break
        shown.lines += lines
    return joined(body, shown, tail)


def joined(*pages: Page) -> str:
    """The pages' lines one after the other, as text."""
    out = Page()
    for part in pages:
        out.lines += part.lines
    return out.text()
