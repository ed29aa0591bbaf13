"""Shared helpers: build a profile from a few TOML lines and evaluate it at a fixed date; the app on an example in a
user folder of its own; property tests that draw the same examples on every run."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("YIBAO_I18N_STRICT", "1")  # a message missing from a catalog fails the test
if "YIBAO_REGIONS" not in os.environ:  # the user's own region files never leak into a test
    os.environ["YIBAO_REGIONS"] = tempfile.mkdtemp(prefix="yibao-regions-")

from engine import evaluate, parse_profile
from tui.app import YibaoApp

# The suite's property tests draw the same examples on every run (derandomize), and replay nothing saved from an
# earlier run: a failure is one that anyone can reproduce. ``HYPOTHESIS_PROFILE=explore`` draws new examples.
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
from tui import linebreak

linebreak.install(app=True)  # as the app and the reports do as they start: the tests' own small apps wrap as they do

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 22)
EXAMPLES = ROOT / "profiles"  # the bundled examples
XUZHOU = EXAMPLES / "xuzhou-flexible-man.toml"


def make_profile(person: str, periods: str = "", extra: str = ""):
    """``person``: the lines of [person]; ``periods``: [[periods]] tables; ``extra``: other tables."""
    return parse_profile(f'schema = 1\nname = "测试"\n\n[person]\n{person}\n\n{extra}\n\n{periods}\n')


def period(insurance: str, start: str, end: str | None = None, **keys: str) -> str:
    """One ``[[periods]]`` table: ``period("employee_medical", "2020-01", "2020-12", region="beijing")``."""
    text = f'[[periods]]\ninsurance = "{insurance}"\nstart = "{start}"\n'
    if end:
        text += f'end = "{end}"\n'
    for key, value in keys.items():
        text += f'{key} = "{value}"\n'
    return text


def run(person: str, periods: str = "", extra: str = "", as_of: date = AS_OF):
    return evaluate(make_profile(person, periods, extra), as_of=as_of)


def find_steps(steps, rule: str):
    """Every step of a trace (at any depth) whose rule id is ``rule``."""
    out = []
    for step in steps:
        for node in step.walk():
            if node.rule == rule:
                out.append(node)
    return out


@pytest.fixture
def root() -> Path:
    return ROOT


async def panes_built(pilot, tries: int = 50) -> None:
    """Wait until the main screen has built the panes it adds after its first frame, then let it settle."""
    for _ in range(tries):
        if getattr(pilot.app.screen, "panes_ready", False):
            break
        await pilot.pause(0.01)
    await pilot.pause()


@pytest.fixture
def user_dir(tmp_path, monkeypatch) -> Path:
    """The user's profile folder for one test (``YIBAO_PROFILES``), not created: the app creates it on a save."""
    folder = tmp_path / "profiles"
    monkeypatch.setenv("YIBAO_PROFILES", str(folder))
    return folder


def app_on(path: str | os.PathLike | None = XUZHOU, **kwargs) -> YibaoApp:
    """The app at the suite's date, on ``path`` (the Xuzhou example by default; None: the profile list)."""
    return YibaoApp(path=path, as_of=kwargs.pop("as_of", AS_OF), **kwargs)
