"""The guided start (新建档案向导): plain questions one at a time, then the history as a short dialogue.

A person who has never seen the app answers: a name, sex, birth month, what they do now (单位职工 / 灵活就业 /
已退休), for a woman the original retirement age in words, where benefits will be drawn (the region search), the
account balance; then each period of the history: from when to when, and how it counted (paid through an employer,
paid as a flexible worker, deemed years, months paid back later, months on unemployment benefit, resident insurance,
pension only). A flexible worker is asked which tier; a period going on now, which contribution base, in words
(the place's lower limit with its year, a share of the average wage, a number, or "don't know"). Then the period is
shown whole, with its place and whether the pension went with it, and one answer says "right, the next one follows
on", "right, that was all", or changes the place or the pension.

No period starts before the person turned 16 (the first one's example is the month they turned 18). After the
history, one step asks whether anything is planned, in people's words: nothing (Enter), leaving China for good (the
month, then whether a Chinese citizen, else the country's two-letter code: foreign employees leaving China keep
their account or have it paid out), or moving to another city after retirement (the place search).

Every question has a default that follows the earlier answers, taken with Enter: the next period starts where the
last ended, an empty end means "至今", a flexible worker's periods are flexible, the place stays the same. Esc goes
one question back and every answer is kept: going forward again offers it as the default. A summary shows everything
before the profile is checked by the engine and handed back. Keys sent in one burst (tmux ``send-keys``, a pilot)
are answered in order, through the place search too (:mod:`tui.screens.inorder`).

With ``base`` (an existing profile) only the history questions are asked and the new periods are added to it.
Dismisses with the new :class:`~engine.Profile` or None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import msgspec
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from engine import Month, Profile, ProfileError, dump_profile, parse_profile
from engine import COUNTRY_CODES, NEEDS_VERIFY, Account, ParamValue, Period, Person, Plans, is_known
from engine import figure_lookup
from engine.words import region_name, term, text

from .base import KeyLabels, StyledOnce
from .inorder import InOrder, InOrderScreen, bound_keys

_MONTH_RE = re.compile(r"^\s*(\d{4})\s*(?:[-./年]\s*(\d{1,2})|(\d{2}))\s*月?\s*$")
_NOW_WORDS = {"", "至今", "现在", "now", "ongoing", "today"}

PERSON_STEPS = ("name", "sex", "birth", "identity", "age", "region", "balance", "balance_month")
#: a woman's answer to "which original retirement age?" → the profile's age; not sure: none given, so the engine
#: assumes 55 and the report shows the outcome at 50 beside it (warning original_age_assumed)
ORIGINAL_AGE = {"50": 50, "55": 55, "flexible": 55, "unknown": None}
PERIOD_STEPS = ("p_start", "p_end", "p_how", "p_paid_on", "p_who", "p_mode", "p_base", "p_base_number", "p_card")
#: how a period counted, in the order offered: paid through an employer, paid as a flexible worker, deemed years
#: (视同缴费), months paid back later (补缴), months on unemployment benefit, resident insurance, pension only
HOWS = ("employed", "flexible", "deemed", "backpaid", "unemployed", "resident", "pension")
#: the contribution base in words: the place's lower limit, shares of the average wage, a number, not known
BASE_SHARES = {"60": 0.6, "100": 1.0, "300": 3.0}
MIN_BASE, WAGE = "medical.min_base_yuan", "wage.average_monthly_yuan"
ALWAYS_ACCOUNT = "account.flexible_always_has_account"
#: the steps after the history (a new profile only): anything planned (leaving China for good, with the month and
#: the citizenship that decides which rule applies on leaving; moving to another city after retirement)
PLAN_STEPS = ("plans", "plan_month", "citizen", "country")
#: no period starts before the age of 16: 劳动法 第十五条 "禁止用人单位招用未满十六周岁的未成年人"
EARLIEST_AGE = 16
#: the month offered as an example of a first period's start: the one the person turned 18
EXAMPLE_AGE = 18


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


def figure_in_force(name: str, region: str, at: date) -> ParamValue | None:
    """The figure ``name`` in force at ``at`` for ``region`` as the rules read it (the person's own local figure
    first, then the place, its province and the national data); None where it is not known."""
    found = figure_lookup(name, region, at)
    return found if found.known else None


def share_of(wage: float, share: float) -> int:
    """A share of the average wage as a base, in whole yuan (60% of 6843 is 4106, as the lower limits are)."""
    return int(wage * share + 0.5)


def yuan(value: float) -> str:
    """An amount as a person writes it: 4623, 4623.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


class AnswerList(InOrder, OptionList):
    """The answers to a question: the highlight stops at the first and the last answer (an OptionList goes round,
    so ↓ on the last answer, "no, show the summary", highlighted the first, "yes, another period"). ``choose`` is
    called with the answer's id as it is chosen."""

    KEYS = bound_keys(OptionList.BINDINGS)

    def __init__(self, choose, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choose = choose

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.choose(self.get_option_at_index(self.highlighted).id)

    def unbound_key(self, event: events.Key) -> None:
        """A letter typed where places are offered opens the search with it, at once (before the keys after it)."""
        if event.is_printable and self.screen.type_place(event.character):  # type: ignore[attr-defined]
            event.stop()
            event.prevent_default()


class AnswerInput(InOrder, Input):
    """The typed answer: ``answer`` is called with the text as Enter is pressed."""

    KEYS = bound_keys(Input.BINDINGS)

    def __init__(self, answer, **kwargs) -> None:
        super().__init__(**kwargs)
        self.answer = answer

    async def action_submit(self) -> None:
        self.answer(self.value)


class WizardScreen(InOrderScreen, StyledOnce, KeyLabels, Screen["Profile | None"]):
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
            "plan": None, "emigrate": None, "relocate": None, "nationality": None,
        }
        #: every period answered, kept when going back; ``i`` is the one asked about
        self.periods: list[dict[str, Any]] = []
        self.i = 0
        #: how many of them make the history: said with "that was all" (the ones after it are kept, should the
        #: person go back and on)
        self.count: int | None = None
        self.step = "p_start" if base is not None else "name"
        self.history: list[tuple[str, int]] = []
        self._picker = None  # the place search, from its opening until its answer is taken

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
            yield AnswerInput(self.typed, id="wizard-input")
            yield AnswerList(self.chosen, id="wizard-options")
            yield Static("", id="wizard-error", markup=False)
            with VerticalScroll(id="wizard-sofar-box"):
                yield Static("", id="wizard-sofar", markup=False)
            yield Static(self.w("keys"), id="wizard-keys")

    def on_mount(self) -> None:
        self.show_step()
        self.release_keys()  # the keys typed after the one that opened the guide

    def keys_held(self) -> bool:
        """Keys are kept while the place search is open or its answer not yet taken (they follow it)."""
        return super().keys_held() or self._picker is not None

    async def on_key(self, event: events.Key) -> None:
        await self.act_on_key(event)

    def type_place(self, character: str) -> bool:
        """A name typed where the places are offered: the search opens with it (True); else False."""
        if self.step not in ("region", "p_card") or not character.strip():
            return False
        self.search_place(character)
        return True

    def search_place(self, query: str = "") -> None:
        """The searchable list of places for the step shown (where benefits are drawn, or this period's place)."""
        if self.step == "region":
            return self.pick_region(self.state["region"], lambda rid: self.state.__setitem__("region", rid), query)

        def store(rid: str) -> None:
            self.cur["region"] = rid
        return self.pick_region(self.region_of(self.i), store, query)

    # -- the periods ------------------------------------------------------------------------------------------

    @property
    def cur(self) -> dict[str, Any]:
        while len(self.periods) <= self.i:
            self.periods.append({})
        return self.periods[self.i]

    def previous(self, i: int) -> dict[str, Any] | None:
        """The period before period ``i`` (for the first, the last of the profile added to)."""
        if i > 0:
            return self.periods[i - 1]
        if self.base is not None and self.base.periods:
            medical = [p for p in self.base.periods if p.insurance != "pension"] or list(self.base.periods)
            last = max(medical, key=lambda p: (p.end or Month.from_date(self.as_of)).index)
            how = {"employee_medical": last.status or "employed", "resident_medical": "resident"}.get(
                last.insurance, "pension")
            if last.effective_kind != "paid":
                how = last.effective_kind
            return {"start": last.start, "end": last.end, "how": how, "mode": last.mode or "with_account",
                    "region": last.region or self.base.person.region}
        return None

    def region_of(self, i: int) -> str | None:
        """Where period ``i`` was paid: as answered; a period going on now, where benefits will be drawn (where one
        lives, most likely); else where the period before it was paid."""
        p = self.periods[i] if i < len(self.periods) else {}
        if p.get("region"):
            return p["region"]
        if "end" in p and p["end"] is None:
            return self.state["region"]
        prev = self.previous(i)
        if prev is not None:
            return prev["region"] if i == 0 else self.region_of(i - 1)
        return self.state["region"]

    @staticmethod
    def employee(p: dict[str, Any]) -> bool:
        return p.get("how") not in ("resident", "pension", None)

    def with_pension(self, p: dict[str, Any]) -> bool:
        """Whether the pension went with this period: said so, else yes for employee medical insurance (most lives)
        but on unemployment benefit (the fund pays the medical contributions only)."""
        if not self.employee(p) or p.get("how") == "unemployed":
            return False
        return p.get("pension", True)

    def status_of(self, p: dict[str, Any]) -> str:
        how = p.get("how")
        if how == "backpaid":
            return p.get("who", "employed")
        return how if how in ("flexible", "unemployed") else "employed"

    def default_how(self, i: int) -> str:
        """A flexible worker's periods are flexible; a period going on now is what one does now; else as the period
        before (when it was paid through an employer or as a flexible worker)."""
        identity = self.state["identity"]
        p = self.periods[i]
        if identity == "flexible":
            return "flexible"
        if "end" in p and p["end"] is None and identity == "employed":
            return "employed"
        prev = self.previous(i)
        if prev is not None and prev.get("how") in ("employed", "flexible", "resident"):
            return prev["how"]
        return "employed"

    def asks_base(self, p: dict[str, Any]) -> bool:
        """The base is asked of a period going on now (it sets what goes into the personal account each month and
        what the months still to pay cost), paid through an employer or as a flexible worker."""
        return p.get("end", 0) is None and p.get("how") in ("employed", "flexible")

    # -- the steps --------------------------------------------------------------------------------------------

    def applies(self, step: str) -> bool:
        s, cur = self.state, self.cur if step in PERIOD_STEPS else {}
        if step == "age":
            return s["sex"] == "female"
        if step == "balance_month":
            return s["balance"] is not None
        if step in ("p_paid_on", "p_who"):
            return cur.get("how") == "backpaid"
        if step == "p_mode":
            return self.status_of(cur) == "flexible" and self.employee(cur) and not self.every_flexible_has_account()
        if step == "p_base":
            return self.asks_base(cur)
        if step == "p_base_number":
            return self.asks_base(cur) and cur.get("base") == "number"
        return True

    def next_step(self, step: str) -> str:
        order = PERSON_STEPS + PERIOD_STEPS
        i = order.index(step)
        for candidate in order[i + 1:]:
            if self.applies(candidate):
                return candidate
        return "summary"

    def go(self, step: str, i: int | None = None) -> None:
        """On to ``step`` (of period ``i``), the step shown now kept to come back to with Esc."""
        self.history.append((self.step, self.i))
        self.step = step
        if i is not None:
            self.i = i
        self.show_step()

    def advance(self) -> None:
        self.go(self.next_step(self.step))

    def action_back(self) -> None:
        if not self.history:
            self.dismiss(None)
            return
        self.step, self.i = self.history.pop()
        self.show_step()

    def show_step(self) -> None:
        step, lang = self.step, self.lang
        question, hint, choices, value, placeholder = "", "", None, "", ""
        highlight = 0
        if step in PERSON_STEPS:
            progress = self.w("progress.person")
        elif step == "summary":
            progress = self.w("progress.summary")
        elif step in PLAN_STEPS:
            progress = self.w("progress.plans")
        else:
            progress = self.w("progress.period", n=self.number(self.i))
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
            default = None if self.cur.get("gap") else self.follows_on(self.i)
            value = str(self.cur["start"]) if self.cur.get("start") else ""
            hint, placeholder = self.start_hint(default)
        elif step == "p_end":
            question, hint = self.w("q.end", v=str(self.cur["start"])), self.w("h.end")
            value = str(self.cur["end"]) if self.cur.get("end") else ""
            placeholder = self.w("ph.now")
        elif step == "p_how":
            question, hint = self.w("q.how", when=self.when(self.i)), self.deemed_words(self.region_of(self.i))
            choices = [(c, self.w(f"how.{c}")) for c in HOWS]
            highlight = HOWS.index(self.cur.get("how") or self.default_how(self.i))
        elif step == "p_paid_on":
            question, hint = self.w("q.paid_on", v=str(self.cur["start"])), self.w("h.month")
            value = str(self.cur["paid_on"]) if self.cur.get("paid_on") else ""
            placeholder = "2018-07"
        elif step == "p_who":
            question = self.w("q.who")
            codes = ["employed", "flexible"]
            choices = [(c, self.w(f"who.{c}")) for c in codes]
            default = self.cur.get("who") or ("flexible" if self.state["identity"] == "flexible" else "employed")
            highlight = codes.index(default)
        elif step == "p_mode":
            question, hint = self.w("q.mode"), self.w("h.mode")
            codes = ["with_account", "pooling_only"]
            choices = [(c, self.w(f"mode.{c}")) for c in codes]
            default = self.cur.get("mode")
            prev = self.previous(self.i)
            if default is None:
                default = prev["mode"] if prev and prev.get("how") == "flexible" and prev.get("mode") else \
                    "with_account"
            highlight = codes.index(default)
        elif step == "p_base":
            question = self.w("q.base")
            choices, hint = self.base_choices(self.i)
            codes = [c for c, _ in choices]
            chosen = self.cur.get("base")
            highlight = codes.index(chosen) if chosen in codes else codes.index("unknown")
        elif step == "p_base_number":
            question, hint = self.w("q.base_number"), self.w("h.base_number")
            value = yuan(self.cur["base_yuan"]) if self.cur.get("base_yuan") else ""
            placeholder = "4000"
        elif step == "p_card":
            question, hint = self.w("q.card"), self.period_line(self.i)
            choices = self.card_choices(self.i)
            codes = [c for c, _ in choices]
            highlight = codes.index("next") if "next" in codes else codes.index("done")
        elif step == "plans":
            question, hint = self.w("q.plans"), self.w("h.plans")
            s = self.state
            emigrate = self.w("plans.emigrate_on", v=str(s["emigrate"])) if s["emigrate"] else self.w("plans.emigrate")
            relocate = self.w("plans.relocate_to", v=self.region_words(s["relocate"])) if s["relocate"] else \
                self.w("plans.relocate")
            choices = [("none", self.w("plans.none")), ("emigrate", emigrate), ("relocate", relocate)]
            highlight = ["none", "emigrate", "relocate"].index(s["plan"] or "none")
        elif step == "plan_month":
            question = self.w("q.plan_month")
            hint = self.w("h.plan_month", v=str(Month.from_date(self.as_of) + 24))
            value = str(self.state["emigrate"]) if self.state["emigrate"] else ""
            placeholder = str(Month.from_date(self.as_of) + 24)
        elif step == "citizen":
            question, hint = self.w("q.citizen"), self.w("h.citizen")
            choices = [("yes", self.w("citizen.yes")), ("no", self.w("citizen.no"))]
            highlight = 1 if self.state["nationality"] else 0
        elif step == "country":
            question, hint = self.w("q.country"), self.w("h.country")
            value = self.state["nationality"] or ""
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
        self.query_one("#wizard-sofar", Static).update(self.sofar())
        self.query_one("#wizard-sofar-box", VerticalScroll).scroll_end(animate=False)  # the latest answers show
        if choices is None:
            options.display = False
            box.display = True
            box.placeholder = placeholder
            box.value = value
            self.set_focus(box)  # at once: the keys typed next are the answer's
            box.selection = Selection(0, len(value))  # an answer given before: typing replaces it, ← or → keeps it
        else:
            box.display = False
            options.display = True
            options.clear_options()
            for code, label in choices:
                options.add_option(Option(label, id=code))
            options.highlighted = highlight
            self.set_focus(options)

    def history_length(self) -> int:
        """How many of the periods answered make the history."""
        return len(self.periods) if self.count is None else self.count

    def number(self, i: int) -> int:
        """The number of period ``i`` as the person reads it (after the profile's own, when adding to one)."""
        return i + 1 + (len(self.base.periods) if self.base is not None else 0)

    def when(self, i: int) -> str:
        """The months of period ``i`` in words: 1992-07 至 2008-06, 2018-01 起至今."""
        p = self.periods[i]
        if p.get("end"):
            return self.w("when", start=str(p["start"]), end=str(p["end"]))
        return self.w("when_ongoing", start=str(p["start"]))

    def follows_on(self, i: int) -> Month | None:
        """The month after the period before ``i`` ended (where a history without a gap goes on)."""
        prev = self.previous(i)
        return prev["end"] + 1 if prev is not None and prev.get("end") else None

    def start_hint(self, default: Month | None) -> tuple[str, str]:
        """The line under "when did this period start?" and the example in the box: the month it follows on from
        (Enter takes it); else, from the month of birth, the month the person turned 18 as an example and the one
        they turned 16 as the earliest (no month is offered that Enter would take)."""
        if default:
            return self.w("h.start_default", v=str(default)), str(default)
        prev = self.previous(self.i)
        if prev is not None and prev.get("end"):  # after a gap: an example after the last period, not the age of 18
            example = prev["end"] + 2
            if example <= Month.from_date(self.as_of):
                return self.w("h.start_after", end=str(prev["end"]), eg=str(example)), str(example)
        birth = self.birth()
        if birth is None:
            return self.w("h.month"), ""
        example = birth + EXAMPLE_AGE * 12
        if example > Month.from_date(self.as_of):
            return self.w("h.month"), ""
        return self.w("h.start_first", eg=str(example), earliest=str(birth + EARLIEST_AGE * 12)), str(example)

    def birth(self) -> Month | None:
        return self.state["birth"] or (self.base.person.birth if self.base else None)

    def deemed_words(self, region: str | None) -> str:
        """What 视同缴费 is, in one line, with the place's cut-off where the data knows it."""
        cutoff = figure_in_force("medical.deemed_until", region, self.as_of) if region else None
        if cutoff is not None and cutoff.region != "national":
            return self.w("h.how_cutoff", where=self.region_words(cutoff.region), v=str(cutoff.value)[:7])
        return self.w("h.how")

    def every_flexible_has_account(self) -> bool:
        """Where the place of the current period sets a personal account for every flexible worker (no pooling-only
        tier to choose), the tier is not asked."""
        region = self.region_of(self.i)
        found = figure_in_force(ALWAYS_ACCOUNT, region, self.as_of) if region else None
        return found is not None and found.value is True

    def base_figures(self, region: str | None) -> tuple[ParamValue | None, ParamValue | None]:
        """The place's lower limit of the base and its average wage in force now (None where not known)."""
        if not region:
            return None, None
        return figure_in_force(MIN_BASE, region, self.as_of), figure_in_force(WAGE, region, self.as_of)

    def base_choices(self, i: int) -> tuple[list[tuple[str, str]], str]:
        """The bases offered for period ``i``, in words with their figures, and the line under the question: what
        "don't know" leaves unknown, and where and when the figures are from."""
        low, wage = self.base_figures(self.region_of(i))
        choices: list[tuple[str, str]] = []
        if low is not None:
            choices.append(("min", self.w("base.min", v=yuan(low.value))))
        if wage is not None:
            choices += [(code, self.w("base.share", share=code, v=yuan(share_of(wage.value, share))))
                        for code, share in BASE_SHARES.items()]
        choices += [("number", self.w("base.number")), ("unknown", self.w("base.unknown"))]
        shown = low or wage
        if shown is None:
            return choices, self.w("h.base")
        key = "h.base_from_verify" if shown.confidence in NEEDS_VERIFY else "h.base_from"
        return choices, self.w(key, where=self.region_words(shown.region), year=(shown.effective_from or "")[:4])

    def base_value(self, p: dict[str, Any], region: str | None) -> tuple[float | None, str | None]:
        """The base a period's answer stands for, and the note saying where the figure came from: the figure of
        the place where it was paid, read now (None where the answer or the data gives none)."""
        code = p.get("base")
        if code == "number":
            return p.get("base_yuan"), None
        low, wage = self.base_figures(region)
        if code == "min" and low is not None:
            return low.value, self.w("note.min", where=self.region_words(low.region),
                                     year=(low.effective_from or "")[:4], v=yuan(low.value))
        if code in BASE_SHARES and wage is not None:
            value = share_of(wage.value, BASE_SHARES[code])
            return value, self.w("note.share", share=code, where=self.region_words(wage.region),
                                 year=(wage.effective_from or "")[:4], wage=yuan(wage.value))
        return None, None

    def card_choices(self, i: int) -> list[tuple[str, str]]:
        p = self.periods[i]
        out: list[tuple[str, str]] = []
        if p.get("end"):
            out.append(("next", self.w("card.next", v=str(p["end"] + 1))))
            out.append(("gap", self.w("card.gap")))
        out.append(("done", self.w("card.done")))
        here = self.region_of(i)
        prev = self.previous(i)
        for other in (prev["region"] if i == 0 and prev else self.region_of(i - 1) if i > 0 else None,
                      self.state["region"]):
            if other and other != here and ("place:" + other) not in [c for c, _ in out]:
                key = "card.place_benefit" if other == self.state["region"] else "card.place"
                out.append(("place:" + other, self.w(key, v=self.region_words(other))))
        out.append(("search", self.w("card.place_other")))
        if self.employee(p) and p.get("how") != "unemployed":
            key = "card.no_pension" if self.with_pension(p) else "card.pension"
            out.append(("pension", self.w(key + ("_deemed" if p.get("how") == "deemed" else ""))))
        if not p.get("end"):
            out.append(("gap", self.w("card.another")))
        return out

    # -- answers ----------------------------------------------------------------------------------------------

    def error(self, message: str) -> None:
        self.query_one("#wizard-error", Static).update("✖ " + message)
        self.app.bell()

    def month_error(self, value: str) -> None:
        """A month that cannot be read; when nothing was typed, one is asked for (not quoted back as "“”")."""
        self.error(self.w("e.month", v=value) if value else self.w("e.month_empty"))

    def typed(self, value: str) -> None:
        """The answer typed to the question shown."""
        value = value.strip()
        step, s = self.step, self.state
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
            default = None if self.cur.get("gap") else self.follows_on(self.i)
            month = default if not value and default else parse_month(value)
            example = self.start_hint(default)[1]
            if month is None and not value and example:
                return self.error(self.w("e.start_empty", v=example))
            if month is None:
                return self.month_error(value)
            birth = self.birth()
            if birth is not None and month < birth + EARLIEST_AGE * 12:  # (and so after birth, as every profile)
                return self.error(self.w("e.before_16", v=str(birth + EARLIEST_AGE * 12)))
            self.cur["start"] = month
        elif step == "p_end":
            cur = self.cur
            if value.casefold() in _NOW_WORDS:
                cur["end"] = None
            else:
                month = parse_month(value)
                if month is None:
                    return self.error(self.w("e.month_or_now", v=value))
                if month < cur["start"]:
                    return self.error(self.w("e.end_before_start", v=str(cur["start"])))
                cur["end"] = month
        elif step == "p_paid_on":
            month = parse_month(value)
            if month is None:
                return self.month_error(value)
            if month < self.cur["start"]:
                return self.error(self.w("e.paid_before_start", v=str(self.cur["start"])))
            if month > Month.from_date(self.as_of):
                return self.error(self.w("e.paid_future"))
            self.cur["paid_on"] = month
        elif step == "p_base_number":
            amount = parse_amount(value)
            if not amount:
                return self.error(self.w("e.amount", v=value) if value else self.w("e.amount_empty"))
            self.cur["base_yuan"] = amount
        elif step == "plan_month":
            month = parse_month(value)
            if month is None:
                return self.month_error(value)
            if self.birth() is not None and month <= self.birth():
                return self.error(self.w("e.plan_before_birth", v=str(self.birth())))
            s["emigrate"] = month
            return self.go("citizen")
        elif step == "country":
            code = value.upper()
            if code not in COUNTRY_CODES:
                return self.error(self.w("e.country", v=value) if value else self.w("q.country"))
            s["nationality"] = None if code == "CN" else code
            return self.go("summary")
        self.advance()

    def chosen(self, code: str) -> None:
        """The answer chosen (by its id) to the question shown."""
        step, s = self.step, self.state
        if step == "sex":
            s["sex"] = code
        elif step == "identity":
            s["identity"] = code
        elif step == "age":
            s["age"] = code
        elif step == "region":
            if code == "search":
                return self.search_place()
        elif step == "p_how":
            self.cur["how"] = code
        elif step == "p_who":
            self.cur["who"] = code
        elif step == "p_mode":
            self.cur["mode"] = code
        elif step == "p_base":
            self.cur["base"] = code
        elif step == "p_card":
            return self.card_chosen(code)
        elif step == "plans":
            return self.plan_chosen(code)
        elif step == "citizen":
            if code == "no":
                return self.go("country")
            s["nationality"] = None
            return self.go("summary")
        elif step == "summary":
            if code == "ok":
                return self.finish()
            if code == "more":
                i, self.count = self.history_length(), None
                return self.go("p_start", i)
            return self.action_back()
        self.advance()

    def card_chosen(self, code: str) -> None:
        cur, i = self.cur, self.i
        if code in ("next", "gap"):
            self.count = None
        if code == "next":
            while len(self.periods) <= i + 1:
                self.periods.append({})
            self.periods[i + 1].update(start=cur["end"] + 1, gap=False)
            self.go("p_end", i + 1)
        elif code == "gap":
            while len(self.periods) <= i + 1:
                self.periods.append({})
            self.periods[i + 1]["gap"] = True  # after a gap: no month offered to follow on from
            self.go("p_start", i + 1)
        elif code == "done":
            self.count = i + 1
            self.go("summary" if self.base is not None else "plans")
        elif code == "search":
            self.search_place()
        elif code.startswith("place:"):
            cur["region"] = code.split(":", 1)[1]
            self.show_step()
        elif code == "pension":
            cur["pension"] = not self.with_pension(cur)
            self.show_step()

    def plan_chosen(self, code: str) -> None:
        """Anything planned: nothing (on to the summary), leaving China for good (which month, then whether a
        Chinese citizen), moving to another city after retirement (the place search; picked, on to the summary)."""
        s = self.state
        s["plan"] = code
        if code == "none":
            s["emigrate"] = s["relocate"] = None
            return self.go("summary")
        if code == "emigrate":
            s["relocate"] = None
            return self.go("plan_month")

        def store(rid: str) -> None:
            s["relocate"], s["emigrate"] = rid, None
        self.pick_region(s["relocate"], store)

    def pick_region(self, current: str | None, store, query: str = "") -> None:
        from .region_picker import RegionPicker

        def picked(region: str | None) -> None:
            self._picker = None
            if region:
                store(region)
            if region and self.step == "region":
                self.advance()
            elif region and self.step == "plans":
                self.go("summary")
            else:
                self.show_step()
            self.release_keys()  # the keys typed after the place was picked

        self._picker = RegionPicker(self.lang, current=current, query=query)
        self.app.push_screen(self._picker, picked)

    # -- the profile ------------------------------------------------------------------------------------------

    def person(self) -> Person:
        if self.base is not None:
            return self.base.person
        s = self.state
        age = None
        if s["sex"] == "female":
            age = ORIGINAL_AGE.get(s["age"], 55)
        return Person(sex=s["sex"] or "male", birth=s["birth"], region=s["region"] or "national",
                      original_retirement_age=age, nationality=s["nationality"])

    @staticmethod
    def answered(p: dict[str, Any]) -> bool:
        """Whether a period is answered as far as its months and how it counted."""
        return bool(p.get("start")) and "end" in p and bool(p.get("how"))

    def build(self) -> Profile:
        person = self.person()
        periods: list[Period] = []
        for i, p in enumerate(self.periods[:self.history_length()]):
            if not self.answered(p):
                continue
            how, place = p["how"], self.region_of(i)
            region = None if place in (None, person.region) else place
            if how in ("resident", "pension"):
                insurance = "resident_medical" if how == "resident" else "pension"
                status = None if how == "resident" or self.state["identity"] != "flexible" else "flexible"
                periods.append(Period(insurance=insurance, start=p["start"], end=p["end"], region=region,
                                      status=status))
                continue
            status = self.status_of(p)
            kind = how if how in ("deemed", "backpaid") else None
            paid_on = p.get("paid_on") if how == "backpaid" else None
            mode = p.get("mode") if status == "flexible" and p.get("mode") != "with_account" else None
            base, note = self.base_value(p, place) if self.asks_base(p) else (None, None)
            shown_status = None if status == "employed" else status
            periods.append(Period(insurance="employee_medical", start=p["start"], end=p["end"], region=region,
                                  status=shown_status, mode=mode, kind=kind, paid_on=paid_on, base_yuan=base,
                                  note=note))
            if self.with_pension(p):
                periods.append(Period(insurance="pension", start=p["start"], end=p["end"], region=region,
                                      status=shown_status, kind=kind, paid_on=paid_on))
        if self.base is not None:
            return msgspec.structs.replace(self.base, periods=tuple(self.base.periods) + tuple(periods))
        account = None
        if self.state["balance"] is not None:
            account = Account(balance_yuan=self.state["balance"],
                              as_of=self.state["balance_month"] or Month.from_date(self.as_of))
        s = self.state
        plans = Plans(emigrate=s["emigrate"], relocate_after_retirement=s["relocate"]) \
            if s["emigrate"] or s["relocate"] else None
        return Profile(name=s["name"] or self.w("default_name"), person=person, periods=tuple(periods),
                       account=account, plans=plans)

    def finish(self) -> None:
        try:
            profile = parse_profile(dump_profile(self.build()))
        except ProfileError as err:
            return self.error(err.text(self.lang))
        except Exception as err:  # never a traceback for odd answers
            return self.error(str(err))
        self.dismiss(profile)

    # -- what was said so far ---------------------------------------------------------------------------------

    def period_line(self, i: int) -> str:
        """Period ``i`` in one line, as far as it is answered (its months first)."""
        p, lang = self.periods[i], self.lang
        how = p.get("how")
        parts: list[str] = []
        if how == "backpaid" and p.get("paid_on"):
            parts.append(self.w("how.short.backpaid_on", v=str(p["paid_on"])))
        elif how is not None:
            parts.append(self.w(f"how.short.{how}"))
        if how == "backpaid":
            if p.get("who"):
                parts.append(term(p["who"], lang))
        if self.status_of(p) == "flexible" and self.employee(p) and p.get("mode"):
            parts.append(term(p["mode"], lang))
        if self.asks_base(p) and p.get("base"):
            base, _ = self.base_value(p, self.region_of(i))
            parts.append(self.w("base_is", v=yuan(base)) if base is not None else self.w("base_unknown"))
        if how is not None and self.with_pension(p):
            parts.append(self.w("with_pension_deemed" if how == "deemed" else "with_pension"))
        if how is not None:
            parts.append(self.region_words(self.region_of(i)))
        what = self.w("sep").join(parts) or "…"
        if "end" not in p:
            return self.w("period_line_from", n=self.number(i), start=str(p["start"]), what=what)
        key = "period_line" if p.get("end") else "period_line_ongoing"  # 2020-11 起至今, not 2020-11 至 至今
        return self.w(key, n=self.number(i), start=str(p["start"]), end=str(p.get("end") or ""), what=what)

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
        if s["nationality"]:
            facts.append(self.w("nationality_is", v=s["nationality"]))
        if facts:
            out.append(self.w("sep").join(facts))
        return out

    def sofar(self) -> str:
        """The person and every period with its months, the one asked about as far as it is answered."""
        lines = self.person_lines()
        after = self.step == "summary" or self.step in PLAN_STEPS  # the history is told
        last = self.history_length() if after else max(self.history_length(), self.i + 1)
        shown = [i for i in range(min(last, len(self.periods))) if self.periods[i].get("start")]
        if self.step == "summary" and not shown:
            lines.append(self.w("no_periods"))
        lines += [self.period_line(i) for i in shown]
        s = self.state
        if s["emigrate"]:
            lines.append(self.w("plan_line.emigrate", v=str(s["emigrate"])))
        if s["relocate"]:
            lines.append(self.w("plan_line.relocate", v=self.region_words(s["relocate"])))
        return "\n".join(lines)
