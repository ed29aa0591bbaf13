"""Plain views of a report for people: Markdown and the pieces the text views share, Chinese by default (``lang="en"``)."""

from __future__ import annotations

from typing import Any

from ..core.safe_text import safe_text
from ..core.trace import Step
from ..core.values import jsonable
from ..data import i18n
from ..data.glossary import decision_title, fact_text, named_choice
from ..data.params import title as param_title
from ..data.places import region_name
from ..evaluation.questions import questions
from ..evaluation.report import Report
from ..evaluation.warnings import compute
from ..rules.outcome import Outcome
from .trace import view

STATUS_MARK = {"met": "✔", "not_met": "✖", "unknown": "?", "info": "ℹ"}

#: the report's headings and words (catalog context ``report``)
LABEL_KEYS = ("title", "as_of", "region", "facts", "options", "why", "price", "deadline", "yuan", "verify", "unknown",
              "used_by", "legend", "legend.plain", "summary", "decisions", "questions", "no_questions", "appendix")


def labels(lang: str) -> dict:
    return {k: i18n.text("report", k, lang) for k in LABEL_KEYS}


def localized(value: Any, lang: str) -> Any:
    """Facts as one language reads them: of the pairs the JSON keeps in both languages (``owner``/``owner_en``,
    ``{"zh": …, "en": …}``), only the reader's."""
    if isinstance(value, list):
        return [localized(v, lang) for v in value]
    if not isinstance(value, dict):
        return value
    zh = i18n.data_lang(lang) == i18n.DEFAULT_LANG
    out = {}
    for k, v in value.items():
        if isinstance(k, str) and k.endswith("_en") and k[:-3] in value:
            continue
        if k == "en" and "zh" in value:
            continue
        if not zh and isinstance(k, str) and f"{k}_en" in value:
            v = value[f"{k}_en"]
        if not zh and k == "zh" and "en" in value:
            k, v = "name", value["en"]
        out[k] = localized(v, lang)
    return out


def option_lines(outcome: Outcome, lang: str) -> list[str]:
    """Each option as a sentence: its title, what it means, and its price and deadline where it has them, in the
    punctuation of ``lang``."""
    lab = labels(lang)
    out = []
    for opt in outcome.options:
        d = opt.to_dict(lang)
        extra = []
        if d["price_yuan"] is not None and d["price_is_estimate"]:
            extra.append(i18n.text("report", "price_estimate", lang, price=f"{d['price_yuan']:,.2f}"))
        elif d["price_yuan"] is not None:
            extra.append(f"{lab['price']} {d['price_yuan']:,.2f} {lab['yuan']}")
        if d["deadline"]:
            extra.append(f"{lab['deadline']} {d['deadline']}")
        joined = extra[0] if len(extra) == 1 else i18n.text("join", "clauses", lang, a=extra[0], b=extra[-1]) if extra \
            else ""
        tail = i18n.text("report", "option_extra", lang, extra=joined) if extra else ""
        colon = i18n.text("join", "colon", lang)
        out.append(f"{d['title']}{colon}{d['detail']}{tail}" if d["detail"] else f"{d['title']}{tail}")
    return out


def verify_cells(entry: dict, lang: str, sep: str = ", ") -> tuple[str, str]:
    """A figure to verify (an entry of ``Report.to_verify``) as text: its value, or "unknown" where the data has
    none, and the titles of the decisions that read it, joined by ``sep``."""
    raw = entry["value"]
    value = labels(lang)["unknown"] if entry["unknown"] else (named_choice(raw, lang) or fact_text(raw, lang))
    return value, sep.join(decision_title(d, lang) for d in entry["decisions"])


def verify_lines(report: Report, lang: str, plain: bool = False) -> list[str]:
    """One line per figure to verify locally: name, value or "unknown", region, confidence, the decisions using it;
    ``plain``: the figure named in words alone, for a report handed to a person."""
    lab = labels(lang)
    tail = ".plain" if plain else ""
    out = []
    for e in report.to_verify(lang):
        value, used = verify_cells(e, lang)
        out.append(i18n.text("report", ("verify_line" if not e["note"] else "verify_line_note") + tail, lang,
                             title=param_title(e["name"], lang) if plain else e["title"], value=value,
                             region=i18n.Region(e["region"]), confidence=i18n.Term(e["confidence"]), used=used,
                             note=e["note"] or "", used_by_label=lab["used_by"]) + stale_words(e, lang))
    return out


def stale_words(entry: dict, lang: str) -> str:
    """" (read on D, two years ago or more: may be out of date)" for a figure to verify that was read long ago;
    "" otherwise."""
    return i18n.text("report", "stale", lang, date=entry["read_on"]) if entry.get("stale") else ""


def header(report: Report, lang: str, ids: bool = True) -> tuple[str, str]:
    """The report's title and the line under it (the date and the benefit region; its id too unless ``ids`` is
    false, for a report handed to a person)."""
    lab = labels(lang)
    region = report.profile.person.region
    place = f"{region_name(region, lang)} ({region})" if ids else region_name(region, lang)
    return (f"{lab['title']} · {report.profile.name}",
            f"{lab['as_of']} {report.as_of.isoformat()} · {lab['region']} {place}")


def summary_lines(report: Report, lang: str) -> list[str]:
    """The summary that opens every report (:mod:`engine.evaluation.summary`), a sentence a line."""
    return [line.text(lang) for line in report.summary()]


def trail_lines(steps: list[Step], lang: str, depth: int = 0) -> list[str]:
    """A rule trail as a nested Markdown list: every step in words (parameters by their titles), its source in
    italics under it."""
    out = []
    for step in steps:
        v = view(step, lang, plain=True)
        pad = "  " * depth
        out.append(f"{pad}- {v.line}")
        if v.source is not None:
            out.append(f"{pad}  *{v.source}*")
        out += trail_lines(step.children, lang, depth + 1)
    return out


def markdown(report: Report, lang: str = "zh") -> str:
    """The report as Markdown a person can hand over: the summary, the warnings (the profile checked against
    itself), each decision's verdict and options in sentences, the questions to ask locally, and the rule trail as
    an appendix; no field names, ids or dumps (the JSON keeps the facts). Text from a file (a name, a note, a source) with anything a terminal would obey shown
    escaped."""
    lab = labels(lang)
    title, sub = header(report, lang, ids=False)
    out = [f"# {title}", "", sub, ""]
    out += [f"## {lab['summary']}", ""] + [f"- {line}" for line in summary_lines(report, lang)] + [""]
    for warning in compute(report):  # the profile checked against itself: right after the summary it qualifies
        out += [f"> **⚠ {warning.title(lang)}**", ">", f"> {warning.message(lang)}", ""]
    out += [f"## {lab['decisions']}", ""]
    for key, outcome in report.decisions.items():
        out += [f"### {STATUS_MARK[outcome.status]} {decision_title(key, lang)}", "", outcome.verdict_text(lang), ""]
        opts = option_lines(outcome, lang)
        if opts:
            out += [f"**{lab['options'].rstrip(':：')}**", ""] + [f"- {o}" for o in opts] + [""]
    asked = questions(report, lang)
    out += [f"## {lab['questions']}", ""]
    out += ([f"{n}. {q}" for n, q in enumerate(asked, 1)] if asked else [lab["no_questions"]]) + [""]
    out += ["---", "", f"## {lab['appendix']}", ""]
    for key, outcome in report.decisions.items():
        out += [f"### {decision_title(key, lang)}", ""] + trail_lines(outcome.trace, lang) + [""]
    verify = verify_lines(report, lang, plain=True)
    if verify:
        out += [f"### {lab['verify']}", ""] + [f"- {line}" for line in verify] + [""]
    out += [lab["legend.plain"], ""]
    return safe_text("\n".join(out), lines=True)  # anything a terminal would obey (from a file) shown escaped
