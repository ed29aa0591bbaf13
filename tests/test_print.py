"""The one-page print layout (``yibao check PATH --format print``, tui/printreport.py) and the one count of questions.

Every bundled example in both languages: plain text (no colour, no box drawing, no status symbols), no line wider
than 80 columns, at most a page of 60 lines, the person, the summary, every decision, the questions to ask locally
(all of them, or the first ones and how many more) and the line saying how to get the full report. And on every
view, the summary counts exactly the questions the report lists.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from engine import evaluate, load_profile, questions
from engine.words import decision_title, summary_lines, term, text
from tui.printreport import PAGE_LINES, WIDTH, first_clause, page

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
AS_OF = date(2026, 11, 22)
LANGS = ("zh", "en")
#: box drawing, block elements, status marks and the report's bullets and tree guides
DRAWN = re.compile(r"[\u2500-\u259f✔✖◆⚠ℹ•\x1b]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_one_plain_page(path: Path, lang: str) -> None:
    report = evaluate(load_profile(path), as_of=AS_OF)
    out = page(report, lang)
    lines = out.splitlines()
    assert 10 < len(lines) <= PAGE_LINES
    for n, line in enumerate(lines, 1):
        assert cell_len(line) <= WIDTH, f"line {n} is {cell_len(line)} wide: {line!r}"
        assert line == line.rstrip(), f"line {n} ends in spaces"
        assert not DRAWN.search(line), f"line {n} is not plain text: {line!r}"
    person = report.profile.person
    assert report.profile.name in lines[0] and str(person.birth) in out and term(person.sex, lang) in out
    flat = re.sub(r"\s+", "", out)
    for line in summary_lines(report, lang):
        assert re.sub(r"\s+", "", line) in flat
    for key, outcome in report.decisions.items():
        assert f"- {decision_title(key, lang)}" in out
    asked = questions(report, lang)
    printed = [q for q in asked if re.sub(r"\s+", "", q) in flat]
    assert printed == asked[:len(printed)] and len(printed) >= min(3, len(asked))
    if len(printed) < len(asked):
        more = len(asked) - len(printed)
        assert re.sub(r"\s+", "", text("report", "print.more_questions", lang, n=more)) in flat
    assert re.sub(r"\s+", "", text("report", "print.full", lang)) in flat
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", out.replace(report.profile.name, ""))


def test_first_clause_stops_at_the_clause_mark_outside_brackets():
    assert first_clause("按现行规定您将于2029年4月退休；养老缴费36年", "zh") == "按现行规定您将于2029年4月退休"
    assert first_clause("约1元（2年 × 3元；估算）；另有", "zh") == "约1元（2年 × 3元；估算）"
    assert first_clause("you retire in 2029-04; pension 36 years", "en") == "you retire in 2029-04"
    assert first_clause("one clause only", "en") == "one clause only"


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_line_prints_the_page(lang: str) -> None:
    path = ROOT / "profiles" / "xuzhou-flexible-man.toml"
    run = subprocess.run([sys.executable, "-m", "tui", "check", str(path), "--as-of", AS_OF.isoformat(), "--format",
                          "print", "--lang", lang], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == page(evaluate(load_profile(path), as_of=AS_OF), lang).splitlines()[0]
    assert len(lines) <= PAGE_LINES and max(cell_len(line) for line in lines) <= WIDTH
    assert re.sub(r"\s+", "", text("report", "print.full", lang)) in re.sub(r"\s+", "", run.stdout)
    helped = subprocess.run([sys.executable, "-m", "tui", "check", "--help", "--lang", lang], capture_output=True,
                            text=True, cwd=ROOT, check=False)
    assert "print" in helped.stdout and "text,json,markdown,print" in helped.stdout.replace(" ", "")


# --- one count of the questions ------------------------------------------------------------------------------------
@pytest.mark.parametrize("as_of", [AS_OF, date(2029, 6, 1)], ids=["today", "figures-read-long-ago"])
@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_the_summary_counts_the_questions_listed(path: Path, as_of: date) -> None:
    """The summary's line about what to ask counts exactly the questions the report lists (figures the data does
    not know, and figures read two years or more before)."""
    report = evaluate(load_profile(path), as_of=as_of)
    asked = questions(report, "zh")
    (line,) = [line for line in report.summary() if line.code in ("ask", "ask_confirm")]
    if asked:
        assert line.code == "ask" and line.message.args["n"] == len(asked)
    else:
        assert line.code == "ask_confirm"
