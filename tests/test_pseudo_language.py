"""A third language is its catalog: a pseudo-language (``tests/pseudo.py``: the English catalog, every message
marked ⟦…⟧ and accented, its Chinese replaced) is built at test time and registered, and then every sentence a
person reads in it comes from it. Profile errors, place names, the command line's help and ``check`` report, and
the app's help screen show no Chinese but the person's own data and the cited documents' titles, and show the
pseudo-language's marks. A message the catalog lacks is read in English."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget

from engine import ProfileError, evaluate, load_profile, parse_profile
from engine.data import i18n, places as regions
from tests import pseudo
from tests.pseudo import CJK, MARKS
from tui import cli
from tui.app import YibaoApp
from tui.textreport import print_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "profiles").glob("*.toml"))
AS_OF = date(2026, 11, 22)


@pytest.fixture
def xx(tmp_path):
    yield pseudo.register(tmp_path)
    pseudo.unregister()


def test_the_language_is_its_catalog(xx):
    assert xx in i18n.LANGS and i18n.lang_of(xx) == xx
    assert i18n.language_name(xx) == pseudo.pseudo_text("English")
    assert i18n.next_lang("en") == xx and i18n.next_lang(xx) == "zh"  # the app's switch goes round them all
    assert xx in cli._check_parser().parse_args(["p.toml", "--lang", xx]).lang


def test_a_message_the_catalog_lacks_is_read_in_english(tmp_path):
    pseudo.register(tmp_path, leave_out={("profile.error", "not_finite"), ("help", "body")})
    try:
        assert i18n.has("profile.error", "not_finite", pseudo.PSEUDO)
        assert i18n.text("profile.error", "not_finite", pseudo.PSEUDO) == i18n.text("profile.error", "not_finite", "en")
        assert i18n.text("profile.error", "yuan_fen", pseudo.PSEUDO) != i18n.text("profile.error", "yuan_fen", "en")
    finally:
        pseudo.unregister()


# --- profile errors ---------------------------------------------------------------------------------------------
BASE = """schema = 1
name = "Zhang"

[person]
sex = "male"
birth = "1968-05"
region = "jiangsu.xuzhou"

[[periods]]
insurance = "employee_medical"
start = "1991-07"
end = "2010-12"
"""


def edit(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


BROKEN = {
    "no schema": edit("schema = 1\n", ""),
    "newer schema": edit("schema = 1", "schema = 9"),
    "schema zero": edit("schema = 1", "schema = 0"),
    "schema a string": edit("schema = 1", 'schema = "1"'),
    "no name": edit('name = "Zhang"\n', ""),
    "empty name": edit('name = "Zhang"', 'name = " "'),
    "long name": edit('name = "Zhang"', 'name = "' + "z" * 41 + '"'),
    "name with a bell": edit('name = "Zhang"', 'name = "a\\u0007"'),
    "empty note": edit('name = "Zhang"', 'name = "Zhang"\nnote = ""'),
    "typo in a key": edit('name = "Zhang"', 'name = "Zhang"\nnmae = 1'),
    "no person": BASE.split("[person]")[0],
    "no sex": edit('sex = "male"\n', ""),
    "no birth": edit('birth = "1968-05"\n', ""),
    "no region": edit('region = "jiangsu.xuzhou"\n', ""),
    "sex not allowed": edit('sex = "male"', 'sex = "man"'),
    "month written wrong": edit('birth = "1968-05"', 'birth = "1968/05"'),
    "month 13": edit('birth = "1968-05"', 'birth = "1968-13"'),
    "a date, not a month": edit('birth = "1968-05"', "birth = 1968-05-01"),
    "born too early": edit('birth = "1968-05"', 'birth = "1850-05"'),
    "a man's age": edit('sex = "male"', 'sex = "male"\noriginal_retirement_age = 55'),
    "a woman's age": edit('sex = "male"', 'sex = "female"\noriginal_retirement_age = 60'),
    "shift too far": edit('sex = "male"', 'sex = "male"\nretirement_shift_months = 40'),
    "shift below the original age": edit('sex = "male"', 'sex = "male"\nretirement_shift_months = -36'),
    "region with a typo": edit('region = "jiangsu.xuzhou"', 'region = "jiangsu.xuzhuo"'),
    "region unknown": edit('region = "jiangsu.xuzhou"', 'region = "qqqqqq"'),
    "negative balance": edit("[[periods]]", "[account]\nbalance_yuan = -5\n\n[[periods]]"),
    "fen and less": edit("[[periods]]", "[account]\nbalance_yuan = 5.555\n\n[[periods]]"),
    "not a number": edit("[[periods]]", "[account]\nbalance_yuan = nan\n\n[[periods]]"),
    "not a boolean": edit("[[periods]]", "[plans]\nbackpay_at_retirement = 1\n\n[[periods]]"),
    "override typo": edit("[[periods]]", '[policy_overrides]\n"medical.min_years.mael" = 25\n\n[[periods]]'),
    "override unknown": edit("[[periods]]", '[policy_overrides]\n"zzz" = 25\n\n[[periods]]'),
    "override out of bounds": edit("[[periods]]", '[policy_overrides]\n"medical.rate.employer" = 6\n\n[[periods]]'),
    "periods not an array": BASE.split("[[periods]]")[0] + "periods = 3\n",
    "no insurance": edit('insurance = "employee_medical"\n', ""),
    "no start": edit('start = "1991-07"\n', ""),
    "end before start": edit('end = "2010-12"', 'end = "1990-12"'),
    "status of resident insurance": edit('insurance = "employee_medical"',
                                         'insurance = "resident_medical"\nstatus = "flexible"'),
    "mode of a pension": edit('insurance = "employee_medical"', 'insurance = "pension"\nmode = "pooling_only"'),
    "back-paid without a month": edit('end = "2010-12"', 'end = "2010-12"\nkind = "backpaid"'),
    "paid before the start": edit('end = "2010-12"', 'end = "2010-12"\nkind = "backpaid"\npaid_on = "1980-01"'),
    "paid_on of a paid period": edit('end = "2010-12"', 'end = "2010-12"\npaid_on = "2011-01"'),
    "a base of 0": edit('end = "2010-12"', 'end = "2010-12"\nbase_yuan = 0'),
    "insured before birth": edit('start = "1991-07"', 'start = "1960-07"'),
    "overlap": BASE + '\n[[periods]]\ninsurance = "employee_medical"\nstart = "2005-01"\n',
    "two medical insurances": BASE + '\n[[periods]]\ninsurance = "resident_medical"\nstart = "2005-01"\n',
    "not TOML": BASE + "\nx = \n",
    "TOML cut short": BASE + '\nx = "abc',
    "nested too deeply": "x = " + "[" * 2000 + "]" * 2000,
}


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_profile_errors_in_the_pseudo_language(xx, text):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="p.toml")
    err = caught.value
    words = err.text(xx, located=True)
    assert not CJK.search(words), words
    assert MARKS.search(words), words
    assert words != err.text("en", located=True)
    if err.field is not None and "[" in err.field:  # the path is for programs; a person reads the field's words
        assert err.field not in words


def test_an_error_in_the_pseudo_language_names_a_period_in_its_words(xx):
    with pytest.raises(ProfileError) as caught:
        parse_profile(BROKEN["end before start"])
    err = caught.value
    assert err.field == "periods[0].end" and err.line == 12
    assert (err.detail.ctx, err.detail.id, str(err.detail.args["start"])) == ("profile.error", "end_before_start",
                                                                              "1991-07")
    assert "periods[0]" not in err.text(xx) and i18n.text("term", "employee_medical", xx) in err.text(xx)


# --- place names --------------------------------------------------------------------------------------------------
SAMPLE = ("national", "beijing", "sichuan", "sichuan.chengdu", "jiangsu.xuzhou", "guangdong.guangzhou",
          "xinjiang", "neimenggu", "hubei.wuhan", "liaoning.fuxin")


@pytest.mark.parametrize("region", SAMPLE)
def test_place_names_in_the_pseudo_language_are_the_english_ones(xx, region):
    place = regions.place(region)
    assert regions.region_name(region, xx) == place.en == regions.region_name(region, "en")
    assert regions.full_name(region, xx) == regions.full_name(region, "en")
    assert not CJK.search(regions.region_name(region, xx) + regions.full_name(region, xx))
    assert regions.region_name(region, "zh") == place.zh


# --- the command line -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["compare", "--help"], ["regions", "--help"],
                                  ["regions", "add", "--help"]], ids=" ".join)
def test_command_line_help_in_the_pseudo_language(xx, capsys, argv):
    assert cli.main(argv + ["--lang", xx]) == 0
    out = capsys.readouterr().out
    assert not CJK.search(out), out
    lines = out.splitlines()
    assert MARKS.search(lines[0]) and MARKS.search(next(line for line in lines if "-h, --help" in line))
    assert len(MARKS.findall(out)) > 20, out


def test_a_usage_error_in_the_pseudo_language(xx, capsys):
    assert cli.main(["check", "--lang", xx, "--format", "pdf", "p.toml"]) == 2
    err = capsys.readouterr().err
    assert not CJK.search(err) and MARKS.search(err), err


def test_an_invalid_profile_on_the_command_line(xx, tmp_path, capsys):
    path = tmp_path / "p.toml"
    path.write_text(BROKEN["overlap"], encoding="utf-8")
    assert cli.main(["check", str(path), "--lang", xx]) == 2
    err = capsys.readouterr().err
    assert f"{path}:16: " in err and not CJK.search(err) and MARKS.search(err), err


def data_words(report) -> list[str]:
    """What a report may show that is no sentence of the program: the person's own name and notes, and the cited
    documents (their titles and addresses) and the policy files' notes, which are data, longest first."""
    found = {report.profile.name}
    found |= {p.note for p in report.profile.periods if p.note} | ({report.profile.note} if report.profile.note else set())
    for outcome in report.decisions.values():
        for top in outcome.trace:
            for step in top.walk():
                if step.source is not None:
                    found |= {step.source.title, step.source.ref or ""}
                found |= {step.inputs[k] for k in ("note", "note_en") if isinstance(step.inputs.get(k), str)}
    return sorted((w for w in found if w), key=len, reverse=True)


def without_data(text: str, report) -> list[str]:
    """The lines of ``text`` that still hold Chinese once the data is taken out."""
    words = data_words(report)
    out = []
    for line in text.splitlines():
        rest = line
        for word in words:
            rest = rest.replace(word, "")
        if CJK.search(rest):
            out.append(line)
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_check_report_in_the_pseudo_language(xx, path):
    report = evaluate(load_profile(path), AS_OF)
    console = Console(file=io.StringIO(), width=400, highlight=False, color_system=None)  # no line cut in two
    print_report(report, xx, console=console)
    text = console.file.getvalue()
    assert not without_data(text, report), "\n".join(without_data(text, report)[:20])
    assert len(MARKS.findall(text)) > 200


def test_check_on_the_command_line_in_the_pseudo_language(xx, capsys):
    path = ROOT / "profiles" / "xuzhou-flexible-man.toml"
    assert cli.main(["check", str(path), "--lang", xx, "--as-of", "2026-11-22"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and MARKS.search(captured.out.splitlines()[0])


# --- the app's help screen ----------------------------------------------------------------------------------------
def screen_text(screen) -> str:
    """Every line the screen's widgets draw, as text."""
    lines = []
    for widget in screen.query(Widget):
        if widget.display and widget.size.area:
            lines += [strip.text for strip in widget.render_lines(widget.size.region)]
    return "\n".join(lines)


async def test_the_help_screen_in_the_pseudo_language(xx, tmp_path, monkeypatch):
    from tui.screens.help import HelpScreen

    monkeypatch.setenv("YIBAO_PROFILES", str(tmp_path / "profiles"))
    app = YibaoApp(path=ROOT / "profiles" / "xuzhou-flexible-man.toml", as_of=AS_OF, lang=xx)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app.screen)
        assert not CJK.search(text), [line for line in text.splitlines() if CJK.search(line)]
        assert len(MARKS.findall(text)) > 500 and "Ctrl+S" not in text  # the keys' help is the catalog's too


async def test_the_main_screen_in_the_pseudo_language(xx, tmp_path, monkeypatch):
    """The panes show Chinese only in the person's data (the profile's name) and the cited documents' original
    titles, after their English ones."""
    monkeypatch.setenv("YIBAO_PROFILES", str(tmp_path / "profiles"))
    path = ROOT / "profiles" / "xuzhou-flexible-man.toml"
    name = load_profile(path).name
    source_label = i18n.text("view", "source", xx, title="", ref="").partition(":")[0]
    app = YibaoApp(path=path, as_of=AS_OF, lang=xx)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        text = screen_text(app.screen)
        chinese = [line for line in text.splitlines() if CJK.search(line.replace(name, ""))]
        assert all(source_label in line for line in chinese), chinese  # the titles come in English first
        assert len(MARKS.findall(text)) > 500


def test_a_profile_error_keeps_its_message_through_pickle(xx):
    import pickle

    with pytest.raises(ProfileError) as caught:
        parse_profile(BROKEN["end before start"], source="p.toml")
    again = pickle.loads(pickle.dumps(caught.value))
    assert (again.field, again.line, again.msg) == (caught.value.field, caught.value.line, caught.value.msg)
    assert again.text(xx, located=True) == caught.value.text(xx, located=True)
