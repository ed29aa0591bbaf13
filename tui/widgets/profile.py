"""The profile pane: every field of the profile (except the periods, which the timeline edits), editable in place.

The form is the truth while typing: each edit builds the whole candidate profile from what the fields hold and
asks the engine's own reader (``parse_profile``) whether it is valid. A refusal is shown next to the field the
engine names, and nothing reaches ``evaluate``; a valid candidate is posted as :class:`ProfilePane.Changed`.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import msgspec
from msgspec import Struct
from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from engine import Profile, ProfileError, parse_profile
from engine import OVERRIDABLE, profile_tables
from engine.words import full_name, msg, param_title, text

from ..i18n import t
from .inplace import StyledWhenAttached, update_static

_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?")

#: the unit of each overridable parameter, as shown in its placeholder
_UNIT_KEYS = {"years": "profile.unit.years", "fraction": "profile.unit.fraction", "yuan": "profile.unit.yuan",
              "months": "profile.unit.months"}


class Field(Struct, frozen=True):
    """One editable value: its path in the profile file, its label and the kind of widget that edits it."""

    path: tuple[str, ...]  # ("person", "birth"); ("policy_overrides", "medical.min_years.male")
    label: str  # a label key, or the text itself for overrides
    kind: str  # text | code (optional short text) | month | int | number | sex | age | region | region_optional |
    #            bool (yes / no / not said) | shortfall (how pension years short are made up, or not said)

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
    Field(("person", "nationality"), "profile.nationality", "code"),
    Field(("person", "hukou"), "profile.hukou", "region_optional"),
    Field(("account", "balance_yuan"), "profile.balance", "number"),
    Field(("account", "as_of"), "profile.balance_as_of", "month"),
    Field(("plans", "backpay_at_retirement"), "profile.backpay", "bool"),
    Field(("plans", "emigrate"), "profile.emigrate", "month"),
    Field(("plans", "relocate_after_retirement"), "profile.relocate", "region_optional"),
    Field(("plans", "pension_shortfall"), "profile.shortfall", "shortfall"),
    Field(("plans", "flexible_subsidy"), "profile.subsidy", "bool"),
    Field(("plans", "relative_region"), "profile.relative", "region_optional"),
) + tuple(Field(("policy_overrides", name), name, "number") for name in OVERRIDABLE)

#: the words of a yes / no field's answers, by its label (any other: the back-payment's)
_YES_NO = {"profile.subsidy": ("profile.subsidy_yes", "profile.subsidy_no")}
#: how pension years short at legal age are made up: not said (month by month assumed), month by month, one sum
_SHORTFALL = (("profile.unset", ""), ("profile.shortfall_monthly", "monthly"),
              ("profile.shortfall_lump_sum", "lump_sum"))

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
    return full_name(region, lang)  # the name a person knows, never the id


#: the choice "insured as a flexible worker": saved as 55 (the profile holds the age only)
FLEXIBLE_55 = "55f"


def age_options(sex: str, value: Any, lang: str) -> tuple[list[tuple[str, str]], str]:
    """The original-age choices in words, and the one showing ``value``: for a woman 女工人（50）, 女干部（55）,
    灵活就业55岁 (saved as 55; the guided start asks it in full: 以灵活就业人员身份参保…), or not given (55
    assumed); never 60. For a man only 60."""
    if sex != "female":
        if value == 60:
            return [(text("app", "person.age.male", lang), "60")], "60"
        return [(text("app", "person.age.male", lang), "")], ""
    options = [(text("app", "person.age.unset", lang), ""), (text("app", "person.age.female.50", lang), "50"),
               (text("app", "person.age.female.55", lang), "55"), (text("app", "person.age.flexible.short", lang), FLEXIBLE_55)]
    current = str(value) if value in (50, 55) else ""
    return options, current


def _flexible_woman(raw: dict) -> bool:
    """Whether the profile's periods show her insured as a flexible worker (then 55 is shown in those words)."""
    return any(p.get("status") == "flexible" for p in raw.get("periods", []) if isinstance(p, dict))


def _bool_text(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


def get_in(raw: dict, path: tuple[str, ...]) -> Any:
    node: Any = raw
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


class FieldInput(StyledWhenAttached, Input):
    """Textual's Input, styled once, when it is mounted (see StyledWhenAttached), whose value never lays the screen
    out again.

    Input keeps the width of its text as its virtual size, which lays the whole screen out at every keystroke (and
    each scroll view's scroll bars then draw once more in a frame of their own). A field is as wide as the form
    makes it, whatever it holds, so here a longer or shorter value only repaints the field (it scrolls within it as
    before: the scroll range is read from the virtual size when the cursor moves).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class Choice(StyledWhenAttached, Widget, can_focus=True):
    """One of a few values, in one line: ``◂ 男 ▸``. ←/→, space, Enter or a click step through the options.

    Much lighter than a Select (no overlay), which keeps the app's start fast.
    """

    DEFAULT_CSS = """
    Choice { height: 1; width: 1fr; background: $boost; }
    Choice.-wrap { height: auto; }
    Choice:focus { background: $accent 30%; }
    """
    BINDINGS = [
        Binding("right,space,enter", "step(1)", show=False),
        Binding("left", "step(-1)", show=False),
    ]

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        def __init__(self, choice: "Choice", value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> "Choice":
            return self.choice

    def __init__(self, options: list[tuple[str, str]], value: str, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.options = options
        self.set_reactive(Choice.value, value)

    def _index(self) -> int:
        values = [v for _, v in self.options]
        return values.index(self.value) if self.value in values else 0

    def render(self) -> Text:
        label = self.options[self._index()][0] if self.options else ""
        return Text.assemble(("◂ ", "dim"), label, (" ▸", "dim"))

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def action_step(self, step: int) -> None:
        if self.options:
            self.value = self.options[(self._index() + step) % len(self.options)][1]

    def on_click(self) -> None:
        self.action_step(1)


class Action(StyledWhenAttached, Static, can_focus=True):
    """A line of text that does something on Enter, space or a click (lighter than a Button)."""

    DEFAULT_CSS = """
    Action { height: 1; width: 1fr; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    Action:focus { background: $accent 30%; }
    """
    BINDINGS = [Binding("enter,space", "press", show=False)]

    class Pressed(Message):
        def __init__(self, action: "Action") -> None:
            super().__init__()
            self.action = action

        @property
        def control(self) -> "Action":
            return self.action

    def __init__(self, label: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(label, id=id, classes=classes, markup=False)

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def on_click(self) -> None:
        self.action_press()


def _shown_key(profile: Profile) -> tuple:
    """What the pane shows of a profile: all of it but the periods, and of those only their statuses."""
    return msgspec.structs.replace(profile, periods=()), tuple(p.status for p in profile.periods if p.status)


class FieldGrid(Widget):
    """The fields in one column, each editor with its label to its left and a section's title above its first.

    The column draws the labels and titles itself, in the space the editors' margins leave (11 columns to the
    left, two lines above a section), instead of a Label widget for each: the pane has half as many widgets, and
    building them was most of the time from the app's first frame to every pane drawn. A label is cut at ten
    columns (a test holds every label of both languages within them).
    """

    COMPONENT_CLASSES = {"field-grid--label", "field-grid--section", "field-grid--focused"}
    DEFAULT_CSS = """
    FieldGrid { layout: vertical; height: auto; padding: 0 0 0 1; }
    FieldGrid > * { margin: 0 0 0 11; }
    FieldGrid > .-section-start { margin: 2 0 0 11; }
    FieldGrid > .field-grid--label { color: $text-muted; }
    FieldGrid > .field-grid--section { color: $text-accent; text-style: bold; }
    FieldGrid > .field-grid--focused { color: $text-accent; text-style: bold reverse; }
    """
    LABEL_WIDTH = 10  # the label column is 11 wide, one column kept empty before the editor

    def __init__(self, *editors: Widget, labels: dict[str, str], sections: dict[str, str],
                 id: str | None = None) -> None:
        super().__init__(*editors, id=id)
        self.labels = labels  # editor id -> its label
        self.sections = sections  # editor id -> the title of the section it opens
        self._rows_now: dict[int, tuple[str, str]] = {}  # _rows() as of the render under way

    def _rows(self) -> dict[int, tuple[str, str]]:
        """Line -> (text, component class): each editor's label on its first line, a title on the line above
        its margin's end (the children are stacked: each one's top margin, then its height)."""
        rows: dict[int, tuple[str, str]] = {}
        y = 0
        for child in self.children:
            if not child.display:
                continue
            y += child.styles.margin.top
            if child.id in self.sections:
                rows[y - 1] = (self.sections[child.id], "field-grid--section")
            if child.id in self.labels:  # the label of the field with the focus stands out (it has no frame)
                rows[y] = (self.labels[child.id], "field-grid--focused" if child.has_focus else "field-grid--label")
            y += child.outer_size.height + child.styles.margin.bottom
        return rows

    def render_lines(self, crop):
        self._rows_now = self._rows()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        found = self._rows_now.get(y)
        if found is None:
            return Strip.blank(width, self.rich_style)
        words, component = found
        limit = self.LABEL_WIDTH if component != "field-grid--section" else width
        line = Text(words, no_wrap=True, overflow="crop")
        line.truncate(min(limit, width), overflow="crop")
        segments = [Segment(line.plain, self.get_component_rich_style(component))]
        rest = width - line.cell_len
        if rest > 0:
            segments.append(Segment(" " * rest, self.rich_style))
        return Strip(segments, width)


class ProfilePane(VerticalScroll):
    """All profile fields; posts :class:`ProfilePane.Changed` with each valid new profile."""

    class Changed(Message):
        """The form holds a new valid profile."""

        def __init__(self, profile: Profile) -> None:
            super().__init__()
            self.profile = profile

    class ErrorShown(Message):
        """The form shows another error message, or none any more (:attr:`ProfilePane.error_field`)."""

    def __init__(self, profile: Profile, lang: str = "zh", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.profile = profile
        self.lang = lang
        self._regions: dict[str, str | None] = {}  # region fields: widget id -> region id (or None)
        self._error_at: str | None = None  # widget id of the field showing an error
        self._error_shown: tuple = (None, None)  # (that field, its message) as last told with ErrorShown
        self._overrides_open = False
        self._editors: dict[str, Any] = {}  # widget id -> the widget editing that field
        self._shown: dict[str, Any] = {}  # widget id -> the value it held when the form matched the profile
        self._shown_of: tuple | None = None  # _shown_key of the profile the fields show (None: not known)

    def on_descendant_focus(self) -> None:
        self.query_one(FieldGrid).refresh()  # the focused field's label is drawn apart

    def on_descendant_blur(self) -> None:
        self.query_one(FieldGrid).refresh()

    # -- building ------------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        raw = self._fields_raw(self.profile)
        self._shown_of = _shown_key(self.profile)  # the fields are made from it
        section = None
        editors, labels, sections = [], {}, {}
        for spec in FIELDS:
            if spec.path[0] == "policy_overrides":
                continue
            editor = self._editor(spec, get_in(raw, spec.path))
            if spec.path[0] in _SECTIONS and spec.path[0] != section:
                section = spec.path[0]
                sections[spec.widget_id] = t(_SECTIONS[section], self.lang)
                editor.add_class("-section-start")
            labels[spec.widget_id] = t(spec.label, self.lang)
            editors.append(editor)
        yield FieldGrid(*editors, labels=labels, sections=sections, id="profile-fields")
        # the policy overrides are for the few who know a local rule: built when first opened
        yield Action(self._overrides_label(), id="overrides-toggle", classes="section")
        # and their box with them, below the toggle (one widget fewer to build at start-up)

    def _overrides_label(self) -> str:
        opened = self._overrides_open
        count = len(self.profile.policy_overrides)
        mark = "▾" if opened else "▸"
        tail = t("profile.overrides_count", self.lang).format(n=count) if count else ""
        return f"{mark} {t(_SECTIONS['policy_overrides'], self.lang)}{tail}"

    def _override_widgets(self) -> list:
        raw = self._fields_raw(self.profile)
        widgets: list = [Static(t("profile.overrides_hint", self.lang), classes="override-label")]
        for spec in FIELDS:
            if spec.path[0] != "policy_overrides":
                continue
            unit = OVERRIDABLE[spec.path[1]]
            widgets.append(Label(param_title(spec.path[1], self.lang), classes="override-label"))
            unit_text = t(_UNIT_KEYS.get(unit, "profile.unit.yuan"), self.lang)
            widgets.append(self._editor(spec, get_in(raw, spec.path), placeholder=unit_text))
        return widgets

    @on(Action.Pressed, "#overrides-toggle")
    async def toggle_overrides(self, event: Action.Pressed | None = None) -> None:
        """Show (building them the first time) or hide the policy override fields."""
        if event is not None:
            event.stop()
        found = self.query("#profile-overrides")
        if found:
            box = found.first(Vertical)
        else:
            box = Vertical(*self._override_widgets(), classes="overrides", id="profile-overrides")
            await self.mount(box, after=self.query_one("#overrides-toggle"))
        self._overrides_open = not self._overrides_open
        box.display = self._overrides_open
        update_static(self.query_one("#overrides-toggle", Action), self._overrides_label())

    def _editor(self, spec: Field, value: Any, placeholder: str = ""):
        widget, shown = self._make_editor(spec, value, placeholder)
        self._editors[spec.widget_id] = widget
        if not isinstance(widget, Action):
            self._shown[spec.widget_id] = shown
        return widget

    def _make_editor(self, spec: Field, value: Any, placeholder: str = "") -> tuple[Any, Any]:
        """The widget for ``spec`` showing ``value``, and the value it holds."""
        wid, lang = spec.widget_id, self.lang
        if spec.kind in ("region", "region_optional"):
            self._regions[wid] = value
            return Action(region_label(value, lang), id=wid, classes="region"), value
        if spec.kind in ("sex", "age", "bool", "shortfall"):
            if spec.kind == "sex":
                options = [(t("profile.male", lang), "male"), (t("profile.female", lang), "female")]
                current = value or "male"
            elif spec.kind == "age":
                raw = self._fields_raw(self.profile)
                options, current = age_options(raw.get("person", {}).get("sex", "male"), value, lang)
                if current == "55" and _flexible_woman(raw):
                    current = FLEXIBLE_55
            elif spec.kind == "shortfall":
                options = [(t(label, lang), code) for label, code in _SHORTFALL]
                current = value or ""
            else:  # three states, in words: not said (the key is left out), yes, no
                yes, no = _YES_NO.get(spec.label, ("profile.backpay_yes", "profile.backpay_no"))
                options = [(t("profile.unset", lang), ""), (t(yes, lang), "true"), (t(no, lang), "false")]
                current = _bool_text(value)
            wrap = spec.kind in ("age", "shortfall")
            return Choice(options, current, id=wid, classes="-wrap" if wrap else None), current
        if spec.kind == "month":
            placeholder = "YYYY-MM"
        elif spec.kind == "code":
            placeholder = t("profile.nationality_hint", lang)
        elif spec.kind == "int":
            placeholder = placeholder or t("profile.shift_hint", lang)
        elif spec.kind == "number" and not placeholder:
            placeholder = t("profile.yuan_hint", lang)
        text = (value if spec.kind in ("text", "month", "code") else number_text(value)) or ""
        return FieldInput(text, placeholder=placeholder, compact=True, id=wid), text

    @staticmethod
    def _raw(profile: Profile) -> dict:
        """The whole profile as its TOML tables (the base the fields are laid over to check an edit)."""
        return profile_tables(profile)

    @staticmethod
    def _fields_raw(profile: Profile) -> dict:
        """What the pane shows, as TOML tables: every field, and of the periods only their statuses (all the age
        choice reads), so that showing a long history does not write it out and read it back."""
        raw = profile_tables(msgspec.structs.replace(profile, periods=()))
        raw["periods"] = [{"status": p.status} for p in profile.periods if p.status]
        return raw

    # -- showing a profile that changed elsewhere --------------------------------------------------------------

    def show(self, profile: Profile) -> None:
        """Set every field from ``profile`` (no Changed message) and clear the error; nothing to do when what the
        pane shows of it is what it shows already and no field holds an error (a period saved in the form)."""
        shown = _shown_key(profile)
        if shown == self._shown_of and self._error_at is None:
            self.profile = profile
            return
        self.profile = profile
        raw = self._fields_raw(profile)
        with self.prevent(Input.Changed, Choice.Changed):
            for spec in FIELDS:
                value = get_in(raw, spec.path)
                widget = self._widget(spec)
                if widget is None:
                    continue
                if isinstance(widget, Choice):
                    if spec.kind == "sex":
                        widget.value = value or "male"
                    elif spec.kind == "bool":
                        widget.value = _bool_text(value)
                    elif spec.kind == "age":
                        options, current = age_options(raw.get("person", {}).get("sex", "male"), value, self.lang)
                        if current == "55" and _flexible_woman(raw):
                            current = FLEXIBLE_55
                        widget.options = options
                        widget.value = current
                        widget.refresh()
                    else:
                        widget.value = "" if value is None else str(value)
                elif isinstance(widget, Action):
                    self._regions[spec.widget_id] = value
                    update_static(widget, region_label(value, self.lang))
                elif isinstance(widget, Input):
                    widget.value = (value or "") if spec.kind in ("text", "month", "code") else number_text(value)
        update_static(self.query_one("#overrides-toggle", Action), self._overrides_label())
        self._remember_shown(profile)
        self._show_error(None, None)

    def _widget(self, spec: Field):
        """The widget editing ``spec``, or None when it is not built (the closed overrides)."""
        return self._editors.get(spec.widget_id)

    # -- reading the form --------------------------------------------------------------------------------------

    def _read(self, spec: Field, base: dict) -> tuple[bool, Any]:
        """(present, raw value) of a field as the form holds it (``base``: the profile's raw document)."""
        widget = self._widget(spec)
        if widget is None:  # not built: the profile's own value
            value = get_in(base, spec.path)
            return value is not None, value
        if isinstance(widget, Choice):
            value = widget.value
            if spec.kind == "age":
                return (False, None) if value == "" else (True, 55 if value == FLEXIBLE_55 else int(value))
            if spec.kind == "bool":
                return (False, None) if value == "" else (True, value == "true")
            if spec.kind == "shortfall":
                return (False, None) if value == "" else (True, value)
            return True, value
        if isinstance(widget, Action):
            region = self._regions.get(spec.widget_id)
            return (region is not None), region
        text = widget.value
        if spec.kind == "text":
            return True, text
        if not text.strip():
            return False, None
        if spec.kind in ("month", "code"):
            return True, text.strip()
        return True, to_number(text)

    def candidate(self) -> dict:
        """The raw TOML document the form describes: the current profile with every field overlaid."""
        cached = getattr(self, "_base_raw", None)
        if cached is None or cached[0] is not self.profile:  # one dump and parse per profile, not two per key
            cached = self._base_raw = (self.profile, self._raw(self.profile))
        base = cached[1]
        raw = copy.deepcopy(base)
        for spec in FIELDS:
            present, value = self._read(spec, base)
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
        import tomli_w  # written only once a field is edited

        try:
            text = tomli_w.dumps(self.candidate())
            profile = parse_profile(text)
        except ProfileError as err:
            self._show_error(err, edited)
            return None
        except (TypeError, ValueError) as err:  # a value TOML cannot hold: say so where it was typed
            self._show_error(ProfileError(msg("profile.error", "cannot_check", reason=str(err))), edited)
            return None
        self._show_error(None, None)
        return profile

    def _show_error(self, err: ProfileError | None, edited: str | None) -> None:
        target = None
        if err is not None:
            target = self._widget_for(err.field)
            if target is None or target not in self._editors:
                target = edited or FIELDS[0].widget_id
        if self._error_at is not None and self._error_at != target:
            self._set_error(self._error_at, "")
        self._error_at = target
        words = None
        if err is not None and target is not None:  # without the line: it would be a line of a generated text
            words = "⚠ " + err.text(self.lang)
            self._set_error(target, words)
        if (target, words) != self._error_shown:
            self._error_shown = (target, words)
            self.post_message(self.ErrorShown())

    def _set_error(self, widget_id: str, text: str) -> None:
        """Show ``text`` under the field (its message line is made the first time it is needed)."""
        editor = self._editors.get(widget_id)
        if editor is None:
            return
        found = self.query(f"#{widget_id}-error")
        if found:
            label = found.first(Static)
        elif text:
            label = Static("", classes="error", id=f"{widget_id}-error", markup=False)
            editor.parent.mount(label, after=editor)  # in the field column: under the editor, no label of its own
        else:
            return
        label.update(text)
        label.set_class(bool(text), "-shown")
        editor.set_class(bool(text), "-invalid")
        if isinstance(editor.parent, FieldGrid):
            editor.parent.refresh()  # the labels under the message move down (or back up)
        if text:
            self.call_after_refresh(label.scroll_visible)

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

    @staticmethod
    def field_for(field: str) -> Field | None:
        """The pane's field for a profile path as a warning names it (``person.original_retirement_age``,
        ``policy_overrides."medical.min_years.female"``), or None when the pane has no field for it."""
        widget_id = ProfilePane._widget_for(field)
        return next((spec for spec in FIELDS if spec.widget_id == widget_id), None)

    async def reveal(self, spec: Field) -> Widget | None:
        """The editor of ``spec``, the closed overrides opened first when it is one of them, scrolled into view."""
        if spec.path[0] == "policy_overrides" and not self._overrides_open:
            await self.toggle_overrides()
        editor = self._editors.get(spec.widget_id)
        if editor is not None:
            self.scroll_to_widget(editor, animate=False)
        return editor

    @property
    def error_field(self) -> str | None:
        """The id of the field whose value is in error now, if any."""
        return self._error_at

    @property
    def error_text(self) -> str | None:
        """The message shown now, if any (for tests and the app)."""
        found = self.query(f"#{self._error_at}-error") if self._error_at is not None else None
        return (str(found.first(Static).render()) or None) if found else None

    # -- edits --------------------------------------------------------------------------------------------------

    def _edited(self, widget_id: str | None) -> None:
        profile = self.validate(widget_id)
        if profile is None:
            return
        self._remember_shown(profile)
        if profile != self.profile:
            self.profile = profile
            update_static(self.query_one("#overrides-toggle", Action), self._overrides_label())
            self.post_message(self.Changed(profile))

    def _remember_shown(self, profile: Profile) -> None:
        """The fields now show ``profile``: each editor's value, and what they show of it (:func:`_shown_key`)."""
        self._shown = {wid: w.value for wid, w in self._editors.items() if not isinstance(w, Action)}
        self._shown_of = _shown_key(profile)

    @on(Input.Changed)
    @on(Choice.Changed)
    def _on_field_changed(self, event: Input.Changed | Choice.Changed) -> None:
        event.stop()
        widget_id = event.control.id
        if self._error_at is None and self._shown.get(widget_id, object()) == event.value:
            return  # the form still matches the profile (e.g. a widget announcing its first value)
        if widget_id == "f-person-sex":
            self._age_for_sex(event.value)
        self._edited(widget_id)

    def _age_for_sex(self, sex: str) -> None:
        """The original-age choices follow the sex: a woman's in words, a man's 60 only (a value that does not
        fit the new sex is cleared)."""
        age = self._editors.get("f-person-original_retirement_age")
        if not isinstance(age, Choice):
            return
        value = 55 if age.value == FLEXIBLE_55 else (int(age.value) if age.value.isdigit() else None)
        options, current = age_options(sex, value, self.lang)
        if value == 55 and age.value == FLEXIBLE_55 and sex == "female":
            current = FLEXIBLE_55
        with self.prevent(Choice.Changed):
            age.options = options
            age.value = current
        age.refresh()

    @on(Action.Pressed, ".region")
    def _pick_region(self, event: Action.Pressed) -> None:
        event.stop()
        from ..screens.region_picker import RegionPicker  # rarely used: imported on demand

        field = event.action
        optional = field.id in ("f-plans-relocate_after_retirement", "f-person-hukou", "f-plans-relative_region")

        def chosen(region: str | None) -> None:
            if region is None:  # cancelled
                return
            value = region or None
            self._regions[field.id] = value
            field.update(region_label(value, self.lang))
            self._edited(field.id)

        self.app.push_screen(RegionPicker(self.lang, current=self._regions.get(field.id), optional=optional), chosen)
