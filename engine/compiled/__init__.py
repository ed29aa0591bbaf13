"""The bundled data files kept parsed: policy files and message catalogs as Python objects, like ``.mo`` for ``.po``.

A start would otherwise parse the declarations, the sources, the region files it needs (TOML) and two catalogs
(``.mo``) before the first answer: about 20 ms of the command line's 150. ``engine/compiled/data.pickle`` holds what
each of those files parses to. An entry is used only while the file it was made from still has the same bytes
(its CRC-32, together with the files it depends on and the fields of the records it holds): after an edit the
file is parsed again as if there were no cache, so the answer never depends on it being fresh. Only this
package's own file is unpickled, never one from a user's folder.

After editing a bundled region file, ``params.toml``, ``sources.toml`` or a catalog, write it again:
``python -m engine.compiled`` (``--check`` exits 1 when it is stale; a test runs it).
"""

from __future__ import annotations

import pickle
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

CACHE = Path(__file__).with_name("data.pickle")
FORMAT = 1  # of the file itself: {"format": FORMAT, "entries": {key: (digest, pickled bytes)}}

T = TypeVar("T")


def digest(*parts: bytes | str) -> int:
    """A CRC-32 over the bytes of a file and of what its parsed form depends on."""
    value = 0
    for part in parts:
        value = zlib.crc32(part.encode() if isinstance(part, str) else part, value)
    return value


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[int, bytes]]:
    try:
        with open(CACHE, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}
    return data["entries"]


def load(key: str, of: int, parse: Callable[[], T]) -> T:
    """What ``parse()`` gives, from the cache when its entry ``key`` was made from the same bytes (digest ``of``)."""
    entry = _entries().get(key)
    if entry is not None and entry[0] == of:
        try:
            return pickle.loads(entry[1])
        except Exception:  # noqa: BLE001 - a damaged entry is as good as none: parse the file
            pass
    return parse()


def forget() -> None:
    """Read the cache file again when next asked (after writing it)."""
    _entries.cache_clear()


# -- writing it --------------------------------------------------------------------------------------------------

def _sources() -> dict[str, tuple[int, Callable[[], Any]]]:
    """key → (digest, parse) of every bundled file the engine reads at run time."""
    from .. import i18n, params, policy

    out: dict[str, tuple[int, Callable[[], Any]]] = dict(params.compilable())
    out.update(policy.compilable())
    out.update(i18n.compilable())
    return out


def build() -> dict[str, tuple[int, bytes]]:
    return {key: (of, pickle.dumps(parse(), protocol=pickle.HIGHEST_PROTOCOL))
            for key, (of, parse) in sorted(_sources().items())}


def stale() -> list[str]:
    """The keys whose entry is missing, out of date or not what the file parses to now."""
    have, files = _entries(), _sources()
    out = []
    for key, (of, parse) in sorted(files.items()):
        entry = have.get(key)
        if entry is None or entry[0] != of or pickle.loads(entry[1]) != parse():
            out.append(key)
    out += sorted(set(have) - set(files))
    return out


def write(path: Path = CACHE) -> int:
    entries = build()
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(pickle.dumps({"format": FORMAT, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL))
    temp.replace(path)
    forget()
    return len(entries)
