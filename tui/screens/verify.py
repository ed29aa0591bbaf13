"""What to verify locally: every seed, assumed or unknown figure the report used (``Report.to_verify``), so that a
person or a volunteer knows exactly what to ask the local 医保经办机构, and what to enter as an override."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from engine.glossary import DECISION_TITLES, term
from engine.regions import region_name
from engine.render import fact_text
from engine.report import Report

from ..i18n import localize_bindings, t


def verify_markdown(report: Report, lang: str) -> str:
    """A Markdown table of the figures to verify, or a sentence saying there are none."""
    rows = report.to_verify(lang)
    if not rows:
        return t("verify.none", lang)
    en = lang == "en"
    out = [t("verify.intro", lang), "", "| " + " | ".join(t(f"verify.col.{c}", lang) for c in
                                                         ("name", "value", "region", "confidence", "used_by")) + " |",
           "|---|---|---|---|---|"]
    for e in rows:
        value = t("verify.unknown", lang) if e["unknown"] else fact_text(e["value"])
        used = ("、" if not en else ", ").join(DECISION_TITLES[d][1 if en else 0] for d in e["decisions"])
        name = f"`{e['name']}` {e['title'].split(e['name'], 1)[-1].strip()}"
        out.append(f"| {name} | {value} | {region_name(e['region'], lang)} | {term(e['confidence'], lang)} | {used} |")
    notes = [f"- `{e['name']}`: {e['note']}" for e in rows if e["note"]]
    if notes:
        out += ["", f"### {t('verify.notes', lang)}", ""] + notes
    return "\n".join(out)


class VerifyScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,v", "close", "key.close", key_display="Esc")]

    def __init__(self, report: Report, lang: str = "zh") -> None:
        super().__init__()
        self.report = report
        self.lang = lang
        localize_bindings(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Static(f"{t('app.title', self.lang)} · {t('verify.title', self.lang)}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Markdown(verify_markdown(self.report, self.lang))
            yield Static(t("help.close_hint", self.lang), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
