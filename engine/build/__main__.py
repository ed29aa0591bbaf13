"""``python -m engine.build``: compile the catalogs, then write the bundled files kept parsed.

``python -m engine.build --check`` writes nothing and exits 1 when a ``.mo`` is not what its ``.po`` compiles to
or ``engine/compiled/data.msgpack`` is not what the bundled files parse to now.
"""

from __future__ import annotations

import sys

from . import catalogs, compiled


def main(argv: list[str]) -> int:
    if "--check" in argv:
        old = catalogs.stale()
        if old:
            print(f"stale catalogs: {', '.join(old)} (run python -m engine.build)", file=sys.stderr)
            return 1
        old = compiled.stale()
        if old:
            print(f"{compiled.CACHE.name} is stale for {', '.join(old)} (run python -m engine.build)", file=sys.stderr)
            return 1
        return 0
    for line in catalogs.write():
        print(line)
    print(f"engine/compiled/{compiled.CACHE.name}: {compiled.write()} files")  # after the catalogs: they are in it
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
