"""msgspec imported without typing_extensions, which it only prefers, and, on Linux, without :mod:`platform`.

``msgspec._utils`` takes ``get_type_hints``, ``Required`` and ``NotRequired`` from typing_extensions when it is
installed (Textual installs it), else from :mod:`typing`. On Python 3.11 and later ``typing`` has all three, and
msgspec calls ``get_type_hints(obj, include_extras=True)``, which the two spell the same. Importing
typing_extensions is a large share of a ``yibao check`` (it imports :mod:`inspect`, :mod:`ast` and :mod:`dis`): it
is not importable while msgspec is imported, so ``typing``'s are taken.

msgspec's C core imports :mod:`uuid`, which imports :mod:`platform` for one call,
``platform.system()``, and keeps its answer. On Linux that answer is ``os.uname().sysname`` ("Linux"), which the
stand-in gives. Elsewhere the real module is imported.

``msgspec.inspect`` and ``msgspec._json_schema`` (which imports :mod:`textwrap`; together a share of the
check's instructions) describe types and write JSON schemas, which yibao never asks for. msgspec
imports both as it is imported; they are imported when first used instead (``msgspec.json.schema``,
``msgspec.inspect.type_info``, ``import msgspec.inspect``). How the stand-ins are put in and taken away: see
:mod:`engine._lean_import`.
"""

from __future__ import annotations

import os
import sys

from ._lean_import import deferred, import_with, stand_in


def import_msgspec() -> None:
    stand_ins = {"typing_extensions": None,
                 "msgspec.inspect": deferred("msgspec.inspect"),
                 "msgspec._json_schema": deferred("msgspec._json_schema", "schema", "schema_components")}
    if sys.platform.startswith("linux") and "uuid" not in sys.modules:
        stand_ins["platform"] = stand_in("platform", system=lambda: os.uname().sysname)
    import_with("msgspec", stand_ins)


import_msgspec()
