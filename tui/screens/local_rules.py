"""本地规定: the local figures of the profile's benefit region, entered once.

For each figure a person can learn from the local 医保经办机构 or the 12393 hotline (the years required, the
retiree's monthly credit, the back-payment base and rates, the waiting period after a long lapse) the screen shows
what the bundled data says now (value or unknown, its confidence and source) and takes the user's own figure with
where and when they learned it. Each value is checked as it is typed against the parameter's declaration
(engine/policy/params.toml), in plain words. Saving writes the user's region file (``engine.write_user_region``:
every profile of that place uses it) and the app re-evaluates the report, whose trace then
marks those figures as the user's. Above the inputs: the questions to ask, one per unknown figure
(:mod:`engine.evaluation.questions`).

A save keeps the promises of a profile's: only the figures changed here are written, and only over the file as it
was when the screen read it (changed meanwhile by another window, the newer figures are shown and the user's typing
kept, to be saved again); a file that cannot be read is replaced only when the user says so (kept as .bak); any
failure of the system is said, and the screen stays with what was typed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from engine import words as i18n
from engine.words import term
from engine.words import Months, Rate, Yuan, text
from engine import DECLARATIONS, check_value
from engine.words import param_title
from engine import PolicyConflict, PolicyError, RegionData, UserFileBroken, os_error_words, reload_policy
from engine import user_folder, user_region_now, write_user_region
from engine import chain, questions, region_data, source_title_en, unknown_figures
from engine.words import DOCUMENTS_LANG, lang_of, named_choice, region_name
from engine.words import safe_text

from ..i18n import t
from ..widgets.keybar import KeyBar
from ..widgets.profile import Choice
from .base import KeyLabels, StyledOnce
from .confirm import ConfirmScreen

#: the figures of the form, in the order shown (docs/contract.md §2 names): the years, the retiree's credit, the
#: back-payment's base and rate (where the place sets no rate of its own, the employer's plus the individual's), the
#: average wage a back-payment or a flexible worker's base is often set on, the flexible workers' rates and the
#: resident premium that the comparison otherwise estimates, and the waiting period after a long lapse
FIGURES: tuple[str, ...] = (
    "medical.min_years.male",
    "medical.min_years.female",
    "medical.min_actual_years",
    "medical.min_local_years",
    "account.retiree_monthly_yuan",
    "medical.backpay_base_yuan",
    "medical.backpay_rate",
    "medical.rate.employer",
    "medical.rate.individual",
    "wage.average_monthly_yuan",
    "medical.flexible_rate.with_account",
    "medical.flexible_rate.pooling_only",
    "resident.premium_yuan",
    "medical.long_gap_waiting_months",
)

#: the kinds of figure the form takes, besides numbers: a yes / no (or don't know), a date, a month, one of a few
#: named choices; each row shows the kind of field its parameter needs
KINDS = ("integer", "number", "boolean", "date", "month", "text")


def figures_for(report) -> tuple[str, ...]:
    """The rows of the form: :data:`FIGURES`, then every other figure the questions above ask about (the unknown
    figures the report needed and those read two years ago or more), so that every question has its field."""
    asked: list[str] = []
    if report is not None:
        asked += unknown_figures(report)
        asked += [e["name"] for e in report.to_verify("en") if e["stale"]]
    extra = [n for n in dict.fromkeys(asked) if n not in FIGURES and n in DECLARATIONS and takes(n)]
    return FIGURES + tuple(extra)


def takes(name: str) -> bool:
    """Whether the form has a field for ``name``: a number, yes / no, a date, a month or one of named choices."""
    d = DECLARATIONS[name]
    return d.type in KINDS and (d.type != "text" or bool(d.choices))


def is_choice(name: str) -> bool:
    """A yes / no figure or one of a few named choices: chosen, not typed."""
    d = DECLARATIONS[name]
    return d.type == "boolean" or (d.type == "text" and bool(d.choices))


def choice_options(name: str, lang: str) -> list[tuple[str, str]]:
    """The choices of a chosen figure, in words, "don't know" first (nothing saved)."""
    d = DECLARATIONS[name]
    first = [(t("local.choice.unknown", lang), "")]
    if d.type == "boolean":
        return first + [(t("local.choice.yes", lang), "true"), (t("local.choice.no", lang), "false")]
    return first + [(named_choice(c, lang) or c, c) for c in d.choices]


def placeholder(name: str, lang: str) -> str:
    """What to type in a figure's field (a date of the rule is not the date the figure was learned)."""
    unit = DECLARATIONS[name].unit
    return t("local.ph.date_value" if unit == "date" else f"local.ph.{unit}", lang)


_UNIT_WORDS = re.compile(r"\s*(年|个月|月|元/月|元|years?|months?|yuan(/month)?)\s*$", re.IGNORECASE)


def widget_id(name: str, part: str) -> str:
    return f"lf-{name.replace('.', '-')}-{part}"


def show_value(name: str, value: Any, lang: str) -> str:
    """A figure's value in words of ``lang``: 15年, 6个月, 3,000.00元, 8%."""
    if value is None:
        return t("local.unknown", lang)
    if isinstance(value, bool):
        return t("local.choice.yes" if value else "local.choice.no", lang)
    if isinstance(value, str):
        return named_choice(value, lang) or value
    unit = DECLARATIONS[name].unit
    if unit == "years" and isinstance(value, int):
        return i18n.show(Months(value * 12), lang)
    if unit == "months" and isinstance(value, int):
        return i18n.show(Months(value), lang)
    if unit == "yuan":
        return i18n.show(Yuan(float(value)), lang)
    if unit == "fraction":
        return i18n.show(Rate(float(value)), lang)
    return i18n.show(value, lang)


def parse_figure(name: str, raw: str, lang: str) -> tuple[Any, str | None]:
    """The value typed for ``name`` and why it cannot be that figure (None when it can); an empty text is (None,
    None). Unit words (年, 元, %) may follow the number; a rate is a percentage (8%) or a fraction (0.08)."""
    if not raw.strip():
        return None, None
    d = DECLARATIONS[name]
    if d.type == "boolean":
        return {"true": True, "false": False}.get(raw.strip()), None
    if d.type in ("date", "month", "text"):
        value = raw.strip()
        problem = check_value(name, value)
        return (None, problem.text(lang)) if problem is not None else (value, None)
    s = raw.strip().replace("，", ",").replace(",", "").replace("％", "%")  # a lone "," is not empty: not a number
    d = DECLARATIONS[name]
    percent = s.endswith("%")
    s = _UNIT_WORDS.sub("", s.rstrip("%").strip())
    try:
        number: Any = int(s) if re.fullmatch(r"[+-]?\d+", s) else float(s)
    except ValueError:
        return None, text("app", "local.err.number", lang, title=param_title(name, lang),
                          hint=t(f"local.ph.{d.unit}", lang))
    if d.unit == "fraction" and isinstance(number, (int, float)):
        if percent:
            number = round(number / 100, 6)
        elif number > 1:
            return None, text("app", "local.err.fraction", lang, title=param_title(name, lang))
    elif percent:
        return None, text("app", "local.err.percent", lang, title=param_title(name, lang))
    if d.type == "number" and isinstance(number, float) and number.is_integer():
        number = int(number)
    problem = check_value(name, number)
    return (None, problem.text(lang)) if problem is not None else (number, None)


def parse_learned(raw: str, today: date, lang: str) -> tuple[str | None, str | None]:
    s = raw.strip()
    try:
        when = date.fromisoformat(s)
        if len(s) != 10:
            raise ValueError(s)
    except ValueError:
        return None, text("app", "local.err.date", lang, today=today.isoformat())
    if when > today:
        return None, text("app", "local.err.future", lang)
    return when.isoformat(), None


def bundled_value(name: str, region: str, at: date):
    """What the bundled data (not the user's file) says of ``name`` for ``region`` at ``at``: the main entry in
    force along the region's chain (city → province → national), or None."""
    for level in chain(region):
        found = None
        for since, value in region_data(level).params.get(name, ()):
            if since > at:
                break
            if not value.alternative:
                found = value
        if found is not None:
            return found
    return None


class LocalRulesScreen(StyledOnce, KeyLabels, Screen[bool]):
    """The 本地规定 form of one region; dismissed with True when something was saved."""

    BINDINGS = [
        Binding("escape", "close", "key.close", key_display="Esc"),
        Binding("ctrl+s", "save", "key.save", priority=True),
    ]
    DEFAULT_CSS = """
    LocalRulesScreen #lf-title { padding: 0 1; text-style: bold; height: 1; }
    LocalRulesScreen #lf-body { height: 1fr; padding: 0 1; }
    LocalRulesScreen .lf-intro { margin: 0 0 1 0; }
    LocalRulesScreen #lf-questions { margin: 0 0 1 0; border: round $warning; padding: 0 1; height: auto; }
    LocalRulesScreen .lf-figure { height: auto; margin: 0 0 1 0; }
    LocalRulesScreen .lf-name { text-style: bold; }
    LocalRulesScreen .lf-now { color: $text-muted; }
    LocalRulesScreen .lf-row { height: auto; }
    LocalRulesScreen .lf-row Input, LocalRulesScreen .lf-row Choice { margin: 0 1 0 0; }
    LocalRulesScreen .lf-value { width: 18; }
    LocalRulesScreen .lf-source { width: 1fr; }
    LocalRulesScreen .lf-date { width: 14; margin: 0; }
    LocalRulesScreen .lf-error { color: $error; display: none; }
    LocalRulesScreen .lf-error.-shown { display: block; }
    LocalRulesScreen #lf-buttons { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, region: str, report, lang: str = "zh", today: date | None = None,
                 overrides: dict | None = None) -> None:
        super().__init__()
        self.place = region
        self.report = report
        self.lang = lang
        self.today = today or date.today()
        self.at = getattr(report, "as_of", None) or self.today
        self.overrides = dict(overrides or {})
        self.saved_path = None
        self.stamp = None  # the user's file as this screen read it: a save writes only over that
        self.mine = None  # its figures (RegionData), None when there is none or it cannot be read
        self.prefilled: dict[str, tuple[str, str, str]] = {}  # each row as filled from the file
        self.figures = figures_for(report)  # a row for each figure of the form and each one asked about

    # -- layout -------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        place = region_name(self.place, lang)
        if self.place != "national":
            self.read_mine()
        yield Static(text("app", "local.title", lang, region=place), id="lf-title")
        with VerticalScroll(id="lf-body"):
            if self.place == "national":
                yield Static(t("local.national", lang), classes="lf-intro", id="lf-national")
                return
            yield Static(text("app", "local.intro", lang, region=place), classes="lf-intro")
            yield Static(self.questions_text(), id="lf-questions", markup=False)
            for name in self.figures:
                with Vertical(classes="lf-figure", id=widget_id(name, "box")):
                    yield Static(param_title(name, lang), classes="lf-name", markup=False)
                    yield Static(self.now_text(name), classes="lf-now", id=widget_id(name, "now"), markup=False)
                    with Horizontal(classes="lf-row"):
                        if is_choice(name):
                            yield Choice(choice_options(name, lang), "", id=widget_id(name, "value"),
                                         classes="lf-value")
                        else:
                            yield Input(placeholder=placeholder(name, lang), classes="lf-value",
                                        id=widget_id(name, "value"), compact=True)
                        yield Input(placeholder=t("local.ph.source", lang), classes="lf-source",
                                    id=widget_id(name, "source"), compact=True)
                        yield Input(value=self.today.isoformat(), placeholder=t("local.ph.date", lang),
                                    classes="lf-date", id=widget_id(name, "date"), compact=True)
                    yield Static("", classes="lf-error", id=widget_id(name, "error"), markup=False)
            with Horizontal(id="lf-buttons"):
                yield Button(t("local.save", lang), variant="primary", id="lf-save")
                yield Button(t("local.close", lang), id="lf-close")
        yield KeyBar()

    def on_mount(self) -> None:
        self.prefill(read=False)
        first = self.query(Input)
        if first:
            first.first().focus()

    def read_mine(self) -> None:
        """The user's file for this region as it is now: its stamp and figures (a broken file: no figures)."""
        self.stamp, found = user_region_now(self.place)
        self.mine = found if isinstance(found, RegionData) else None

    def prefill(self, only: set[str] | None = None, read: bool = True) -> None:
        """The user's own figures saved for this region, in their inputs (with ``only``, in those rows only); the
        file read again first unless ``read`` is false."""
        if self.place == "national":
            return
        if read:
            self.read_mine()
        for name in self.figures:
            if only is not None and name not in only:
                continue
            entries = self.mine.params.get(name) if self.mine is not None else None
            if entries:
                value = entries[-1][1]
                row = (self.typed(name, value.value), safe_text(value.source or ""), value.learned_on or "")
            else:
                row = ("", "", self.query_one(f"#{widget_id(name, 'date')}", Input).value)
            for part, shown in zip(("value", "source", "date"), row):
                self.field(name, part).value = shown
            self.prefilled[name] = row

    @staticmethod
    def typed(name: str, value: Any) -> str:
        """A value as the user would type it again (a rate as a percentage)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if DECLARATIONS[name].unit == "fraction" and isinstance(value, (int, float)):
            return f"{value * 100:g}%"
        return f"{value:g}" if isinstance(value, float) else str(value)

    # -- what the data says now ---------------------------------------------------------------------------------
    def questions_text(self) -> str:
        lang = self.lang
        asked = questions(self.report, lang) if self.report is not None else []
        if not asked:
            return text("question", "none", lang)
        return "\n".join([text("question", "intro", lang)] + [f"{i}. {q}" for i, q in enumerate(asked, 1)])

    def now_text(self, name: str) -> str:
        lang = self.lang
        lines = []
        found = bundled_value(name, self.place, self.at)
        if found is None or found.value is None:
            conf = found.confidence if found is not None else "assumed"
            where = region_name(found.region, lang) if found is not None else region_name("national", lang)
            lines.append(text("app", "local.now", lang, value=t("local.unknown", lang), confidence=term(conf, lang),
                              region=where))
        else:
            lines.append(text("app", "local.now", lang, value=show_value(name, found.value, lang),
                              confidence=term(found.confidence, lang), region=region_name(found.region, lang)))
        if found is not None and found.source:
            english = source_title_en(found.source_id) if lang_of(lang) != DOCUMENTS_LANG else None
            source = (text("view", "source.translated", lang, english=english, original=found.source) if english
                      else found.source)
            lines.append(text("app", "local.source", lang, source=source))
        note = found.note_in(lang) if found is not None else None
        if note and (found.value is None or found.confidence in ("unverified", "seed", "assumed")):
            lines.append(text("app", "local.note", lang, note=note))
        entries = self.mine.params.get(name) if self.mine is not None else None
        if entries:
            v = entries[-1][1]
            lines.append(text("app", "local.now_user", lang, value=show_value(name, v.value, lang),
                              source=v.source or "", date=v.learned_on or ""))
        if name in self.overrides:
            lines.append(text("app", "local.overridden", lang, value=show_value(name, self.overrides[name], lang)))
        return "\n".join(lines)

    # -- checking as the user types -----------------------------------------------------------------------------
    def field(self, name: str, part: str) -> Input | Choice:
        """One field of a figure's row: its value (typed, or chosen), where it was learned, when."""
        return self.query_one(f"#{widget_id(name, part)}")

    def row(self, name: str) -> tuple[str, str, str]:
        return tuple(self.field(name, part).value for part in ("value", "source", "date"))

    def check_row(self, name: str) -> tuple[tuple[Any, str, str] | None, str | None]:
        """The figure of one row as (value, source, learned_on), or None when its value is empty; and why the row
        cannot be saved (None when it can)."""
        lang = self.lang
        raw, source, learned = self.row(name)
        value, problem = parse_figure(name, raw, lang)
        if problem is not None or value is None:
            return None, problem
        if not source.strip():
            return None, t("local.err.source", lang)
        when, problem = parse_learned(learned, self.today, lang)
        if problem is not None:
            return None, problem
        return (value, source.strip(), when), None

    def show_error(self, name: str, problem: str | None) -> None:
        label = self.query_one(f"#{widget_id(name, 'error')}", Static)
        label.update(f"⚠ {problem}" if problem else "")
        label.set_class(bool(problem), "-shown")
        self.field(name, "value").set_class(bool(problem), "-invalid")

    @on(Input.Changed)
    @on(Choice.Changed)
    def _changed(self, event: Input.Changed | Choice.Changed) -> None:
        wid = event.control.id or ""
        for name in self.figures:
            if wid.startswith(widget_id(name, "")):
                raw, source, _ = self.row(name)
                if not raw.strip() and not source.strip():
                    self.show_error(name, None)  # an untouched row is no error
                    return
                _, problem = self.check_row(name)
                if wid.endswith("-value") or raw.strip():
                    self.show_error(name, problem)
                return

    # -- saving -------------------------------------------------------------------------------------------------
    def changed(self, name: str) -> bool:
        """Whether the row holds something else than what was filled in from the file."""
        return self.row(name) != self.prefilled.get(name, ("", "", self.row(name)[2]))

    def collect(self) -> tuple[dict[str, tuple[Any, str, str]], int]:
        """The figures typed here (rows left as filled in from the file are not written again), and how many rows
        cannot be saved (each shows why)."""
        values: dict[str, tuple[Any, str, str] | None] = {}
        problems = 0
        for name in self.figures:
            if not self.changed(name):
                self.show_error(name, None)
                continue
            raw, source, _ = self.row(name)
            if is_choice(name) and not raw and self.prefilled.get(name, ("",))[0]:
                values[name] = None  # "don't know" where a figure was saved: it is taken out of the file
                self.show_error(name, None)
                continue
            if is_choice(name) and not raw:
                self.show_error(name, None)  # "don't know": nothing to save
                continue
            figure, problem = self.check_row(name)
            if problem is None and figure is None and source.strip() and not raw.strip():
                problem = t("local.err.value", self.lang)
            self.show_error(name, problem)
            if problem is not None:
                problems += 1
            elif figure is not None:
                values[name] = figure
        return values, problems

    def action_save(self, replace_broken: bool = False) -> None:
        if self.place == "national":
            return
        lang = self.lang
        values, problems = self.collect()
        if problems:
            self.notify(text("app", "local.err.count", lang, n=problems), severity="error")
            return
        if not values:
            self.notify(t("local.nothing", lang), severity="warning")
            return
        try:
            path = write_user_region(self.place, values, user_folder(), lang, expect=self.stamp,
                                            replace_broken=replace_broken)
        except PolicyConflict:
            self.newer_file()
            return
        except UserFileBroken as err:
            self.ask_to_replace(err)
            return
        except PolicyError as err:
            self.notify(text("app", "local.save_failed", lang, reason=err.text(lang)), severity="error", timeout=10)
            return
        except OSError as err:
            self.notify(text("app", "local.save_failed", lang, reason=os_error_words(err)),
                        severity="error", timeout=10)
            return
        self.saved_path = path
        self.prefill()  # what is in the file now is what the rows hold
        app = self.app
        if getattr(app, "profile", None) is not None and hasattr(app, "apply"):
            app.apply(app.profile)  # the report again, with the user's figures
            self.report = getattr(app, "report", self.report)
        self.refresh_figures()
        self.notify(text("app", "local.saved", lang, path=str(path), region=region_name(self.place, lang)))

    def newer_file(self) -> None:
        """Another window or program saved this region's file since it was read: its figures are shown (in the
        rows left untouched too), the rows typed here keep what was typed, and nothing was written."""
        untouched = {name for name in self.figures if not self.changed(name)}
        reload_policy()
        self.prefill(only=untouched)
        self.refresh_figures()
        self.notify(text("app", "local.newer", self.lang), severity="warning", timeout=15)

    def ask_to_replace(self, err) -> None:
        """The file already there cannot be read: replace it (kept as .bak) only when the user says so."""
        question = text("app", "local.replace_broken", self.lang, file=err.path.name, reason=err.reason.message)

        def answered(yes: bool | None) -> None:
            if yes:
                self.action_save(replace_broken=True)

        self.app.push_screen(ConfirmScreen(question, self.lang), answered)

    def refresh_figures(self) -> None:
        self.query_one("#lf-questions", Static).update(self.questions_text())
        for name in self.figures:
            self.query_one(f"#{widget_id(name, 'now')}", Static).update(self.now_text(name))

    @on(Button.Pressed, "#lf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#lf-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.saved_path is not None)
