"""What to ask the local office: one question per figure the report needed and the data does not know.

``questions(report, lang)`` gives the questions in plain words (catalog context ``question``, id = the parameter's
name; a generic question names the figure where none is written), for ``yibao check --questions`` and the app's
本地规定 screen alike.
"""

from __future__ import annotations

from ..data import i18n
from ..data.params import title as param_title
from .report import Report


def unknown_figures(report: Report) -> list[str]:
    """The parameters the report read and found unknown (not overridden), once each, in the order first read."""
    out: list[str] = []
    for outcome in report.decisions.values():
        for top in outcome.trace:
            for step in top.walk():
                if not step.is_param or step.inputs.get("overridden") or step.result is not None:
                    continue
                if step.inputs.get("effective_from") is None:
                    continue  # no entry anywhere, or none in force then: a figure this place simply does not have
                name = step.param_name
                if name not in out:
                    out.append(name)
    return out


def question(name: str, lang: str = "zh") -> str:
    """The question to put to the local 医保经办机构 (or the 12393 hotline) about one figure."""
    lang = i18n.lang_of(lang)
    if i18n.has("question", name, lang):
        return i18n.text("question", name, lang)
    return i18n.text("question", "generic", lang, title=param_title(name, lang))


def questions(report: Report, lang: str = "zh") -> list[str]:
    """One question per unknown figure the report needed, in plain words."""
    return [question(name, lang) for name in unknown_figures(report)]


def conflicting_sources(report: Report) -> list[str]:
    """The parameters read where sources disagree (for the report's ``conflicting_sources`` warning)."""
    out: list[str] = []
    for outcome in report.decisions.values():
        for top in outcome.trace:
            for step in top.walk():
                if step.is_param and step.inputs.get("alternatives"):
                    name = step.param_name
                    if name not in out:
                        out.append(name)
    return out
