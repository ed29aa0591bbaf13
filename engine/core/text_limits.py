"""Bounds a text is checked against before it is parsed as TOML: tomllib's work on a dotted key grows with the
square of its parts, so a line far too long or too many dots is refused first (profiles and region files alike)."""

from __future__ import annotations

import re


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
