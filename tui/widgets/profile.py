"""The profile pane: every field of the profile (except the periods, which the timeline edits), editable in place.

The form is the truth while typing: each edit builds the whole candidate profile from what the fields hold and
asks the engine's own reader (``parse_profile``) whether it is valid. A refusal is shown next to the field the
engine names, and nothing reaches ``evaluate``; a valid candidate is posted as :class:`ProfilePane.Changed`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import tomli_w
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from engine import Profile, ProfileError, dump_profile, parse_profile
from engine.params import OVERRIDABLE
from engine.regions import REGIONS

from ..i18n import t

_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")

#: the unit of each overridable parameter, as shown in its placeholder
_UNIT_KEYS = {"years": "profile.unit.years", "fraction": "profile.unit.fraction", "yuan": "profile.unit.yuan",
              "months": "profile.unit.months"}


@dataclass(frozen=True)
class Field:
    """One editable value: its path in the profile file, its label and the kind of widget that edits it."""

    path: tuple[str, ...]  # ("person", "birth"); ("policy_overrides", "medical.min_years.male")
    label: str  # a label key, or the text itself for overrides
    kind: str  # text | month | int | number | sex | age | region | region_optional | bool (yes / no / not said)

    @property
    def field_path(self) -> str:
        """The path as the engine writes it in ProfileError.field."""
        if self.path[0] == "policy_overrides":
            return f'policy_overrides."{self.path[1]}"'
        return ".".join(self.path)

    @property
    def widget_id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", "-".join(self.path))


FIELDS: tuple[Field, ...] = (
    Field(("name",), "profile.name", "text"),
    Field(("person", "sex"), "profile.sex", "sex"),
    Field(("person", "birth"), "profile.birth", "month"),
    Field(("person", "original_retirement_age"), "profile.original_age", "age"),
    Field(("person", "region"), "profile.region", "region"),
    Field(("person", "retirement_shift_months"), "profile.shift", "int"),
    Field(("account", "balance_yuan"), "profile.balance", "number"),
    Field(("account", "as_of"), "profile.balance_as_of", "month"),
    Field(("plans", "backpay_at_retirement"), "profile.backpay", "bool"),
    Field(("plans", "emigrate"), "profile.emigrate", "month"),
    Field(("plans", "relocate_after_retirement"), "profile.relocate", "region_optional"),
) + tuple(Field(("policy_overrides", name), name, "number") for name in OVERRIDABLE)

_SECTIONS = {"person": "profile.section.person", "account": "profile.section.account",
             "plans": "profile.section.plans", "policy_overrides": "profile.section.overrides"}


def to_number(text: str) -> Any:
    """Numeric text as int or float; anything else stays the string, so that the engine names what is wrong."""
    text = text.strip()
    if _INT_RE.fullmatch(text):
        return int(text)
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    return text


def number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def region_label(region: str | None, lang: str) -> str:
    if not region:
        return t("profile.none", lang)
    zh, en = REGIONS.get(region, (region, region))
    return f"{en if lang == 'en' else zh} ({region})"


def _bool_text(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


def get_in(raw: dict, path: tuple[str, ...]) -> Any:
    node: Any = raw
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


class ProfilePane(VerticalScroll):
    """All profile fields; posts :class:`ProfilePane.Changed` with each valid new profile."""

    class Changed(Message):
        """The form holds a new valid profile."""

        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    def __init__(self, profile: Profile, lang: str = "zh", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.profile = profile
        self.lang = lang
        self._regions: dict[str, str | None] = {}  # region fields: widget id -> region id (or None)
        self._error_at: str | None = None  # widget id of the field showing an error

    # -- building ------------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        raw = self._raw(self.profile)
        section = None
        for spec in FIELDS:
            if spec.path[0] in _SECTIONS and spec.path[0] != section:
                section = spec.path[0]
                yield Static(t(_SECTIONS[section], self.lang), classes="section")
            with Vertical(classes="field", id=spec.widget_id + "-row"):
                if spec.path[0] == "policy_overrides":
                    unit, zh, en = OVERRIDABLE[spec.path[1]]
                    yield Label(en if self.lang == "en" else zh, classes="override-label")
                    yield self._editor(spec, get_in(raw, spec.path), placeholder=f"{spec.path[1]} · "
                                       f"{t(_UNIT_KEYS.get(unit, 'profile.unit.yuan'), self.lang)}")
                else:
                    with Horizontal(classes="field-line"):
                        yield Label(t(spec.label, self.lang), classes="field-label")
                        yield self._editor(spec, get_in(raw, spec.path))
                yield Static("", classes="error", id=spec.widget_id + "-error", markup=False)

    def _editor(self, spec: Field, value: Any, placeholder: str = ""):
        wid, lang = spec.widget_id, self.lang
        if spec.kind == "sex":
            options = [(t("profile.male", lang), "male"), (t("profile.female", lang), "female")]
            return Select(options, value=value or "male", allow_blank=False, compact=True, id=wid)
        if spec.kind == "age":
            options = [(t("profile.age_default", lang), "")] + [(str(a), str(a)) for a in (60, 55, 50)]
            return Select(options, value="" if value is None else str(value), allow_blank=False, compact=True, id=wid)
        if spec.kind in ("region", "region_optional"):
            self._regions[wid] = value
            return Button(region_label(value, lang), compact=True, id=wid, classes="region")
        if spec.kind == "bool":  # three states, in words: not said (the key is left out), yes, no
            options = [(t("profile.unset", lang), ""), (t("profile.backpay_yes", lang), "true"),
                       (t("profile.backpay_no", lang), "false")]
            return Select(options, value=_bool_text(value), allow_blank=False, compact=True, id=wid)
        if spec.kind == "month":
            placeholder = "YYYY-MM"
        elif spec.kind == "int":
            placeholder = placeholder or t("profile.shift_hint", lang)
        elif spec.kind == "number" and not placeholder:
            placeholder = t("profile.yuan_hint", lang)
        text = value if spec.kind in ("text", "month") else number_text(value)
        return Input(text or "", placeholder=placeholder, compact=True, id=wid)

    @staticmethod
    def _raw(profile: Profile) -> dict:
        return tomllib.loads(dump_profile(profile))

    # -- showing a profile that changed elsewhere --------------------------------------------------------------

    def show(self, profile: Profile) -> None:
        """Set every field from ``profile`` (no Changed message) and clear the error."""
        self.profile = profile
        raw = self._raw(profile)
        with self.prevent(Input.Changed, Select.Changed):
            for spec in FIELDS:
                value = get_in(raw, spec.path)
                widget = self.query_one("#" + spec.widget_id)
                if isinstance(widget, Select):
                    if spec.kind == "sex":
                        widget.value = value or "male"
                    elif spec.kind == "bool":
                        widget.value = _bool_text(value)
                    else:
                        widget.value = "" if value is None else str(value)
                elif isinstance(widget, Button):
                    self._regions[spec.widget_id] = value
                    widget.label = region_label(value, self.lang)
                elif isinstance(widget, Input):
                    widget.value = (value or "") if spec.kind in ("text", "month") else number_text(value)
        self._show_error(None, None)

    # -- reading the form --------------------------------------------------------------------------------------

    def _read(self, spec: Field) -> tuple[bool, Any]:
        """(present, raw value) of a field as the form holds it."""
        widget = self.query_one("#" + spec.widget_id)
        if isinstance(widget, Select):
            value = widget.value
            if spec.kind == "age":
                return (False, None) if value in ("", Select.BLANK) else (True, int(value))
            if spec.kind == "bool":
                return (False, None) if value in ("", Select.BLANK) else (True, value == "true")
            return True, value
        if isinstance(widget, Button):
            region = self._regions.get(spec.widget_id)
            return (region is not None), region
        text = widget.value
        if spec.kind == "text":
            return True, text
        if not text.strip():
            return False, None
        if spec.kind == "month":
            return True, text.strip()
        return True, to_number(text)

    def candidate(self) -> dict:
        """The raw TOML document the form describes: the current profile with every field overlaid."""
        raw = self._raw(self.profile)
        base = self._raw(self.profile)
        for spec in FIELDS:
            present, value = self._read(spec)
            table = raw
            for part in spec.path[:-1]:
                table = table.setdefault(part, {})
            if present:
                table[spec.path[-1]] = value
            else:
                table.pop(spec.path[-1], None)
        for name in ("account", "plans", "policy_overrides"):
            if name in raw and not raw[name] and name not in base:
                del raw[name]
        if "policy_overrides" in raw and not raw["policy_overrides"]:
            del raw["policy_overrides"]
        return raw

    def validate(self, edited: str | None = None) -> Profile | None:
        """Check the form; show the engine's message next to its field (or ``edited``) and return the profile."""
        try:
            text = tomli_w.dumps(self.candidate())
            profile = parse_profile(text)
        except ProfileError as err:
            self._show_error(err, edited)
            return None
        except (TypeError, ValueError) as err:  # a value TOML cannot hold: say so where it was typed
            self._show_error(ProfileError(str(err)), edited)
            return None
        self._show_error(None, None)
        return profile

    def _show_error(self, err: ProfileError | None, edited: str | None) -> None:
        target = None
        if err is not None:
            target = self._widget_for(err.field) or edited or FIELDS[0].widget_id
        if self._error_at is not None and self._error_at != target:
            self._set_error(self._error_at, "")
        self._error_at = target
        if err is not None and target is not None:  # without the line: it would be a line of a generated text
            self._set_error(target, "⚠ " + err.text(self.lang))

    def _set_error(self, widget_id: str, text: str) -> None:
        try:
            label = self.query_one(f"#{widget_id}-error", Static)
            row = self.query_one(f"#{widget_id}-row")
        except Exception:
            return
        label.update(text)
        row.set_class(bool(text), "-invalid")
        if text:
            self.call_after_refresh(row.scroll_visible)

    @staticmethod
    def _widget_for(field: str | None) -> str | None:
        if not field:
            return None
        for spec in FIELDS:
            if spec.field_path == field:
                return spec.widget_id
        for spec in FIELDS:
            if field.startswith(spec.field_path) or spec.field_path.startswith(field + "."):
                return spec.widget_id
        return None

    @property
    def error_text(self) -> str | None:
        """The message shown now, if any (for tests and the app)."""
        if self._error_at is None:
            return None
        return str(self.query_one(f"#{self._error_at}-error", Static).render()) or None

    # -- edits --------------------------------------------------------------------------------------------------

    def _edited(self, widget_id: str | None) -> None:
        profile = self.validate(widget_id)
        if profile is not None and profile != self.profile:
            self.profile = profile
            self.post_message(self.Changed(profile))

    @on(Input.Changed)
    @on(Select.Changed)
    def _on_field_changed(self, event: Message) -> None:
        event.stop()
        self._edited(getattr(event.control, "id", None))

    @on(Button.Pressed, ".region")
    def _pick_region(self, event: Button.Pressed) -> None:
        event.stop()
        from ..screens.region_picker import RegionPicker  # rarely used: imported on demand

        button = event.button
        optional = button.id == "f-plans-relocate_after_retirement"

        def chosen(region: str | None) -> None:
            if region is None:  # cancelled
                return
            value = region or None
            self._regions[button.id] = value
            button.label = region_label(value, self.lang)
            self._edited(button.id)

        self.app.push_screen(RegionPicker(self.lang, current=self._regions.get(button.id), optional=optional), chosen)
