"""``python -m engine.compiled``: write the parsed bundled files again; ``--check``: exit 1 if they are stale."""

from __future__ import annotations

import sys

from ..data.compiled import CACHE, stale, write


def main(argv: list[str]) -> int:
    if "--check" in argv:
        old = stale()
        if old:
            print(f"{CACHE.name} is stale for {', '.join(old)} (run python -m engine.compiled)", file=sys.stderr)
            return 1
        return 0
    print(f"{CACHE.name}: {write()} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
