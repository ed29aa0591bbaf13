"""A searchable list of every place: type a Chinese name (成都), pinyin (chengdu), initials (cd), English or a
province (四川 → the province and its cities); Enter picks. Each line says whether the place has data of its own;
when nothing matches, the screen says so and what to type instead.

Dismisses with the region id, ``""`` for "none" (only offered when ``optional``), or None when cancelled. Keys
come in order however fast they are typed (:mod:`tui.screens.inorder`): a name, Enter and the next answer sent at
once pick the place and the answer goes on to the screen below.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from engine import covered_by, province_of, search_regions
from engine.words import DEFAULT_LANG, data_lang, region_name, text

from ..i18n import t
from .base import KeyLabels, StyledOnce
from .inorder import InOrder, InOrderScreen, bound_keys

NONE_ID = "-none-"


def data_label(region: str, lang: str) -> str:
    """Has local data, or whose rules apply instead, in words."""
    level = covered_by(region)
    if level == region:
        return text("app", "region.own_data", lang)
    if level == "national":
        return text("app", "region.by_national", lang)
    return text("app", "region.by_province", lang, province=region_name(level, lang))


def option_label(region: str, lang: str) -> str:
    """One line: the name, its province, the id and whether it has data of its own."""
    name = region_name(region, lang)
    if region == "national":
        return f"{name}  · {region}"
    province = province_of(region)
    # a Chinese name says its province beside it; the English one carries it already ("Chengdu, Sichuan")
    named = province != region and data_lang(lang) == DEFAULT_LANG
    where = f"  {region_name(province, lang)}" if named else ""
    mark = "●" if covered_by(region) == region else "○"
    return f"{name}{where}  · {region}  {mark} {data_label(region, lang)}"


class FilterInput(InOrder, Input):
    """The search box: Enter picks the first place matching what is typed, as the key comes."""

    KEYS = bound_keys(Input.BINDINGS)

    def action_submit(self) -> None:
        self.screen.pick_highlighted()  # type: ignore[attr-defined]


class PlaceList(InOrder, OptionList):
    """The places found: Enter picks the one highlighted, as the key comes."""

    KEYS = bound_keys(OptionList.BINDINGS)

    def action_select(self) -> None:
        self.screen.pick_highlighted()  # type: ignore[attr-defined]


class RegionPicker(InOrderScreen, StyledOnce, KeyLabels, ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pageup", "jump(0)", show=False),
        Binding("pagedown", "jump(-1)", show=False),
    ]

    def __init__(self, lang: str = "zh", current: str | None = None, optional: bool = False,
                 none_label: str | None = None, query: str = "") -> None:
        """``optional``: the first line is "none" (dismissed as ""), in words ``none_label`` if given; ``query``:
        what the person already typed (the search starts with it)."""
        super().__init__()
        self.query_text = query
        self.lang = lang
        self.current = current
        self.optional = optional
        self.none_label = none_label
        self._filled_for: str | None = None  # the search the list shows the places of
        self._picked = False  # dismissed: the keys that still reach it go on to the screen below

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog region-picker"):
            yield Static(t("region.title", self.lang), classes="dialog-title")
            yield FilterInput(placeholder=text("app", "region.search", self.lang), id="region-filter")
            yield Static("", id="region-nothing", classes="error", markup=False)
            yield PlaceList(id="region-list")
            yield Static(t("region.hint", self.lang), classes="dialog-hint")

    def on_mount(self) -> None:
        box = self.query_one("#region-filter", Input)
        if self.query_text:
            box.value = self.query_text
            box.cursor_position = len(self.query_text)
        self._fill(self.query_text)
        self.set_focus(box)
        self.release_keys()  # the keys typed after the one that opened the search

    @property
    def shown_ids(self) -> list[str]:
        """The region ids listed now (for tests)."""
        options = self.query_one(OptionList)
        return [options.get_option_at_index(i).id for i in range(options.option_count)
                if options.get_option_at_index(i).id != NONE_ID]

    @property
    def nothing_text(self) -> str:
        """The message shown when nothing matches ("" otherwise)."""
        widget = self.query_one("#region-nothing", Static)
        return str(widget.render()) if widget.display else ""

    def _fill(self, query: str) -> None:
        self._filled_for = query
        options = self.query_one(OptionList)
        options.clear_options()
        found = search_regions(query)
        if self.optional and not query.strip():
            options.add_option(Option(self.none_label or t("region.none", self.lang), id=NONE_ID))
        highlight = 0
        for region in found:
            if region == self.current:
                highlight = options.option_count
            options.add_option(Option(option_label(region, self.lang), id=region))
        nothing = self.query_one("#region-nothing", Static)
        nothing.update(text("app", "region.nothing", self.lang, query=query.strip()) if not found else "")
        nothing.display = not found
        options.display = bool(options.option_count)
        if options.option_count:
            options.highlighted = highlight if not query.strip() else 0

    @on(Input.Changed, "#region-filter")
    def _filter(self) -> None:
        self._up_to_date()

    def _up_to_date(self) -> None:
        """The list shows the places matching what the search box holds now (a key acted on at once may come
        before the search of the characters typed just before it)."""
        value = self.query_one("#region-filter", Input).value
        if value != self._filled_for:
            self._fill(value)

    def pick_highlighted(self) -> None:
        """Enter: the place highlighted among those matching what the search box holds now (the list is brought up
        to date first: the characters typed just before may not have been searched yet)."""
        if self._picked:
            return
        self._up_to_date()
        options = self.query_one(OptionList)
        if options.option_count and options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is None or self._picked:
            return
        self._picked = True
        self.dismiss("" if option_id == NONE_ID else option_id)

    def action_move(self, step: int) -> None:
        self._up_to_date()
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_jump(self, index: int) -> None:
        self._up_to_date()
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = index % options.option_count

    def action_cancel(self) -> None:
        if not self._picked:
            self._picked = True
            self.dismiss(None)
