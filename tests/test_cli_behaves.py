"""A command line that behaves like one: global options anywhere, a help that lists every command, a saved
profile found by its name, tables that fit the width they get, ``compare --trace``, and the place search's order."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len
from rich.console import Console

from engine import compare, load_profile
from engine.data.places import search
from engine.words import text
from tests.conftest import AS_OF, ROOT, XUZHOU
from tui import comparereport
from tui.cli import COMMAND_HELP
from tui.tables import column_floor, fits, print_table

LANGS = ("zh", "en")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def yibao(*args: str, columns: int = 80, **env: str) -> subprocess.CompletedProcess:
    """The command, piped, told it has ``columns`` columns."""
    environ = {**os.environ, "COLUMNS": str(columns), **env}
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT,
                          env=environ)


def widest(out: str) -> int:
    return max(cell_len(line) for line in out.splitlines())


# --- global options before or after the command ------------------------------------------------------------------
@pytest.mark.parametrize("before", [["--lang", "en"], ["--lang=en"], ["--as-of", AS_OF.isoformat(), "--lang", "en"]])
def test_global_options_before_the_command_are_the_same_as_after_it(before):
    first = yibao(*before, "check", str(XUZHOU), "--as-of", AS_OF.isoformat())
    after = yibao("check", str(XUZHOU), "--as-of", AS_OF.isoformat(), *before)
    assert first.returncode == 0, first.stderr
    assert first.stdout == after.stdout
    assert "Under current rules" in first.stdout


def test_global_options_before_regions_and_compare():
    out = yibao("--lang", "en", "--as-of", AS_OF.isoformat(), "regions", "--format", "json")
    assert out.returncode == 0, out.stderr
    out = yibao("--lang", "en", "compare", str(XUZHOU), "--as-of", AS_OF.isoformat())
    assert out.returncode == 0, out.stderr
    assert text("compare.view", "title", "en") in out.stdout


# --- the help lists every command ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_help_lists_every_command_with_one_line_each(lang):
    out = yibao("--help", "--lang", lang)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for usage, key in COMMAND_HELP:
        found = [line for line in lines if line.split(text("cli", key, lang))[0].strip() == usage]
        assert len(found) == 1, usage
    assert {usage.split()[1] for usage, _ in COMMAND_HELP} == {"check", "compare", "regions"}
    assert any(usage.startswith("yibao regions add") for usage, _ in COMMAND_HELP)


# --- a saved profile found by its name or file name ----------------------------------------------------------------
@pytest.fixture
def folder(tmp_path):
    """A profile folder holding the Xuzhou example renamed 陈先生, in a file of another name."""
    source = XUZHOU.read_text(encoding="utf-8")
    renamed = re.sub(r'^name = ".*"$', 'name = "陈先生"', source, count=1, flags=re.M)
    path = tmp_path / "chen-profile.toml"
    path.write_text(renamed, encoding="utf-8")
    path.chmod(0o600)
    return tmp_path


@pytest.mark.parametrize("args", [
    ("check", "陈先生"),
    ("check", "chen-profile"),
    ("check", "chen-profile.toml"),
    ("--lang", "en", "check", "陈先生"),
])
def test_a_saved_profile_is_found_by_name_in_the_profile_folder(folder, args):
    out = yibao(*args, "--as-of", AS_OF.isoformat(), YIBAO_PROFILES=str(folder))
    assert out.returncode == 0, out.stderr
    assert "陈先生" in out.stdout.splitlines()[0]


def test_the_profiles_dir_option_is_the_folder_searched(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("empty")
    out = yibao("--profiles-dir", str(folder), "compare", "陈先生", YIBAO_PROFILES=str(elsewhere))
    assert out.returncode == 0, out.stderr
    assert "陈先生" in out.stdout
    out = yibao("check", "陈先生", YIBAO_PROFILES=str(elsewhere))
    assert out.returncode == 2 and "陈先生" in out.stderr


# --- tables that fit the width they get ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_regions_at_80_columns_has_no_empty_column(lang):
    out = yibao("regions", "--lang", lang)
    assert out.returncode == 0, out.stderr
    assert widest(out.stdout) <= 80
    assert not re.search(r"[┃│┳┻╇┼┬┴━─][┃│]|[┃│][┃│┫┤]", out.stdout)  # no column of no width
    assert "beijing" in out.stdout


def figures(comparison, lang: str) -> set[str]:
    """Every number the comparison's cells show."""
    _, rows = comparereport.grid(comparison, lang)
    return {n for row in rows for cell in row[1:] for n in NUMBER.findall(cell)}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenarios", [(), ("--scenario", "stop_now", "--scenario", "region:shanghai")])
def test_compare_at_80_columns_never_splits_a_number(lang, scenarios):
    out = yibao("compare", str(XUZHOU), *scenarios, "--as-of", AS_OF.isoformat(), "--lang", lang)
    assert out.returncode == 0, out.stderr
    assert widest(out.stdout) <= 80
    chosen = [s for s in scenarios if s != "--scenario"] or None
    shown = set(NUMBER.findall(out.stdout))
    wanted = figures(compare(load_profile(XUZHOU), chosen, AS_OF), lang)
    assert wanted and wanted <= shown, wanted - shown


@pytest.mark.parametrize("lang", LANGS)
def test_compare_regions_at_80_columns_never_splits_a_number(lang):
    out = yibao("compare", str(XUZHOU), "--regions", "--as-of", AS_OF.isoformat(), "--lang", lang)
    assert out.returncode == 0, out.stderr
    assert widest(out.stdout) <= 80
    assert not re.search(r"\d[,.]\s*$", out.stdout, re.M)  # no figure cut at the end of a line
    doc = yibao("compare", str(XUZHOU), "--regions", "--as-of", AS_OF.isoformat(), "--format", "json")
    import json

    costs = {f"{row['total_cost_yuan']:,.2f}" for row in json.loads(doc.stdout)["regions"]
             if row["total_cost_yuan"] is not None}
    assert costs and costs <= set(NUMBER.findall(out.stdout))


def test_a_table_is_never_narrower_than_its_longest_word():
    head = ["figure", "a", "b"]
    rows = [["total cost", "209,061.94 yuan (estimate)", "1,234,567.89 yuan"]]
    widths = fits(head, rows, 50)
    assert widths is not None
    for i, width in enumerate(widths):
        assert width >= column_floor([head[i]] + [row[i] for row in rows])
    assert widths[2] >= cell_len("1,234,567.89")
    assert fits(head, rows, 20) is None  # too narrow for a table: the rows are stacked


@pytest.mark.parametrize("width", [20, 30, 50, 80])
def test_print_table_fits_and_keeps_numbers_whole(width):
    import io

    buf = io.StringIO()
    console = Console(file=buf, width=width, highlight=False)
    head = ["figure", "as planned", "stop paying now"]
    rows = [["total cost", "209,061.94 yuan (estimate)", "≠ 12,345.67 yuan"], ["months", "3 months", "0 months"]]
    print_table(console, head, rows, "en")
    out = buf.getvalue()
    assert widest(out) <= width
    assert {"209,061.94", "12,345.67"} <= set(NUMBER.findall(out))


# --- compare --trace ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_compare_trace_prints_each_scenarios_basis(lang):
    plain = yibao("compare", str(XUZHOU), "--as-of", AS_OF.isoformat(), "--lang", lang)
    traced = yibao("--lang", lang, "compare", str(XUZHOU), "--as-of", AS_OF.isoformat(), "--trace")
    assert traced.returncode == 0, traced.stderr
    assert text("compare.view", "trace_hint", lang) in plain.stdout.replace("\n", "")
    comparison = compare(load_profile(XUZHOU), None, AS_OF)
    for result in comparison.results:
        heading = text("compare.view", "why", lang, label=result.scenario.label().text(lang))
        assert heading in traced.stdout
        assert heading not in plain.stdout
    assert len(traced.stdout.splitlines()) > len(plain.stdout.splitlines())


# --- the place search ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("query, top, first, later", [
    ("sh", "shanghai", "shanghai", "shanxi"),  # 上海's initials exactly; 山西 only begins so
    ("cd", "sichuan.chengdu", "sichuan.chengdu", "hebei.chengde"),  # a province's capital before another city
    ("gz", "guizhou", "guangdong.guangzhou", "jiangxi.ganzhou"),  # the province, then its capital
    ("bj", "beijing", "beijing", "guizhou.bijie"),
])
def test_search_ranks_exact_initials_and_larger_places_first(query, top, first, later):
    found = search(query)
    assert found[0] == top
    assert found.index(first) < found.index(later)


def test_a_table_too_wide_becomes_tables_of_fewer_columns_repeating_the_first():
    from tui.tables import column_groups

    head = ["figure", "as planned"] + [f"scenario {n}" for n in range(5)]
    rows = [["total cost", "209,061.94 yuan"] + [f"≠ {n},234.56 yuan (estimate)" for n in range(5)]]
    assert fits(head, rows, 80) is None
    groups = column_groups(head, rows, 80, keep=2)
    assert groups and len(groups) > 1
    assert all(group[:2] == [0, 1] for group in groups)
    assert sorted(i for group in groups for i in group[2:]) == list(range(2, len(head)))
    for group in groups:
        assert fits([head[i] for i in group], [[row[i] for i in group] for row in rows], 80) is not None
    assert column_groups(head, rows, 30, keep=2) is None  # not even one beside them: stacked


@pytest.mark.parametrize("lang", LANGS)
def test_compare_of_six_scenarios_at_80_columns_is_tables_of_fewer_columns(lang):
    out = yibao("compare", str(XUZHOU), "--as-of", AS_OF.isoformat(), "--lang", lang)
    comparison = compare(load_profile(XUZHOU), None, AS_OF)
    assert len(comparison.results) > 4
    head, _ = comparereport.grid(comparison, lang)
    assert out.stdout.count("┏") >= 2  # more than one table, each with its frame
    headed = [line for line in out.stdout.splitlines() if line.startswith(f"┃ {head[0]} ")]
    assert len(headed) == out.stdout.count("┏")  # each repeating the figures' names
    assert widest(out.stdout) <= 80


def test_the_app_is_opened_on_a_saved_profile_by_its_name_too(folder):
    from tui.cli import find_profile

    assert find_profile("陈先生", str(folder)) == str(folder / "chen-profile.toml")
    assert find_profile("xuzhou-flexible-man", str(folder)) == str(XUZHOU)  # then the bundled examples
    assert find_profile("nobody", str(folder)) == "nobody"  # as it was: the error names what was typed
