"""Where a field sits in TOML text: the line of a key or table header, for error messages (best effort).

Pure text work on the lines of the file, independent of what a profile holds. A place in the document is a
*context* (the table a key is in: ``("person",)``, or ``("periods", 2)`` for the third ``[[periods]]`` table,
counting from 0) and a key in it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

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


# --------------------------------------------------------------------------------------------------------------
# Bounds checked before the text is parsed: tomllib's work on a dotted key grows with the square of its parts

#: the longest line read: far beyond the longest line any bundled or user file needs
MAX_LINE = 20_000
#: the dots outside strings and comments (the parts of dotted keys and table names), squared line by line and added
#: up, may come to this at most: a line may hold 141 of them, or many lines a few each
DOT_BUDGET = 20_000
_TOKENS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[.\n]',
                     re.S)


def unbounded_line(text: str, max_line: int = MAX_LINE, budget: int = DOT_BUDGET) -> tuple[str, int] | None:
    """The first line beyond the bounds, as (``"long"`` or ``"dots"``, its 1-based number); None when the text
    keeps them: no line longer than ``max_line`` characters, and the dots outside strings and comments, squared
    line by line, add up to at most ``budget`` (what tomllib's work on dotted keys grows with). Cheap on ordinary
    text: the whole text is scanned only when it is long or holds many dots."""
    if len(text) > max_line:
        for number, line in enumerate(text.split("\n"), start=1):
            if len(line) > max_line:
                return "long", number
    if text.count(".") ** 2 <= budget:
        return None
    line, dots, spent = 1, 0, 0
    for token in _TOKENS.finditer(text):
        piece = token.group(0)
        if piece == ".":
            spent += 2 * dots + 1  # (dots + 1)² - dots²
            dots += 1
            if spent > budget:
                return "dots", line
        elif piece == "\n":
            line, dots = line + 1, 0
        elif "\n" in piece:  # a multi-line string (its dots are text): the line it ends on starts afresh
            line, dots = line + piece.count("\n"), 0
    return None
