"""The catalogs: every message in every language with the same placeholders; a pseudo-language built from the English
catalog renders every bundled example; the English reports carry no Chinese outside what may stay Chinese."""

from __future__ import annotations

import io
import json
import re
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from rich.console import Console

from engine import evaluate, load_profile
from engine.data import i18n
from engine.data.glossary import decision_title
from engine.words.render import markdown
from engine.words.trace import lines
from tests import pseudo as pseudo_language
from tests.test_profile import valid_profiles
from tui.textreport import print_report

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "engine" / "locale"
EXAMPLES = sorted((ROOT / "profiles").glob("*.toml"))
AS_OF = date(2026, 11, 22)


def read(lang: str) -> Catalog:
    with open(LOCALE / f"{lang}.po", "rb") as fh:
        return read_po(fh, locale=lang)


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def placeholders(template: str) -> set[str]:
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return names


def messages(cat: Catalog) -> dict[tuple[str, str], set[str]]:
    out = {}
    for m in cat:
        if not m.id:
            continue
        mid = m.id[0] if isinstance(m.id, (tuple, list)) else m.id
        out[(m.context, mid)] = set().union(*(placeholders(f) for f in forms(m)))
    return out


# --- (a) every message in every language, same placeholders ------------------------------------------------------
@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGS if lang != "zh" and (LOCALE / f"{lang}.po").exists()])
def test_every_message_in_every_language_with_the_same_placeholders(lang):
    zh, other = messages(read("zh")), messages(read(lang))
    missing = sorted(k for k in zh if k not in other)
    extra = sorted(k for k in other if k not in zh)
    differ = sorted((k, zh[k], other[k]) for k in zh if k in other and zh[k] != other[k])
    assert not missing, f"{lang} lacks {missing[:10]}"
    assert not extra, f"{lang} has messages zh lacks: {extra[:10]}"
    assert not differ, f"placeholders differ: {differ[:10]}"


def test_no_message_is_empty():
    for lang in ("zh", "en"):
        empty = [(m.context, m.id) for m in read(lang) if m.id and not all(forms(m))]
        assert not empty, f"{lang}: {empty[:10]}"


# --- (b) a pseudo-language built from the English catalog ------------------------------------------------------------
@pytest.fixture
def pseudo(tmp_path):
    """``xx``: every English message wrapped as ⟦…⟧ and accented (placeholders kept), compiled, registered."""
    yield pseudo_language.register(tmp_path)
    pseudo_language.unregister()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_in_a_pseudo_language(pseudo, path):
    report = evaluate(load_profile(path), AS_OF)
    outputs = [json.dumps(report.to_dict(pseudo), ensure_ascii=False), markdown(report, pseudo)]
    outputs += ["\n".join(lines(o.trace, pseudo)) for o in report.decisions.values()]
    outputs += [o.verdict_text(pseudo) for o in report.decisions.values()]
    for out in outputs:
        assert "⟨" not in out  # a missing message shows as ⟨ctx:id⟩ (and raises under YIBAO_I18N_STRICT)
    # the words really come from the pseudo catalog
    for key, outcome in report.decisions.items():
        assert outcome.verdict_text(pseudo).startswith("⟦"), key
    assert "⟦" in markdown(report, pseudo).splitlines()[0]


# --- (c) no Chinese in the English reports outside what may stay Chinese ----------------------------------------------
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
#: a parenthesised gloss: a short Chinese term in brackets, no English words inside
GLOSS = re.compile(r"\([^()A-Za-z]{1,40}\)|（[^（）A-Za-z]{1,40}）")
#: quotations
QUOTE = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》")
#: an official document's number, with its article: its title as cited (国办发〔2021〕14号, 医保办发〔2021〕43号 第十一条)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]*〔\d{4}〕\d+号(?: ?第[\u4e00-\u9fff\d]+条)?")


def allowed_titles(report) -> set[str]:
    """Source titles the report cites: they keep their official Chinese."""
    titles = set()
    for outcome in report.decisions.values():
        for top in outcome.trace:
            for step in top.walk():
                if step.source is not None:
                    titles.add(step.source.title)
    for entry in report.to_verify("en"):
        if entry["source"]:
            titles.add(entry["source"]["title"])
    return titles


def offending(text: str, report) -> list[tuple[str, str]]:
    """(decision, line) for every line with Chinese left after taking out the profile's name where the report's
    title shows it (the end of the title line, nowhere else: a name such as ")" is also part of other lines), source
    titles and lines, and parenthesised or quoted glosses."""
    titles = sorted(allowed_titles(report), key=len, reverse=True)
    heads = {decision_title(k, "en"): k for k in report.decisions}
    named = f" · {report.profile.name}".rstrip()  # render.header: "{title} · {name}"
    section, out = "header", []
    for line in text.splitlines():
        bare = line.strip().lstrip("#").strip()
        for title, key in heads.items():
            if re.match(rf"^[✔✖?ℹ] {re.escape(title)}( |$)", bare):
                section = key
        if bare.startswith("To verify"):
            section = "to_verify"
        rest = line.rstrip()
        if section == "header" and rest.endswith(named):
            rest = rest[: -len(named)]
        rest = re.sub(r"source: .*$", "", QUOTE.sub("", DOC_NUMBER.sub("", rest)))
        for title in titles:
            rest = rest.replace(title, "")
        while True:
            cut = GLOSS.sub("", rest)
            if cut == rest:
                break
            rest = cut
        if CJK.search(rest):
            out.append((section, line.strip()))
    return out


def english_reports(path: Path):
    report = evaluate(load_profile(path), AS_OF)
    console = Console(file=io.StringIO(), width=400, record=True, highlight=False, color_system=None)
    print_report(report, "en", console=console)
    return report, {"text": console.file.getvalue(), "markdown": markdown(report, "en")}


def all_offending() -> list[tuple[str, str, str, str]]:
    found = []
    for path in EXAMPLES:
        report, outs = english_reports(path)
        for fmt, text in outs.items():
            found += [(path.stem, fmt, section, line) for section, line in offending(text, report)]
    return found


def test_english_reports_carry_no_chinese_at_all():
    found = all_offending()
    assert not found, "\n".join(" | ".join(f) for f in found[:40]) + f"\n{len(found)} lines"


# generated profiles: the English of every decision (verdicts, options, trace lines) stays English
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_profiles(), st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31)))
def test_generated_profiles_english_carries_no_chinese(profile, as_of):
    report = evaluate(profile, as_of=as_of)
    texts = []
    for outcome in report.decisions.values():
        texts.append(outcome.verdict_text("en"))
        texts += [o.title_text("en") + " " + o.detail_text("en") for o in outcome.options]
        texts += lines(outcome.trace, "en")
    found = offending("\n".join(texts), report)
    assert not found, found[:5]


# -- the placeholders filled without string.Formatter's parsing (engine.data.i18n._pieces/_fill) -------------------------


def test_every_message_is_filled_as_string_formatter_fills_it():
    """For every message of both catalogs and values of every kind the rules record (or one that fails): the fast
    filling writes what ``_Formatter.vformat`` writes, or fails the same way; the few it leaves to vformat are named."""
    from engine.data.i18n import Age, Months, Msg, Rate, Region, Term, Yuan, _fill, _Formatter, _pieces, catalog

    values = [0, 7, -3, 2.5, 3.0, True, None, "文字", date(2020, 5, 1), Months(27), Yuan(1234.5), Rate(0.075),
              Age(722), Term("flexible"), Region("jiangsu.xuzhou"), ["a", Months(3)],
              Msg("cli", "warning", {"text": "x"})]
    compared = left = 0
    for lang in ("zh", "en"):
        for found in catalog(lang).messages.values():
            for template in found if isinstance(found, tuple) else (found,):
                pieces = _pieces(template)
                if pieces is None:  # {date.year}, {result[total]}: attribute and index placeholders
                    assert "." in template or "[" in template
                    left += 1
                    continue
                names = {name for _, name, _ in pieces if name}
                for value in values:
                    args = {name: value for name in names}
                    outcome = []
                    fills = (lambda: _Formatter(lang).vformat(template, (), args), lambda: _fill(pieces, args, lang))
                    for fill in fills:
                        try:
                            outcome.append(fill())
                        except Exception as exc:  # noqa: BLE001 - the same failure either way
                            outcome.append(type(exc))
                    assert outcome[0] == outcome[1], template
                    compared += 1
    assert compared > 10_000 and left < 20


def test_every_message_of_a_catalog_has_one_translation():
    """A merge can leave two ``msgstr`` lines under one ``msgid``; the compiler then keeps one of them silently."""
    for po in sorted((Path(__file__).resolve().parent.parent / "engine" / "locale").glob("*.po")):
        previous = ""
        for number, line in enumerate(po.read_text(encoding="utf-8").splitlines(), start=1):
            assert not (line.startswith("msgstr ") and previous.startswith("msgstr ")), f"{po.name}:{number}"
            previous = line
