"""The command line of docs/contract.md §3: formats, languages, exit codes, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from tests.conftest import ROOT

XUZHOU = str(ROOT / "profiles" / "xuzhou-flexible-man.toml")


def yibao(*args: str, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd)


def test_check_json_is_the_report_of_the_contract():
    out = yibao("check", XUZHOU, "--format", "json", "--as-of", "2026-11-22")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["as_of"] == "2026-11-22"
    assert data["decisions"]["retirement"]["facts"]["legal_date"] == "2029-04"


@pytest.mark.parametrize("fmt, lang, needle", [
    ("text", "zh", "按现行规定您将于2029年4月（60岁11个月）退休"),
    ("text", "en", "Under current rules you will retire in 2029-04"),
    ("markdown", "zh", "## ✔ 法定退休"),
    ("markdown", "en", "## ✔ Retirement"),
])
def test_check_text_and_markdown(fmt, lang, needle):
    out = yibao("check", XUZHOU, "--format", fmt, "--lang", lang, "--as-of", "2026-11-22")
    assert out.returncode == 0, out.stderr
    assert needle in out.stdout
    assert "source" in out.stdout or "来源" in out.stdout


def test_text_piped_fits_100_columns():
    """Piped, the text report is 100 columns wide (on a terminal, the terminal's width: tests/test_textreport.py)."""
    from rich.cells import cell_len

    out = yibao("check", XUZHOU, "--as-of", "2026-11-22")
    assert max(cell_len(line) for line in out.stdout.splitlines()) <= 100
    assert not any(line != line.rstrip() for line in out.stdout.splitlines())


def test_invalid_profile_exits_2_with_the_field_and_no_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nname = "x"\n[person]\nsex = "male"\nbirth = "1968-13"\nregion = "beijing"\n',
                   encoding="utf-8")
    before = bad.read_bytes()
    out = yibao("check", str(bad))
    assert out.returncode == 2
    assert "出生年月" in out.stderr and "bad.toml" in out.stderr and "Traceback" not in out.stderr
    assert bad.read_bytes() == before


def test_missing_file_exits_2(tmp_path):
    out = yibao("check", str(tmp_path / "nope.toml"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_bad_as_of_exits_2():
    out = yibao("check", XUZHOU, "--as-of", "2026-13-01")
    assert out.returncode == 2 and "--as-of" in out.stderr


def test_regions_lists_every_region_with_its_sourcing():
    out = yibao("regions", "--format", "json")
    rows = json.loads(out.stdout)
    ids = [r["id"] for r in rows]  # every province and prefecture-level place (engine/places.json)
    assert ids[0] == "national" and "sichuan.chengdu" in ids
    assert sum("." not in i for i in ids) == 32 and sum("." in i for i in ids) >= 330
    assert {"official", "secondary", "seed", "assumed", "unknown"} <= set(rows[1]["sourcing"])
    text = yibao("regions")
    assert text.returncode == 0 and "jiangsu.xuzhou" in text.stdout and "徐州市" in text.stdout


def test_version():
    """The version is written once, as engine.__version__: the package's metadata and --version read it there."""
    out = yibao("--version")
    assert out.returncode == 0 and out.stdout == f"yibao {engine.__version__}\n"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "engine.__version__"}


def test_the_readme_profile_example_is_valid():
    """The README shows a profile: it must stay a valid one."""
    import re

    from engine import parse_profile

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    profile = parse_profile(block)
    assert profile.person.region == "jiangsu.xuzhou" and profile.overrides == {"medical.backpay_base_yuan": 9000}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**15, 10**15)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(doc=JSON_VALUES)
def test_json_is_written_as_json_dumps_writes_it(doc):
    """The commands' JSON, made by msgspec, is byte for byte what json.dumps(indent=2) wrote before, except that
    the characters a terminal would obey are written as \\u escapes (engine.safe_text.json_escape): the same values."""
    from engine.core.safe_text import json_escape
    from tui.cli import json_text

    assert json_text(doc) == json_escape(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
    assert json.loads(json_text(doc)) == doc


@pytest.mark.parametrize("path", sorted((ROOT / "profiles").glob("*.toml")), ids=lambda p: p.stem)
def test_every_example_s_report_is_written_as_json_dumps_writes_it(path):
    from datetime import date

    from engine import evaluate, load_profile
    from tui.cli import json_text

    report = evaluate(load_profile(path), as_of=date(2026, 11, 22))
    for lang in ("zh", "en"):
        doc = report.to_dict(lang)
        assert json_text(doc) == json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@pytest.mark.parametrize("lang, words", [("zh", "文件或文件夹不存在"), ("en", "no such file or folder")])
def test_a_missing_file_of_local_figures_is_said_in_the_readers_words(tmp_path, lang, words):
    out = yibao("regions", "add", str(tmp_path / "nowhere.toml"), "--lang", lang)
    assert out.returncode == 2 and words in out.stderr, out.stderr
    assert "No such file" not in out.stderr and "Traceback" not in out.stderr
