"""What to verify locally: every seed, assumed or unknown figure the report used, and every figure read long ago
(``Report.to_verify``), so that a person or a volunteer knows exactly what to ask the local 医保经办机构, and where
to enter what they learn (the 本地规定 screen, ``l``)."""

from __future__ import annotations

from textual.binding import Binding

from engine import Report
from engine.words import region_name, stale_words, safe_text, term, verify_cells

from ..i18n import t
from .help import MarkdownDialog, MarkdownText


def verify_markdown(report: Report, lang: str) -> str:
    """The figures to verify as a list (one item per figure, so that every value stays readable at 80 columns), or
    a sentence saying there are none; unknown figures point to the 本地规定 screen (``l``)."""
    from engine.words import text
    from engine.words import param_title

    rows = report.to_verify(lang)
    if not rows:
        return t("verify.none", lang)
    out = [text("app", "local.verify.intro", lang), ""]
    for e in rows:
        value, used = verify_cells(e, lang, text("sep", "list", lang))
        item = "- " + text("app", "local.verify.item", lang, title=param_title(e["name"], lang), value=value,
                           region=region_name(e["region"], lang), confidence=term(e["confidence"], lang),
                           used=used)
        out.append(item + stale_words(e, lang) + (f"  \n  {e['note']}" if e["note"] else ""))
    if any(e["unknown"] for e in rows):
        out += ["", f"**{text('app', 'local.verify.hint', lang)}**"]
    return safe_text("\n".join(out), lines=True)  # a note from a file: anything a terminal would obey escaped


class VerifyScreen(MarkdownDialog):
    BINDINGS = [Binding("escape,q,v", "close", "key.close", key_display="Esc"),
                Binding("l", "local_rules", "key.local")]
    TITLE_KEY = "verify.title"

    def __init__(self, report: Report, lang: str = "zh") -> None:
        self.report = report
        super().__init__(lang)

    def body(self) -> str:
        return verify_markdown(self.report, self.lang)

    def show_report(self, report: Report) -> None:
        """The figures of ``report`` (the dialog is kept and shown again: its list follows the current report)."""
        self.report = report
        if self.is_mounted:
            self.query_one(MarkdownText).set_source(self.body())

    def action_local_rules(self) -> None:
        """From the list of figures to verify straight to the form where they are entered."""
        self.dismiss(None)
        self.app.call_later(self.app.run_action, "local_rules")
