"""The text report's layout (tui/textreport.py): wrapped to the width, no trailing spaces, no line starting with
punctuation, a source on its line with its text, one punctuation style per language. Every bundled profile, both
languages, at 80 columns, piped (100 columns) and on a colour terminal."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from engine import evaluate, load_profile
from tui.textreport import LINE_START_PUNCT, PIPED_WIDTH, print_report, tidy

ROOT = Path(__file__).resolve().parent.parent
PROFILES = sorted((ROOT / "profiles").glob("*.toml"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")
GUIDES = " │├└─•"


def drawn(path: Path, lang: str, **console) -> list[str]:
    report = evaluate(load_profile(path), as_of=date(2026, 11, 22))
    out = io.StringIO()
    print_report(report, lang, console=Console(file=out, **console))
    return [ANSI.sub("", line) for line in out.getvalue().split("\n")]


def check_lines(lines: list[str], width: int, lang: str) -> None:
    for n, line in enumerate(lines, 1):
        assert line == line.rstrip(), f"line {n} ends in spaces: {line!r}"
        assert cell_len(line) <= width, f"line {n} is {cell_len(line)} wide: {line!r}"
        content = line.lstrip(GUIDES)
        assert not content or content[0] not in LINE_START_PUNCT, f"line {n} starts with punctuation: {line!r}"
        assert not re.fullmatch(r"(来源|source)\s*[:：]?", content), f"line {n}: a source without its text"
        if lang == "zh":
            assert "来源:" not in line and "您可以:" not in line
        else:
            assert "来源" not in line


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_report_at_80_columns(path, lang):
    check_lines(drawn(path, lang, width=80), 80, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_report_piped_is_100_columns(lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal the output is piped from
    report = evaluate(load_profile(PROFILES[0]), as_of=date(2026, 11, 22))
    import contextlib

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_report(report, lang)
    lines = out.getvalue().split("\n")
    check_lines(lines, PIPED_WIDTH, lang)
    assert max(cell_len(line) for line in lines) > 80  # it does use the room


def test_text_report_on_a_colour_terminal():
    lines = drawn(PROFILES[0], "zh", width=80, force_terminal=True, color_system="truecolor")
    check_lines(lines, 80, "zh")


@pytest.mark.parametrize("raw, tidied", [
    ("abc   \n  ；def", "abc；\n  def"),
    ("│   一二三\n│   ）、四", "│   一二三）、\n│   四"),
    ("x\n  ：", "x："),
    ("\x1b[1mabc  \x1b[0m  ", "\x1b[1mabc\x1b[0m"),
    ("\n，", "\n，"),  # nothing before it to take it
])
def test_tidy(raw, tidied):
    assert tidy(raw).rstrip("\n") == tidied.rstrip("\n")
