"""The guided start (新建档案向导): plain questions one at a time, then the history as a short dialogue.

A person who has never seen the app answers: a name, sex, birth month, what they do now (单位职工 / 灵活就业 /
已退休), for a woman the original retirement age in words, where benefits will be drawn (the region search), the
account balance; then each period of the history: from when to when, which medical insurance, through an employer
or on one's own, which tier, pension alongside, the same place as before, and whether there is another. Every
question has a default that fits most lives, taken with Enter: the next period starts where the last ended, an empty
end means "至今", the pension goes with the employee medical insurance, the place stays the same. Esc goes one
question back. A summary shows everything before the profile is checked by the engine and handed back.

With ``base`` (an existing profile) only the history questions are asked and the new periods are added to it.
Dismisses with the new :class:`~engine.Profile` or None.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import msgspec
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from engine import Month, Profile, ProfileError, dump_profile, parse_profile
from engine import Account, Period, Person, is_known
from engine.words import region_name, term, text

from .base import KeyLabels, StyledOnce

_MONTH_RE = re.compile(r"^\s*(\d{4})\s*(?:[-./年]\s*(\d{1,2})|(\d{2}))\s*月?\s*$")
_NOW_WORDS = {"", "至今", "现在", "now", "ongoing", "today"}

PERSON_STEPS = ("name", "sex", "birth", "identity", "age", "region", "balance", "balance_month")
#: a woman's answer to "which original retirement age?" → the profile's age; not sure: none given, so the engine
#: assumes 55 and the report shows the outcome at 50 beside it (warning original_age_assumed)
ORIGINAL_AGE = {"50": 50, "55": 55, "flexible": 55, "unknown": None}
PERIOD_STEPS = ("p_start", "p_end", "p_insurance", "p_status", "p_mode", "p_pension", "p_place", "p_more")


def parse_month(value: str) -> Month | None:
    """A typed month: ``1972-03``, ``1972-3``, ``1972.3``, ``197203``, ``1972年3月``; None if it is none."""
    m = _MONTH_RE.match(value or "")
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2) or m.group(3))
    try:
        return Month.parse(f"{year:04d}-{month:02d}")
    except ValueError:
        return None


def parse_amount(value: str) -> int | float | None:
    cleaned = (value or "").replace(",", "").replace("，", "").replace("元", "").strip()
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    if re.fullmatch(r"\d+\.\d{1,2}", cleaned):
        return float(cleaned)
    return None



class AnswerList(OptionList):
    """The answers to a question: the highlight stops at the first and the last answer (an OptionList goes round,
    so ↓ on the last answer, "no, show the summary", highlighted the first, "yes, another period")."""

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


class WizardScreen(StyledOnce, KeyLabels, Screen["Profile | None"]):
    """``WizardScreen(lang, as_of, base=None)``: a new profile, or ``base`` with periods added."""

    BINDINGS = [Binding("escape", "back", show=False)]
    AUTO_FOCUS = None

    def __init__(self, lang: str = "zh", as_of: date | None = None, base: Profile | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.as_of = as_of or date.today()
        self.base = base
        self.state: dict[str, Any] = {
            "name": "", "sex": None, "birth": None, "identity": None, "age": None,
            "region": base.person.region if base else None, "balance": None, "balance_month": None,
            "periods": [], "cur": {},
        }
        self.step = "p_start" if base is not None else "name"
        self.history: list[tuple[str, dict[str, Any]]] = []
        self.keys = 0  # keys pressed in the guide (the tests count them)
        self._picker = None  # the place search opened by a letter, until it closes

    # -- words ------------------------------------------------------------------------------------------------

    def w(self, key: str, **args: Any) -> str:
        return text("app", f"wizard.{key}", self.lang, **args)

    def region_words(self, region: str | None) -> str:
        return region_name(region, self.lang) if is_known(region) else (region or "")

    # -- building ---------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="wizard-box"):
            yield Static(self.w("title" if self.base is None else "title_add"), id="wizard-title")
            yield Static("", id="wizard-progress")
            yield Static("", id="wizard-question", markup=False)
            yield Static("", id="wizard-help", markup=False)
            yield Input(id="wizard-input")
            yield AnswerList(id="wizard-options")
            yield Static("", id="wizard-error", markup=False)
            with VerticalScroll(id="wizard-sofar-box"):
                yield Static("", id="wizard-sofar", markup=False)
            yield Static(self.w("keys"), id="wizard-keys")

    def on_mount(self) -> None:
        self.show_step()

    def on_key(self, event) -> None:
        self.keys += 1
        if self.step in ("region", "p_place") and event.is_printable and event.character.strip():
            event.stop()  # a name typed where the places are offered: the search opens with it
            if self._picker is not None:  # opened by a letter before, not yet taking the keys: they follow
                self._picker.type_ahead(event.character)
            else:
                self.search_place(event.character)

    def place_here(self) -> str | None:
        """Where this period was paid unless said otherwise: as answered, else the previous period's place."""
        prev = self.previous_period()
        return self.cur.get("region") or (prev["region"] if prev else None) or self.state["region"]

    def search_place(self, query: str = "") -> None:
        """The searchable list of places for the step shown (where benefits are drawn, or this period's place)."""
        s, cur = self.state, self.cur
        if self.step == "region":
            return self.pick_region(s["region"], lambda rid: s.__setitem__("region", rid), query)
        return self.pick_region(self.place_here(), lambda rid: cur.__setitem__("region", rid), query)

    # -- the steps --------------------------------------------------------------------------------------------

    @property
    def cur(self) -> dict[str, Any]:
        return self.state["cur"]

    @property
    def periods(self) -> list[dict[str, Any]]:
        return self.state["periods"]

    def previous_period(self) -> dict[str, Any] | None:
        if self.periods:
            return self.periods[-1]
        if self.base is not None and self.base.periods:
            medical = [p for p in self.base.periods if p.insurance != "pension"] or list(self.base.periods)
            last = max(medical, key=lambda p: (p.end or Month.from_date(self.as_of)).index)
            return {"start": last.start, "end": last.end, "insurance": last.insurance,
                    "status": last.status or "employed", "mode": last.mode or "with_account",
                    "pension": True, "region": last.region or self.base.person.region}
        return None

    def applies(self, step: str) -> bool:
        s, cur = self.state, self.cur
        if step == "age":
            return s["sex"] == "female"
        if step == "balance_month":
            return s["balance"] is not None
        if step == "p_status":
            return cur.get("insurance") in ("employee_medical", "pension")
        if step == "p_pension":  # on unemployment benefit the fund pays medical insurance only
            return cur.get("insurance") == "employee_medical" and cur.get("status") != "unemployed"
        if step == "p_mode":
            return cur.get("insurance") == "employee_medical"
        return True

    def next_step(self, step: str) -> str:
        order = PERSON_STEPS + PERIOD_STEPS
        if step == "p_more":
            return "p_start" if self.state.get("more") else "summary"
        i = order.index(step)
        for candidate in order[i + 1:]:
            if self.applies(candidate):
                return candidate
        return "summary"

    def advance(self) -> None:
        self.history.append((self.step, copy.deepcopy(self.state)))
        self.step = self.next_step(self.step)
        if self.step == "p_start":
            self.state["cur"] = {}
        self.show_step()

    def action_back(self) -> None:
        if not self.history:
            self.dismiss(None)
            return
        self.step, self.state = self.history.pop()
        self.show_step()

    def asked_period(self) -> tuple[dict[str, Any], int]:
        """The period a history question is about and its number. Back (Esc) at "another period?" from the
        next one, the period answered is in the list already: its last."""
        if self.step == "p_more" and not self.cur and self.periods:
            return self.periods[-1], len(self.periods)
        return self.cur, len(self.periods) + 1

    def show_step(self) -> None:
        step, lang = self.step, self.lang
        question, hint, choices, value, placeholder = "", "", None, "", ""
        highlight = 0
        prev = self.previous_period()
        if step in PERSON_STEPS:
            progress = self.w("progress.person")
        elif step == "summary":
            progress = self.w("progress.summary")
        else:
            progress = self.w("progress.period", n=self.asked_period()[1])
        if step == "name":
            question, hint = self.w("q.name"), self.w("h.name", v=self.w("default_name"))
            value = self.state["name"]
            placeholder = self.w("default_name")
        elif step == "sex":
            question = self.w("q.sex")
            choices = [("male", term("male", lang)), ("female", term("female", lang))]
            highlight = 1 if self.state["sex"] == "female" else 0
        elif step == "birth":
            question, hint = self.w("q.birth"), self.w("h.month")
            value = str(self.state["birth"]) if self.state["birth"] else ""
            placeholder = "1975-06"
        elif step == "identity":
            question = self.w("q.identity")
            choices = [(c, self.w(f"identity.{c}")) for c in ("employed", "flexible", "retired")]
            highlight = ["employed", "flexible", "retired"].index(self.state["identity"] or "employed")
        elif step == "age":
            question, hint = self.w("q.age"), self.w("h.age")
            choices = [("50", text("app", "person.age.female.50", lang)),
                       ("55", text("app", "person.age.female.55", lang)),
                       ("flexible", text("app", "person.age.flexible", lang)),
                       ("unknown", self.w("age.unknown"))]  # the report then shows the outcome at 50 beside it
            default = self.state["age"] or ("flexible" if self.state["identity"] == "flexible" else "55")
            highlight = [c for c, _ in choices].index(default)
        elif step == "region":
            question, hint = self.w("q.region"), self.w("h.region")
            choices = [("search", self.w("region.search"))]
            if self.state["region"]:
                choices.insert(0, ("keep", self.w("region.keep", v=self.region_words(self.state["region"]))))
        elif step == "balance":
            question, hint = self.w("q.balance"), self.w("h.balance")
            value = "" if self.state["balance"] is None else str(self.state["balance"])
            placeholder = self.w("ph.skip")
        elif step == "balance_month":
            this_month = str(Month.from_date(self.as_of))
            question, hint = self.w("q.balance_month"), self.w("h.balance_month", v=this_month)
            value = str(self.state["balance_month"]) if self.state["balance_month"] else ""
            placeholder = this_month
        elif step == "p_start":
            question = self.w("q.start")
            default = prev["end"] + 1 if prev and prev.get("end") else None
            hint = self.w("h.start_default", v=str(default)) if default else self.w("h.month")
            value = str(self.cur["start"]) if self.cur.get("start") else ""
            placeholder = str(default) if default else "1995-07"
        elif step == "p_end":
            question, hint = self.w("q.end", v=str(self.cur["start"])), self.w("h.end")
            value = str(self.cur["end"]) if self.cur.get("end") else ""
            placeholder = self.w("ph.now")
        elif step == "p_insurance":
            question = self.w("q.insurance")
            codes = ["employee_medical", "resident_medical", "pension"]
            choices = [(c, self.w(f"insurance.{c}")) for c in codes]
            default = self.cur.get("insurance") or (prev["insurance"] if prev else "employee_medical")
            highlight = codes.index(default)
        elif step == "p_status":
            question = self.w("q.status")
            codes = ["employed", "flexible"] + (["unemployed"] if self.cur.get("insurance") == "employee_medical" else [])
            choices = [(c, self.w(f"status.{c}")) for c in codes]
            default = self.cur.get("status") or self.default_status(prev)
            highlight = codes.index(default if default in codes else "employed")
        elif step == "p_mode":
            question, hint = self.w("q.mode"), self.w("h.mode")
            codes = ["with_account", "pooling_only"]
            choices = [(c, self.w(f"mode.{c}")) for c in codes]
            default = self.cur.get("mode")
            if default is None:
                default = prev["mode"] if prev and prev.get("status") == self.cur.get("status") and prev.get(
                    "mode") else "with_account"
            highlight = codes.index(default)
        elif step == "p_pension":
            question = self.w("q.pension")
            choices = [("yes", self.w("pension.yes")), ("no", self.w("pension.no"))]
            highlight = 1 if self.cur.get("pension") is False else 0
        elif step == "p_place":
            question = self.w("q.place")
            here, benefit = self.place_here(), self.state["region"]
            choices = [("keep", self.w("place.keep", v=self.region_words(here)))]
            if benefit and benefit != here:  # moved: the place where benefits will be drawn is offered too
                choices.append(("benefit", self.w("place.benefit", v=self.region_words(benefit))))
                highlight = 1 if self.cur.get("end") is None else 0  # paying there now, most likely
            choices.append(("search", self.w("place.other")))
        elif step == "p_more":
            question = self.w("q.more")
            period = self.asked_period()[0]
            ongoing = period.get("end") is None
            nxt = period["end"] + 1 if not ongoing else None
            choices = [("more", self.w("more.yes_from", v=str(nxt)) if nxt else self.w("more.yes")),
                       ("done", self.w("more.done"))]
            highlight = 1 if ongoing else 0
        elif step == "summary":
            question, hint = self.w("q.summary"), ""
            choices = [("ok", self.w("summary.ok")), ("more", self.w("summary.more")),
                       ("back", self.w("summary.back"))]
        self.query_one("#wizard-progress", Static).update(progress)
        self.query_one("#wizard-question", Static).update(question)
        help_box = self.query_one("#wizard-help", Static)
        help_box.update(hint)
        help_box.display = bool(hint)
        self.query_one("#wizard-error", Static).update("")
        box = self.query_one("#wizard-input", Input)
        options = self.query_one("#wizard-options", OptionList)
        self.query_one("#wizard-sofar", Static).update(self.summary_text() if step == "summary" else self.sofar())
        if choices is None:
            options.display = False
            box.display = True
            box.placeholder = placeholder
            box.value = value
            box.focus()
            box.selection = Selection(0, len(value))  # an answer given before: typing replaces it, ← or → keeps it
        else:
            box.display = False
            options.display = True
            options.clear_options()
            for code, label in choices:
                options.add_option(Option(label, id=code))
            options.highlighted = highlight
            options.focus()

    def default_status(self, prev: dict[str, Any] | None) -> str:
        if self.cur.get("end") is None and self.state["identity"] == "flexible":
            return "flexible"
        if prev is not None and prev.get("status") in ("employed", "flexible"):
            return prev["status"]
        return "employed"

    # -- answers ----------------------------------------------------------------------------------------------

    def error(self, message: str) -> None:
        self.query_one("#wizard-error", Static).update("✖ " + message)
        self.app.bell()

    def month_error(self, value: str) -> None:
        """A month that cannot be read; when nothing was typed, one is asked for (not quoted back as "“”")."""
        self.error(self.w("e.month", v=value) if value else self.w("e.month_empty"))

    @on(Input.Submitted, "#wizard-input")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        step, s, cur = self.step, self.state, self.cur
        prev = self.previous_period()
        if step == "name":
            name = value or self.w("default_name")
            if len(name) > 40:
                return self.error(self.w("e.name"))
            s["name"] = name
        elif step == "birth":
            month = parse_month(value)
            if month is None:
                return self.month_error(value)
            if month >= Month.from_date(self.as_of):
                return self.error(self.w("e.birth_future"))
            s["birth"] = month
        elif step == "balance":
            if value:
                amount = parse_amount(value)
                if amount is None:
                    return self.error(self.w("e.amount", v=value))
                s["balance"] = amount
            else:
                s["balance"] = None
        elif step == "balance_month":
            month = parse_month(value) if value else Month.from_date(self.as_of)
            if month is None:
                return self.month_error(value)
            if month > Month.from_date(self.as_of):
                return self.error(self.w("e.balance_future"))
            s["balance_month"] = month
        elif step == "p_start":
            if not value and prev and prev.get("end"):
                month = prev["end"] + 1
            else:
                month = parse_month(value)
                if month is None:
                    return self.month_error(value)
            birth = s["birth"] or (self.base.person.birth if self.base else None)
            if birth is not None and month <= birth:
                return self.error(self.w("e.before_birth", v=str(birth)))
            cur["start"] = month
        elif step == "p_end":
            if value.casefold() in _NOW_WORDS:
                cur["end"] = None
            else:
                month = parse_month(value)
                if month is None:
                    return self.error(self.w("e.month_or_now", v=value))
                if month < cur["start"]:
                    return self.error(self.w("e.end_before_start", v=str(cur["start"])))
                cur["end"] = month
        self.advance()

    @on(OptionList.OptionSelected, "#wizard-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        code = event.option.id
        step, s, cur = self.step, self.state, self.cur
        if step == "sex":
            s["sex"] = code
        elif step == "identity":
            s["identity"] = code
        elif step == "age":
            s["age"] = code
        elif step == "region":
            if code == "search":
                return self.search_place()
        elif step == "p_insurance":
            cur["insurance"] = code
        elif step == "p_status":
            cur["status"] = code
        elif step == "p_mode":
            cur["mode"] = code
        elif step == "p_pension":
            cur["pension"] = code == "yes"
        elif step == "p_place":
            if code == "search":
                return self.search_place()
            cur["region"] = s["region"] if code == "benefit" else self.place_here()
        elif step == "p_more":
            if cur:  # answered again after Esc from the next period: this period is in the list already
                self.finish_period()
            s["more"] = code == "more"
        elif step == "summary":
            if code == "ok":
                return self.finish()
            if code == "more":
                s["more"] = True
                self.history.append((self.step, copy.deepcopy(self.state)))
                self.step, self.state["cur"] = "p_start", {}
                return self.show_step()
            return self.action_back()
        self.advance()

    def pick_region(self, current: str | None, store, query: str = "") -> None:
        from .region_picker import RegionPicker

        def picked(region: str | None) -> None:
            self._picker = None
            if region:
                store(region)
                self.advance()
            else:
                self.show_step()

        self._picker = RegionPicker(self.lang, current=current, query=query)
        self.app.push_screen(self._picker, picked)

    def finish_period(self) -> None:
        cur = dict(self.cur)
        insurance = cur.get("insurance", "employee_medical")
        cur.setdefault("status", "employed" if insurance != "resident_medical" else None)
        cur.setdefault("mode", "with_account")
        cur.setdefault("pension", insurance == "employee_medical" and cur.get("status") != "unemployed")
        cur.setdefault("region", self.state["region"])
        self.periods.append(cur)
        self.state["cur"] = {}

    # -- the profile ------------------------------------------------------------------------------------------

    def person(self) -> Person:
        if self.base is not None:
            return self.base.person
        s = self.state
        age = None
        if s["sex"] == "female":
            age = ORIGINAL_AGE.get(s["age"], 55)
        return Person(sex=s["sex"] or "male", birth=s["birth"], region=s["region"] or "national",
                      original_retirement_age=age)

    def build(self) -> Profile:
        person = self.person()
        periods: list[Period] = []
        for p in self.periods:
            insurance = p["insurance"]
            region = None if p["region"] in (None, person.region) else p["region"]
            status = None if insurance == "resident_medical" or p["status"] == "employed" else p["status"]
            mode = p["mode"] if insurance == "employee_medical" and p["mode"] != "with_account" else None
            periods.append(Period(insurance=insurance, start=p["start"], end=p["end"], region=region,
                                  status=status, mode=mode))
            if insurance == "employee_medical" and p["pension"] and status != "unemployed":
                periods.append(Period(insurance="pension", start=p["start"], end=p["end"], region=region,
                                      status=status))
        if self.base is not None:
            return msgspec.structs.replace(self.base, periods=tuple(self.base.periods) + tuple(periods))
        account = None
        if self.state["balance"] is not None:
            account = Account(balance_yuan=self.state["balance"],
                              as_of=self.state["balance_month"] or Month.from_date(self.as_of))
        return Profile(name=self.state["name"] or self.w("default_name"), person=person, periods=tuple(periods),
                       account=account)

    def finish(self) -> None:
        try:
            profile = parse_profile(dump_profile(self.build()))
        except ProfileError as err:
            return self.error(err.text(self.lang))
        except Exception as err:  # never a traceback for odd answers
            return self.error(str(err))
        self.dismiss(profile)

    # -- what was said so far ---------------------------------------------------------------------------------

    def period_line(self, n: int, p: dict[str, Any]) -> str:
        lang = self.lang
        end = str(p["end"]) if p.get("end") else self.w("now")
        parts = [self.w("insurance.short." + p["insurance"])]
        if p["insurance"] != "resident_medical":
            parts.append(term(p.get("status") or "employed", lang))
        if p["insurance"] == "employee_medical":
            parts.append(term(p.get("mode") or "with_account", lang))
            if p.get("pension"):
                parts.append(self.w("with_pension"))
        parts.append(self.region_words(p.get("region") or self.state["region"]))
        key = "period_line" if p.get("end") else "period_line_ongoing"  # 2020-11 起至今, not 2020-11 至 至今
        return self.w(key, n=n, start=str(p["start"]), end=end, what=self.w("sep").join(parts))

    def person_lines(self) -> list[str]:
        s, out = self.state, []
        if self.base is not None:
            return [self.base.name]
        if s["name"]:
            out.append(s["name"])
        facts = []
        if s["sex"]:
            facts.append(term(s["sex"], self.lang))
        if s["birth"]:
            facts.append(self.w("born", v=str(s["birth"])))
        if s["identity"]:
            facts.append(self.w(f"identity.{s['identity']}"))
        if s["sex"] == "female" and s["age"] == "unknown":
            facts.append(self.w("age_unknown"))
        elif s["sex"] == "female" and s["age"]:
            facts.append(self.w("age_is", v=ORIGINAL_AGE[s["age"]]))
        if s["region"]:
            facts.append(self.region_words(s["region"]))
        if s["balance"] is not None and s["balance_month"] is not None:
            facts.append(self.w("balance_on", v=s["balance"], month=str(s["balance_month"])))
        elif s["balance"] is not None:
            facts.append(self.w("balance_is", v=s["balance"]))
        if facts:
            out.append(self.w("sep").join(facts))
        return out

    def sofar(self) -> str:
        lines = self.person_lines()
        first = len(self.base.periods) + 1 if self.base is not None else 1
        for i, p in enumerate(self.periods):
            lines.append(self.period_line(first + i, p))
        current = self.current_period_line(first + len(self.periods))
        if current:
            lines.append(current)
        return "\n".join(lines)

    def current_period_line(self, n: int) -> str | None:
        """The period being entered, as far as it is answered (its months first): what the questions are about."""
        cur, lang = self.cur, self.lang
        if self.step not in PERIOD_STEPS or not cur.get("start") or self.step == "p_end":
            return None
        parts = [self.w("insurance.short." + cur["insurance"])] if cur.get("insurance") else []
        parts += [term(cur[k], lang) for k in ("status", "mode") if cur.get(k)]
        if cur.get("pension"):
            parts.append(self.w("with_pension"))
        if cur.get("region"):
            parts.append(self.region_words(cur["region"]))
        what = self.w("sep").join(parts) or "…"
        key = "period_line" if cur.get("end") else "period_line_ongoing"
        return self.w(key, n=n, start=str(cur["start"]), end=str(cur.get("end") or ""), what=what)

    def summary_text(self) -> str:
        lines = self.person_lines()
        first = len(self.base.periods) + 1 if self.base is not None else 1
        if not self.periods:
            lines.append(self.w("no_periods"))
        for i, p in enumerate(self.periods):
            lines.append(self.period_line(first + i, p))
        return "\n".join(lines)
