"""The terminal app: the profile list, the main screen (profile | decisions | why, over the timeline) and the keys.

The app holds the current :class:`~engine.Profile`. Every edit makes a new profile, ``evaluate`` runs on it, and
all panes re-render from the new report at once. Rarely used screens (help, profile list, region picker, period
form) and the Markdown export are imported when first used, so that the app starts fast.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import msgspec
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from engine import FileBusy, Profile, ProfileConflict, ProfileError, Report, dump_profile, evaluate, os_error_words
from engine import check_user_regions, parse_profile, write_atomic
from engine.words import LANGS, lang_of, next_lang, param_title, safe_text, text

from . import gcpause, linebreak
from .i18n import t
from .screens.base import KeyLabels, StyledOnce
from .store import Store, StoreError, suffixed_name
from .widgets.explanation import DecisionsPane
from .widgets.inplace import update_static
from .widgets.keybar import KeyBar
from .widgets.titlebar import TitleBar
from .widgets.warnings_banner import KEY as WARNINGS_KEY
from .widgets.warnings_banner import WarningsBanner

#: benchmarks/bench_startup.py: set to 1 to leave once the first screen is complete; with FIRST_FRAME_STAMP naming
#: a file, time.perf_counter() is written there at the first frame and again when every pane is drawn
EXIT_AFTER_FIRST_FRAME = "YIBAO_EXIT_AFTER_FIRST_FRAME"
FIRST_FRAME_STAMP = "YIBAO_FIRST_FRAME_STAMP"


def _freeze_startup_objects() -> None:
    """Once the first screen is complete: everything built so far (Textual, the policy data, the catalogs, the
    places) is moved out of the garbage collector's view (``gc.freeze``). A full collection then looks only at what
    was made since, instead of going through all of it in the middle of a keystroke or a dialog."""
    import gc

    gc.freeze()  # no collection first: it would pause the app as long as the collections it saves
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    gcpause.resume()


#: young objects allowed before the collector looks at them (Python's default: 700). Saving a period makes tens of
#: thousands of short-lived objects; at 700 the collector ran about 13 times per save, and every tenth time through
#: the middle generation too; at 5000 most are freed before it looks, and it looks at young ones only
YOUNG_OBJECTS = 5000


#: how long the start may keep the garbage collector paused at most (a start that never completes its first
#: screen, e.g. on a file that cannot be read, resumes it then; see tui/gcpause.py)
START_PAUSE_SECONDS = 5.0


#: narrower than this, the main screen shows one pane at a time (the verdicts first), and a key the next one
SINGLE_COLUMNS = 72
#: a field a warning names in a period (``periods[3].end``): that period's row of the timeline
PERIOD_FIELD = re.compile(r"periods\[(\d+)\]")
#: the panes of the main screen, in the order that key goes through them
PANES = ("profile", "decisions", "why", "timeline")


def _commands_provider():
    """The command palette's provider, imported when the palette first opens."""
    from .commands import YibaoCommands

    return YibaoCommands


class MainScreen(StyledOnce, KeyLabels, Screen):
    """One profile: the profile pane, the decisions, the explanation and the timeline."""

    BINDINGS = [
        Binding("f2,p", "next_pane", "key.next_pane"),  # one pane at a time (-single): the next one; else hidden
        Binding("ctrl+s", "app.save", "key.save", priority=True),
        Binding("ctrl+o", "app.open_list", "key.open", priority=True),
        Binding("a", "app.add_period", "key.add"),
        Binding("e", "app.edit_period", "key.edit"),
        Binding("d", "app.delete_period", "key.delete"),
        Binding("x", "app.export", "key.export", show=False),  # in the palette and help: the key bar fits 80 columns
        Binding("v", "app.verify", "key.verify"),
        Binding("c", "app.compare", "key.compare"),
        Binding("l", "app.local_rules", "key.local"),
        # "！" too: what the key gives while a Chinese input method is on
        Binding("exclamation_mark,fullwidth_exclamation_mark", "show_warnings", "key.warnings",
                key_display=WARNINGS_KEY),
        Binding("question_mark", "app.help", "key.help", key_display="?"),
        Binding("q", "app.quit", "key.quit"),
        Binding("escape", "leave_field", "key.leave_field"),
        Binding("w", "app.guide_history", show=False),
    ]
    AUTO_FOCUS = "#decisions-list"

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self.app.preset_breakpoints(self)
        self.show_pane("decisions")

    def compose(self) -> ComposeResult:
        """The verdicts come in the first frame; the other panes and the key bar are built right after it
        (``_build_panes``), so that a person sees the answers about as soon as a bare Textual app shows a word."""
        yield TitleBar()
        yield WarningsBanner(self.lang, id="warnings")
        yield Static("", id="invalid-banner", markup=False)
        with Horizontal(id="top"):
            yield Vertical(id="profile", classes="slot")
            yield DecisionsPane(self.lang, id="decisions")
            yield Vertical(id="why", classes="slot")
        yield Vertical(id="timeline", classes="slot")

    def on_mount(self) -> None:
        app: YibaoApp = self.app  # type: ignore[assignment]
        for slot, key in (("#profile", "pane.profile"), ("#why", "pane.why"), ("#timeline", "pane.timeline")):
            self.query_one(slot).border_title = t(key, self.lang)
        self.panes_ready = False
        decisions = self.query_one(DecisionsPane)
        self.watch(decisions, "chosen", self._decision_chosen, init=False)
        if app.report is not None:
            decisions.show(app.report, self.lang)
        app.screen_shown(complete=False)
        app.call_after_refresh(self._build_panes)  # after the stamp of the first frame, on the same queue

    async def _build_panes(self) -> None:
        from .widgets.explanation import ExplanationPane
        from .widgets.profile import ProfilePane
        from .widgets.timeline import TimelinePane

        app: YibaoApp = self.app  # type: ignore[assignment]
        with app.batch_update():
            profile_pane = ProfilePane(app.profile, self.lang, id="profile-pane")
            profile_pane.can_focus = False  # its fields are the Tab stops, not the pane around them
            why, timeline = ExplanationPane(self.lang, id="why-pane"), TimelinePane(lang=self.lang, id="timeline-pane")
            await self.query_one("#profile").mount(profile_pane)
            await self.query_one("#why").mount(why)
            await self.query_one("#timeline").mount(timeline)
            self._panes = {"profile": profile_pane, "why": why, "timeline": timeline}
            await self.mount(KeyBar())  # docked at the bottom, after the first frame
            self.refresh_bindings()  # the key bar, mounted late, follows the bindings from the next update on
            self.panes_ready = True
            self.refresh_panes(show_profile=False)
            if not app.profile.periods and (self.focused is None or self.focused.id == "decisions-list"):
                self.query_one("#f-name").focus()  # a new profile: focus where a person types first
        app.screen_shown(complete=True)

    _panes: dict = {}

    def pane(self, name: str):
        """The profile, why or timeline pane once built (None in the moment before); kept as built (a query of
        the screen's widgets, three per redraw, was a sixth of redrawing the panes)."""
        return self._panes.get(name)

    def refresh_panes(self, show_profile: bool = True) -> None:
        """Re-render every pane from the app's profile and report, in one update."""
        app: YibaoApp = self.app  # type: ignore[assignment]
        if app.profile is None or app.report is None:
            return
        with app.batch_update():
            decisions = self.query_one(DecisionsPane)
            decisions.show(app.report, self.lang)
            self.query_one(WarningsBanner).show(app.report, self.lang)
            if not self.panes_ready:
                return
            if show_profile:
                self.pane("profile").show(app.profile)
            key = decisions.selected_key or app.selected_decision or next(iter(app.report.decisions), None)
            if key is not None:
                self.pane("why").show(app.report, key, self.lang)
            self.pane("timeline").show(app.profile, app.report, app.as_of)

    def on_profile_pane_changed(self, event) -> None:
        event.stop()
        self.app.apply(event.profile, from_pane=True)  # type: ignore[attr-defined]
        self.update_banner()

    # -- the banner: while a field is invalid, the results are those of the last valid profile ------------------

    def invalid_field(self) -> str | None:
        """The label (in words) of the profile field that holds an error now, or None."""
        pane = self.pane("profile")
        widget_id = pane.error_field if pane is not None else None
        if widget_id is None or not pane.error_text:
            return None
        from engine import words as i18n

        from .widgets.profile import FIELDS

        for spec in FIELDS:
            if spec.widget_id == widget_id:
                return t(spec.label, self.lang) if i18n.has("app", spec.label, i18n.lang_of(self.lang)) else spec.label
        return text("app", "banner.some_field", self.lang)

    def update_banner(self) -> None:
        banner = self.query_one("#invalid-banner", Static)
        field = self.invalid_field()
        update_static(banner, text("app", "banner.invalid", self.lang, field=field) if field else "")
        if banner.display != (field is not None):
            banner.display = field is not None

    def on_profile_pane_error_shown(self, event) -> None:
        """The banner follows the profile pane's error messages (the pane shows and clears them itself)."""
        event.stop()
        self.update_banner()

    @on(DecisionsPane.DecisionSelected)
    def _decision_selected(self, event: DecisionsPane.DecisionSelected) -> None:
        event.stop()  # shown as it was chosen (_decision_chosen)

    def _decision_chosen(self, key: str | None) -> None:
        """Another decision is highlighted: its explanation is drawn in the same frame as the list."""
        app: YibaoApp = self.app  # type: ignore[assignment]
        if key is None:
            return
        app.selected_decision = key
        if app.report is not None and key in app.report.decisions and self.panes_ready:
            self.pane("why").show(app.report, key, self.lang)

    def on_timeline_pane_period_selected(self, event) -> None:
        event.stop()

    def on_descendant_focus(self, event) -> None:
        """While the explanation has the focus it takes most of the panes' room on a short screen (80x24), where
        the decisions otherwise take it, so that every verdict shows (app.tcss: ``#top.-explaining``)."""
        why = self.query_one("#why")
        top = self.query_one("#top")
        explaining = event.widget is why or why in event.widget.ancestors
        if top.has_class("-explaining") != explaining:
            top.set_class(explaining, "-explaining")
        for name in PANES:  # one pane at a time: the one that has the focus
            pane = self.query_one(f"#{name}")
            if event.widget is pane or pane in event.widget.ancestors:
                self.show_pane(name)

    def keys_left_out_first(self) -> tuple[str, ...]:
        """The keys the key bar leaves out first when the line is too narrow for all (80 columns): those of the
        timeline's rows while another pane has the focus, else the rarer screens (help lists every key)."""
        timeline = self.query_one("#timeline")
        focused = self.focused
        if focused is not None and (focused is timeline or timeline in focused.ancestors):
            return ("app.local_rules", "app.compare", "app.verify", "app.open_list")
        return ("app.delete_period", "app.edit_period", "app.local_rules", "app.compare", "app.verify")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":  # shown in the footer only while typing in a field
            return isinstance(self.focused, Input)
        if action == "next_pane":
            return self.has_class("-single")
        if action == "show_warnings":  # shown in the key bar while there are warnings
            return bool(self.query_one(WarningsBanner).warnings)
        return True

    # -- the warnings: the list, and Enter on one goes to the field it names ---------------------------------

    def warning_target(self, warning) -> tuple[str, object] | None:
        """Where Enter on ``warning`` goes: (the place in words, the profile pane's field or a period's index),
        the first of the fields it names that the screen shows; None when it shows none of them."""
        from .widgets.profile import ProfilePane

        timeline = self.pane("timeline")
        for field in warning.fields:
            period = PERIOD_FIELD.match(field)
            if period is not None:
                index = int(period.group(1))
                if timeline is not None and index < len(self.app.profile.periods):  # type: ignore[attr-defined]
                    return text("app", "warnings.goto_period", self.lang, n=timeline.period_number(index)), index
                continue
            spec = ProfilePane.field_for(field)
            if spec is not None:
                label = t(spec.label, self.lang) if spec.path[0] != "policy_overrides" else param_title(
                    spec.path[1], self.lang)
                return label, spec
        return None

    def action_show_warnings(self) -> None:
        """The list of warnings; the one chosen with Enter moves the focus to the field it names."""
        from .screens.warnings import WarningsScreen

        warnings = list(self.query_one(WarningsBanner).warnings)
        if not warnings or isinstance(self.app.screen, WarningsScreen):
            return
        targets = [self.warning_target(w) if self.panes_ready else None for w in warnings]

        async def chosen(index: int | None) -> None:
            if index is not None and targets[index] is not None:
                await self.go_to(targets[index][1])

        self.app.push_screen(WarningsScreen(warnings, [x[0] if x else None for x in targets], self.lang), chosen)

    async def go_to(self, target) -> None:
        """Focus a field of the profile pane (a Field) or the timeline's row of a period (its index)."""
        if isinstance(target, int):
            self.pane("timeline").select_period(target)
            return
        editor = await self.pane("profile").reveal(target)
        if editor is not None:
            editor.focus()

    # -- one pane at a time: a screen under SINGLE_COLUMNS wide (a phone's browser) ----------------------------

    def show_pane(self, name: str) -> None:
        """Make ``name`` (one of PANES) the pane shown while the screen shows one at a time (app.tcss: -single)."""
        self.update_classes({f"-pane-{each}": each == name for each in PANES})

    def shown_pane(self) -> str:
        return next((name for name in PANES if self.has_class(f"-pane-{name}")), PANES[1])

    def action_next_pane(self) -> None:
        """The next pane, its list, tree or table focused; the profile with nothing focused (a tap or Tab picks a
        field), so that the key that got there still works there."""
        name = PANES[(PANES.index(self.shown_pane()) + 1) % len(PANES)]
        self.show_pane(name)
        if name == "profile":
            self.set_focus(None)
            return
        target = next((w for w in self.query_one(f"#{name}").query("*") if w.can_focus), None)
        if target is not None:
            target.focus()

    def on_resize(self) -> None:
        self.call_later(self.refresh_bindings)  # the pane key shows with -single, set once this event is handled

    def action_leave_field(self) -> None:
        """Esc in a text field: move the focus to the decisions, where the one-letter keys work."""
        try:
            self.query_one("#decisions-list").focus()
        except Exception:
            self.set_focus(None)

    @property
    def selected_period_index(self) -> int | None:
        timeline = self.pane("timeline")
        return timeline.selected_period_index if timeline is not None else None


class YibaoApp(App):
    """医保参谋: ``YibaoApp(path=None, lang="zh", profiles_dir=None, as_of=None)``."""

    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True)]
    COMMANDS = {_commands_provider}
    HORIZONTAL_BREAKPOINTS = [(0, "-single"), (SINGLE_COLUMNS, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]

    def __init__(self, path: str | os.PathLike | None = None, lang: str = "zh",
                 profiles_dir: str | os.PathLike | None = None, as_of: date | None = None) -> None:
        super().__init__()
        linebreak.install(app=True)  # no wrapped line of the app begins with "，" or "。" (tui/linebreak.py)
        self.lang = lang_of(lang)
        self.as_of = as_of or date.today()
        self.store = Store(profiles_dir)
        self.start_path = Path(path) if path is not None else None
        self.profile: Profile | None = None
        self.saved: Profile | None = None  # the profile as it is on disk at self.path
        self.stamp = None  # the FileStamp of what was loaded or last saved at self.path: a save checks it
        self.path: Path | None = None
        self.report: Report | None = None
        self.selected_decision: str | None = None
        #: gc.freeze once the first screen is complete; None: in a terminal, not headless (tests run many apps in
        #: one process, and frozen objects are never freed)
        self.freeze_after_start: bool | None = None
        self.title = t("app.title", self.lang)

    # -- state ----------------------------------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self.profile is not None and self.profile != self.saved

    @property
    def is_example(self) -> bool:
        return self.store.is_bundled(self.path)

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def update_title(self) -> None:
        if self.profile is None:
            self.title, self.sub_title = t("app.title", self.lang), ""
            return
        title = f"{t('app.title', self.lang)} — {self.profile.name}"
        if self.modified:
            title += f" ({t('app.modified', self.lang)})"
        self.title = title
        if self.path is None:
            self.sub_title = t("app.unsaved_file", self.lang)
        elif self.is_example:
            self.sub_title = f"{self.path.name} · {t('app.example', self.lang)}"
        else:
            self.sub_title = self.path.name

    def push_screen(self, screen, *args, **kwargs):
        """Every pushed screen gets its size classes before it is mounted (one styling pass, not two)."""
        if isinstance(screen, Screen):
            self.preset_breakpoints(screen)
        return super().push_screen(screen, *args, **kwargs)

    def preset_breakpoints(self, screen: Screen) -> None:
        """Give a new screen its size classes (-narrow/-wide, -short/-tall) now, so that the first resize finds
        them in place and does not style every widget a second time."""
        width, height = self.size
        for size, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            names = [name for _, name in breakpoints]
            chosen = [name for threshold, name in breakpoints if size >= threshold][-1:]
            screen.update_classes({name: name in chosen for name in names}, update=False)

    # -- start ----------------------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if gcpause.paused():
            self.set_timer(START_PAUSE_SECONDS, gcpause.resume)
        if self.start_path is not None:
            self.open_path(self.start_path)
        else:
            self.show_start()
        self.call_after_refresh(self._warn_broken_regions)

    def _warn_broken_regions(self) -> None:
        """Each of the user's files of local figures that cannot be used, named with why: every lookup skips it."""
        for err in check_user_regions():
            self.notify(text("regions_cli", "broken", self.lang, error=err.text(self.lang)), severity="warning",
                        timeout=15)

    # -- what the app shows: untrusted text made safe ------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Textual's notification, its words shown as they are (no markup: a file name may hold brackets) and
        anything a terminal would obey shown escaped (a file name, a reason from the system)."""
        kwargs = {} if timeout is None else {"timeout": timeout}
        super().notify(safe_text(message, lines=True), title=safe_text(title), severity=severity, markup=False,
                       **kwargs)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's words: a profile's name and its file's name, anything a terminal would obey shown escaped."""
        return super().format_title(safe_text(title), safe_text(sub_title))

    def screen_shown(self, complete: bool = True) -> None:
        """Called by the main screen and the profile list once mounted (for the startup benchmark): the first
        frame is stamped; the app leaves once the screen is complete."""
        if not os.environ.get(EXIT_AFTER_FIRST_FRAME):
            freeze = self.freeze_after_start if self.freeze_after_start is not None else not self.is_headless
            if complete and freeze:
                self.call_after_refresh(_freeze_startup_objects)
            return
        self.call_after_refresh(self._stamp_frame)
        if complete:
            self.call_after_refresh(self.exit)

    def _stamp_frame(self) -> None:
        stamp = os.environ.get(FIRST_FRAME_STAMP)
        if stamp:
            import time

            with open(stamp, "a", encoding="utf-8") as fh:
                fh.write(f"{time.perf_counter()!r}\n")

    # -- opening, applying, saving ------------------------------------------------------------------------------

    def open_path(self, path: str | os.PathLike) -> None:
        """Open a profile file; when the current one has unsaved changes, ask first: save first, discard them, or
        stay."""
        path = Path(path)
        if not self.modified:
            self._load(path)
            return
        from .screens.confirm import QuitScreen

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self._load(path)
            elif answer == "save":
                self.action_save()
                if not self.modified:  # saved: a failed save keeps this profile open with its message
                    self._load(path)

        self.push_screen(QuitScreen(self.lang, switching=True), answered)

    def _load(self, path: Path) -> bool:
        try:
            profile, stamp = self.store.load(path)
        except ProfileError as err:
            self._show_load_error(err)
            return False
        report = self._evaluate(profile)
        if report is None:
            return False
        self.profile, self.saved, self.path, self.report = profile, profile, path, report
        self.stamp = stamp
        self.selected_decision = None
        self._show_main()
        return True

    def _show_load_error(self, err: ProfileError) -> None:
        from .screens.confirm import MessageScreen

        if self.profile is None and not self._list_open():
            self.show_profile_list()
        self.push_screen(MessageScreen(t("msg.error_title", self.lang), err.text(self.lang, located=True), self.lang,
                                       hint=t("msg.error_hint", self.lang)))

    def _clear_stack(self) -> None:
        """Pop every screen above the (blank) default screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _show_main(self, with_list: bool = False, again: bool = False) -> None:
        """A fresh main screen for the current profile (and the profile list on top of it if asked).

        With ``again`` (a language switch), the main screen built before in this language for this profile is
        shown again with the current profile and report, instead of a new one: building the main screen is most of
        what a switch costs. A main screen is kept per language until another profile is opened."""
        shown = list(self.screen_stack)  # popped below; Textual removes those itself once uninstalled
        self._clear_stack()
        self.update_title()
        name = f"main-{self.lang}"
        if again and self.is_screen_installed(name):
            screen = self.get_screen(name)
            screen.refresh_panes()  # while it is not shown: it is drawn once, up to date, as it is shown
            screen.update_banner()
            self.push_screen(screen)
        else:
            for lang in LANGS if not again else ():  # another profile: the screens kept for the last one go
                kept = f"main-{lang}"
                if self.is_screen_installed(kept):
                    old = self.get_screen(kept)
                    self.uninstall_screen(kept)
                    if old not in shown:
                        old.remove()
            screen = MainScreen(self.lang)
            self.install_screen(screen, name=name)
            self.push_screen(screen)
        if with_list:
            self.show_profile_list()

    def _evaluate(self, profile: Profile) -> Report | None:
        try:
            return evaluate(profile, as_of=self.as_of)
        except Exception as err:  # an engine bug must not take the app down with the user's edits
            self.notify(t("msg.internal", self.lang).format(reason=f"{type(err).__name__}: {err}"),
                        severity="error", timeout=10)
            return None

    def apply(self, profile: Profile, from_pane: bool = False) -> bool:
        """Make ``profile`` the current one: evaluate it and redraw every pane."""
        report = self._evaluate(profile)
        if report is None:
            return False
        self.profile, self.report = profile, report
        main = self.main_screen
        if main is not None:
            main.refresh_panes(show_profile=not from_pane)
        self.update_title()
        return True

    def action_save(self) -> None:
        if self.profile is None:
            return
        self._save(expect=self.stamp)

    def _save(self, expect, copy: bool = False) -> None:
        """Save, refusing to overwrite another program's change (ProfileConflict: the user chooses). A save that
        fails for any reason of the system keeps the app and the edits, and says why."""
        try:
            self._save_or_raise(expect, copy)
        except ProfileConflict:
            from .screens.conflict import ConflictScreen

            self.push_screen(ConflictScreen(self.path, self.lang), self._resolve_conflict)
        except (ProfileError, StoreError) as err:
            self.notify(t("msg.save_failed", self.lang).format(reason=err.text(self.lang)), severity="error",
                        timeout=10)
        except OSError as err:  # a folder gone or unreadable before the writer was reached: said, edits kept
            self.notify(t("msg.save_failed", self.lang).format(reason=os_error_words(err).text(self.lang)),
                        severity="error", timeout=10)

    def _save_or_raise(self, expect, copy: bool) -> None:
        was_example = self.path is None or self.is_example
        profile = self.profile
        target = None if copy else self.path
        if copy:
            profile = msgspec.structs.replace(profile, name=suffixed_name(profile.name, t("store.copy_suffix", self.lang)))
        elif target is not None and self.saved is not None and not was_example:
            target = self.store.named_path(target, self.saved.name, profile.name)  # 新档案.toml follows the name
        renamed = target is not None and self.path is not None and not _same_file(target, self.path)
        if renamed:  # the old file goes to the new one's .bak only while it holds what was read (else a conflict)
            path, stamp = self.store.save_renamed(profile, self.path, target, expect=expect)
        else:
            path, stamp = self.store.save_stamped(profile, target, expect=expect)
        if copy:
            self.apply(profile)
        self.path, self.saved, self.stamp = path, profile, stamp
        self.update_title()
        key = "msg.saved_copy" if was_example or copy else "msg.saved"
        self.notify(t(key, self.lang).format(path=path))

    def _resolve_conflict(self, choice: str | None) -> None:
        """The file changed on disk: reload it, overwrite it, or save this version as a copy (nothing lost)."""
        if choice == "reload" and self.path is not None:
            self._load(self.path)
        elif choice == "overwrite":
            self._save(expect=None)
        elif choice == "copy":
            self._save(expect=None, copy=True)

    # -- the profile list -----------------------------------------------------------------------------------------

    def _list_open(self) -> bool:
        from_list = [type(s).__name__ for s in self.screen_stack]
        return "ProfilesScreen" in from_list

    def show_profile_list(self) -> None:
        from .screens.profiles import ProfilesScreen

        if isinstance(self.screen, ProfilesScreen):
            return
        self.push_screen(self._kept("profiles", lambda: ProfilesScreen(self.lang)))

    def show_start(self) -> None:
        """With no profile open: the welcome when the user has no profile of their own, else the profile list."""
        if self.store.has_own():
            self.show_profile_list()
            return
        from .screens.welcome import WelcomeScreen

        if not isinstance(self.screen, WelcomeScreen):
            self.push_screen(self._kept("welcome", lambda: WelcomeScreen(self.lang)))

    def action_open_list(self) -> None:
        self.show_profile_list()

    def action_guide(self, add: bool = False) -> None:
        """The guided start (新建档案向导): a new profile; with ``add``, more history for the open one."""
        from .screens.wizard import WizardScreen

        base = self.profile if add else None

        def done(profile: Profile | None) -> None:
            if profile is None:
                return
            if base is not None:
                self.apply(profile)
                return
            try:
                path = self.store.save(profile, None)
            except (ProfileError, StoreError) as err:
                self.notify(t("msg.save_failed", self.lang).format(reason=err.text(self.lang)), severity="error")
                return
            self.notify(t("list.created", self.lang).format(file=path))
            self.open_path(path)  # unsaved edits to the open profile: save first, discard or stay

        self.push_screen(WizardScreen(self.lang, self.as_of, base=base), done)

    def action_guide_history(self) -> None:
        if self.profile is not None:
            self.action_guide(add=True)

    def action_new_profile(self) -> None:
        """A new profile, from the palette as from the list and the welcome: the guided start."""
        self.action_guide()

    def action_duplicate_profile(self) -> None:
        """Save a copy of the profile as it is now (unsaved edits included) under a new name; keep this one open."""
        if self.profile is None:
            return
        name = suffixed_name(self.profile.name, t("store.copy_suffix", self.lang))
        try:
            path = self.store.save(msgspec.structs.replace(self.profile, name=name), None)
        except (ProfileError, StoreError) as err:
            self.notify(err.text(self.lang), severity="error")
            return
        self.notify(t("list.duplicated", self.lang).format(file=path))

    def close_profile_list(self) -> None:
        """Esc on the list: back to the open profile, or to the welcome it was opened from (else the list stays: q
        quits)."""
        if self.list_has_way_back():
            self.pop_screen()

    def list_has_way_back(self) -> bool:
        """Whether a screen lies under the profile list to go back to: the open profile's, or the welcome."""
        return any(type(s).__name__ in ("MainScreen", "WelcomeScreen") for s in self.screen_stack)

    def file_renamed(self, old: Path, new: Path) -> None:
        """The list renamed a file: follow it if it is the one open (keeping unsaved edits)."""
        if self.path is None or self.profile is None or not _same_file(self.path, old):
            return
        try:
            saved, stamp = self.store.load(new)
        except ProfileError:
            return
        edits_pending = self.modified
        self.path, self.saved, self.stamp = new, saved, stamp
        profile = msgspec.structs.replace(self.profile, name=saved.name) if edits_pending else saved
        self.apply(profile)

    def file_deleted(self, path: Path) -> None:
        """The list deleted a file: if it is the one open, the profile stays in memory, unsaved."""
        if self.path is not None and _same_file(self.path, path):
            self.path, self.saved, self.stamp = None, None, None
            self.update_title()

    # -- periods --------------------------------------------------------------------------------------------------

    def _selected_period(self) -> int | None:
        main = self.main_screen
        index = main.selected_period_index if main is not None else None
        if index is None:
            self.notify(t("msg.no_period", self.lang), severity="warning")
        return index

    def _period_form(self, index: int | None, preset=None) -> None:
        try:
            from .screens.period_form import PeriodForm
        except ImportError:
            self.notify(t("msg.form_missing", self.lang), severity="error")
            return

        def done(profile: Profile | None) -> None:
            if profile is not None and profile != self.profile:
                self.apply(profile)

        number = self._period_number(index) if index is not None else None

        def make() -> PeriodForm:
            form = PeriodForm(self.profile, index, self.lang, preset=preset, number=number)
            form.apply_first = self.apply
            return form

        form = self._kept("period-form", make)
        if form in self.screen_stack:  # already open (e.g. "add a period" from the palette over the form)
            return
        form.reload(self.profile, index, preset=preset, number=number)  # built once, filled for this period
        self.push_screen(form, done)

    def action_add_period(self) -> None:
        if self.profile is not None:
            self._period_form(None)

    def _period_number(self, index: int) -> int:
        """The number the timeline shows for profile.periods[index] (第n段, in the order shown)."""
        main = self.main_screen
        timeline = main.pane("timeline") if main is not None else None
        return timeline.period_number(index) if timeline is not None else index + 1

    def _gap_period(self):
        """On a lapse row: the missing period to offer (its months, same insurance), or None."""
        main = self.main_screen
        timeline = main.pane("timeline") if main is not None else None
        gap = timeline.selected_gap if timeline is not None else None
        if not gap:
            return None
        from engine import Period, as_month

        start = as_month(gap.get("start"))
        if start is None:
            return None
        return Period(insurance=gap.get("insurance") or "employee_medical", start=start, end=as_month(gap.get("end")))

    def action_edit_period(self) -> None:
        if self.profile is None:
            return
        preset = self._gap_period()
        if preset is not None:  # a lapse row: offer to add the missing period
            self._period_form(None, preset=preset)
            return
        index = self._selected_period()
        if index is not None:
            self._period_form(index)

    def action_delete_period(self) -> None:
        if self.profile is None:
            return
        index = self._selected_period()
        if index is None:
            return
        period = self.profile.periods[index]
        from engine.words import term

        what = f"{term(period.insurance, self.lang)} {period.start} – {period.end or '…'}"

        def delete() -> None:
            periods = self.profile.periods[:index] + self.profile.periods[index + 1:]
            candidate = msgspec.structs.replace(self.profile, periods=periods)
            try:
                parse_profile(dump_profile(candidate))  # removing a period never breaks a rule; check anyway
            except ProfileError as err:
                self.notify(err.text(self.lang), severity="error")
                return
            if self.apply(candidate):
                self.notify(text("app", "msg.period_deleted_n", self.lang, n=shown))

        shown = self._period_number(index)
        self.confirm(text("app", "confirm.delete_period_n", self.lang, n=shown, what=what), delete)

    # -- exports --------------------------------------------------------------------------------------------------

    def export(self, target: Path, data: bytes, done_key: str) -> Path | None:
        """Write an export as a new file: at ``target``, or beside it under the next free name (``NAME-2.md``) when
        anything is there, a link included; never over a file, never through a link; 0600. Says where, or why
        not (the app goes on)."""
        try:
            path = self.store.write_new(target, data)
        except FileBusy:
            self.notify(t("msg.export_failed", self.lang).format(reason=text("file", "busy", self.lang)),
                        severity="error")
            return None
        except (StoreError, OSError) as err:
            reason = err.text(self.lang) if isinstance(err, StoreError) else os_error_words(err).text(self.lang)
            self.notify(t("msg.export_failed", self.lang).format(reason=reason), severity="error")
            return None
        self.notify(t(done_key, self.lang).format(path=path))
        return path

    def action_export(self) -> None:
        if self.profile is None or self.report is None:
            return
        from engine.words import markdown

        target = self.store.export_path(self.path, self.profile.name, ".md")
        self.export(target, markdown(self.report, self.lang).encode("utf-8"), "msg.exported")

    def action_screenshot(self) -> None:
        name = self.profile.name if self.profile is not None else "yibao"
        path = self.store.export_path(None, name, ".svg")
        self.export(path, self.export_screenshot().encode("utf-8"), "msg.screenshot")

    # -- language, help, quit -------------------------------------------------------------------------------------

    def action_switch_language(self) -> None:
        self.lang = next_lang(self.lang)
        list_open = self._list_open()
        if self.profile is not None:
            self._show_main(with_list=list_open, again=True)
        else:
            self._clear_stack()
            if list_open:
                self.show_profile_list()
            else:
                self.show_start()
        self.update_title()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("cmd.placeholder", self.lang), id="--command-palette"))

    def action_verify(self) -> None:
        """What to verify locally: the seed, assumed and unknown figures of the current report."""
        if self.report is None:
            return
        from .screens.verify import VerifyScreen

        if not isinstance(self.screen, VerifyScreen):
            screen = self._kept("verify", lambda: VerifyScreen(self.report, self.lang))
            screen.show_report(self.report)
            self.push_screen(screen)

    def action_compare(self) -> None:
        """方案对比: the scenarios of the plan side by side, with the chart and the ranking of regions."""
        if self.profile is None:
            return
        from .screens.compare import CompareScreen

        if not isinstance(self.screen, CompareScreen):
            target = self.store.export_path(self.path, self.profile.name + "-compare", ".compare.md")
            self.push_screen(CompareScreen(self.profile, self.as_of, self.lang, target))

    def action_local_rules(self) -> None:
        """本地规定: the local figures of the profile's benefit region, saved for every profile of that place."""
        if self.profile is None:
            return
        from .screens.local_rules import LocalRulesScreen

        if not isinstance(self.screen, LocalRulesScreen):
            self.push_screen(LocalRulesScreen(self.profile.person.region, self.report, self.lang,
                                              overrides=self.profile.policy_overrides))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(self._kept("help", lambda: HelpScreen(self.lang)))

    def _kept(self, kind: str, make):
        """A dialog built once per language and shown again after it closes: building a screen and tearing it
        down is most of what opening and closing one costs. Another language builds its own."""
        name = f"{kind}-{self.lang}"
        if not self.is_screen_installed(name):
            self.install_screen(make(), name=name)
        return self.get_screen(name)

    async def action_quit(self) -> None:
        if not self.modified:
            self.exit()
            return
        from .screens.confirm import QuitScreen

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.exit()
            elif answer == "save":
                self.action_save()
                if not self.modified:  # saved: a failed save keeps the app open with its message
                    self.exit()

        self.push_screen(QuitScreen(self.lang), answered)

    def confirm(self, question: str, then) -> None:
        """Ask a yes/no question; run ``then()`` on yes."""
        from .screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.push_screen(ConfirmScreen(question, self.lang), answered)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def run_app(path: str | os.PathLike | None = None, lang: str = "zh", profiles_dir: str | os.PathLike | None = None,
            as_of: date | None = None) -> int:
    """Run the terminal app until the user quits; the exit code (0)."""
    app = YibaoApp(path=path, lang=lang, profiles_dir=profiles_dir, as_of=as_of)
    app.run()
    return app.return_code or 0
