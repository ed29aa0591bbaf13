"""What a fix would gain, measured before it is written: bench_app's interactions with the app patched at run time.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_whatif.py VARIANT [--n 10] [--only form help verify] [--periods]

Nothing in tui/ or engine/ changes: each variant patches classes in this process only, then the interactions of
benchmarks/bench_app.py are measured as there (same clock, same end of the last frame), with the bare Textual app
measured in the same run. Variants:

* ``none``: the app as it is (the reference for the others, same run conditions);
* ``opaque``: modal screens get an opaque background (``ModalScreen { background: $background; }``): the screen
  below is neither rendered again nor blended cell by cell under each frame of the dialog;
* ``focus``: a dialog focuses its own first field at compose (no focus on a scroll container first, then moved:
  each move restyles the container's whole subtree);
* ``breakpoints``: every pushed screen gets its -wide/-tall classes before it is mounted (``preset_breakpoints``,
  as the main screen does), so that its first resize does not restyle it a second time;
* ``all``: opaque + focus + breakpoints.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_app as b  # noqa: E402


def patch(variant: str) -> None:
    from tui.app import YibaoApp

    parts = {"opaque", "focus", "breakpoints"} if variant == "all" else {variant}
    if "opaque" in parts:
        YibaoApp.CSS = (YibaoApp.CSS or "") + "\nModalScreen { background: $background; }\n"
    if "focus" in parts:
        from tui.screens.help import MarkdownDialog
        from tui.screens.period_form import PeriodForm

        PeriodForm.AUTO_FOCUS = "#start"
        MarkdownDialog.AUTO_FOCUS = "#help-body"
    if "breakpoints" in parts:
        original = YibaoApp.push_screen

        def push_screen(self, screen, *args, **kwargs):
            if not isinstance(screen, str):
                self.preset_breakpoints(screen)
            return original(self, screen, *args, **kwargs)

        YibaoApp.push_screen = push_screen


async def run(args) -> None:
    b.no_blink()
    patch(args.variant)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = work / "periods-200.toml"
        big.write_text(b.periods_profile_text(200), encoding="utf-8")
        path, gap = (big, b.GAP_200) if args.periods else (b.XUZHOU, b.GAP_XUZHOU)
        bare = await b.measure_bare(args.n)
        results = await b.measure_yibao(path, args.n, gap, set(args.only), work / "profiles")
        bare += await b.measure_bare(args.n)
    base = statistics.median(bare)
    print(f"variant {args.variant}: bare {base * 1000:.1f} ms")
    print(b.table([b.row(name, values, base) for name, values in results.items()]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variant", choices=("none", "opaque", "focus", "breakpoints", "all"))
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--only", nargs="*", default=["form", "help", "verify"])
    parser.add_argument("--periods", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
