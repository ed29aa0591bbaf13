"""Compile the message catalogs: ``engine/locale/<lang>.po`` (edited) into ``<lang>.mo`` (read at run time), with
Babel (from the test extra)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..data.i18n import LOCALE_DIR


def compiled(po: Path) -> bytes:
    """What ``po`` compiles to."""
    with open(po, "rb") as fh:
        cat = read_po(fh, locale=po.stem if po.stem in ("zh", "en") else None, abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, cat, use_fuzzy=True)
    return out.getvalue()


def stale() -> list[str]:
    """The ``.mo`` files that are missing or not what their ``.po`` compiles to."""
    out = []
    for po in sorted(LOCALE_DIR.glob("*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(po):
            out.append(mo.name)
    return out


def write() -> list[str]:
    """Compile every catalog; the names of the files written."""
    out = []
    for po in sorted(LOCALE_DIR.glob("*.po")):
        po.with_suffix(".mo").write_bytes(compiled(po))
        out.append(f"{po.name} → {po.with_suffix('.mo').name}")
    return out
