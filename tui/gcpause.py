"""The garbage collector paused while the app starts.

Python collects young objects every 700 allocations and, now and then, all of them: while Textual and the engine
are imported and the first screen is built, those collections run well over a hundred times before the first frame
(counted with ``gc.callbacks``), and next to nothing built then is garbage. The program pauses collection as it
starts (``tui/start.py``, before the command line and the engine are imported; ``tui.cli.main`` pauses it too, for
a caller that imports the command line); the app resumes it once its first screen is complete (after moving what
it built out of the collector's view, ``gc.freeze``), or after ``app.START_PAUSE_SECONDS`` at the latest, and the
command line when the command or the app ends.
"""

from __future__ import annotations

import gc

_paused = [False]


def pause() -> None:
    """Pause collection, unless it is off already (then it stays as it was)."""
    if gc.isenabled():
        gc.disable()
        _paused[0] = True


def resume() -> None:
    """Resume collection if :func:`pause` paused it (once; later calls do nothing)."""
    if _paused[0]:
        _paused[0] = False
        gc.enable()


def paused() -> bool:
    return _paused[0]
