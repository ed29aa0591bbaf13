"""Plain views of a report for people: Markdown and the pieces the text views share, Chinese by default (``lang="en"``)."""

from __future__ import annotations

from typing import Any

from ..core.safe_text import safe_text
from ..core.values import jsonable
from ..data import i18n
from ..data.glossary import decision_title, fact_text, named_choice
from ..data.places import region_name
from ..evaluation.report import Report
from ..evaluation.warnings import compute
from ..rules.outcome import Outcome
from .trace import lines

STATUS_MARK = {"met": "✔", "not_met": "✖", "unknown": "?", "info": "ℹ"}

#: the report's headings and words (catalog context ``report``)
LABEL_KEYS = ("title", "as_of", "region", "facts", "options", "why", "price", "deadline", "yuan", "verify", "unknown",
              "used_by", "legend")


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
    lab = labels(lang)
    out = []
    for opt in outcome.options:
        d = opt.to_dict(lang)
        extra = []
        if d["price_yuan"] is not None:
            extra.append(f"{lab['price']} {d['price_yuan']:,.2f} {lab['yuan']}")
        if d["deadline"]:
            extra.append(f"{lab['deadline']} {d['deadline']}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"{d['title']}: {d['detail']}{tail}" if d["detail"] else f"{d['title']}{tail}")
    return out


def verify_cells(entry: dict, lang: str, sep: str = ", ") -> tuple[str, str]:
    """A figure to verify (an entry of ``Report.to_verify``) as text: its value, or "unknown" where the data has
    none, and the titles of the decisions that read it, joined by ``sep``."""
    raw = entry["value"]
    value = labels(lang)["unknown"] if entry["unknown"] else (named_choice(raw, lang) or fact_text(raw, lang))
    return value, sep.join(decision_title(d, lang) for d in entry["decisions"])


def verify_lines(report: Report, lang: str) -> list[str]:
    """One line per figure to verify locally: name, value or "unknown", region, confidence, the decisions using it."""
    lab = labels(lang)
    out = []
    for e in report.to_verify(lang):
        value, used = verify_cells(e, lang)
        out.append(i18n.text("report", "verify_line" if not e["note"] else "verify_line_note", lang,
                             title=e["title"], value=value, region=i18n.Region(e["region"]),
                             confidence=i18n.Term(e["confidence"]), used=used, note=e["note"] or "",
                             used_by_label=lab["used_by"]) + stale_words(e, lang))
    return out


def stale_words(entry: dict, lang: str) -> str:
    """" (read on D, two years ago or more: may be out of date)" for a figure to verify that was read long ago;
    "" otherwise."""
    return i18n.text("report", "stale", lang, date=entry["read_on"]) if entry.get("stale") else ""


def header(report: Report, lang: str) -> tuple[str, str]:
    lab = labels(lang)
    region = report.profile.person.region
    return (f"{lab['title']} · {report.profile.name}",
            f"{lab['as_of']} {report.as_of.isoformat()} · {lab['region']} {region_name(region, lang)} ({region})")


def markdown(report: Report, lang: str = "zh") -> str:
    """The report as Markdown: a section per decision with its verdict, facts, options and the trace; text from a
    file (a name, a note, a source) with anything a terminal would obey shown escaped."""
    lab = labels(lang)
    title, sub = header(report, lang)
    out = [f"# {title}", "", sub, ""]
    for warning in compute(report):  # the profile checked against itself: shown first
        out += [f"> **⚠ {warning.title(lang)}**", ">", f"> {warning.message(lang)}", ""]
    for key, outcome in report.decisions.items():
        out += [f"## {STATUS_MARK[outcome.status]} {decision_title(key, lang)}", "",
                f"**{outcome.verdict_text(lang)}**", "", f"### {lab['facts']}", "",
                "| | |", "|---|---|"]
        facts = outcome.facts.to_dict() if hasattr(outcome.facts, "to_dict") else outcome.facts
        out += [f"| `{k}` | {fact_text(v, lang).replace('|', '/')} |" for k, v in localized(facts, lang).items()]
        opts = option_lines(outcome, lang)
        if opts:
            out += ["", f"### {lab['options']}", ""] + [f"- {o}" for o in opts]
        out += ["", f"### {lab['why']}", ""]
        out += ["    " + line for line in lines(outcome.trace, lang)]
        out.append("")
    verify = verify_lines(report, lang)
    if verify:
        out += [f"## {lab['verify']}", ""] + [f"- {line}" for line in verify] + [""]
    out += ["---", "", lab["legend"], ""]
    return safe_text("\n".join(out), lines=True)  # anything a terminal would obey (from a file) shown escaped
