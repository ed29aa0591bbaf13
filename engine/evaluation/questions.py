"""What to ask the local office: one question per figure the report needed and the data does not know.

``questions(report, lang)`` gives the questions in plain words (catalog context ``question``, id = the parameter's
name; a generic question names the figure where none is written; a figure read long ago is asked about again), for
``yibao check --questions`` and the app's 本地规定 screen alike; a figure an estimate (估算) stood in for is asked
about too, and ``yibao compare`` asks about those of its cost model.
"""

from __future__ import annotations

from typing import Iterable

from ..core.trace import Step
from ..data import i18n
from ..data.glossary import fact_text, named_choice
from ..data.params import title as param_title
from .report import Report
from .summary import decision_traces, unknown_reads


def unknown_figures(report: Report, extra: Iterable[Step] = ()) -> list[str]:
    """The parameters the report read and found unknown (not overridden), and those an estimate stood in for (a
    step naming its ``missing_figure``), once each, in the order first read; ``extra``: more traces to read (the
    comparison's cost model)."""
    traces = decision_traces(report.decisions) + [("", top) for top in extra]
    return [name for name, _ in unknown_reads(traces)]


def estimate_figures(traces: Iterable[Step]) -> list[str]:
    """The figures estimates (估算) stood in for in these traces (steps naming a ``missing_figure``), once each."""
    out: list[str] = []
    for top in traces:
        for step in top.walk():
            name = step.inputs.get("missing_figure")
            if name is not None and name not in out:
                out.append(name)
    return out


def question(name: str, lang: str = "zh") -> str:
    """The question to put to the local 医保经办机构 (or the 12393 hotline) about one figure."""
    lang = i18n.lang_of(lang)
    if i18n.has("question", name, lang):
        return i18n.text("question", name, lang)
    return i18n.text("question", "generic", lang, title=param_title(name, lang))


def questions(report: Report, lang: str = "zh", extra: Iterable[Step] = ()) -> list[str]:
    """One question per unknown figure the report needed (or an estimate stood in for), in plain words; then one
    per figure read two years or more before the report's date, asking whether it still holds. ``extra``: more
    traces to read (the comparison's cost model)."""
    asked = [question(name, lang) for name in unknown_figures(report, extra)]
    for e in report.to_verify(lang):
        if e["stale"]:
            asked.append(i18n.text("question", "stale", lang, title=param_title(e["name"], lang),
                                   value=named_choice(e["value"], lang) or fact_text(e["value"], lang),
                                   date=e["read_on"]))
    return asked


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
