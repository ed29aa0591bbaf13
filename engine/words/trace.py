"""The views of a trace: a step put into the words of one language, and the indented text of a tree of steps.

Every view draws the same :class:`StepView` (the text lines here, the Markdown report, the Rich report and the
app's tree), so that "source", "verify" or a confidence word is worded once, in the catalog. The steps themselves
are records (:mod:`engine.core.trace`); their titles come from :func:`engine.data.glossary.step_text`.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from ..core.trace import Source, Step
from ..core.values import Region, Term
from ..data import i18n
from ..data.glossary import named_choice, param_note, step_text
from ..data.params import title as param_title


def mark(passed: bool | None) -> str:
    return "✔" if passed is True else "✖" if passed is False else "·"


#: the confidence words that ask the reader to check a figure locally (docs/contract.md §4: unverified too)
VERIFY_CONFIDENCE = ("unverified", "seed", "assumed")


def short(value: Any, lang: str = "zh") -> str:
    """A value in a few words of ``lang``: typed values, months, booleans (是/否, yes/no), lists; cut at 60."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        value = [short(v, lang) for v in value]
    elif isinstance(value, str):
        value = named_choice(value, lang) or value  # a code the catalog names (``spouse`` → 配偶), in words
    text = i18n.show(value, lang)
    return text if len(text) <= 60 else text[:57] + "…"


def _view(id: str, lang: str, **args: Any) -> str:
    return i18n.text("view", id, lang, **args)


class StepView(Struct, frozen=True):
    """One step put into words of one language: what every view of a trace (text lines, Markdown, the Rich report,
    the app's tree) draws, so that "source", "verify" or a confidence word is worded once, in the catalog."""

    mark: str             # ◆ a parameter, ✔ holds, ✖ does not hold, · a note
    title: str
    result: str           # "= 3个月", "（要求 …，实际 …）", "→ …" or ""
    origin: str           # parameters: "[江苏省，自2022-01，官方]"; "" otherwise
    source: str | None    # "来源：title (ref)"
    note: str | None      # a parameter's note from the data, "说明：…"
    verify: bool          # a figure to check locally (seed, assumed, unverified, or unknown)
    user: bool            # the user's own figure ([policy_overrides])
    unknown: bool         # a parameter with no value here
    is_param: bool
    passed: bool | None
    confidence: str | None

    @property
    def line(self) -> str:
        """The one-line form: mark, title, result, and for a parameter where its value came from."""
        return " ".join(p for p in (self.mark, self.title, self.result, self.origin) if p)

    def flag(self, lang: str) -> str:
        """The word for the step's flag, or "": your value (an override) or verify locally."""
        if self.user:
            return _view("flag.user", lang)
        if self.verify:
            return _view("flag.verify", lang)
        return ""


#: the language the cited documents are written in
DOCUMENTS_LANG = "zh"


def source_line(source: Source, read_on: str | None, lang: str = "zh") -> str:
    """"来源：document（address） — 读自 page（read on D）": the document first, then the page actually read and the
    day it was read, where known."""
    ref = _view("source.ref", lang, ref=source.ref) if source.ref else ""
    if source.read_at:
        key = "source.read_at_on" if read_on else "source.read_at"
        read = _view(key, lang, page=source.read_at, date=read_on or "")
    else:
        read = _view("source.read_on", lang, date=read_on) if read_on else ""
    translated = source.title_en and i18n.lang_of(lang) != DOCUMENTS_LANG  # a Chinese reader reads the original
    title = _view("source.translated", lang, english=source.title_en, original=source.title) if translated \
        else source.title
    return _view("source", lang, title=title, ref=ref) + read


def param_words(step: Step, lang: str = "zh") -> str:
    """A parameter step's title in words alone (女性延迟退休的起始出生月份), for a reader who needs no parameter
    ids (the app); its usual title, id included, where the parameter declares none."""
    name = step.param_name
    own = param_title(name, lang)
    return own if own != name else step_text(step, lang)


def view(step: Step, lang: str = "zh", plain: bool = False) -> StepView:
    """The neutral view of ``step`` in ``lang`` (see :class:`StepView`); ``plain``: a parameter titled in words
    alone (:func:`param_words`), for a report handed to a person."""
    lang = i18n.lang_of(lang)
    i = step.inputs
    source = None
    if step.source is not None:
        source = source_line(step.source, step.inputs.get("read_on") if step.is_param else None, lang)
    if step.is_param:
        conf = i.get("confidence")
        unknown = step.result is None
        user = bool(i.get("overridden")) or conf == "user"
        value = _view("unknown", lang) if unknown else (named_choice(step.result, lang) or short(step.result, lang))
        where = _view("override", lang) if i.get("overridden") else i18n.show(Region(i.get("region") or ""), lang)
        word = i18n.show(Term(conf), lang) if conf else "—"
        since = i.get("effective_from")
        tail = ".plain" if plain else ""
        origin = (_view("origin.since" + tail, lang, region=where, since=since, confidence=word) if since
                  else _view("origin" + tail, lang, region=where, confidence=word))
        raw_note = param_note(step, lang)
        title = param_words(step, lang) if plain else step_text(step, lang)
        return StepView("◆", title, _view("param.value", lang, value=value), origin, source,
                        _view("note", lang, note=raw_note) if raw_note else None,
                        not user and (conf in VERIFY_CONFIDENCE or unknown), user, unknown, True, None, conf)
    result = ""
    if "expected" in i or "found" in i:
        result = _view("expected_found", lang, expected=short(i.get("expected"), lang),
                       found=short(i.get("found"), lang))
    elif step.result is not None and not isinstance(step.result, (bool, dict)):  # a dict is said in the title
        said = short(step.result, lang)
        result = _view("result", lang, result=said) if said else ""
    return StepView(mark(step.passed), step_text(step, lang), result, "", source, None, False, False, False, False,
                    step.passed, None)


def step_line(step: Step, lang: str = "zh") -> str:
    """One readable line for a step: its mark, title, result, and for parameters where the value came from."""
    return view(step, lang).line


def lines(steps: list[Step], lang: str = "zh", indent: int = 0, sources: bool = True,
          plain: bool = False) -> list[str]:
    """The indented text view of a trace; ``plain``: parameters titled in words alone (see :func:`view`)."""
    out: list[str] = []
    for step in steps:
        pad = "  " * indent
        v = view(step, lang, plain)
        out.append(pad + v.line)
        if sources and v.source is not None:
            out.append(pad + "    " + v.source)
        out.extend(lines(step.children, lang, indent + 1, sources, plain))
    return out
