"""msgspec imported without typing_extensions, which it only prefers.

``msgspec._utils`` takes ``get_type_hints``, ``Required`` and ``NotRequired`` from typing_extensions when it is
installed (Textual installs it), else from :mod:`typing`. On Python 3.11 and later ``typing`` has all three, and
msgspec calls ``get_type_hints(obj, include_extras=True)``, which the two spell the same. Importing
typing_extensions costs about 20 ms (it imports :mod:`inspect`, :mod:`ast` and :mod:`dis`), a fifth of a
``yibao check``: it is hidden while msgspec is imported, so ``typing``'s are taken. A program that has imported
typing_extensions already, or msgspec, is left as it is; and nothing else is hidden or kept hidden.
"""

from __future__ import annotations

import sys


def import_msgspec() -> None:
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # `import typing_extensions` fails here
    try:
        import msgspec  # noqa: F401
    finally:
        del sys.modules["typing_extensions"]


import_msgspec()
