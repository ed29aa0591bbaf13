"""The bundled data files kept parsed: policy files and message catalogs as Python objects, like ``.mo`` for ``.po``.

A start would otherwise parse the declarations, the sources, the region files it needs (TOML) and two catalogs
(``.mo``) before the first answer. ``engine/compiled/data.msgpack`` holds what each of those files parses to, as
MessagePack written and read by msgspec into the records' own types (which also spares importing :mod:`pickle`).
An entry is used only while the file it was made from still has the same bytes (its CRC-32, together with the
files it depends on and the fields of the records it holds): after an edit the file is parsed again as if there
were no cache, so the answer never depends on it being fresh; an entry that does not decode to its type is as
good as none.

This module only reads the file. Each module that reads a bundled file says how its entry is made (its
``compilable()``: key → digest, parse, type); the build tool (:mod:`engine.build.compiled`, never imported by the
engine) writes them all: after editing a bundled region file, ``params.toml``, ``sources.toml`` or a catalog, run
``python -m engine.build`` (``--check`` exits 1 when anything is stale; a test runs it).
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


class CacheFile(msgspec.Struct):
    """The file as written: ``{"format": FORMAT, "entries": {key: [digest, the record as MessagePack]}}``."""

    format: int
    entries: dict[str, tuple[int, msgspec.Raw]]  # each record decoded only when asked for


@lru_cache(maxsize=1)
def entries() -> dict[str, tuple[int, msgspec.Raw]]:
    """The entries of the cache file, key → (digest, record not yet decoded); none where it is missing or old."""
    try:
        with open(CACHE, "rb") as fh:
            data = msgspec.msgpack.decode(fh.read(), type=CacheFile)
    except (OSError, msgspec.DecodeError):  # no file, or not this format: parse every file
        return {}
    return data.entries if data.format == FORMAT else {}


DAMAGED = object()


def decoded(entry: tuple[int, msgspec.Raw], kind: Any) -> Any:
    try:
        return msgspec.msgpack.decode(entry[1], type=kind)
    except msgspec.DecodeError:  # a damaged entry, or one of another type: as good as none
        return DAMAGED


def load(key: str, of: int, parse: Callable[[], T], kind: type[T] | Any) -> T:
    """What ``parse()`` gives, from the cache when its entry ``key`` was made from the same bytes (digest ``of``);
    ``kind`` is the type ``parse`` returns."""
    entry = entries().get(key)
    if entry is not None and entry[0] == of:
        found = decoded(entry, kind)
        if found is not DAMAGED:
            return found
    return parse()


def forget() -> None:
    """Read the cache file again when next asked (after it was written)."""
    entries.cache_clear()
