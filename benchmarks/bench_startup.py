"""Time to the first frame: a bare Textual app showing one word vs. ``yibao profiles/xuzhou-flexible-man.toml``.

Each is run as a subprocess in a pseudo-terminal (so that Textual draws for real). Once its first screen is
mounted and drawn (``App.call_after_refresh`` from the screen's mount), it writes ``time.perf_counter()`` to a
file and leaves; yibao does this when ``YIBAO_EXIT_AFTER_FIRST_FRAME`` is set (the file: ``YIBAO_FIRST_FRAME_STAMP``).
``perf_counter`` is the system-wide monotonic clock on Linux and macOS, so the parent's start time and the child's
stamp compare: the difference is the time to the first frame, interpreter start and imports included. The time
until the process has ended (Textual's shutdown included) is shown too. Both apps are measured in the same run,
alternating; the medians are compared. The target: yibao's first frame within 1.5x the bare app's.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_startup.py [--runs 9] [--size 120x40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("医保")

    def on_mount(self):
        self.call_after_refresh(self.stamp_and_exit)

    def stamp_and_exit(self):
        import os, time
        with open(os.environ["YIBAO_FIRST_FRAME_STAMP"], "a") as f:
            f.write(repr(time.perf_counter()) + chr(10))
        self.exit()

Bare().run()
"""


def run_in_pty(argv: list[str], env: dict[str, str], size: tuple[int, int], timeout: float = 30.0,
               stamp: Path | None = None) -> tuple[float, float | None, float | None]:
    """Run ``argv`` in a pseudo-terminal of ``size`` (columns, rows): seconds to its exit, to the first stamp the
    child wrote into the file ``stamp`` (its first frame) and to the last one (its screen complete)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def drain() -> None:  # keep reading so the child never blocks on a full terminal
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break

    reader = threading.Thread(target=drain, daemon=True)
    if stamp is not None:
        stamp.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                               start_new_session=True)
    reader.start()
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise RuntimeError(f"{' '.join(argv)} did not leave after its first frame within {timeout} s") from None
    elapsed = time.perf_counter() - start
    os.close(slave)
    reader.join(timeout=2)
    os.close(master)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {code}")
    if stamp is None:
        return elapsed, None, None
    stamps = [float(line) for line in stamp.read_text().split()]
    return elapsed, stamps[0] - start, stamps[-1] - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="120x40", help="terminal COLUMNSxROWS")
    args = parser.parse_args(argv)
    if not sys.platform.startswith(("linux", "darwin")):
        print("needs a POSIX pseudo-terminal (Linux or macOS)")
        return 1
    size = tuple(int(n) for n in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory() as work:
        stamp = Path(work) / "first-frame"
        profiles = Path(work) / "profiles"
        env = dict(os.environ, PYTHONPATH=str(ROOT), TERM=os.environ.get("TERM", "xterm-256color"),
                   YIBAO_PROFILES=str(profiles), YIBAO_EXIT_AFTER_FIRST_FRAME="1", YIBAO_FIRST_FRAME_STAMP=str(stamp))
        env.pop("TEXTUAL", None)  # no devtools
        # bytecode as an installed package has it: written once (by the warm-up runs) into a cache of our own
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(work) / "pycache")
        commands = {
            "bare": [sys.executable, "-c", BARE_APP],
            "yibao": [sys.executable, "-m", "tui", "profiles/xuzhou-flexible-man.toml", "--as-of", "2026-11-22"],
        }
        for argv in commands.values():  # untimed runs warm the file cache and write the bytecode
            run_in_pty(argv, env, size, stamp=stamp)
        frames: dict[str, list[float]] = {name: [] for name in commands}
        completes: dict[str, list[float]] = {name: [] for name in commands}
        totals: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                total, frame, complete = run_in_pty(argv, env, size, stamp=stamp)
                totals[name].append(total)
                frames[name].append(frame)
                completes[name].append(complete)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:6.0f} ms ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})"

    print(f"terminal {size[0]}x{size[1]}, {args.runs} runs each; median (min-max)")
    print(f"  {'':<6} {'first frame':<22} {'every pane drawn':<22} {'until the process ended':<22}")
    for name in commands:
        print(f"  {name:<6} {ms(frames[name]):<22} {ms(completes[name]):<22} {ms(totals[name]):<22}")
    ratio = statistics.median(frames["yibao"]) / statistics.median(frames["bare"])
    ratio_complete = statistics.median(completes["yibao"]) / statistics.median(frames["bare"])
    ratio_total = statistics.median(totals["yibao"]) / statistics.median(totals["bare"])
    verdict = "OK" if ratio <= TARGET else "over target"
    print(f"  ratio  {ratio:6.2f}x first frame (target <= {TARGET}x: {verdict}); {ratio_complete:.2f}x every pane; "
          f"{ratio_total:.2f}x until ended")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
