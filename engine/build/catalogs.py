"""Compile the catalogs after editing them: ``python -m engine.locale`` (needs Babel, from the test extra); it
writes the parsed files of ``engine/compiled`` again too.

``python -m engine.locale --check`` exits 1 when a ``.mo`` file is not what its ``.po`` compiles to.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

HERE = Path(__file__).parent.parent / "locale"


def compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        cat = read_po(fh, locale=po.stem if po.stem in ("zh", "en") else None, abort_invalid=True)
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
            mo.write_bytes(data)
            print(f"{po.name} → {mo.name}")
    if not check:  # the catalogs are also kept parsed (engine/compiled)
        from engine.data import compiled as kept

        print(f"engine/compiled/{kept.CACHE.name}: {kept.write()} files")
    if stale:
        print("stale catalogs: " + ", ".join(stale) + " (run python -m engine.locale)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
