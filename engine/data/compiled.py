"""The bundled data files kept parsed: policy files and message catalogs as Python objects, like ``.mo`` for ``.po``.

A start would otherwise parse the declarations, the sources, the region files it needs (TOML) and two catalogs
(``.mo``) before the first answer: about 20 ms of the command line's 150. ``engine/compiled/data.msgpack`` holds
what each of those files parses to, as MessagePack written and read by msgspec into the records' own types (which
also spares the check importing :mod:`pickle`, 2 ms). An entry is used only while the file it was made from still
has the same bytes (its CRC-32, together with the files it depends on and the fields of the records it holds):
after an edit the file is parsed again as if there were no cache, so the answer never depends on it being fresh;
an entry that does not decode to its type is as good as none.

After editing a bundled region file, ``params.toml``, ``sources.toml`` or a catalog, write it again:
``python -m engine.compiled`` (``--check`` exits 1 when it is stale; a test runs it).
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, TypeVar

import msgspec

CACHE = Path(__file__).parent.parent / "compiled" / "data.msgpack"
FORMAT = 2  # of the file itself: {"format": FORMAT, "entries": {key: [digest, the record as MessagePack]}}

T = TypeVar("T")


def digest(*parts: bytes | str) -> int:
    """A CRC-32 over the bytes of a file and of what its parsed form depends on."""
    value = 0
    for part in parts:
        value = zlib.crc32(part.encode() if isinstance(part, str) else part, value)
    return value


#: what each bundled file's entry holds: key -> (digest of what it was made from, parse, the type it decodes to)
Compilable = dict[str, tuple[int, Callable[[], Any], Any]]


class _File(msgspec.Struct):
    format: int
    entries: dict[str, tuple[int, msgspec.Raw]]  # each record decoded only when asked for


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[int, msgspec.Raw]]:
    try:
        with open(CACHE, "rb") as fh:
            data = msgspec.msgpack.decode(fh.read(), type=_File)
    except (OSError, msgspec.DecodeError):  # no file, or not this format: parse every file
        return {}
    return data.entries if data.format == FORMAT else {}


_DAMAGED = object()


def _decoded(entry: tuple[int, msgspec.Raw], kind: Any) -> Any:
    try:
        return msgspec.msgpack.decode(entry[1], type=kind)
    except msgspec.DecodeError:  # a damaged entry, or one of another type: as good as none
        return _DAMAGED


def load(key: str, of: int, parse: Callable[[], T], kind: type[T] | Any) -> T:
    """What ``parse()`` gives, from the cache when its entry ``key`` was made from the same bytes (digest ``of``);
    ``kind`` is the type ``parse`` returns."""
    entry = _entries().get(key)
    if entry is not None and entry[0] == of:
        found = _decoded(entry, kind)
        if found is not _DAMAGED:
            return found
    return parse()


def forget() -> None:
    """Read the cache file again when next asked (after writing it)."""
    _entries.cache_clear()


# -- writing it --------------------------------------------------------------------------------------------------

def _sources() -> Compilable:
    """key → (digest, parse, type) of every bundled file the engine reads at run time."""
    from . import i18n, params, policy

    out: Compilable = dict(params.compilable())
    out.update(policy.compilable())
    out.update(i18n.compilable())
    return out


def build() -> dict[str, tuple[int, msgspec.Raw]]:
    return {key: (of, msgspec.Raw(msgspec.msgpack.encode(parse())))
            for key, (of, parse, _) in sorted(_sources().items())}


def stale() -> list[str]:
    """The keys whose entry is missing, out of date or not what the file parses to now (read back as its type)."""
    have, files = _entries(), _sources()
    out = []
    for key, (of, parse, kind) in sorted(files.items()):
        entry = have.get(key)
        if entry is None or entry[0] != of or _decoded(entry, kind) != parse():
            out.append(key)
    out += sorted(set(have) - set(files))
    return out


def write(path: Path = CACHE) -> int:
    entries = build()
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(msgspec.msgpack.encode(_File(FORMAT, entries)))
    temp.replace(path)
    forget()
    return len(entries)
