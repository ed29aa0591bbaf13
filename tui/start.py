"""The program's first module (``yibao`` and ``python -m tui``): collection is paused before the command line and
the engine are imported (the objects they make all live on; tui/gcpause.py), argparse is imported in English, then
:func:`tui.cli.run` runs the command, which resumes it.

argparse imports :mod:`gettext` for two functions, ``gettext`` and ``ngettext``, through which it would translate
its messages. The program never lets it: its English is put into the reader's language by the command line's own
catalog (``tui.cli._argparse_words``), and its gettext lookups (``locale`` imported, a catalog looked for under
each of the reader's languages, for each message) would be work for nothing. So argparse is given those two as they
behave without a catalog, and gettext is not imported (engine/_lean_import.py); an argparse imported before this
module is given them too. Set by the program itself, never for a program that
imports the command line.
"""

from . import gcpause

gcpause.pause()

from engine._lean_import import import_with, stand_in  # noqa: E402  (after the pause: this imports the engine)


def _untranslated(message: str) -> str:
    return message


def _untranslated_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


import_with("argparse", {"gettext": stand_in("gettext", gettext=_untranslated, ngettext=_untranslated_plural)})


def run() -> None:
    import argparse

    argparse._, argparse.ngettext = _untranslated, _untranslated_plural  # when it was imported before this module
    from .cli import run as run_command

    run_command()
