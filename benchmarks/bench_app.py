"""How long each interaction takes until the screen is fully redrawn, as ratios to a bare Textual app in the same run.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_app.py [--n 30] [--only NAME ...] [--no-startup]
                                                          [--markdown FILE] [--json FILE] [--profile NAME]
                                                          [--breakdown NAME [--periods]] [--from-json FILE]

What is measured (each interaction, N times, median and p95):

* The app runs under ``App.run_test(size=(140, 42))`` (headless driver), for the Xuzhou example
  (profiles/xuzhou-flexible-man.toml) and for a generated profile of 200 valid periods (100 employee medical and
  100 pension, 3 months each with a month's lapse between them, never overlapping).
* A key is delivered exactly as ``pilot.press`` delivers it (``driver.send_message(events.Key(...))``), but the
  clock does not include pilot's own waits (``pilot.press`` sleeps in ``wait_for_idle`` after each key, so timing
  ``await pilot.press(...)`` would measure pilot's sleep granularity, not the app).
* The clock starts just before the key is sent. It stops at the end of the **last frame** the interaction caused:
  ``App._display`` is wrapped so that each compositor update is also turned into the terminal's byte sequence
  (``CompositorUpdate.render_segments(console)``, the work a real terminal driver does and the headless driver
  skips) and stamped with ``time.perf_counter()`` after that.
* "Last" means: the app's own signal that the interaction is done holds (e.g. ``app.report`` is a new report, the
  period form is ``app.screen``, ``app.lang`` switched and every pane is built), and then the app is quiescent,
  checked at short intervals and twice in a row: no message pump (the app, every screen on the stack and every widget on
  them) has a queued or unfinished message or a pending ``call_next`` (a widget's ``refresh`` queues a message to
  itself, so a pending repaint, layout or style refresh shows here); the current screen has no pending layout, repaint,
  dirty widget or ``call_after_refresh`` callback (``Screen._callbacks``); no batch update is open; no worker
  runs; the animator has no running or scheduled animation (what ``pilot.wait_for_scheduled_animations`` and
  ``App.animator.wait_until_complete`` wait for). Unlike ``pilot.pause`` the wait never forces an update
  (``Screen._on_timer_update``): frames come at the app's own pace (the screen's 60 fps update timer), as in a
  terminal. A frame drawn after quiescence (e.g. a cursor blink) is not counted; cursor blinking is switched off
  in both apps for the benchmark so that it cannot fall inside a measurement.
* Between repetitions ``await pilot.pause()`` settles the app; state an interaction changed is put back untimed
  (e.g. the added period removed, the dialog closed) so that every repetition starts from the same screen.
* The bare app: a minimal ``App`` with an ``Input`` and a ``Static`` that shows the Input's value on every change;
  its key-to-redraw is measured the same way, before yibao's interactions and after each profile's, in the same
  process; ratios
  use the median of all its samples.

Start-up (subprocesses in a pseudo-terminal, see benchmarks/bench_startup.py, whose functions are reused): time to
the first frame and to every pane drawn, vs the bare app's first frame; and ``yibao check --format json`` vs
``python -c "import rich"``. ``PYTHONDONTWRITEBYTECODE`` is unset for them (a user's Python writes bytecode) and
untimed warm-up runs come first (warm file cache, bytecode written, as for a user's second start).

``--markdown FILE`` writes the performance section of docs/benchmarks.md from the figures of this run (dated, core
count, ratios first); ``--json FILE`` keeps the figures, and ``--from-json FILE [--markdown OUT]`` writes the
section again from them without measuring. ``--profile NAME`` runs interaction NAME under pyinstrument (``pip install
pyinstrument``, the ``bench`` extra) and prints where the time goes (only the timed parts are sampled);
``--breakdown NAME`` times the app's and Textual's main steps (``BREAKDOWN``) inside interaction NAME.
``benchmarks/bench_whatif.py`` measures a candidate fix (patched at run time) against the app as it is.
Tests never assert on time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ratios import ratio_interval  # noqa: E402  (beside this script)

XUZHOU = ROOT / "profiles" / "xuzhou-flexible-man.toml"
AS_OF = date(2026, 11, 22)
#: the period typed into the form by "Enter in the form", in a lapse of each profile (so that it is accepted)
GAP_XUZHOU, GAP_200 = ("2009-01", "2010-12"), ("2019-01", "2019-12")
SIZE = (140, 42)
POLL = 0.001
PROFILER = None  # a pyinstrument Profiler with --profile

#: --breakdown: these functions are wrapped with a timer while an interaction is timed (inclusive times; calls)
BREAKDOWN = (
    "tui.widgets.profile:ProfilePane.validate", "tui.widgets.profile:ProfilePane.candidate",
    "tui.widgets.profile:parse_profile", "tui.screens.period_form:parse_profile", "tui.app:evaluate",
    "tui.app:MainScreen.refresh_panes", "tui.app:YibaoApp.update_title",
    "tui.widgets.explanation:DecisionsPane._rebuild", "tui.widgets.explanation:ExplanationPane._rebuild",
    "tui.widgets.explanation:ExplanationPane._remember", "tui.widgets.timeline:TimelinePane._fill_table",
    "tui.widgets.timeline:TimelinePane._show_detail", "tui.widgets.timeline:TimelineChart.render",
    "tui.screens.period_form:PeriodForm.compose", "tui.screens.period_form:PeriodForm.on_mount",
    "tui.screens.help:MarkdownDialog.compose",
    "textual.app:App._register", "textual.css.stylesheet:Stylesheet.update_nodes",
    "textual.screen:Screen._refresh_layout", "textual._compositor:Compositor.reflow",
    "textual._compositor:Compositor.render_update",
    "textual.renderables.background_screen:BackgroundScreen.process_segments",
    "textual.widgets._data_table:DataTable.clear", "textual.widgets._data_table:DataTable.add_row",
)
TIMINGS: dict[str, list[float]] = {}  # name -> [seconds, calls]
_TIMING = False


def install_breakdown() -> None:
    import functools
    import importlib

    for spec in BREAKDOWN:
        module_name, _, attr = spec.partition(":")
        module = importlib.import_module(module_name)
        owner, name = (module, attr) if "." not in attr else (getattr(module, attr.split(".")[0]), attr.split(".")[1])
        original = getattr(owner, name)
        if asyncio.iscoroutinefunction(original):
            continue
        label = attr if "." in attr else f"{module_name.rsplit('.', 1)[-1]}.{attr}"

        def wrap(fn, label=label):
            @functools.wraps(fn)
            def timed(*a, **k):
                if not _TIMING:
                    return fn(*a, **k)
                t0 = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    entry = TIMINGS.setdefault(label, [0.0, 0])
                    entry[0] += time.perf_counter() - t0
                    entry[1] += 1
            return timed

        static = owner.__dict__.get(name) if isinstance(owner, type) else None
        if isinstance(static, staticmethod):  # e.g. BackgroundScreen.process_segments: stays a staticmethod
            setattr(owner, name, staticmethod(wrap(original)))
        elif isinstance(static, classmethod):
            setattr(owner, name, classmethod(wrap(static.__func__)))
        else:
            setattr(owner, name, wrap(original))

#: the goals: every interaction within 100 ms at the 95th percentile (the Xuzhou example's median within 50 ms, the
#: 200 periods' within 100 ms); the first frame within 1.5x a bare Textual app's (the app parses its styles at each
#: start), every pane within 1.6x, the check within 2x ``python -c "import rich"``
GOAL_MEDIAN_MS, GOAL_P95_MS, GOAL_MEDIAN_200_MS = 50.0, 100.0, 100.0
GOAL_FIRST_FRAME, GOAL_EVERY_PANE, GOAL_CHECK = 1.5, 1.6, 2.0


# -- the profiles -------------------------------------------------------------------------------------------------


def periods_profile_text(count: int = 200) -> str:
    """A valid profile with ``count`` periods: half employee medical, half pension, each 3 months long with a month's
    lapse after it (so no two periods of one insurance overlap), from 1985-01; a man born 1965-03 in Xuzhou."""
    from engine import Month

    lines = ['schema = 1', f'name = "基准 · {count} 段"', "", "[person]", 'sex = "male"', 'birth = "1965-03"',
             'region = "jiangsu.xuzhou"', "", "[account]", "balance_yuan = 5230.5", 'as_of = "2026-10"']
    start = Month.parse("1985-01")
    for insurance in ("employee_medical", "pension"):
        for i in range(count // 2):
            s = start + i * 4
            lines += ["", "[[periods]]", f'insurance = "{insurance}"', f'start = "{s}"', f'end = "{s + 2}"']
            if insurance == "employee_medical":
                lines.append(f"base_yuan = {3000 + 10 * i}")
    return "\n".join(lines) + "\n"


# -- frames and quiescence ----------------------------------------------------------------------------------------


class Frames:
    """Wraps ``app._display``: every compositor update is rendered to the terminal's byte sequence and stamped."""

    def __init__(self, app) -> None:
        from textual._compositor import CompositorUpdate

        self.stamps: list[float] = []
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            self.stamps.append(time.perf_counter())

        app._display = display

    def last_after(self, t0: float) -> float | None:
        for stamp in reversed(self.stamps):
            return stamp if stamp >= t0 else None
        return None


def _pump_busy(node) -> bool:
    queue = node._message_queue
    return (not queue.empty()) or getattr(queue, "_unfinished_tasks", 0) > 0 or bool(node._next_callbacks)


def busy(app) -> str | None:
    """Why the app is not quiescent (None when it is)."""
    if app._batch_count:
        return "batch"
    if _pump_busy(app):
        return "app messages"
    screen = app.screen
    for s in app.screen_stack:
        for node in s.walk_children(with_self=True):
            if _pump_busy(node):
                return f"messages of {node!r}"
    if (screen._layout_required or screen._scroll_required or screen._repaint_required
            or screen._recompose_required or screen._dirty_widgets or screen._callbacks):
        return "screen update"
    if any(worker.is_running for worker in app.workers):
        return "worker"
    animator = app.animator
    if animator._animations or animator._scheduled:
        return "animation"
    return None


async def until_redrawn(app, frames: Frames, t0: float, done: Callable[[], bool], timeout: float = 30.0) -> float:
    """Seconds from ``t0`` to the end of the last frame, once ``done()`` holds and the app is quiescent."""
    deadline = t0 + timeout
    calm = 0
    while True:
        await asyncio.sleep(POLL)
        if time.perf_counter() > deadline:
            raise RuntimeError(f"not redrawn within {timeout} s: {busy(app)}; done={done()}")
        if done() and busy(app) is None:
            calm += 1
            if calm >= 2:
                break
        else:
            calm = 0
    last = frames.last_after(t0)
    if last is None:
        raise RuntimeError("the interaction drew no frame")
    return last - t0


def send_key(app, key: str) -> None:
    """What ``pilot.press(key)`` sends, without its waits."""
    from textual import events
    from textual.keys import _character_to_key, _get_unicode_name_from_key, REPLACED_KEYS
    import unicodedata

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


def no_blink() -> None:
    """Cursor blinking off (a timer-driven frame every 0.5 s is no part of any interaction)."""
    from textual.widgets import Input

    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]


# -- the bare app ---------------------------------------------------------------------------------------------------


def bare_app():
    from textual.app import App
    from textual.widgets import Input, Static

    class Bare(App):
        def compose(self):
            yield Input(id="in")
            yield Static("", id="out")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#out", Static).update(event.value)

    return Bare()


async def measure_bare(n: int) -> list[float]:
    app = bare_app()
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await pilot.pause()
        field = app.query_one("#in")
        field.focus()
        await pilot.pause()
        for i in range(n):
            key = "x" if i % 2 == 0 else "backspace"
            want = "x" if key == "x" else ""
            t0 = time.perf_counter()
            send_key(app, key)
            samples.append(await until_redrawn(app, frames, t0, lambda: str(app.query_one("#out").render()) == want))
            await pilot.pause()
    return samples


# -- yibao's interactions ---------------------------------------------------------------------------------------------


class Bench:
    """One running yibao app and the measurements of its interactions."""

    def __init__(self, app, pilot, n: int) -> None:
        self.app, self.pilot, self.n = app, pilot, n
        self.frames = Frames(app)
        self.original = app.profile

    @property
    def main(self):
        return self.app.main_screen

    async def settle(self) -> None:
        await self.pilot.pause()
        await self.pilot.pause()

    async def focus(self, selector: str) -> None:
        self.app.screen.query_one(selector).focus()
        await self.settle()

    async def timed(self, act: Callable[[], Any], done: Callable[[], bool]) -> float:
        global _TIMING
        if PROFILER is not None:  # --profile: only the timed part is sampled
            PROFILER.start()
        _TIMING = True
        try:
            t0 = time.perf_counter()
            result = act()
            if asyncio.iscoroutine(result):
                await result
            return await until_redrawn(self.app, self.frames, t0, done)
        finally:
            _TIMING = False
            if PROFILER is not None:
                PROFILER.stop()

    async def key(self, key: str, done: Callable[[], bool]) -> float:
        return await self.timed(lambda: send_key(self.app, key), done)

    async def restore(self) -> None:
        """Put the original profile back (untimed) if an interaction changed it."""
        if self.app.profile != self.original:
            self.app.apply(self.original)
        await self.settle()

    # each returns N samples (seconds)

    async def keystroke(self) -> list[float]:
        """A key in the profile pane's balance field: the profile re-checked, evaluated and every pane redrawn."""
        await self.focus("#f-account-balance_yuan")
        out = []
        for i in range(self.n):
            report = self.app.report
            out.append(await self.key("1" if i % 2 == 0 else "backspace",
                                      lambda: self.app.report is not report
                                      and getattr(self.main, "panes_ready", False)))
            await self.settle()
        await self.restore()
        return out

    async def _from_main(self, key: str, screen_type, close: str = "escape") -> tuple[list[float], list[float]]:
        await self.focus("#decisions-list")
        opened, closed = [], []
        for _ in range(self.n):
            opened.append(await self.key(key, lambda: isinstance(self.app.screen, screen_type)
                                         and self.app.screen.is_mounted))
            await self.settle()
            closed.append(await self.key(close, lambda: self.app.screen is self.main))
            await self.settle()
        return opened, closed

    async def period_form(self) -> tuple[list[float], list[float]]:
        from tui.screens.period_form import PeriodForm

        return await self._from_main("a", PeriodForm)

    async def form_enter(self, start: str, end: str) -> list[float]:
        """Enter in the period form (a new valid employee-medical period typed in): saved, evaluated, panes redrawn."""
        from textual.widgets import Input
        from tui.screens.period_form import PeriodForm

        out = []
        for _ in range(self.n):
            await self.focus("#decisions-list")
            send_key(self.app, "a")
            await self.settle()
            form = self.app.screen
            assert isinstance(form, PeriodForm), form
            form.query_one("#start", Input).value = start
            form.query_one("#end", Input).value = end
            await self.settle()
            form.query_one("#end", Input).focus()
            await self.settle()
            count = len(self.app.profile.periods)
            out.append(await self.key("enter", lambda: self.app.screen is self.main
                                      and len(self.app.profile.periods) == count + 1))
            await self.restore()
        return out

    async def timeline(self) -> list[float]:
        pane = self.main.pane("timeline")
        await self.focus("#timeline-table")
        out = []
        for i in range(self.n):
            before = pane._current_key()
            out.append(await self.key("down" if i % 2 == 0 else "up", lambda: pane._current_key() != before))
            await self.settle()
        return out

    async def decision(self) -> list[float]:
        from tui.widgets.explanation import DecisionsPane

        decisions = self.main.query_one(DecisionsPane)
        why = self.main.pane("why")
        await self.focus("#decisions-list")
        out = []
        for i in range(self.n):
            before = decisions.selected_key
            out.append(await self.key("down" if i % 2 == 0 else "up",
                                      lambda: decisions.selected_key != before and why.key == decisions.selected_key))
            await self.settle()
        return out

    async def language(self) -> list[float]:
        """The command palette's 'switch language' (the palette itself not included): every pane rebuilt."""
        out = []
        for _ in range(self.n):
            lang = self.app.lang
            out.append(await self.timed(lambda: self.app.run_action("switch_language"),
                                        lambda: self.app.lang != lang and self.main is not None
                                        and self.app.screen is self.main and getattr(self.main, "panes_ready", False)))
            await self.settle()
        if self.app.lang != "zh":
            await self.app.run_action("switch_language")
            await self.settle()
        return out


async def measure_yibao(path: Path, n: int, gap: tuple[str, str], only: set[str] | None,
                        profiles_dir: Path) -> dict[str, list[float]]:
    from tui.app import YibaoApp
    from tui.screens.help import HelpScreen
    from tui.screens.profiles import ProfilesScreen
    from tui.screens.verify import VerifyScreen

    os.environ["YIBAO_PROFILES"] = str(profiles_dir)
    app = YibaoApp(path=path, as_of=AS_OF)
    app.freeze_after_start = True  # as in a terminal (headless apps, as in the tests, do not freeze)
    results: dict[str, list[float]] = {}

    def wanted(name: str) -> bool:
        return only is None or name in only

    async with app.run_test(size=SIZE) as pilot:
        bench = Bench(app, pilot, n)
        await bench.settle()
        while not (app.main_screen and getattr(app.main_screen, "panes_ready", False)):
            await pilot.pause()
        await bench.settle()
        if wanted("keystroke"):
            results["keystroke in a profile field"] = await bench.keystroke()
        if wanted("form"):
            results["a: period form drawn"], results["Esc: period form closed"] = await bench.period_form()
        if wanted("enter"):
            results["Enter in the form: saved, panes redrawn"] = await bench.form_enter(*gap)
        if wanted("timeline"):
            results["↓/↑ in the timeline"] = await bench.timeline()
        if wanted("decision"):
            results["↓/↑ choosing a decision"] = await bench.decision()
        if wanted("help"):
            results["?: help drawn"], results["Esc: help closed"] = await bench._from_main("question_mark", HelpScreen)
        if wanted("list"):
            results["ctrl+o: profile list drawn"], results["Esc: profile list closed"] = \
                await bench._from_main("ctrl+o", ProfilesScreen)
        if wanted("verify"):
            results["v: verify dialog drawn"], results["Esc: verify dialog closed"] = \
                await bench._from_main("v", VerifyScreen)
        if wanted("language"):
            results["switching language"] = await bench.language()
    return results


# -- start-up ------------------------------------------------------------------------------------------------------


def startup(runs: int, work: Path) -> dict[str, list[float]]:
    """First frame and every pane drawn (bench_startup's pseudo-terminal runs), and the check command vs Rich."""
    import bench_startup as bs

    stamp = work / "first-frame"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TERM=os.environ.get("TERM", "xterm-256color"),
               YIBAO_PROFILES=str(work / "profiles"), YIBAO_EXIT_AFTER_FIRST_FRAME="1",
               YIBAO_FIRST_FRAME_STAMP=str(stamp))
    env.pop("TEXTUAL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    size = (SIZE[0], SIZE[1])
    apps = {"bare": [sys.executable, "-c", bs.BARE_APP],
            "yibao": [sys.executable, "-m", "tui", str(XUZHOU), "--as-of", AS_OF.isoformat()]}
    clis = {"rich": [sys.executable, "-c", "import rich"],
            "check": [sys.executable, "-m", "tui", "check", str(XUZHOU), "--format", "json", "--as-of",
                      AS_OF.isoformat()]}
    for argv in apps.values():
        bs.run_in_pty(argv, env, size, stamp=stamp)
        bs.run_in_pty(argv, env, size, stamp=stamp)
    for argv in clis.values():
        subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    out: dict[str, list[float]] = {k: [] for k in ("bare first frame", "first frame", "every pane drawn",
                                                   "import rich", "yibao check --format json")}
    for _ in range(runs):
        _, frame, _ = bs.run_in_pty(apps["bare"], env, size, stamp=stamp)
        out["bare first frame"].append(frame)
        _, frame, complete = bs.run_in_pty(apps["yibao"], env, size, stamp=stamp)
        out["first frame"].append(frame)
        out["every pane drawn"].append(complete)
        for name, argv in (("import rich", clis["rich"]), ("yibao check --format json", clis["check"])):
            t0 = time.perf_counter()
            subprocess.run(argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
            out[name].append(time.perf_counter() - t0)
    return out


# -- figures ---------------------------------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * (len(ordered) - 1))))]




def row(name: str, values: list[float], base: float) -> dict[str, Any]:
    median = statistics.median(values)
    return {"interaction": name, "median_ms": median * 1000, "p95_ms": p95(values) * 1000,
            "ratio": median / base if base else float("nan"), "n": len(values), "first_ms": values[0] * 1000}


#: interactions that build something the first time (the app keeps its dialogs, and a main screen per language,
#: and shows them again): their first sample is reported on its own, as the first opening in a session
BUILT_ONCE = ("a: period form drawn", "?: help drawn", "ctrl+o: profile list drawn", "v: verify dialog drawn",
              "switching language")


def table(rows: list[dict[str, Any]], goal: float | None = None, goal_p95: float | None = None) -> str:
    lines = [f"  {'interaction':<44} {'median ms':>10} {'p95 ms':>8} {'× bare':>8}  goal"]
    for r in rows:
        verdict = ""
        if goal is not None:
            ok = r["median_ms"] <= goal and (goal_p95 is None or r["p95_ms"] <= goal_p95)
            verdict = "ok" if ok else "over"
        lines.append(f"  {r['interaction']:<44} {r['median_ms']:>10.1f} {r['p95_ms']:>8.1f} {r['ratio']:>8.1f}  "
                     f"{verdict}")
    return "\n".join(lines)


def markdown(figures: dict[str, Any]) -> str:
    """The performance section of docs/benchmarks.md, from one run's figures (ratios first)."""
    bare = figures["bare_ms"]
    out = ["## Performance", "",
           f"Measured on {figures['date']} on a machine with {figures['cores']} cores ({figures['machine']}), "
           f"Python {figures['python']}, Textual {figures['textual']}, by `benchmarks/bench_app.py` "
           f"(N = {figures['n']} repetitions; the figures below are that run's, nothing else). Absolute times "
           "depend on the machine; the ratios to a bare Textual app measured in the same run are what we hold "
           "ourselves to.", ""]
    if figures.get("startup"):
        s = figures["startup"]
        out += ["### Start-up", "", "| what | ratio | 95% interval | median ms | goal |", "|---|---:|---:|---:|---|"]
        for r in s["rows"]:
            verdict = "met" if r["ratio"] <= r["goal"] else "not met"
            interval = "{:.2f}–{:.2f}×".format(*r["interval"]) if r.get("interval") else "—"
            out.append(f"| {r['interaction']} | {r['ratio']:.2f}× {r['versus']} | {interval} | "
                       f"{r['median_ms']:.0f} | ≤ {r['goal']}×: {verdict} |")
        out += ["", "In a pseudo-terminal, after untimed warm-up runs: bytecode written, "
                    "as for a user's second start. The ratio is of the two medians; the interval is where it "
                    "lies in 95% of resamplings of the run's own start-ups (`ratio_interval`): how far another run "
                    "on the same machine may put it."]
        out.append("")
    out += [f"### Interactions (until fully redrawn; bare Textual app key-to-redraw: {bare:.1f} ms)", ""]
    for profile, rows in figures["interactions"].items():
        big = profile.startswith("200")
        goal = f"median ≤ {GOAL_MEDIAN_200_MS if big else GOAL_MEDIAN_MS:.0f} ms, p95 ≤ {GOAL_P95_MS:.0f} ms"
        out += [f"**{profile}** (goal: {goal})", "", "| interaction | × bare | median ms | p95 ms | goal |",
                "|---|---:|---:|---:|---|"]
        for r in rows:
            ok = r["median_ms"] <= (GOAL_MEDIAN_200_MS if big else GOAL_MEDIAN_MS) and r["p95_ms"] <= GOAL_P95_MS
            out.append(f"| {r['interaction']} | {r['ratio']:.1f}× | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | "
                       f"{'met' if ok else 'not met'} |")
        firsts = [f"{r['interaction']} {r['first_ms']:.0f} ms" for r in rows
                  if r["interaction"] in BUILT_ONCE and "first_ms" in r]
        if firsts:
            out += ["", "The app builds its dialogs, and a main screen per language, the first time they are needed "
                        "and shows them again after; the first time in a session (included in the figures above) "
                        "took: " + "; ".join(firsts) + "."]
        out.append("")
    out += ["How it is measured: see the docstring of `benchmarks/bench_app.py` (a key sent as pilot sends it; "
            "the clock stops at the end of the last frame the key caused, rendered to the terminal's byte "
            "sequence, once the app is quiescent). OpenFisca is not compared: it was not measured in this run.", ""]
    return "\n".join(out)


async def run_all(args) -> dict[str, Any]:
    no_blink()
    only = set(args.only) if args.only else None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "periods-200.toml"
        big.write_text(periods_profile_text(200), encoding="utf-8")
        bare = await measure_bare(args.n)
        interactions = {}
        for label, path, gap in (("Xuzhou example (4 periods)", XUZHOU, GAP_XUZHOU), ("200 periods", big, GAP_200)):
            interactions[label] = await measure_yibao(path, args.n, gap, only, work / "profiles")
            bare += await measure_bare(args.n)  # again after each profile: the machine's load drifts
        startup_figures = None if args.no_startup else startup(args.startup_runs, work)
    return {"bare": bare, "interactions": interactions, "startup": startup_figures}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="repetitions of each interaction (default 30)")
    parser.add_argument("--only", nargs="*", help="keystroke form enter timeline decision help list verify language")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurements")
    parser.add_argument("--startup-runs", type=int, default=9)
    parser.add_argument("--markdown", help="write the performance section of docs/benchmarks.md to this file")
    parser.add_argument("--json", help="write the raw figures to this file")
    parser.add_argument("--profile", help="profile one interaction (as in --only) with pyinstrument")
    parser.add_argument("--periods", action="store_true", help="with --profile/--breakdown: the 200-period profile")
    parser.add_argument("--breakdown", help="time the functions in BREAKDOWN during interaction NAME (as in --only)")
    parser.add_argument("--from-json", help="with --markdown: write the section from a run saved with --json")
    args = parser.parse_args(argv)
    if args.from_json:
        figures = json.loads(Path(args.from_json).read_text(encoding="utf-8"))
        text = markdown(figures)
        if args.markdown:
            Path(args.markdown).write_text(text, encoding="utf-8")
        else:
            print(text)
        return 0
    if args.profile:
        return profile_one(args)
    if args.breakdown:
        return breakdown_one(args)

    raw = asyncio.run(run_all(args))
    bare_median = statistics.median(raw["bare"])
    import textual

    figures: dict[str, Any] = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(),
        "machine": f"{platform.system()} {platform.machine()}", "python": platform.python_version(),
        "textual": textual.__version__, "n": args.n, "bare_ms": bare_median * 1000,
        "bare_p95_ms": p95(raw["bare"]) * 1000, "interactions": {}}
    print(f"{figures['date']} · {figures['cores']} cores · {figures['machine']} · Python {figures['python']} · "
          f"Textual {figures['textual']} · N={args.n} · terminal {SIZE[0]}x{SIZE[1]} (run_test)")
    print(f"bare Textual app, key to redraw: median {bare_median * 1000:.1f} ms, p95 {p95(raw['bare']) * 1000:.1f} ms"
          f" ({len(raw['bare'])} samples, before and after each profile)")
    for label, results in raw["interactions"].items():
        rows = [row(name, values, bare_median) for name, values in results.items()]
        figures["interactions"][label] = rows
        big = label.startswith("200")
        print(f"\n{label}  (goal: median ≤ {GOAL_MEDIAN_200_MS if big else GOAL_MEDIAN_MS:.0f} ms, "
              f"p95 ≤ {GOAL_P95_MS:.0f} ms)")
        print(table(rows, GOAL_MEDIAN_200_MS if big else GOAL_MEDIAN_MS, GOAL_P95_MS))
        firsts = [f"{r['interaction']} {r['first_ms']:.0f} ms" for r in rows if r["interaction"] in BUILT_ONCE]
        if firsts:
            print("  first time in the session (built then, shown again after): " + "; ".join(firsts))
    if raw["startup"]:
        s = raw["startup"]
        bare_frame = statistics.median(s["bare first frame"])
        rich = statistics.median(s["import rich"])
        rows = [dict(row("first frame", s["first frame"], bare_frame), versus="bare first frame",
                     goal=GOAL_FIRST_FRAME, interval=ratio_interval(s["first frame"], s["bare first frame"])),
                dict(row("every pane drawn", s["every pane drawn"], bare_frame), versus="bare first frame",
                     goal=GOAL_EVERY_PANE, interval=ratio_interval(s["every pane drawn"], s["bare first frame"])),
                dict(row("yibao check --format json", s["yibao check --format json"], rich),
                     versus="python -c 'import rich'", goal=GOAL_CHECK,
                     interval=ratio_interval(s["yibao check --format json"], s["import rich"]))]
        figures["startup"] = {"rows": rows, "bare_first_frame_ms": bare_frame * 1000, "import_rich_ms": rich * 1000}
        print(f"\nstart-up ({args.startup_runs} runs each, pseudo-terminal {SIZE[0]}x{SIZE[1]}, bytecode written, "
              "warm):"
              f" bare first frame {bare_frame * 1000:.0f} ms, python -c 'import rich' {rich * 1000:.0f} ms")
        print(f"  {'what':<28} {'median ms':>10} {'p95 ms':>8} {'ratio':>7} {'95% interval':>14}  vs / goal")
        for r in rows:
            verdict = "ok" if r["ratio"] <= r["goal"] else "over"
            low, high = r["interval"]
            print(f"  {r['interaction']:<28} {r['median_ms']:>10.0f} {r['p95_ms']:>8.0f} {r['ratio']:>6.2f}× "
                  f"{low:>6.2f}–{high:.2f}×  {r['versus']} ≤ {r['goal']}×: {verdict}")
    if args.markdown:
        Path(args.markdown).write_text(markdown(figures), encoding="utf-8")
        print(f"\nwrote {args.markdown}")
    if args.json:
        figures["raw_s"] = {"bare": raw["bare"], **{k: v for k, v in raw["interactions"].items()},
                            **({"startup": raw["startup"]} if raw["startup"] else {})}
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def measure_one(args, name: str) -> dict[str, list[float]]:
    """Interaction ``name`` (as in ``--only``), N times, on the Xuzhou example or with ``--periods`` the 200."""

    async def go() -> dict[str, list[float]]:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            big = work / "periods-200.toml"
            big.write_text(periods_profile_text(200), encoding="utf-8")
            path, gap = (big, GAP_200) if args.periods else (XUZHOU, GAP_XUZHOU)
            return await measure_yibao(path, args.n, gap, {name}, work / "profiles")

    return asyncio.run(go())


def profile_one(args) -> int:
    """Run one interaction (a name as in ``--only``) N times with pyinstrument sampling only the timed parts."""
    global PROFILER
    from pyinstrument import Profiler

    no_blink()
    PROFILER = Profiler(interval=0.002, async_mode="disabled")

    results = measure_one(args, args.profile)
    for name, values in results.items():
        print(f"{name}: median {statistics.median(values) * 1000:.1f} ms over {len(values)}")
    options = {"show_regex": r".*/(textual|rich|tui|engine|tomllib|tomli_w)/.*", "hide_regex": r".*/asyncio/.*",
               "filter_threshold": 0.01}
    print(PROFILER.output_text(unicode=True, color=False, processor_options=options))
    print("\nself time, top functions:")
    flat = PROFILER.output_text(unicode=True, color=False, flat=True, processor_options=options)
    print("\n".join(flat.splitlines()[:45]))
    return 0


def breakdown_one(args) -> int:
    """Run one interaction N times with the BREAKDOWN functions timed; print ms per repetition (inclusive)."""
    no_blink()
    install_breakdown()

    results = measure_one(args, args.breakdown)
    reps = sum(len(v) for v in results.values())
    for name, values in results.items():
        print(f"{name}: median {statistics.median(values) * 1000:.1f} ms, mean {statistics.mean(values) * 1000:.1f}"
              f" ms over {len(values)}")
    print(f"per timed interaction (all {reps} of them), inclusive ms and calls:")
    for label, (seconds, calls) in sorted(TIMINGS.items(), key=lambda kv: -kv[1][0]):
        print(f"  {label:<48} {seconds * 1000 / reps:8.1f} ms  {calls / reps:7.1f} calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
