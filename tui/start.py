"""The program's first module (``yibao`` and ``python -m tui``): collection is paused before the command line and
the engine are imported (2.7 ms of collections while they were, for objects that all live on; tui/gcpause.py),
then :func:`tui.cli.run` runs the command, which resumes it."""

from . import gcpause

gcpause.pause()


def run() -> None:
    from .cli import run as run_command

    run_command()
