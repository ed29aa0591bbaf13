"""Reports a person can hand over: every bundled example opens with its summary (three to seven lines, each from
an existing decision), and its Markdown, text and one-page print reports, in both languages, carry no fact key, parameter id, enum
value or Python value: the JSON keeps the facts."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest
from rich.console import Console

from engine import DECISIONS_BY_KEY, INSURANCES, MEDICAL, MODES, SEXES, STATUSES, evaluate, load_profile
from engine.words import decision_title, markdown, term
from engine.words import text as text_of
from tests.conftest import AS_OF, ROOT
from tui.printreport import page
from tui.textreport import print_report

PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
LANGS = ("zh", "en")


def param_ids() -> set[str]:
    """Every parameter name declared in engine/policy/params.toml (``medical.min_years.male`` …)."""
    with open(ROOT / "engine" / "policy" / "params.toml", "rb") as fh:
        return set(tomllib.load(fh)["param"])


SNAKE = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")


def fact_keys(report) -> set[str]:
    """The keys of every decision's facts and of the records inside them, and the enum values they hold (the
    snake_case strings: ``employee_medical``, ``with_account`` …)."""
    out: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str) and SNAKE.fullmatch(value):
            out.add(value)
        if isinstance(value, dict):
            out.update(k for k in value if isinstance(k, str))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for d in report.to_dict("en")["decisions"].values():
        walk(d["facts"])
    return out


#: enum values a profile or a fact may hold (``employee_medical``, ``with_account`` …): the snake_case ones
ENUMS = {v for v in (*INSURANCES, *MEDICAL, *MODES, *SEXES, *STATUSES) if "_" in v}
PYTHON = ("None", "True", "False", "{", "[")


def rendered(path: Path, lang: str) -> dict[str, str]:
    report = evaluate(load_profile(path), as_of=AS_OF)
    buf = io.StringIO()
    print_report(report, lang, console=Console(file=buf, width=100, highlight=False, color_system=None))
    return {"markdown": markdown(report, lang), "text": buf.getvalue(), "print": page(report, lang)}


def words(text: str, token: str) -> bool:
    """``token`` appears in ``text`` as a whole name (not inside a longer word or path)."""
    return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w])", text) is not None


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_reports_carry_no_names_ids_or_dumps(path: Path) -> None:
    report = evaluate(load_profile(path), as_of=AS_OF)
    keys = {k for k in fact_keys(report) if "_" in k}  # one-word keys (``region``, ``met``) are plain words too
    params = param_ids()
    assert keys and params
    for lang in LANGS:
        for kind, text in rendered(path, lang).items():
            found = sorted({k for k in keys | ENUMS if words(text, k)} | {p for p in params if p in text}
                           | {v for v in PYTHON if v in text})
            assert not found, f"{path.stem} {kind} {lang}: {found}"


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_json_summary_names_existing_decisions(path: Path) -> None:
    report = evaluate(load_profile(path), as_of=AS_OF)
    for lang in LANGS:
        doc = report.to_dict(lang)
        summary = doc["summary"]
        assert 3 <= len(summary) <= 7
        for line in summary:
            assert set(line) == {"code", "text", "decision"}
            assert line["decision"] in DECISIONS_BY_KEY and line["decision"] in doc["decisions"]
            assert line["text"].strip() and "{" not in line["text"]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_report_opens_with_its_summary(path: Path) -> None:
    report = evaluate(load_profile(path), as_of=AS_OF)
    for lang in LANGS:
        lines = [line.text(lang) for line in report.summary()]
        for kind, text in rendered(path, lang).items():
            flat = re.sub(r"\s+", "", text)
            at = [flat.find(re.sub(r"\s+", "", line)) for line in lines]
            assert all(i >= 0 for i in at), f"{path.stem} {kind} {lang}: summary missing"
            said = report.decisions["retirement"].verdict_text(lang)
            if kind == "print":  # one page: each decision in its first clause, under its title
                said = text_of("report", "print.decision", lang, title=decision_title("retirement", lang),
                               status=term(report.decisions["retirement"].status, lang), verdict="")
            first_decision = flat.find(re.sub(r"\s+", "", said))
            assert max(at) < first_decision, f"{path.stem} {kind} {lang}: summary not first"
