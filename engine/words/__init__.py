"""The engine's top layer: reports put into words for people, and every word the app may ask the engine for.

The views of a trace (:mod:`.trace`) and of a report (:mod:`.render`: Markdown and the pieces the text views share)
live here. So that the app imports words from one place, this module also gives the catalogs' lookup and the
typed values they fill messages from, the names of things (terms, decisions, parameters, places) and months and
ages written out; they are read from the layers below (:mod:`engine.data.i18n`, :mod:`engine.data.glossary`,
:mod:`engine.core.values`).
"""

from __future__ import annotations

from ..core.safe_text import has_unsafe, json_escape, safe_text
from ..core.values import Age, Months, Rate, Region, Seq, Term, Yuan
from ..data.glossary import decision_title, fact_text, named_choice, step_text, term
from ..data.i18n import STRICT, MissingMessage, Msg, has, language_name, months_short, msg, raw, show, text
from ..data.langs import DEFAULT_LANG, FALLBACK_LANG, LANGS, data_lang, lang_of, next_lang
from ..data.params import title as param_title
from ..data.places import full_name, region_name
from ..evaluation.questions import estimate_figures, question
from .render import (
    STATUS_MARK,
    header,
    labels,
    localized,
    markdown,
    option_lines,
    stale_words,
    summary_lines,
    trail_lines,
    verify_cells,
    verify_lines,
)
from .trace import DOCUMENTS_LANG, StepView, lines, param_words, short, source_line, step_line, view

__all__ = [
    "Age", "DEFAULT_LANG", "FALLBACK_LANG", "LANGS", "MissingMessage", "Months", "Msg", "Rate", "Region",
    "STATUS_MARK", "STRICT", "has_unsafe", "json_escape", "safe_text", "estimate_figures", "question", "Seq", "StepView", "Term", "Yuan", "data_lang", "decision_title", "fact_text",
    "full_name", "has", "header", "labels", "lang_of", "language_name", "lines", "localized", "markdown",
    "DOCUMENTS_LANG", "months_short", "msg", "named_choice", "next_lang", "option_lines", "param_title", "param_words", "raw",
    "region_name", "short", "show", "source_line", "stale_words", "step_line", "step_text", "summary_lines", "term", "text", "trail_lines",
    "verify_cells", "verify_lines", "view",
]
