"""Untrusted text made safe to show on a terminal: the one function every view uses for text that comes from a
file, a file name or the system (a profile's key or value, a region file's source or note, a path, an error).

A terminal obeys some characters instead of showing them: the C0 and C1 controls (ESC starts sequences that
rewrite the window's title or clear the screen; U+009B does the same on some terminals), DEL, the line and
paragraph separators, and the bidirectional controls (U+202E turns the text after it around, so that a name reads
otherwise than it is). :func:`safe_text` shows each of them escaped, as Python writes it (``\\x1b``, ``\\u202e``),
and leaves every other character as it is; a lone surrogate, which no terminal can be sent, is escaped too.
Nothing else here: this module imports nothing of the program, so that every layer can use it.
"""

from __future__ import annotations

import re

#: the bidirectional controls: marks, embeddings, overrides and isolates
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_OTHERS = "\x7f-\x9f\u2028\u2029\ud800-\udfff" + BIDI_CONTROLS  # DEL, C1, separators, surrogates, bidi
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHERS}]")
_UNSAFE_IN_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")  # a tab (09) and a line break (0a) kept
#: what JSON (as json.dumps writes it) leaves as it is and a terminal obeys: DEL, C1, separators, bidi, surrogates
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029\ud800-\udfff{BIDI_CONTROLS}]")


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def safe_text(text: str, *, lines: bool = False) -> str:
    """``text`` with every character a terminal would obey shown escaped (``\\x1b``, ``\\u202e``); with ``lines``,
    line breaks and tabs are kept (text shown over several lines). Escaping twice changes nothing more."""
    if not isinstance(text, str):
        text = str(text)
    if text.isprintable():  # the common case, in C: nothing to escape
        return text
    return (_UNSAFE_IN_LINES if lines else _UNSAFE).sub(_escape, text)


def has_unsafe(text: str, *, lines: bool = False) -> bool:
    """Whether ``text`` holds a character :func:`safe_text` would escape (line breaks and tabs allowed with
    ``lines``): what a file's text field may not hold."""
    return not text.isprintable() and (_UNSAFE_IN_LINES if lines else _UNSAFE).search(text) is not None


def json_escape(doc: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``) with the characters a terminal would obey and JSON leaves
    as they are written as ``\\uXXXX`` escapes: the same values, read back exactly, nothing raw on a terminal. (These
    characters can only stand inside JSON strings, where such an escape means the character itself.)"""
    if doc.isprintable() or _JSON_RAW.search(doc) is None:
        return doc
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", doc)
