"""Write ``engine/compiled/data.msgpack``: every bundled file the engine reads at run time, kept parsed.

The engine reads the file (:mod:`engine.data.compiled`) and never writes it: each module that reads a bundled file
says how its entry is made (``compilable()``: key → digest of the bytes it was made from, parse, the type it decodes
to), and this build step collects them, parses each file and writes the result.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from ..data import i18n, params, policy
from ..data.atomic import write_atomic
from ..data.compiled import CACHE, FORMAT, CacheFile, Compilable, decoded, entries, forget


def sources() -> Compilable:
    """key → (digest, parse, type) of every bundled file the engine reads at run time."""
    out: Compilable = dict(params.compilable())
    out.update(policy.compilable())
    out.update(i18n.compilable())
    return out


def build() -> dict[str, tuple[int, msgspec.Raw]]:
    """Every entry, parsed now from its file."""
    return {key: (of, msgspec.Raw(msgspec.msgpack.encode(parse())))
            for key, (of, parse, _) in sorted(sources().items())}


def stale() -> list[str]:
    """The keys whose entry is missing, out of date or not what the file parses to now (read back as its type)."""
    have, files = entries(), sources()
    out = []
    for key, (of, parse, kind) in sorted(files.items()):
        entry = have.get(key)
        if entry is None or entry[0] != of or decoded(entry, kind) != parse():
            out.append(key)
    out += sorted(set(have) - set(files))
    return out


def write(path: Path = CACHE) -> int:
    """Write the cache file (with :func:`engine.data.atomic.write_atomic`, readable by every user); the number of
    entries."""
    built = build()
    write_atomic(path, msgspec.msgpack.encode(CacheFile(FORMAT, built)), backup=False, mode=0o644)
    forget()
    return len(built)
