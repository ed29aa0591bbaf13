"""Only people's words: for every bundled example and two more people (a Changsha woman short
of medical years, with a deemed period; a Xuzhou man who set local figures in his profile), in both languages, the
app's screens (the main screen, the explanation of each decision, the comparison, the local figures, what to verify)
and the text and Markdown reports carry no parameter id, enum value, fact key, TOML key, source id, file name or
internal reference, and no other city's rule as the person's.

The forbidden names are built from the data: every declared parameter, every value a profile field or a parameter's
choices may hold, every fact key of the reports, every key of the bundled profiles, every id of the sources table.
"""

from __future__ import annotations

import io
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Tree

from engine import DECLARATIONS, INSURANCES, MEDICAL, MODES, SEXES, STATUSES, evaluate, load_profile, parse_profile
from engine.profile.model import KINDS, PENSION_SHORTFALLS
from engine.data.places import ids as place_ids
from engine.data.policy import sources
from engine.words import markdown
from tests.conftest import AS_OF, ROOT, app_on, panes_built
from tests.test_cli_behaves import yibao
from tests.test_handover import fact_keys
from tui.screens.compare import CompareScreen
from tui.screens.local_rules import LocalRulesScreen
from tui.screens.verify import VerifyScreen
from tui.textreport import print_report

LANGS = ("zh", "en")

CHANGSHA_WOMAN = """schema = 1
name = "刘女士"

[person]
sex = "female"
birth = "1974-03"
original_retirement_age = 50
region = "hunan.changsha"

[[periods]]
insurance = "employee_medical"
start = "1993-07"
end = "1998-12"
kind = "deemed"

[[periods]]
insurance = "employee_medical"
start = "1999-01"
end = "2004-06"
base_yuan = 3000

[[periods]]
insurance = "employee_medical"
start = "2019-01"
status = "flexible"
mode = "pooling_only"
base_yuan = 4000
"""


def with_local_figures() -> str:
    """The Xuzhou example with every figure a profile may set in its local figures."""
    base = (ROOT / "profiles" / "xuzhou-flexible-man.toml").read_text(encoding="utf-8")
    figures = {"years": 25, "months": 6, "yuan": 3000, "fraction": 0.08}
    lines = [f'"{name}" = {figures[DECLARATIONS[name].unit]}' for name in sorted(DECLARATIONS)
             if DECLARATIONS[name].overridable and name.startswith("medical.")]  # the others left empty
    return base + "\n[policy_overrides]\n" + "\n".join(lines) + "\n"


PEOPLE = [p.stem for p in sorted((ROOT / "profiles").glob("*.toml"))] + ["changsha-deemed-woman",
                                                                       "xuzhou-own-figures-man"]


def person_path(name: str, tmp: Path) -> Path:
    if name == "changsha-deemed-woman":
        path = tmp / f"{name}.toml"
        path.write_text(CHANGSHA_WOMAN, encoding="utf-8")
        return path
    if name == "xuzhou-own-figures-man":
        path = tmp / f"{name}.toml"
        path.write_text(with_local_figures(), encoding="utf-8")
        return path
    return ROOT / "profiles" / f"{name}.toml"


# --- the forbidden names, from the data ---------------------------------------------------------------------------
def toml_keys(value, out: set[str]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            toml_keys(v, out)
    elif isinstance(value, list):
        for v in value:
            toml_keys(v, out)


@lru_cache(maxsize=1)
def profile_keys() -> frozenset[str]:
    """Every key the bundled profiles use (``original_retirement_age``, ``base_yuan``, ``policy_overrides`` …)."""
    out: set[str] = set()
    for path in sorted((ROOT / "profiles").glob("*.toml")):
        with open(path, "rb") as fh:
            toml_keys(tomllib.load(fh), out)
    toml_keys(tomllib.loads(with_local_figures()), out)
    return frozenset(out - set(DECLARATIONS))


@lru_cache(maxsize=1)
def enum_values() -> frozenset[str]:
    """Every value a profile field may hold and every choice a parameter declares."""
    out = {*INSURANCES, *MEDICAL, *MODES, *SEXES, *STATUSES, *KINDS, *PENSION_SHORTFALLS}
    for d in DECLARATIONS.values():
        out.update(d.choices or ())
    return frozenset(out)


#: internal references and file names, in any language
PATTERNS = [
    re.compile(r"[\w-]+\.(toml|txt|py|json|msgpack|po|mo)\b"),
    re.compile(r"seeds?/"),
    re.compile(r"CONTRACT"),
    re.compile(r"§"),
    re.compile(r"种子文章"),
    re.compile(r"seed (article|file|\d)", re.IGNORECASE),
    re.compile(r"\bseeds? \d"),
    re.compile(r"REGIONS-\d|DESIGN\.md"),
]
ADDRESS = re.compile(r"https?://[^\s）)]+|github\.com/\S+")
#: words that are not a person's in English
ENGLISH = [re.compile(r"woman cadre|women cadres|policy overrides?", re.IGNORECASE)]


def whole(text: str, token: str) -> bool:
    """``token`` appears in ``text`` as a whole name (not inside a longer word or path)."""
    return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w])", text) is not None


def forbidden(text: str, lang: str, report, own: set[str]) -> list[str]:
    """The ids, enum values, keys, file names and internal references found in ``text`` (``own``: the person's
    own words, which may be anything: their profile's name, their file's name)."""
    for word in sorted(own, key=len, reverse=True):
        text = text.replace(word, "")
    text = ADDRESS.sub("", text)  # a web address is where a person reads a document, file names and all
    names = set(DECLARATIONS) | {f"retirement.original_age.{s}" for s in ("male", "female_default")}
    found = {p for p in names if p in text}
    snake = {k for k in fact_keys(report) | profile_keys() | set(sources()) if "_" in k}
    # in Chinese no English name belongs at all; in English a plain word (``male``, ``spouse``) may be English
    enums = enum_values() if lang == "zh" else {v for v in enum_values() if "_" in v or "." in v}
    found |= {k for k in snake | enums if whole(text, k)}
    if lang == "zh":
        found |= {k for k in profile_keys() if whole(text, k)}
    for pattern in PATTERNS + (ENGLISH if lang == "en" else []):
        found |= {m.group(0) for m in pattern.finditer(text)}
    region = report.profile.person.region
    if not region.startswith("beijing"):
        found |= {m.group(0) for m in re.finditer(r"如北京规定[^，；。]*|as in the Beijing regulation[^,;]*", text)}
    return sorted(found)


# --- what a person reads --------------------------------------------------------------------------------------------
def widget_text(screen) -> str:
    """Every line the screen's widgets draw, every node of its trees (opened or not), every option of its lists
    and every cell of its tables."""
    lines: list[str] = []
    for widget in screen.query(Widget):
        if widget.display and widget.size.area:
            lines += [strip.text for strip in widget.render_lines(widget.size.region)]
        if isinstance(widget, Tree):
            stack = [widget.root]
            while stack:
                node = stack.pop()
                lines.append(str(node.label))
                stack.extend(node.children)
        elif isinstance(widget, OptionList):
            lines += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, DataTable):
            lines += [" ".join(str(c) for c in widget.get_row_at(i)) for i in range(widget.row_count)]
    return "\n".join(lines)


async def screens(path: Path, lang: str) -> dict[str, str]:
    app = app_on(path, lang=lang)
    texts: dict[str, str] = {}
    async with app.run_test(size=(160, 80)) as pilot:
        await panes_built(pilot)
        main = app.screen
        await main.pane("profile").toggle_overrides()  # the profile's own local figures, opened
        await pilot.pause()
        texts["main"] = widget_text(main)
        why = main.pane("why")
        explained = []
        for key in app.report.decisions:
            why.show(app.report, key, lang)
            await pilot.pause()
            explained.append(widget_text(why))
        texts["explanations"] = "\n".join(explained)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LocalRulesScreen)
        texts["local figures"] = widget_text(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        texts["comparison"] = widget_text(app.screen) + "\n" + app.screen.markdown()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerifyScreen)
        texts["verify"] = widget_text(app.screen)
    return texts


def reports(report, lang: str) -> dict[str, str]:
    buf = io.StringIO()
    # wide enough that no web address is folded onto a line of its own (its pieces would read as words)
    print_report(report, lang, console=Console(file=buf, width=400, highlight=False, color_system=None))
    return {"markdown": markdown(report, lang), "text": buf.getvalue()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("person", PEOPLE)
async def test_no_screen_or_report_shows_an_id_or_an_internal_reference(person, lang, tmp_path, user_dir,
                                                                       monkeypatch):
    monkeypatch.setenv("YIBAO_REGIONS", str(tmp_path / "regions"))
    path = person_path(person, tmp_path)
    profile = load_profile(path)
    report = evaluate(profile, as_of=AS_OF)
    own = {profile.name, path.name, str(path), str(path.parent), str(user_dir)}
    texts = reports(report, lang) | await screens(path, lang)
    assert sum(len(t) for t in texts.values()) > 5000
    problems = {kind: found for kind, text in texts.items() if (found := forbidden(text, lang, report, own))}
    assert not problems, f"{person} {lang}: {problems}"


def test_the_scanner_finds_what_it_looks_for():
    """The scanner itself: each kind of name is found where it is, and plain words pass."""
    report = evaluate(parse_profile(CHANGSHA_WOMAN), as_of=AS_OF)
    assert forbidden("男性要缴满 medical.min_years.male 年", "zh", report, set()) == ["medical.min_years.male"]
    assert forbidden("近亲属：spouse、parents", "zh", report, set()) == ["parents", "spouse"]
    assert forbidden("the spouse and parents", "en", report, set()) == []
    assert forbidden("读自 seeds/000_a2.txt", "zh", report, set()) == ["000_a2.txt", "seeds/"]
    assert forbidden("单位和个人都要补（如北京规定第十一条）", "zh", report, set()) == ["如北京规定第十一条）"]
    assert forbidden("截止日期各地不同，如北京2001年", "zh", report, set()) == []
    assert forbidden("来源：汇编（https://github.com/a/b/social.json）", "zh", report, set()) == []
    assert forbidden("a woman cadre (55)", "en", report, set()) == ["woman cadre"]
    assert forbidden("CONTRACT §1", "en", report, set()) == ["CONTRACT", "§"]
    assert forbidden("职工医保累计缴费年限 · 年", "zh", report, set()) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("person", ["chongqing-lapses-backpay-woman", "changsha-deemed-woman"])
def test_the_command_line_says_no_id_either(person, lang, tmp_path):
    """What ``yibao check --questions``, ``yibao compare --trace`` and ``yibao regions`` print (wide, so that no web
    address is cut in two)."""
    path = person_path(person, tmp_path)
    profile = load_profile(path)
    report = evaluate(profile, as_of=AS_OF)
    own = {profile.name, path.name, str(path), str(path.parent)}
    for args in (("check", str(path), "--questions"), ("compare", str(path), "--trace"), ("regions",)):
        out = yibao(*args, "--lang", lang, "--as-of", AS_OF.isoformat(), columns=400,
                    YIBAO_REGIONS=str(tmp_path / "regions"))
        assert out.returncode == 0 and len(out.stdout) > 200, (args, out.stderr)
        # the list of places shows each place's code on purpose: it is what a profile file's place is written as
        said = own | set(place_ids()) if args[0] == "regions" else own
        found = forbidden(out.stdout + out.stderr, lang, report, said)
        assert not found, f"{person} {lang} {args[0]}: {found}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_catalog_sentence_names_a_file_or_an_internal_reference(lang):
    """Every sentence a person can read comes from the catalogs: none of them, shown or not yet shown anywhere the
    scans above reach (the help screen, a late back-payment's option), names a file or an internal reference."""
    text = (ROOT / "engine" / "locale" / f"{lang}.po").read_text(encoding="utf-8")
    found = []
    for entry in text.split("\n\n"):
        if "msgstr" not in entry:
            continue
        said = ADDRESS.sub("", "".join(re.findall(r'"(.*)"', entry.split("msgstr", 1)[1])))
        found += [f"{p.pattern}: {said[:60]}" for p in PATTERNS + ENGLISH * (lang == "en") if p.search(said)]
    assert found == []
