"""The form to add or edit one contribution period, checked by the engine as the user types.

Every message comes from the engine itself: the form writes what was typed into the profile's TOML document
(replacing ``periods[index]`` or appending a new period) and reads it back with ``parse_profile``. An error whose
path is ``periods[<index>].<field>`` shows under that field; any other shows at the bottom. Only a profile the
engine accepted is ever returned; Esc (or Cancel) returns None.
"""

from __future__ import annotations

import math
import re
import tomllib
from typing import Any

import tomli_w
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from engine import Profile, ProfileError, dump_profile, parse_profile
from engine import INSURANCES, KINDS, MODES, STATUSES, Period
from engine.words import msg, region_name, term, text
from tui.i18n import t

from ..widgets.inplace import update_static
from ..widgets.profile import Action, Choice, region_label
from .base import KeyLabels, StyledOnce

FIELDS = ("insurance", "start", "end", "region", "status", "mode", "kind", "paid_on", "base_yuan")
_INT_RE = re.compile(r"[+-]?\d+")


def number_or_text(text: str) -> Any:
    """What a typed amount means: an int, a finite float, or (if it is no number) the text itself, so that the
    engine's own message names what was found."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    if _INT_RE.fullmatch(cleaned):
        return int(cleaned)
    try:
        value = float(cleaned)
    except ValueError:
        return text
    return value if math.isfinite(value) else text


def _month(value) -> str:
    return "" if value is None else str(value)


def _base(period: Period | None) -> str:
    """The base as typed: 5000, not 5000.0."""
    if period is None or period.base_yuan is None:
        return ""
    return str(int(period.base_yuan)) if float(period.base_yuan).is_integer() else str(period.base_yuan)


class PeriodForm(StyledOnce, KeyLabels, ModalScreen["Profile | None"]):
    """Add (``index=None``) or edit ``profile.periods[index]``; dismisses with the new Profile or None."""

    DEFAULT_CSS = """
    PeriodForm { align: center middle; }
    PeriodForm > #form-box {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PeriodForm #form-title { text-style: bold; width: 1fr; margin-bottom: 1; }
    PeriodForm #form-fields { height: auto; max-height: 70vh; }
    PeriodForm .form-field { height: auto; }
    PeriodForm .form-row { height: auto; }
    PeriodForm .form-row > Label { width: 16; padding-right: 1; }
    PeriodForm .form-row > Input, PeriodForm .form-row > Choice, PeriodForm .form-row > Action { width: 1fr; }
    PeriodForm .form-row > Input { background: $boost; }
    PeriodForm .form-row > Input:focus { background: $primary 30%; }
    PeriodForm .form-error { color: $error; padding-left: 16; height: auto; }
    PeriodForm #form-general { height: auto; }
    PeriodForm #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    PeriodForm #form-buttons > Button { margin-left: 2; }
    PeriodForm #form-hint { color: $text-muted; width: 1fr; height: 1; }
    """

    #: called with the accepted profile before the form closes (the app's ``apply``): the panes below are
    #: redrawn while still covered, and shown once, redrawn, as the form closes
    apply_first = None

    BINDINGS = [Binding("escape", "cancel", show=False),
                Binding("enter", "enter", show=False, priority=True)]

    def __init__(self, profile: Profile, index: int | None, lang: str = "zh", *, name: str | None = None,
                 id: str | None = None, classes: str | None = None, preset: Period | None = None, number: int | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.lang = lang
        self._base_doc: tuple[Profile, dict] | None = None  # the profile written out and read back, once per profile
        self._set_period(profile, index, preset, number)
        # focused as the screen is first shown (not focused on one widget first, then moved: each move restyles)
        self.AUTO_FOCUS = "#start" if index is None else "#insurance"

    def _set_period(self, profile: Profile, index: int | None, preset: Period | None, number: int | None) -> None:
        if index is not None and not 0 <= index < len(profile.periods):
            raise IndexError(f"no period {index} in a profile of {len(profile.periods)}")
        self.profile = profile
        self.index = index
        self.target = index if index is not None else len(profile.periods)
        self.number = number if number is not None else (index + 1 if index is not None else None)
        self.period: Period | None = profile.periods[index] if index is not None else preset
        self._initial: dict[str, Any] = {}
        self._attempted = False
        self.result: Profile | None = None  # the last candidate the engine accepted
        self.error: ProfileError | None = None
        self._checked = None  # (profile, target, values) of the last check
        self._region = self.period.region if self.period and self.period.region else None

    def reload(self, profile: Profile, index: int | None, *, preset: Period | None = None,
               number: int | None = None) -> None:
        """Fill the form again for another period (the app builds the form once and shows it again: building it
        is most of what opening it costs)."""
        self._set_period(profile, index, preset, number)
        if not self.is_mounted:
            return
        p = self.period
        self.query_one("#form-title", Static).update(self._title())
        for field, value in (("insurance", p.insurance if p else "employee_medical"),
                             ("status", p.status if p else None), ("mode", p.mode if p else None),
                             ("kind", p.kind if p else None)):
            choice = self.query_one(f"#{field}", Choice)
            choice.set_reactive(Choice.value, value or "")  # no Changed message: the form is checked below
            choice.refresh()
        for field, value in (("start", _month(p.start if p else None)), ("end", _month(p.end if p else None)),
                             ("paid_on", _month(p.paid_on if p else None)), ("base_yuan", _base(p))):
            widget = self.query_one(f"#{field}", Input)
            with widget.prevent(Input.Changed):
                widget.value = value
            widget.cursor_position = len(value)
        update_static(self.query_one("#region", Action), self._region_text())
        self.query_one("#form-fields").scroll_home(animate=False)
        self.set_focus(self.query_one("#start" if index is None else "#insurance"))
        self._start()

    def _title(self) -> str:
        if self.index is None:
            return t("form.add", self.lang)
        return text("app", "form.edit_n", self.lang, n=self.number)

    # -- building ------------------------------------------------------------------------------------------

    def _row(self, field: str, widget: Widget) -> ComposeResult:
        with Vertical(classes="form-field", id=f"field-{field}"):
            with Horizontal(classes="form-row"):
                yield Label(t(f"form.{'base' if field == 'base_yuan' else field}", self.lang), id=f"label-{field}")
                yield widget
            yield Static("", classes="form-error", id=f"err-{field}")

    def compose(self) -> ComposeResult:
        lang, p = self.lang, self.period
        title = self._title()

        def default(text: str) -> str:
            return t("form.default", lang).format(v=text)

        month = _month

        # ◂ ▸ choices and a region line that opens the picker: light widgets (five Selects, one with every region
        # in its overlay, made the form slow to open)
        insurance = Choice([(term(i, lang), i) for i in INSURANCES], p.insurance if p else "employee_medical",
                           id="insurance")

        def choice(field: str, values, default_term: str, current: str | None) -> Choice:
            options = [(default(term(default_term, lang)), "")] + [(term(v, lang), v) for v in values]
            return Choice(options, current or "", id=field)

        status = choice("status", STATUSES, "employed", p.status if p else None)
        mode = choice("mode", MODES, "with_account", p.mode if p else None)
        kind = choice("kind", KINDS, "paid", p.kind if p else None)
        region = Action(self._region_text(), id="region")
        base = _base(p)

        with Vertical(id="form-box"):
            yield Static(title, id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from self._row("insurance", insurance)
                yield from self._row("start", Input(month(p.start if p else None), id="start", compact=True,
                                                    placeholder=t("form.ph.month", lang)))
                yield from self._row("end", Input(month(p.end if p else None), id="end", compact=True,
                                                  placeholder=t("form.ph.end", lang)))
                yield from self._row("region", region)
                yield from self._row("status", status)
                yield from self._row("mode", mode)
                yield from self._row("kind", kind)
                yield from self._row("paid_on", Input(month(p.paid_on if p else None), id="paid_on", compact=True,
                                                      placeholder=t("form.ph.month", lang)))
                yield from self._row("base_yuan", Input(base, id="base_yuan", compact=True,
                                                        placeholder=t("form.ph.base", lang)))
            yield Static("", id="form-general")
            with Horizontal(id="form-buttons"):
                yield Static(text("app", "form.hint_enter", lang), id="form-hint")
                yield Button(t("form.cancel", lang), id="cancel", compact=True)
                yield Button(t("form.save", lang), id="save", variant="primary", compact=True)

    def _default_region_text(self) -> str:
        """The region a period without one has: the profile's own (默认：徐州市)."""
        return t("form.default", self.lang).format(v=region_name(self.profile.person.region, self.lang))

    def _region_text(self) -> Text:
        shown = self._default_region_text() if self._region is None else region_label(self._region, self.lang)
        return Text.assemble(shown, ("  ▸ " + text("app", "form.region_pick", self.lang), "dim"))

    def on_mount(self) -> None:
        self._start()

    def _start(self) -> None:
        """The fields as filled are the starting point (errors show once one changes); check them."""
        self._initial = self._values()
        self._update_visibility()
        self._validate()

    # -- reading the fields ----------------------------------------------------------------------------------

    def _values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in FIELDS:
            if field == "region":
                out[field] = self._region
                continue
            widget = self.query_one(f"#{field}")
            out[field] = widget.value if isinstance(widget, Input) else (widget.value or None)
        return out

    def _applies(self, field: str, values: dict[str, Any]) -> bool:
        insurance = values.get("insurance")
        if field == "status":
            return insurance != "resident_medical"
        if field == "mode":
            return insurance == "employee_medical"
        if field == "paid_on":
            return values.get("kind") == "backpaid"
        return True

    def raw_period(self) -> dict[str, Any]:
        """The period as the TOML table the user's typing makes (fields that do not apply are left out)."""
        values = self._values()
        raw: dict[str, Any] = {}
        for field in FIELDS:
            value = values[field]
            if not self._applies(field, values) or value is None:
                continue
            if isinstance(value, str):
                value = value.strip()
                if value == "":
                    continue
                if field == "base_yuan":
                    value = number_or_text(value)
            raw[field] = value
        return raw

    def candidate_text(self) -> str:
        """The whole profile as TOML with the typed period in place of ``periods[index]`` (or appended)."""
        cached = self._base_doc
        if cached is None or cached[0] is not self.profile:
            cached = self._base_doc = (self.profile, tomllib.loads(dump_profile(self.profile)))
        doc = dict(cached[1])  # the profile's tables are shared, its list of periods is copied
        periods = doc["periods"] = list(doc.get("periods", []))
        raw = self.raw_period()
        if self.index is None:
            periods.append(raw)
        else:  # what the form does not edit (the person's note) stays as it was
            kept = {k: v for k, v in periods[self.index].items() if k not in FIELDS}
            periods[self.index] = {**raw, **kept}
        return tomli_w.dumps(doc)

    # -- checking ------------------------------------------------------------------------------------------

    def _validate(self) -> Profile | None:
        """Run the candidate through the engine; remember the result or the error, and show it (what was typed and
        checked already, e.g. on Enter after the last keystroke, is not checked again)."""
        checked = (self.profile, self.target, self._values())
        if checked == self._checked:
            self._show_errors()
            return self.result
        self._checked = checked
        self.result, self.error = None, None
        try:
            self.result = parse_profile(self.candidate_text())
        except ProfileError as err:
            self.error = err
        except Exception as err:  # never let an odd value crash the form
            self.error = ProfileError(msg("profile.error", "cannot_check", reason=str(err)))
        self._show_errors()
        return self.result

    def error_field(self) -> str | None:
        """The field of this form the current error is about, or None when it is about something else."""
        err = self.error
        if err is None or not err.field:
            return None
        prefix = f"periods[{self.target}]."
        if err.field.startswith(prefix):
            field = err.field[len(prefix):]
            return field if field in FIELDS else None
        return None

    def _show_errors(self) -> None:
        lang = self.lang
        touched = self._attempted or self._values() != self._initial
        field = self.error_field()
        for name in FIELDS:
            box = self.query_one(f"#err-{name}", Static)
            text = "✖ " + self.error.text(lang) if touched and self.error is not None and field == name else ""
            update_static(box, text)
            if box.display != bool(text):
                box.display = bool(text)
        general = self.query_one("#form-general", Static)
        if self.error is None:
            update_static(general, Text(t("form.ok", lang), style="green"))
        elif field is None and touched:
            update_static(general, Text("✖ " + self.error.text(lang), style="bold red"))
        else:
            update_static(general, "")

    def _update_visibility(self) -> None:
        values = self._values()
        for field in ("status", "mode", "paid_on"):
            self.query_one(f"#field-{field}").display = self._applies(field, values)

    @on(Input.Changed)
    @on(Choice.Changed)
    def _changed(self, event) -> None:
        event.stop()
        if not self._initial:  # still mounting
            return
        self._update_visibility()
        self._validate()

    # -- saving and cancelling -----------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        """Dismiss with the checked profile; an invalid one is refused and its field is focused."""
        self._attempted = True
        profile = self._validate()
        if profile is None:
            self.app.bell()
            field = self.error_field()
            if field is not None:
                self.query_one(f"#{field}").focus()
            return
        if self.apply_first is not None:  # the screen below takes the new profile while it is still covered
            self.apply_first(profile)
        self.dismiss(profile)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_enter(self) -> None:
        """Enter saves from any field (a ◂ ▸ choice steps with ←/→ or space); on the region it opens the list of
        places, on the Cancel button it cancels."""
        focused = self.focused
        if isinstance(focused, Action) and focused.id == "region":
            self.pick_region()
        elif isinstance(focused, Button) and focused.id == "cancel":
            self.action_cancel()
        elif isinstance(focused, Input):  # after the keys typed before Enter, still queued for the field
            focused.call_later(self.action_save)
        else:
            self.action_save()

    @on(Action.Pressed, "#region")
    def _region_pressed(self, event: Action.Pressed) -> None:
        event.stop()
        self.pick_region()

    def pick_region(self) -> None:
        """The searchable list of places; "none" keeps the profile's own region (the default)."""
        from .region_picker import RegionPicker

        def chosen(value: str | None) -> None:
            if value is None:  # cancelled
                return
            self._region = value or None
            update_static(self.query_one("#region", Action), self._region_text())
            self._validate()

        self.app.push_screen(RegionPicker(self.lang, current=self._region, optional=True,
                                          none_label=self._default_region_text()), chosen)
