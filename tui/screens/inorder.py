"""Keys acted on in the order they are typed, however fast they come (tmux's ``send-keys``, a paste, an input
method giving a word at once, a pilot pressing without pause).

Textual hands every key to the widget focused as the key arrives; a key bound on that widget (an Input's Enter or
ctrl+u, a list's ↓) or on its screen is acted on by the app only once the key has gone up from the widget to it,
while the characters behind it in the same burst are typed in at once. And a screen just opened takes no key until
it is mounted and has its focus. So the answer after an Enter went into the question before, and the keys after a
key that opened a screen were lost.

Here a widget (:class:`InOrder`) does what its binding or its screen's says as soon as it gets the key; a key that
reaches it once the keys belong elsewhere (another widget was focused, another screen opened on top, or its own
screen closed) goes on to where they belong now (:func:`send_on`); and a screen (:class:`InOrderScreen`) keeps the
keys that come before it is ready and gets them in order once it is.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding


def bound_keys(bindings) -> dict[str, str]:
    """Bindings as key → action (``ctrl+u`` → ``delete_left_all``)."""
    return {key.strip(): binding.action for binding in bindings if isinstance(binding, Binding)
            for key in binding.key.split(",")}


def send_on(app, key: str, character: str | None) -> None:
    """A key for whatever takes the keys now: the screen on top (kept by it until it is ready), else the widget
    focused."""
    screen = app.screen
    if isinstance(screen, InOrderScreen):
        screen.take_key(key, character)
    else:
        (app.focused or screen).post_message(events.Key(key, character))


class InOrderScreen:
    """A screen that keeps the keys sent to it before it is ready (mounted, its focus set, nothing pending: see
    :meth:`keys_held`) and hands them on, in order, once it is (:meth:`release_keys`)."""

    _keys_ready = False
    _kept_keys: list[tuple[str, str | None]] | None = None

    def keys_held(self) -> bool:
        """Whether keys are kept for now (until :meth:`release_keys`)."""
        return not self._keys_ready

    def take_key(self, key: str, character: str | None) -> None:
        if self.keys_held():
            if self._kept_keys is None:
                self._kept_keys = []
            self._kept_keys.append((key, character))
            return
        target = self.focused or self  # type: ignore[attr-defined]
        target.post_message(events.Key(key, character))

    def release_keys(self) -> None:
        """The screen is ready: the keys kept go to the widget focused, in order (unless it holds them still)."""
        self._keys_ready = True
        if self.keys_held() or not self._kept_keys:
            return
        kept, self._kept_keys = self._kept_keys, None
        for key, character in kept:
            self.take_key(key, character)

    async def act_on_key(self, event: events.Key) -> None:
        """A key that reached the screen itself (not taken by a widget): on to where keys go now if this screen no
        longer takes them, else its binding (or the app's) acted on at once."""
        app = self.app  # type: ignore[attr-defined]
        if app.screen is not self or self.keys_held():
            event.stop()
            event.prevent_default()
            send_on(app, event.key, event.character)
            return
        found = self.active_bindings.get(event.key)  # type: ignore[attr-defined]
        if found is None or not found.enabled:
            return
        event.stop()
        event.prevent_default()
        await app.run_action(found.binding.action, found.node)


class InOrder:
    """An answer widget that acts on every key as it arrives: its own binding (``KEYS``), else its screen's (for a
    key that types nothing), at once; a key that reaches it when the keys go elsewhere goes on there."""

    KEYS: dict[str, str] = {}

    async def on_key(self, event: events.Key) -> None:
        screen = self.screen  # type: ignore[attr-defined]
        app = self.app  # type: ignore[attr-defined]
        held = isinstance(screen, InOrderScreen) and screen.keys_held()
        if app.screen is not screen or held or screen.focused is not self:
            event.stop()
            event.prevent_default()
            send_on(app, event.key, event.character)
            return
        action = self.KEYS.get(event.key)
        if action is None and not event.is_printable:
            found = bound_keys(type(screen).BINDINGS).get(event.key)
            action = "screen." + found if found else None
        if action is None:
            self.unbound_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.run_action(action)  # type: ignore[attr-defined]

    def unbound_key(self, event: events.Key) -> None:
        """A key bound nowhere, reaching this widget while it takes the keys (an Input types it in)."""
