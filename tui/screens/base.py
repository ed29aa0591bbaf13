"""What every screen of the app shares."""

from __future__ import annotations

from dataclasses import replace

from textual import events
from textual.binding import ActiveBinding, Binding

from ..i18n import is_label, t


class StyledOnce:
    """A screen styled again as it is shown only when the theme changed since it was last styled.

    Textual styles each widget as it is mounted, and then, each time a screen is shown (``ScreenResume`` with
    ``refresh_styles``), styles the whole screen again: for the period form that pass was about a quarter of its
    opening time. The app keeps its dialogs and shows them again. Textual restyles a kept screen itself when the
    stylesheet changed while it was away (as the screen is pushed, or with the whole stack), and a widget whose
    state changes (its focus, a class) restyles itself; so the pass is asked for only when the theme changed.
    """

    _styled_for: str | None = None

    def on_mount(self) -> None:
        self._styled_for = self.app.theme  # type: ignore[attr-defined]  # each widget was styled as it was mounted

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        theme = self.app.theme  # type: ignore[attr-defined]
        if self._styled_for == theme:
            event.refresh_styles = False
        self._styled_for = theme


class KeyLabels:
    """A screen whose keys are described in its language (``self.lang``).

    A binding's description in ``BINDINGS`` is a label key of the catalog (``key.save``); the bindings this screen
    reports as active (what the key bar and Textual's key displays show) carry the label in the screen's language.
    """

    lang: str

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        lang = getattr(self, "lang", "zh")
        return {key: ActiveBinding(node, described(binding, lang), enabled, tooltip)
                for key, (node, binding, enabled, tooltip) in super().active_bindings.items()}  # type: ignore[misc]


_described: dict[tuple[int, str], tuple[Binding, Binding]] = {}


def described(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description in ``lang`` when the description is a label key (made once per binding)."""
    if not is_label(binding.description):
        return binding
    kept = _described.get((id(binding), lang))
    if kept is None or kept[0] is not binding:
        kept = _described[(id(binding), lang)] = (binding, replace(binding, description=t(binding.description, lang)))
    return kept[1]
