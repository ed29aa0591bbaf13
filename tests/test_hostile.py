"""Hostile files and hostile surroundings, replayed so that they stay fixed: escape sequences and direction
overrides in anything read from a file (shown escaped on every path), region files outside the domain (refused on
the way in, skipped with a warning once installed), files that are no regular files or far too large, parsing
bounds, updates lost by renames, exports and local figures, and the command line with a closed output.

Every attack either is refused in words, is shown escaped, or loses nothing; nothing hangs and no traceback
reaches the user.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import msgspec
import pytest
from rich.console import Console
from textual.widgets import Input

from engine import Profile, ProfileConflict, ProfileError, evaluate, load_profile, parse_profile, save_profile
from engine.core.months import Month
from engine.core.safe_text import has_unsafe, json_escape, safe_text
from engine.data import policy
from engine.data.atomic import file_stamp, read_limited
from engine.evaluation.compare import compare
from engine.profile.model import Period, Person
from engine.words.render import markdown
from tests.conftest import AS_OF, ROOT, XUZHOU, app_on, panes_built
from tui import store as store_module
from tui.cli import json_text
from tui.comparereport import markdown as compare_markdown
from tui.comparereport import print_comparison
from tui.screens.confirm import ConfirmScreen, MessageScreen
from tui.screens.local_rules import LocalRulesScreen, widget_id
from tui.screens.verify import verify_markdown
from tui.store import Store
from tui.textreport import print_regions, print_report

#: a title rewrite, a cleared screen, a right-to-left override and a C1 control sequence introducer
HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\u202eevil\x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")
PERSON = '[person]\nsex = "male"\nbirth = "1970-01"\nregion = "jiangsu.xuzhou"\n'
PROFILE = 'schema = 1\nname = "测试"\n' + PERSON


def clean(text: str) -> bool:
    """Nothing of the hostile text reaches the reader raw."""
    return not any(c in text for c in RAW)


def escaped(text: str) -> bool:
    """The hostile text is there, shown escaped."""
    return "\\x1b" in text and "\\u202e" in text


def yibao(*args: str, timeout: float = 60, env: dict | None = None, **kwargs):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, env={**os.environ, **(env or {})}, **kwargs)


def no_traceback(out) -> bool:
    return "Traceback" not in out.stderr and "内部错误" not in out.stderr and "internal error" not in out.stderr


@pytest.fixture
def regions(tmp_path, monkeypatch) -> Path:
    """The user's folder of local figures, for one test."""
    folder = tmp_path / "regions"
    monkeypatch.setenv("YIBAO_REGIONS", str(folder))
    policy.reload()
    yield folder
    policy.reload()


def region_text(region: str = "jiangsu.xuzhou", *, name: str = "medical.min_years.male", value: str = "25",
                extra: str = "", top: str = "", learned_on: str = '"2024-01-01"', source: str = '"医保局窗口"') -> str:
    return (f'id = "{region}"\n{top}\n[[param]]\nname = "{name}"\nvalue = {value}\nconfidence = "user"\n'
            f"source = {source}\nlearned_on = {learned_on}\n{extra}")


def toml_string(text: str) -> str:
    return json.dumps(text)  # a TOML basic string: JSON's escapes are TOML's


# ==============================================================================================================
# 2. Escape sequences: one function makes untrusted text safe, on every path that shows it


def test_safe_text_shows_controls_and_direction_marks_escaped():
    assert safe_text("张三 plain, spaces\u3000too") == "张三 plain, spaces\u3000too"
    shown = safe_text(HOSTILE)
    assert clean(shown) and shown == "\\x1b]0;PWNED\\x07\\x1b[2J\\u202eevil\\x9b31m"
    assert safe_text("a\nb\tc") == "a\\nb\\tc" and safe_text("a\nb\tc", lines=True) == "a\nb\tc"
    assert safe_text("\ud800 \u2028 \u2066 \x7f") == "\\ud800 \\u2028 \\u2066 \\x7f"
    assert safe_text(safe_text(HOSTILE)) == safe_text(HOSTILE)  # shown twice, escaped once
    assert has_unsafe(HOSTILE) and not has_unsafe("a\nb", lines=True) and has_unsafe("a\nb")


def test_json_keeps_the_value_and_escapes_what_a_terminal_would_obey():
    doc = {"name": HOSTILE + "\u2028\ud800"}
    out = json_escape(json.dumps(doc, ensure_ascii=False))
    assert clean(out) and "\u2028" not in out
    assert json.loads(out) == doc  # lossless: the same value, written with \u escapes
    assert clean(json_text(doc)) and json.loads(json_text(doc)) == doc


def test_an_unknown_key_on_the_command_line_is_shown_escaped(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.replace("[person]", f"{toml_string(HOSTILE)} = 1\n[person]"), encoding="utf-8")
    out = yibao("check", str(path))
    assert out.returncode == 2 and no_traceback(out)
    assert clean(out.stderr) and escaped(out.stderr)


def test_a_file_name_with_escapes_is_shown_escaped(tmp_path):
    path = tmp_path / f"p{HOSTILE}.toml"
    path.write_text("schema = 1\nname = ", encoding="utf-8")
    for args in (["check", str(path)], ["compare", str(path)], ["regions", "add", str(path)]):
        out = yibao(*args)
        assert out.returncode == 2 and no_traceback(out) and clean(out.stderr) and escaped(out.stderr), args


def make_hostile_profile() -> Profile:
    """A profile made in code, past the file checks: its name and notes carry the hostile text."""
    person = Person(sex="male", birth=Month.of(1970, 1), region="jiangsu.xuzhou")
    period = Period(insurance="employee_medical", start=Month.of(1995, 1), end=Month.of(2020, 12), note=HOSTILE)
    return Profile(name=HOSTILE, person=person, periods=(period,), note=HOSTILE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reports_in_every_format_show_untrusted_text_escaped(lang):
    report = evaluate(make_hostile_profile(), as_of=AS_OF)
    md = markdown(report, lang)
    assert clean(md) and escaped(md)
    doc = json_text(report.to_dict(lang))
    assert clean(doc) and json.loads(doc)["profile"]["name"] == HOSTILE  # escaped in the text, whole in the value
    for terminal in (False, True):
        buf = StringIO()
        print_report(report, lang, console=Console(file=buf, width=100, force_terminal=terminal))
        text = buf.getvalue()
        if terminal:
            text = text.replace("\x1b[", "")  # Rich's own colours; nothing else may start with ESC
        assert "\x07" not in text and "\u202e" not in text and "\x9b" not in text and escaped(buf.getvalue())
        assert "]0;PWNED" not in text.replace("\\x1b]0;PWNED", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_comparisons_and_the_verify_list_show_untrusted_text_escaped(lang):
    comparison = compare(make_hostile_profile(), None, AS_OF)
    md = compare_markdown(comparison, lang)
    assert clean(md) and escaped(md)
    doc = json_text(comparison.to_dict(lang))
    assert clean(doc) and json.loads(doc)["profile"]["name"] == HOSTILE
    buf = StringIO()
    print_comparison(comparison, lang, console=Console(file=buf, width=120))
    assert clean(buf.getvalue()) and escaped(buf.getvalue())
    assert clean(verify_markdown(evaluate(make_hostile_profile(), as_of=AS_OF), lang))


def test_the_region_list_shows_a_summary_escaped():
    buf = StringIO()
    rows = [{"id": "jiangsu.xuzhou", "summary": HOSTILE, "sourcing": {"user": 1}}]
    print_regions(rows, "zh", console=Console(file=buf, width=100))
    assert clean(buf.getvalue()) and "\\x1b" in buf.getvalue()


def test_a_region_file_with_escapes_is_refused_and_an_installed_one_warned_escaped(tmp_path, regions):
    for field in ("source", "note", "summary"):
        bad = tmp_path / f"{field}.toml"
        if field == "summary":
            bad.write_text(region_text(top=f"summary = {toml_string(HOSTILE)}"), encoding="utf-8")
        elif field == "source":
            bad.write_text(region_text(source=toml_string(HOSTILE)), encoding="utf-8")
        else:
            bad.write_text(region_text(extra=f"note = {toml_string(HOSTILE)}\n"), encoding="utf-8")
        out = yibao("regions", "add", str(bad))
        assert out.returncode == 2 and no_traceback(out) and clean(out.stderr), field
        assert not regions.exists() or not list(regions.glob("*.toml"))
    regions.mkdir(mode=0o700, exist_ok=True)
    (regions / "jiangsu.xuzhou.toml").write_text(region_text(source=toml_string(HOSTILE)), encoding="utf-8")
    (regions / f"x{HOSTILE}.toml").write_text(region_text(), encoding="utf-8")
    for args in (["regions"], ["regions", "--format", "json"], ["check", str(XUZHOU)],
                 ["check", str(XUZHOU), "--format", "markdown"], ["compare", str(XUZHOU)]):
        out = yibao(*args)
        assert out.returncode == 0 and no_traceback(out), (args, out.stderr)
        assert clean(out.stdout) and clean(out.stderr), args
        assert "jiangsu.xuzhou.toml" in out.stderr and escaped(out.stderr), args  # each skipped file named


def screen_text(app) -> str:
    """What the app's screen shows now, as text (its screenshot without the SVG around the words)."""
    return html.unescape(re.sub(r"<[^>]*>", "", app.export_screenshot())).replace("\xa0", " ")


async def test_the_apps_error_dialog_shows_an_unknown_key_escaped(tmp_path, user_dir):
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.replace("[person]", f"{toml_string(HOSTILE)} = 1\n[person]"), encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        assert clean(screen_text(app)) and "\\x1b" in screen_text(app)


async def test_the_profile_list_shows_file_names_escaped(user_dir):
    user_dir.mkdir(mode=0o700)
    (user_dir / f"a{HOSTILE}.toml").write_bytes(XUZHOU.read_bytes())
    (user_dir / f"b{HOSTILE}.toml").write_text("schema = 1\nname = ", encoding="utf-8")
    app = app_on(None)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert clean(shown) and "\\x1b" in shown
        await pilot.press("down")  # the broken one: its error under the table
        await pilot.pause()
        assert clean(screen_text(app))


async def test_the_apps_title_and_notifications_show_untrusted_text_escaped(user_dir):
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await panes_built(pilot)
        title = app.format_title(HOSTILE, f"f{HOSTILE}.toml").plain
        assert clean(title) and escaped(title)
        app.notify(f"{HOSTILE} [b]not markup[/b]")
        await pilot.pause()
        shown = screen_text(app)
        assert clean(shown) and "\\x1b" in shown and "[b]not" in shown  # shown as written, not as markup


async def test_the_local_figures_screen_shows_a_users_source_escaped(user_dir, regions, monkeypatch):
    real = policy.parse_region_file

    def hostile(path, user=False, text=None, check_stem=False):  # a file past every check (as if read earlier)
        data = real(path, user=user, text=text, check_stem=check_stem)
        params = {k: tuple((d, msgspec.structs.replace(v, source=HOSTILE, note=HOSTILE)) for d, v in entries)
                  for k, entries in data.params.items()}
        return msgspec.structs.replace(data, params=params, summary=HOSTILE)

    regions.mkdir(mode=0o700)
    (regions / "jiangsu.xuzhou.toml").write_text(region_text(), encoding="utf-8")
    monkeypatch.setattr(policy, "parse_region_file", hostile)
    policy.reload()
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 60)) as pilot:
        await panes_built(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LocalRulesScreen)
        shown = screen_text(app)
        assert clean(shown) and "\\x1b" in shown


# ==============================================================================================================
# 3. Region files: the whole domain checked on the way in; an installed file that fails is skipped, named


@pytest.mark.parametrize("name, entry", [
    ("datetime_from", 'from = 2020-01-01T00:00:00\n'),
    ("time_learned", None),
    ("far_from", 'from = 9999-12-31\n'),
    ("old_from", 'from = 1800-01-01\n'),
])
def test_regions_add_refuses_dates_outside_the_domain(tmp_path, regions, name, entry):
    path = tmp_path / f"{name}.toml"
    if entry is None:
        path.write_text(region_text(learned_on="2024-01-01T08:00:00"), encoding="utf-8")
    else:
        path.write_text(region_text(extra=entry), encoding="utf-8")
    out = yibao("regions", "add", str(path))
    assert out.returncode == 2 and no_traceback(out) and out.stderr.strip(), out.stderr
    assert not (regions / "jiangsu.xuzhou.toml").exists()


@pytest.mark.parametrize("value", ['"1800-01"', '"²⁰²⁵-01"', '"2025-1"', '"２０２５-01"', "2025-01-01", '"9999-12"'])
def test_regions_add_refuses_a_month_that_is_no_ascii_month_of_the_domain(tmp_path, regions, value):
    path = tmp_path / "national.toml"
    path.write_text(region_text("national", name="retirement.delay_start.male", value=value), encoding="utf-8")
    out = yibao("regions", "add", str(path))
    assert out.returncode == 2 and no_traceback(out), out.stderr
    assert not (regions / "national.toml").exists()


@pytest.mark.parametrize("value", ['"9999-12-31"', '"1800-01-01"', "2020-01-01T00:00:00", '"２０２０-01-01"'])
def test_a_date_value_outside_the_domain_is_refused(tmp_path, regions, value):
    path = tmp_path / "national.toml"
    path.write_text(region_text("national", name="account.reform_date", value=value), encoding="utf-8")
    with pytest.raises(policy.PolicyError):
        policy.install_user_region(path)
    assert not (regions / "national.toml").exists()


@pytest.mark.parametrize("region", ["national\n", "sources", "params", "Jiangsu", "jiangsu.xuzhou.x", "../x", ""])
def test_regions_add_refuses_ids_that_are_no_plain_region_names(tmp_path, regions, region):
    path = tmp_path / "r.toml"
    path.write_text(region_text().replace('id = "jiangsu.xuzhou"', f"id = {toml_string(region)}"), encoding="utf-8")
    out = yibao("regions", "add", str(path))
    assert out.returncode == 2 and no_traceback(out), out.stderr
    assert not regions.exists() or not list(regions.iterdir())


@pytest.mark.parametrize("extra", [
    'from = 2020-01-01T00:00:00\n',
    'note = 5\n',
    f'note = "{"长" * 5000}"\n',
])
def test_an_installed_file_that_fails_is_skipped_with_a_warning_naming_it(regions, extra):
    regions.mkdir(mode=0o700)
    (regions / "jiangsu.xuzhou.toml").write_text(region_text(extra=extra), encoding="utf-8")
    (regions / "national.toml").write_text(region_text("national", name="retirement.delay_start.male",
                                                       value='"1800-01"'), encoding="utf-8")
    for args in (["check", str(XUZHOU)], ["compare", str(XUZHOU)], ["regions"]):
        out = yibao(*args)
        assert out.returncode == 0 and no_traceback(out), (args, out.stderr)
        assert "jiangsu.xuzhou.toml" in out.stderr and "national.toml" in out.stderr, args
    policy.reload()
    assert evaluate(load_profile(XUZHOU), as_of=AS_OF).decisions  # the engine skips them too


async def test_the_app_starts_past_a_broken_installed_file_and_names_it(regions, user_dir):
    regions.mkdir(mode=0o700)
    (regions / "jiangsu.xuzhou.toml").write_text(region_text(extra='from = 2020-01-01T00:00:00\n'),
                                                 encoding="utf-8")
    policy.reload()
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await panes_built(pilot)
        await pilot.pause()
        assert app.report is not None
        assert "jiangsu.xuzhou.toml" in screen_text(app)  # named in a notification


def test_a_50_megabyte_region_file_is_refused_and_an_installed_one_costs_nothing(tmp_path, regions):
    big = tmp_path / "jiangsu.xuzhou.toml"
    big.write_text(region_text(top=f'summary = "{"x" * (50 * 1024 * 1024)}"'), encoding="utf-8")
    out = yibao("regions", "add", str(big))
    assert out.returncode == 2 and no_traceback(out), out.stderr
    regions.mkdir(mode=0o700)
    os.replace(big, regions / "jiangsu.xuzhou.toml")
    start = time.perf_counter()
    out = yibao("check", str(XUZHOU))
    assert out.returncode == 0 and "jiangsu.xuzhou.toml" in out.stderr
    assert time.perf_counter() - start < 10


def test_a_regions_add_reads_the_file_once(tmp_path, regions, monkeypatch):
    """What is checked is what is installed: the file is not read a second time after its check."""
    path = tmp_path / "r.toml"
    path.write_text(region_text(), encoding="utf-8")
    real = policy.parse_region_file

    def swap(*args, **kwargs):
        data = real(*args, **kwargs)
        path.write_text(region_text(value="999999"), encoding="utf-8")  # changed right after its check
        return data

    monkeypatch.setattr(policy, "parse_region_file", swap)
    installed = policy.install_user_region(path)
    monkeypatch.undo()
    assert policy.parse_region_file(installed, user=True).params["medical.min_years.male"][0][1].value == 25


# ==============================================================================================================
# 4. Renames, exports and local figures keep the promises of a save


def user_profile(folder: Path, stem: str = "me", name: str = "我的档案") -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{stem}.toml"
    save_profile(msgspec.structs.replace(load_profile(XUZHOU), name=name), path)
    return path


def test_a_rename_racing_another_programs_save_loses_nothing(user_dir, monkeypatch):
    path = user_profile(user_dir)
    store = Store(user_dir)
    real = store_module.load_profile_stamped

    def read_then_someone_saves(p):
        profile, stamp = real(p)
        other = msgspec.structs.replace(profile, note="另一个程序保存的")
        save_profile(other, p)  # another program saves right after the rename read the file
        return profile, stamp

    monkeypatch.setattr(store_module, "load_profile_stamped", read_then_someone_saves)
    with pytest.raises(ProfileConflict):
        store.rename(path, "新名字")
    monkeypatch.undo()
    assert load_profile(path).note == "另一个程序保存的"  # the other program's change is there
    assert [p.name for p in user_dir.glob("*.toml")] == ["me.toml"]  # and no half-done rename beside it


def test_a_rename_keeps_the_old_backup_and_writes_through_the_one_writer(user_dir):
    path = user_profile(user_dir)
    save_profile(msgspec.structs.replace(load_profile(path), note="第二版"), path)
    before, before_bak = path.read_bytes(), path.with_name("me.toml.bak").read_bytes()
    target = Store(user_dir).rename(path, "新名字")
    assert target.name == "新名字.toml" and load_profile(target).name == "新名字"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    kept = [p.read_bytes() for p in user_dir.iterdir() if p.name.endswith(".bak")]
    assert before in kept and before_bak in kept  # the file before the rename and its own backup


async def test_the_app_renaming_on_save_detects_another_programs_change(user_dir):
    path = user_profile(user_dir, stem="新档案", name="新档案")
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await panes_built(pilot)
        field = app.screen.query_one("#f-name", Input)
        field.focus()
        field.value = "改了名字"
        await pilot.press("tab")
        await pilot.pause()
        outside = msgspec.structs.replace(load_profile(path), note="另一个程序保存的")
        save_profile(outside, path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_profile(path).note == "另一个程序保存的"
        assert app.modified and app.profile.name == "改了名字"


def test_saving_one_local_figure_keeps_the_dated_history_of_the_others(regions):
    regions.mkdir(mode=0o700)
    two = region_text(name="medical.min_years.female", value="20", extra='from = 2010-01-01\n') + (
        '\n[[param]]\nname = "medical.min_years.female"\nvalue = 25\nconfidence = "user"\nsource = "窗口"\n'
        'learned_on = "2024-01-01"\nfrom = 2020-01-01\n')
    (regions / "jiangsu.xuzhou.toml").write_text(two, encoding="utf-8")
    policy.reload()
    policy.write_user_region("jiangsu.xuzhou", {"medical.min_years.male": (30, "电话", "2024-05-01")})
    data = policy.parse_region_file(regions / "jiangsu.xuzhou.toml", user=True)
    female = data.params["medical.min_years.female"]
    assert [(d.isoformat(), v.value) for d, v in female] == [("2010-01-01", 20), ("2020-01-01", 25)]
    assert data.params["medical.min_years.male"][0][1].value == 30


def test_local_figures_are_not_written_over_a_newer_file(regions):
    regions.mkdir(mode=0o700)
    path = regions / "jiangsu.xuzhou.toml"
    path.write_text(region_text(), encoding="utf-8")
    seen = file_stamp(path)
    path.write_text(region_text(value="26"), encoding="utf-8")  # another window saved meanwhile
    with pytest.raises(policy.PolicyConflict):
        policy.write_user_region("jiangsu.xuzhou", {"medical.min_years.female": (20, "电话", "2024-05-01")},
                                 expect=seen)
    assert "value = 26" in path.read_text(encoding="utf-8")


def test_a_broken_local_figures_file_is_not_replaced_without_asking(regions):
    regions.mkdir(mode=0o700)
    path = regions / "jiangsu.xuzhou.toml"
    broken = region_text() + "typo here\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(policy.PolicyError) as caught:
        policy.write_user_region("jiangsu.xuzhou", {"medical.min_years.female": (20, "电话", "2024-05-01")})
    assert "jiangsu.xuzhou.toml" in caught.value.text("zh")
    assert path.read_text(encoding="utf-8") == broken
    policy.write_user_region("jiangsu.xuzhou", {"medical.min_years.female": (20, "电话", "2024-05-01")},
                             replace_broken=True)
    assert path.with_name("jiangsu.xuzhou.toml.bak").read_text(encoding="utf-8") == broken


async def test_the_local_figures_screen_does_not_revert_a_newer_figure(user_dir, regions):
    regions.mkdir(mode=0o700)
    path = regions / "jiangsu.xuzhou.toml"
    path.write_text(region_text(), encoding="utf-8")
    policy.reload()
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 60)) as pilot:
        await panes_built(pilot)
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LocalRulesScreen)
        path.write_text(region_text(value="26"), encoding="utf-8")  # another window saved a newer figure
        policy.reload()
        field = screen.query_one(f"#{widget_id('medical.min_years.female', 'value')}", Input)
        field.value = "20"
        screen.query_one(f"#{widget_id('medical.min_years.female', 'source')}", Input).value = "电话"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        assert "value = 26" in text  # the newer figure stays
        # the user was told, and keeps what they typed; a second save writes theirs beside the newer figure
        assert field.value == "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        data = policy.parse_region_file(path, user=True)
        assert data.params["medical.min_years.male"][-1][1].value == 26
        assert data.params["medical.min_years.female"][-1][1].value == 20



async def save_a_local_figure(app, pilot):
    """Open the local figures, enter a woman's minimum years with its source, and press ctrl+s: the screen."""
    await pilot.press("l")
    await pilot.pause()
    screen = app.screen
    screen.query_one(f"#{widget_id('medical.min_years.female', 'value')}", Input).value = "20"
    screen.query_one(f"#{widget_id('medical.min_years.female', 'source')}", Input).value = "电话"
    await pilot.press("ctrl+s")
    await pilot.pause()
    return screen


async def test_the_local_figures_screen_asks_before_replacing_a_broken_file(user_dir, regions):
    regions.mkdir(mode=0o700)
    path = regions / "jiangsu.xuzhou.toml"
    broken = region_text() + "typo here\n"
    path.write_text(broken, encoding="utf-8")
    policy.reload()
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 60)) as pilot:
        await panes_built(pilot)
        await save_a_local_figure(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and "jiangsu.xuzhou.toml" in str(app.screen.question)
        assert path.read_text(encoding="utf-8") == broken
        await pilot.press("y")
        await pilot.pause()
        assert path.with_name("jiangsu.xuzhou.toml.bak").read_text(encoding="utf-8") == broken
        assert "value = 20" in path.read_text(encoding="utf-8")


async def test_an_export_never_overwrites_a_file_nor_follows_a_link(user_dir, tmp_path):
    path = user_profile(user_dir)
    report = path.with_suffix(".md")
    report.write_text("我自己的笔记", encoding="utf-8")
    report.chmod(0o644)
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("别处的文件", encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=(140, 42)) as pilot:
        await panes_built(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert report.read_text(encoding="utf-8") == "我自己的笔记"
        written = sorted(user_dir.glob("me*.md"))
        assert len(written) == 2
        new = next(p for p in written if p != report)
        assert stat.S_IMODE(new.stat().st_mode) == 0o600 and "#" in new.read_text(encoding="utf-8")
        new.unlink()
        new.symlink_to(elsewhere)  # a link waits at the next name
        await pilot.press("x")
        await pilot.pause()
        assert elsewhere.read_text(encoding="utf-8") == "别处的文件" and new.is_symlink()
        assert len(sorted(user_dir.glob("me*.md"))) == 3


async def test_a_save_into_a_folder_that_is_gone_keeps_the_app_and_the_edits(user_dir):
    path = user_profile(user_dir, stem="新档案", name="新档案")
    app = app_on(path)
    async with app.run_test(size=(140, 42), notifications=True) as pilot:
        await panes_built(pilot)
        field = app.screen.query_one("#f-name", Input)
        field.focus()
        field.value = "改了名字"
        await pilot.press("tab")
        await pilot.pause()
        moved = user_dir.with_name("moved")
        os.replace(user_dir, moved)
        user_dir.write_text("not a folder any more", encoding="utf-8")  # every operation in it fails now
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.modified and app.profile.name == "改了名字"
        assert "保存失败" in screen_text(app) and "不是文件夹" in screen_text(app)


async def test_saving_local_figures_into_a_folder_that_is_gone_keeps_the_screen(user_dir, regions):
    regions.write_text("not a folder", encoding="utf-8")
    app = app_on(XUZHOU)
    async with app.run_test(size=(140, 60), notifications=True) as pilot:
        await panes_built(pilot)
        screen = await save_a_local_figure(app, pilot)
        assert app.is_running and app.screen is screen
        assert "无法保存本地规定" in screen_text(app)


# ==============================================================================================================
# 5. Hangs and limits


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "fifo.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("args", [["check"], ["compare"], ["regions", "add"]])
def test_a_fifo_is_refused_in_words_at_once(fifo, args, regions):
    out = yibao(*args, str(fifo), timeout=30)
    assert out.returncode == 2 and no_traceback(out) and out.stderr.strip()


@pytest.mark.parametrize("args", [["check"], ["regions", "add"]])
def test_dev_zero_is_refused_in_words_at_once(args, regions):
    out = yibao(*args, "/dev/zero", timeout=30)
    assert out.returncode == 2 and no_traceback(out) and out.stderr.strip()


def test_the_reader_refuses_what_is_no_regular_file_or_too_large(tmp_path, fifo):
    with pytest.raises(OSError):
        read_limited(fifo, 1000)
    with pytest.raises(OSError):
        read_limited("/dev/zero", 1000)
    with pytest.raises(IsADirectoryError):
        read_limited(tmp_path, 1000)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(OSError):
        read_limited(big, 1000)
    assert read_limited(big, 2000)[0] == b"x" * 2000
    with pytest.raises(ProfileError):
        load_profile(fifo)


async def test_the_app_on_a_fifo_shows_why_and_quits_on_ctrl_q(fifo, user_dir):
    app = app_on(fifo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.parametrize("kind", ["dev_zero", "folder", "large", "unknown_key_line"])
async def test_the_app_on_any_hostile_file_shows_why_and_stays_usable(kind, tmp_path, user_dir):
    path = {"dev_zero": Path("/dev/zero"), "folder": tmp_path}.get(kind, tmp_path / "p.toml")
    if kind == "large":
        path.write_text(PROFILE + f'note = "{"x" * (2 * 1024 * 1024)}"\n', encoding="utf-8")
    elif kind == "unknown_key_line":
        path.write_text(PROFILE.replace("[person]", f'{"k" * 100_000} = 1\n[person]'), encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen) and clean(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#profiles-table")  # the profile list, ready for another file
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.parametrize("size", [80_000, 100_000, 1_000_000])
def test_a_long_dotted_key_is_refused_at_once(size):
    text = PROFILE + ".".join(["a"] * (size // 2)) + " = 1\n"
    start = time.perf_counter()
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert time.perf_counter() - start < 1.0
    assert len(caught.value.text("zh")) < 300


@pytest.mark.parametrize("parts, lines", [(60, 2000), (8, 40_000), (2, 100_000)])
def test_many_dotted_keys_are_refused_before_they_cost(parts, lines):
    line = ".".join(["a"] * parts) + " = 1\n"
    text = PROFILE + "".join(f"[t{i}]\n{line}" for i in range(lines))
    start = time.perf_counter()
    with pytest.raises(ProfileError):
        parse_profile(text[:1024 * 1024])
    assert time.perf_counter() - start < 1.0


def test_a_profile_with_floats_and_dotted_keys_of_its_own_is_read():
    text = ('schema = 1\nname = "测试"\nperson.sex = "male"\nperson.birth = "1970-01"\n'
            'person.region = "jiangsu.xuzhou"\n[policy_overrides]\n"medical.rate.employer" = 0.06\n')
    assert parse_profile(text).policy_overrides == (("medical.rate.employer", 0.06),)


@pytest.mark.parametrize("name", ["名" + " " * 2_000_000, " " * 100 + "名字" + " " * 100, "名" * 41])
def test_names_are_measured_trimmed_and_capped_raw(name):
    with pytest.raises(ProfileError):
        parse_profile(PROFILE.replace('"测试"', toml_string(name)))


def test_a_name_or_note_with_a_direction_override_is_refused():
    with pytest.raises(ProfileError):
        parse_profile(PROFILE.replace('"测试"', toml_string("张\u202e三")))
    with pytest.raises(ProfileError):
        parse_profile(PROFILE.replace('name = "测试"', 'name = "测试"\nnote = "a\u2066b"'))


def test_a_note_is_measured_trimmed_and_capped_raw():
    assert parse_profile(PROFILE.replace('name = "测试"', f'name = "测试"\nnote = "  {"字" * 200}  "')).note
    with pytest.raises(ProfileError):
        parse_profile(PROFILE.replace('name = "测试"', f'name = "测试"\nnote = "字{" " * 100_000}"'))


def test_many_periods_alternating_between_two_places_do_not_recurse():
    lines = [PROFILE.replace("1970-01", "1940-01")]
    for i in range(1000):
        month = Month.of(1960, 1) + i * 2
        region = "jiangsu.xuzhou" if i % 2 else "guangdong.guangzhou"
        lines.append(f'[[periods]]\ninsurance = "employee_medical"\nstart = "{month}"\nend = "{month}"\n'
                     f'region = "{region}"\n')
    report = evaluate(parse_profile("".join(lines)), as_of=AS_OF)
    for lang in ("zh", "en"):
        assert report.decisions["transfers"].verdict_text(lang)
        assert markdown(report, lang)


# ==============================================================================================================
# 6. Smaller ones


def test_a_closed_standard_output_is_said_in_words(tmp_path):
    out = subprocess.run(f'"{sys.executable}" -m tui check "{XUZHOU}" >&-', shell=True, capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 1 and no_traceback(out) and out.stderr.strip()


def test_a_closed_standard_error_does_not_fail_a_printed_report(tmp_path):
    out = subprocess.run(f'"{sys.executable}" -m tui check "{XUZHOU}" 2>&-', shell=True, capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0 and out.stdout.strip()
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n", encoding="utf-8")
    out = subprocess.run(f'"{sys.executable}" -m tui check "{bad}" 2>&-', shell=True, capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 2


def test_a_lock_left_by_a_killed_save_is_removed(tmp_path):
    path = tmp_path / "me.toml"
    save_profile(load_profile(XUZHOU), path)
    lock = tmp_path / ".me.toml.lock"
    lock.write_bytes(b"")  # what a save killed while holding its lock leaves
    load_profile(path)
    assert not lock.exists()
    lock.write_bytes(b"")
    save_profile(load_profile(path), path)
    assert not lock.exists()


def test_a_read_only_profile_is_not_replaced(tmp_path):
    path = tmp_path / "me.toml"
    save_profile(load_profile(XUZHOU), path)
    path.chmod(0o400)
    before = path.read_bytes()
    changed = msgspec.structs.replace(load_profile(path), name="改了")
    with pytest.raises(ProfileError) as caught:
        save_profile(changed, path)
    assert "me.toml" in caught.value.text("zh")
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o400


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_save_by_root_keeps_the_files_owner(tmp_path):
    path = tmp_path / "me.toml"
    save_profile(load_profile(XUZHOU), path)
    os.chown(path, 4321, 4321)
    save_profile(msgspec.structs.replace(load_profile(path), name="改了"), path)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_ten_megabyte_unknown_key_is_not_echoed_whole(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(PROFILE.replace("[person]", f'{"k" * 10_000_000} = 1\n[person]'), encoding="utf-8")
    out = yibao("check", str(path))
    assert out.returncode == 2 and no_traceback(out) and len(out.stderr) < 2000
    path.write_text(PROFILE.replace("[person]", f'{"k" * 3000} = 1\n[person]'), encoding="utf-8")
    out = yibao("check", str(path))
    assert out.returncode == 2 and no_traceback(out) and len(out.stderr) < 2000
