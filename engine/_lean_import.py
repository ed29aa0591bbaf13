"""A library imported with stand-ins for modules it only takes a name or two from at import time.

Some libraries import a large module for one name, or to prefer it over the standard library's: msgspec takes
typing_extensions' ``get_type_hints`` when it is installed (typing has it too), msgspec's C core imports
:mod:`uuid`, which imports :mod:`platform` (nine regular expressions compiled) for ``platform.system()``, and
argparse imports :mod:`gettext` for ``gettext`` and ``ngettext``. Each of those imports is a share of a
``yibao check``. :func:`import_with` imports the library while those modules are stood in for (``None``: the
import fails, as if it were not installed), then takes the stand-ins away: a later ``import platform`` loads the
real module. A module loaded already is not stood in for (nor is anything when the library is loaded); and when the
import fails with the stand-ins, they are taken away with what was half imported, and the library is imported as
usual.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType


def stand_in(name: str, **names: object) -> ModuleType:
    """A module called ``name`` that holds only ``names``."""
    module = ModuleType(name, f"a stand-in for {name} while a library is imported (engine/_lean_import.py)")
    module.__dict__.update(names)
    return module


def deferred(name: str, *functions: str) -> ModuleType:
    """A stand-in for ``name`` that is the real module once used: ``functions`` (names taken from it while the
    library is imported) call the real module's, and reading any other attribute but a dunder imports the real
    module."""

    def real() -> ModuleType:
        return import_module(name)

    def forwarding(function: str):
        def call(*args, **kwargs):
            return getattr(real(), function)(*args, **kwargs)

        call.__name__ = call.__qualname__ = function
        return call

    def attribute_of_real(attribute: str):
        if attribute.startswith("__"):  # what the import system asks of a module (__path__, __file__)
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    return stand_in(name, __getattr__=attribute_of_real,
                    **{function: forwarding(function) for function in functions})


def import_with(library: str, stand_ins: dict[str, ModuleType | None]) -> None:
    """Import ``library`` while each module named in ``stand_ins`` is that stand-in (None: not importable)."""
    stand_ins = {name: module for name, module in stand_ins.items() if name not in sys.modules}
    if library in sys.modules or not stand_ins:
        import_module(library)
        return
    before = set(sys.modules)
    sys.modules.update(stand_ins)
    try:
        import_module(library)
    except Exception:  # noqa: BLE001 - a library that needs more of a module than it is given: import it as usual
        for name in set(sys.modules) - before:
            del sys.modules[name]
        import_module(library)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
