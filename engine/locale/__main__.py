"""Compile the catalogs after editing them: ``python -m engine.locale`` (needs Babel, from the test extra); it
writes the parsed files of ``engine/compiled`` again too.

``python -m engine.locale --check`` exits 1 when a ``.mo`` file is not what its ``.po`` compiles to.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from engine.atomic import write_atomic

HERE = Path(__file__).parent


def _locale(lang: str) -> str | None:
    """The catalog's language as Babel knows it (for its plural rule), or None for a code Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return lang


def compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        cat = read_po(fh, locale=_locale(po.stem), abort_invalid=True)
    out = io.BytesIO()
    write_mo(out, cat, use_fuzzy=True)
    return out.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for po in sorted(HERE.glob("*.po")):
        data = compiled(po)
        mo = po.with_suffix(".mo")
        if check:
            if not mo.exists() or mo.read_bytes() != data:
                stale.append(mo.name)
        else:
            write_atomic(mo, data, backup=False, mode=0o644)  # read by every user of the program
            print(f"{po.name} → {mo.name}")
    if not check:  # the catalogs are also kept parsed (engine/compiled)
        from engine import compiled as kept

        print(f"engine/compiled/{kept.CACHE.name}: {kept.write()} files")
    if stale:
        print("stale catalogs: " + ", ".join(stale) + " (run python -m engine.locale)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
