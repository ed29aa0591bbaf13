"""The program's first module (``yibao`` and ``python -m tui``): collection is paused before the command line and
the engine are imported (for objects that all live on; tui/gcpause.py), then :func:`tui.cli.run` runs the
command, which resumes it.
"""

from . import gcpause

gcpause.pause()

from .cli import run  # noqa: E402  (after the pause: this imports the command line and the engine)

__all__ = ["run"]
