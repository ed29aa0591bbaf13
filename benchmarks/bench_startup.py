"""Time to the first frame: a bare Textual app showing one word vs. ``yibao profiles/xuzhou-flexible-man.toml``.

Each is run as a subprocess in a pseudo-terminal (so that Textual draws for real) and leaves right after its
first frame (``App.call_after_refresh(app.exit)`` on the Ready event; yibao does this when
``YIBAO_EXIT_AFTER_FIRST_FRAME`` is set). Both are measured in the same run, alternating, and the medians are
compared. The target: yibao within 1.5x the bare app.

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

    def on_ready(self):
        self.call_after_refresh(self.exit)

Bare().run()
"""


def run_in_pty(argv: list[str], env: dict[str, str], size: tuple[int, int], timeout: float = 30.0) -> float:
    """Seconds from start to exit of ``argv`` run in a pseudo-terminal of ``size`` (columns, rows)."""
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
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="120x40", help="terminal COLUMNSxROWS")
    args = parser.parse_args(argv)
    if not sys.platform.startswith(("linux", "darwin")):
        print("needs a POSIX pseudo-terminal (Linux or macOS)")
        return 1
    size = tuple(int(n) for n in args.size.lower().split("x"))

    with tempfile.TemporaryDirectory() as profiles:
        env = dict(os.environ, PYTHONPATH=str(ROOT), TERM=os.environ.get("TERM", "xterm-256color"),
                   YIBAO_PROFILES=profiles, YIBAO_EXIT_AFTER_FIRST_FRAME="1")
        env.pop("TEXTUAL", None)  # no devtools
        bare = [sys.executable, "-c", BARE_APP]
        yibao = [sys.executable, "-m", "tui", "profiles/xuzhou-flexible-man.toml", "--as-of", "2026-11-22"]
        # one untimed run each warms the file cache and the bytecode
        run_in_pty(bare, env, size)
        run_in_pty(yibao, env, size)
        times: dict[str, list[float]] = {"bare": [], "yibao": []}
        for _ in range(args.runs):
            times["bare"].append(run_in_pty(bare, env, size))
            times["yibao"].append(run_in_pty(yibao, env, size))

    bare_median = statistics.median(times["bare"])
    yibao_median = statistics.median(times["yibao"])
    ratio = yibao_median / bare_median
    print(f"terminal {size[0]}x{size[1]}, {args.runs} runs each, time to first frame (median, min-max):")
    for name, values in times.items():
        print(f"  {name:<6} {statistics.median(values) * 1000:7.0f} ms   ({min(values) * 1000:.0f}-{max(values) * 1000:.0f})")
    verdict = "OK" if ratio <= TARGET else "over target"
    print(f"  ratio  {ratio:7.2f}x   (target <= {TARGET}x: {verdict})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
