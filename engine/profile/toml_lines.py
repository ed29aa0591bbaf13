"""Where a field sits in TOML text: the line of a key or table header, for error messages (best effort).

Pure text work on the lines of the file, independent of what a profile holds. A place in the document is a
*context* (the table a key is in: ``("person",)``, or ``("periods", 2)`` for the third ``[[periods]]`` table,
counting from 0) and a key in it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..core.text_limits import DOT_BUDGET, MAX_LINE, unbounded_line  # noqa: F401  (the parser's bounds)

_KEY_PART = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)"""
_DOTTED = rf"({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """A key line, an array-of-tables header, a table header and one key part: compiled when a line is first
    looked for (an error to explain), not on every start."""
    return (re.compile(rf"^\s*{_DOTTED}\s*="), re.compile(rf"^\s*\[\[\s*{_DOTTED}\s*\]\]"),
            re.compile(rf"^\s*\[\s*{_DOTTED}\s*\]"), re.compile(_KEY_PART))


def _key_parts(text: str) -> tuple[str, ...]:
    """The keys of a dotted key as written (``a."b.c".d``), unquoted."""
    out = []
    for part in _patterns()[3].findall(text):
        if part.startswith('"'):
            try:
                part = json.loads(part)
            except ValueError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        out.append(part)
    return tuple(out)


def toml_lines(text: str) -> list[str]:
    """The lines of TOML text: split at \\n only (a \\r before it dropped), as TOML counts them.

    Not ``str.splitlines``, which also breaks at U+2028, U+2029, U+0085 and other characters that TOML allows
    inside comments and strings, and would put every later line number off.
    """
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def line_count(text: str) -> int:
    """How many lines TOML sees in ``text`` (a final newline does not start another)."""
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


class TomlLines:
    """Where each key and table header sits in the text: (table context, key) -> line."""

    def __init__(self, text: str) -> None:
        self.keys: dict[tuple[tuple, str], int] = {}
        self.headers: dict[tuple, int] = {}
        ctx: tuple = ()
        aot_counts: dict[tuple, int] = {}
        in_multiline = False
        key_line, aot_header, table_header, _ = _patterns()
        for number, line in enumerate(toml_lines(text), start=1):
            quotes = line.count('"""') + line.count("'''")
            if in_multiline:
                in_multiline = quotes % 2 == 0
                continue
            if m := aot_header.match(line):
                name = _key_parts(m.group(1))
                index = aot_counts.get(name, 0)
                aot_counts[name] = index + 1
                ctx = name + (index,)
                self.headers.setdefault(ctx, number)
            elif m := table_header.match(line):
                ctx = _key_parts(m.group(1))
                self.headers.setdefault(ctx, number)
            elif m := key_line.match(line):
                parts = _key_parts(m.group(1))
                self.keys.setdefault((ctx + parts[:-1], parts[-1]), number)
            in_multiline = quotes % 2 == 1

    def find(self, ctx: tuple, key: str | None) -> int | None:
        """The line of ``key`` in ``ctx``, else of the nearest table around it; None if nothing is found."""
        if key is not None and (ctx, key) in self.keys:
            return self.keys[ctx, key]
        if key is not None and ctx + (key,) in self.headers:  # a whole table: [persons]
            return self.headers[ctx + (key,)]
        if ctx in self.headers:
            return self.headers[ctx]
        if ctx and isinstance(ctx[-1], int):  # periods written as an inline array
            ctx = ctx[:-1]
            if ctx in self.headers:
                return self.headers[ctx]
        if ctx and (ctx[:-1], ctx[-1]) in self.keys:  # a table written inline: person = { ... }
            return self.keys[ctx[:-1], ctx[-1]]
        return None
