"""The profile list: the user's profiles and the bundled examples; open, new, duplicate, rename, delete."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Input, Static

from engine import ProfileError
from engine.words import safe_text

from ..i18n import t
from ..widgets.inplace import update_static
from ..widgets.keybar import KeyBar
from ..widgets.titlebar import TitleBar
from ..store import Entry, StoreError
from .base import KeyLabels, StyledOnce
from .confirm import ConfirmScreen

TIME_FORMAT = "%Y-%m-%d %H:%M"


def modified_text(timestamp: float) -> str:
    """A file's modification time in local time."""
    return datetime.fromtimestamp(timestamp).strftime(TIME_FORMAT)


class RenameScreen(StyledOnce, KeyLabels, ModalScreen[str | None]):
    """Asks for a new name and tries it with ``attempt(name)``, which returns an error text or None when done.

    A refused name keeps the dialog open with the reason under the field; dismisses with the name once done,
    or None when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, current: str, lang: str, attempt: Callable[[str], str | None]) -> None:
        super().__init__()
        self.current = current
        self.lang = lang
        self.attempt = attempt

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog rename"):
            yield Static(t("list.rename_title", self.lang), classes="dialog-title")
            yield Input(self.current, id="new-name")
            yield Static("", id="rename-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("key.rename", self.lang), variant="primary", id="ok")
                yield Button(t("key.cancel", self.lang), id="cancel")

    def _try(self) -> None:
        name = self.query_one(Input).value
        if name.strip() == self.current:
            self.dismiss(None)
            return
        error = self.attempt(name)
        if error is None:
            self.dismiss(name)
        else:
            self.query_one("#rename-error", Static).update("⚠ " + safe_text(error, lines=True))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._try()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._try()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProfilesScreen(StyledOnce, KeyLabels, Screen):
    """A table of profiles. Opening one hands it to the app (``app.open_path``)."""

    BINDINGS = [
        Binding("enter", "open", "key.open_selected", priority=True),
        Binding("n", "new", "key.new"),
        Binding("c", "duplicate", "key.duplicate"),
        Binding("r", "rename", "key.rename"),
        Binding("d,delete", "delete", "key.delete_profile"),
        Binding("escape", "back", "key.back"),
        Binding("question_mark", "app.help", "key.help", key_display="?"),
        Binding("q", "app.quit", "key.quit"),
    ]

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self.entries: list[Entry] = []
        self.app.preset_breakpoints(self)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="profiles-body"):
            yield DataTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="profiles-detail", markup=False)
            yield Static(t("list.folder", self.lang).format(path=safe_text(str(self.app.store.user_dir))),
                         id="profiles-folder", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("app.title", self.lang)
        self.sub_title = t("list.title", self.lang)
        table = self.query_one(DataTable)
        for key in ("list.col.name", "list.col.file", "list.col.modified", "list.col.kind"):
            table.add_column(t(key, self.lang), key=key)
        self.reload()
        table.focus()
        self.app.screen_shown()

    def on_screen_resume(self) -> None:
        self.reload(self.selected_path)

    # -- the table ----------------------------------------------------------------------------------------------

    def reload(self, select: Path | None = None) -> None:
        """Read the folders again and redraw; keep (or move) the cursor on ``select``."""
        table = self.query_one(DataTable)
        self.entries = self.app.store.entries()
        current = self.app.path.resolve() if self.app.path is not None else None
        rows = []
        for entry in self.entries:
            if entry.name is not None:
                name = Text(safe_text(entry.name))
            else:
                name = Text(t("list.broken", self.lang), style="bold")
            kind = t("list.example", self.lang) if entry.bundled else t("list.mine", self.lang)
            if current is not None and entry.path.resolve() == current:
                kind += t("list.current", self.lang)
            rows.append((str(entry.path), [name, Text(safe_text(entry.path.name)), Text(modified_text(entry.modified)),
                                           Text(kind)]))
        signature = [(key, [cell.plain for cell in cells]) for key, cells in rows]
        if signature != getattr(self, "_signature", None) or table.row_count != len(rows):
            self._signature = signature  # the same files as when last shown: the table (and its cursor) stay
            table.clear()
            for key, cells in rows:
                table.add_row(*cells, key=key)
        if select is not None:
            for row, entry in enumerate(self.entries):
                if entry.path == select:
                    table.move_cursor(row=row)
                    break
        self._show_detail()

    @property
    def selected(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None or not 0 <= table.cursor_row < len(self.entries):
            return None
        return self.entries[table.cursor_row]

    @property
    def selected_path(self) -> Path | None:
        entry = self.selected
        return entry.path if entry else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#profiles-detail", Static)
        entry = self.selected
        if not self.entries:
            update_static(detail, t("list.empty", self.lang))
        elif entry is None:
            update_static(detail, "")
        elif entry.error is not None:
            update_static(detail, "⚠ " + safe_text(entry.error.text(self.lang, located=True), lines=True))
        else:
            update_static(detail, safe_text(str(entry.path)))
        detail.set_class(entry is not None and entry.error is not None, "-error")

    # -- actions ------------------------------------------------------------------------------------------------

    def action_open(self) -> None:
        entry = self.selected
        if entry is not None:
            self.app.open_path(entry.path)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_new(self) -> None:
        """n: the guided start (新建档案向导); the profile is saved once the summary is confirmed."""
        self.app.action_guide()

    def action_duplicate(self) -> None:
        entry = self.selected
        if entry is None:
            return
        try:
            path = self.app.store.duplicate(entry.path, self.lang)
        except (StoreError, ProfileError) as err:
            self.notify(err.text(self.lang), severity="error")
            return
        self.notify(t("list.duplicated", self.lang).format(file=path.name))
        self.reload(path)

    def action_rename(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.bundled:
            self.notify(StoreError("store.bundled_readonly", file=entry.path.name).text(self.lang), severity="warning")
            return
        if entry.name is None:
            self.notify("⚠ " + entry.error.text(self.lang), severity="error")
            return

        def attempt(name: str) -> str | None:
            try:
                path = self.app.store.rename(entry.path, name)
            except (StoreError, ProfileError) as err:
                return err.text(self.lang)
            self.app.file_renamed(entry.path, path)
            self.notify(t("list.renamed", self.lang).format(file=path.name))
            self.reload(path)
            return None

        self.app.push_screen(RenameScreen(entry.name, self.lang, attempt))

    def action_delete(self) -> None:
        entry = self.selected
        if entry is None:
            return
        if entry.bundled:
            self.notify(StoreError("store.bundled_undeletable", file=entry.path.name).text(self.lang),
                        severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.store.delete(entry.path)
            except StoreError as err:
                self.notify(err.text(self.lang), severity="error")
                return
            self.app.file_deleted(entry.path)
            self.notify(t("list.deleted", self.lang).format(file=entry.path.name))
            self.reload()

        question = t("list.confirm_delete", self.lang).format(name=safe_text(entry.name or "?"),
                                                              file=safe_text(entry.path.name))
        self.app.push_screen(ConfirmScreen(question, self.lang), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc goes back to the open profile or the welcome; with neither there is nowhere to go back to (q quits)."""
        if action == "back":
            return self.app.list_has_way_back()  # type: ignore[attr-defined]
        return True

    def action_back(self) -> None:
        self.app.close_profile_list()
