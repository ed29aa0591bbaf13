"""Save the README's screenshot with the app's own ``save_screenshot``: the Xuzhou example at a fixed date.

    python docs/make_screenshot.py        # writes docs/screenshot.svg
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def main() -> None:
    os.environ.setdefault("YIBAO_PROFILES", tempfile.mkdtemp(prefix="yibao-shot-"))
    from tui.app import YibaoApp

    app = YibaoApp(path=ROOT / "profiles" / "xuzhou-flexible-man.toml", as_of=date(2026, 11, 22))
    async with app.run_test(size=(140, 42)) as pilot:
        for _ in range(100):
            if getattr(app.screen, "panes_ready", False):
                break
            await pilot.pause(0.01)
        await pilot.pause()
        await pilot.press("down")  # show the medical-years decision and its explanation
        await pilot.pause()
        app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))


if __name__ == "__main__":
    asyncio.run(main())
