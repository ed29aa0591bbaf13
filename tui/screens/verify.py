"""What to verify locally: every seed, assumed or unknown figure the report used (``Report.to_verify``), so that a
person or a volunteer knows exactly what to ask the local 医保经办机构, and what to enter as an override."""

from __future__ import annotations

from textual.binding import Binding

from engine.glossary import term
from engine.regions import region_name
from engine.render import verify_cells
from engine.report import Report

from ..i18n import t
from .help import MarkdownDialog


def verify_markdown(report: Report, lang: str) -> str:
    """A Markdown table of the figures to verify, or a sentence saying there are none."""
    rows = report.to_verify(lang)
    if not rows:
        return t("verify.none", lang)
    out = [t("verify.intro", lang), "", "| " + " | ".join(t(f"verify.col.{c}", lang) for c in
                                                         ("name", "value", "region", "confidence", "used_by")) + " |",
           "|---|---|---|---|---|"]
    for e in rows:
        value, used = verify_cells(e, lang, ", " if lang == "en" else "、")
        name = f"`{e['name']}` {e['title'].split(e['name'], 1)[-1].strip()}"
        out.append(f"| {name} | {value} | {region_name(e['region'], lang)} | {term(e['confidence'], lang)} | {used} |")
    notes = [f"- `{e['name']}`: {e['note']}" for e in rows if e["note"]]
    if notes:
        out += ["", f"### {t('verify.notes', lang)}", ""] + notes
    return "\n".join(out)


class VerifyScreen(MarkdownDialog):
    BINDINGS = [Binding("escape,q,v", "close", "key.close", key_display="Esc")]
    TITLE_KEY = "verify.title"

    def __init__(self, report: Report, lang: str = "zh") -> None:
        self.report = report
        super().__init__(lang)

    def body(self) -> str:
        return verify_markdown(self.report, self.lang)
