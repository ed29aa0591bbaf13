"""A searchable list of the regions: type part of an id, a Chinese or an English name; Enter picks.

Dismisses with the region id, ``""`` for "none" (only offered when ``optional``), or None when cancelled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from engine.regions import REGIONS

from ..i18n import t

NONE_ID = "-none-"


def matches(region: str, text: str) -> bool:
    """Whether the filter ``text`` is found in the id, the Chinese or the English name (any case)."""
    needle = text.strip().casefold()
    if not needle:
        return True
    zh, en = REGIONS[region]
    return any(needle in hay.casefold() for hay in (region, zh, en))


class RegionPicker(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, lang: str = "zh", current: str | None = None, optional: bool = False) -> None:
        super().__init__()
        self.lang = lang
        self.current = current
        self.optional = optional

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog region-picker"):
            yield Static(t("region.title", self.lang), classes="dialog-title")
            yield Input(placeholder=t("region.filter", self.lang), id="region-filter")
            yield OptionList(id="region-list")
            yield Static(t("region.hint", self.lang), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, text: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        if self.optional and not text.strip():
            options.add_option(Option(t("region.none", self.lang), id=NONE_ID))
        highlight = 0
        for region, (zh, en) in REGIONS.items():
            if matches(region, text):
                if region == self.current:
                    highlight = options.option_count
                options.add_option(Option(f"{region:<24} {zh}  {en}", id=region))
        if options.option_count:
            options.highlighted = highlight if not text.strip() else 0

    @on(Input.Changed, "#region-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#region-filter")
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id is None:
            return
        self.dismiss("" if option_id == NONE_ID else option_id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
