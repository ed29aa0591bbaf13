"""Compile the message catalogs: ``engine/locale/<lang>.po`` (edited) into ``<lang>.mo`` (read at run time), with
Babel (from the test extra)."""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..data.atomic import write_atomic
from ..data.langs import LOCALE_DIR


def _locale(lang: str) -> str | None:
    """The catalog's language as Babel knows it (for its plural rule), or None for a code Babel does not know."""
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return lang


def compiled(po: Path) -> bytes:
    """What ``po`` compiles to."""
    with open(po, "rb") as fh:
        cat = read_po(fh, locale=_locale(po.stem), abort_invalid=True)
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
        write_atomic(po.with_suffix(".mo"), compiled(po), backup=False, mode=0o644)  # read by every user
        out.append(f"{po.name} → {po.with_suffix('.mo').name}")
    return out
