"""Line breaking for Chinese: a line may break between any two Chinese characters, never before a closing mark.

Rich (and Textual, which wraps with Rich's ``divide_line``) breaks lines at spaces only, so to it a Chinese
sentence is one long word. Such a word that does not fit the rest of a line goes whole to the next one, leaving
the first line short (``≠`` alone above 与现状不同…), and one longer than a line is folded at whatever character
reaches the edge, so a line could begin with "，" or "。", which Chinese typesetting never does (GB/T 15834 and
W3C's "Requirements for Chinese Text Layout" §3.1.7, 行首禁则: marks such as ，。、；：？！ and closing brackets do
not begin a line; 行尾禁则: opening brackets do not end one).

Here a wide character (Chinese, Japanese, Korean, full-width forms) is a word of its own, so lines fill up to the
edge; runs of other characters (``2038``, ``yibao``, ``#5``) are words as Rich reads them, and text without wide
characters is broken exactly where Rich breaks it (a test holds the two equal). Where a break would put a closing
mark first on a line, the word before it (a character, or ``"Q"``) goes down with it; an opening mark that would
end a line goes down too; the rest of the paragraph is wrapped again from there.

:func:`install` gives this to the app's text (Textual's ``Content``) and to the reports' (Rich's ``Text``). Neither
library has a public way to choose how lines break, so this replaces the ``divide_line`` each of them wraps with;
the app and the printed reports call it as they start (nothing is replaced by importing this module).
"""

from __future__ import annotations

import re
from bisect import bisect_left

import rich.text
from rich.cells import cell_len, chop_cells

#: the marks that do not begin a line: closing punctuation, brackets and quotes, Chinese and ASCII (``[全国通用]；``),
#: and the ellipsis and dash; they are held back only beside a Chinese character (English breaks where Rich's does)
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%")
#: the marks that do not end a line: opening brackets and quotes
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")

#: the wide characters: Hangul Jamo, CJK punctuation, kana, CJK ideographs, Hangul, compatibility and full-width forms
_WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3" \
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
#: a word: one wide character, or a run of other characters that are not spaces; with the spaces around it
_WORD = re.compile(rf"\s*(?:[{_WIDE}]|[^\s{_WIDE}]+)\s*")
_WIDE_CHARACTER = re.compile(f"[{_WIDE}]")


def _in_chinese(text: str, at: int) -> bool:
    """Whether a break before ``text[at]`` is one between Chinese characters (one of the two is wide): the marks'
    rules are for Chinese text; an English word folded across lines is left as Rich folds it."""
    return bool(_WIDE_CHARACTER.match(text, at) or _WIDE_CHARACTER.match(text, at - 1))


def _greedy(text: str, width: int, fold: bool) -> list[int]:
    """Rich's ``divide_line`` (rich/_wrap.py) with a wide character as a word of its own."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            if fold:
                lines = chop_cells(word, width=width)
                for number, line in enumerate(lines, 1):
                    if start:
                        breaks.append(start)
                    if number == len(lines):
                        offset = cell_len(line)
                    else:
                        start += len(line)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break ``text`` into lines of ``width`` cells (what Rich's ``divide_line`` returns), wide characters
    broken between, no line beginning with one of :data:`NO_LINE_START` or ending with one of :data:`NO_LINE_END`
    where the words around the break can go down together."""
    offsets = _greedy(text, width, fold)
    starts: list[int] | None = None  # where a line may begin, a word's start: found when a break has to move
    i = 0
    while i < len(offsets):
        at = before = offsets[i]
        line_start = offsets[i - 1] if i else 0
        while True:
            closing = at < len(text) and text[at] in NO_LINE_START and not text[at - 1].isspace()
            opening = text[at - 1] in NO_LINE_END
            if not (closing or opening) or not _in_chinese(text, at):
                break
            if starts is None:
                starts = [match.start() for match in _WORD.finditer(text)]
            earlier = _word_start_before(starts, at)
            if earlier <= line_start:  # the whole line would go down: leave the break where it is
                break
            at = earlier
        if at != before:
            offsets[i:] = [at] + [at + offset for offset in _greedy(text[at:], width, fold)]
        i += 1
    return offsets


def _word_start_before(starts: list[int], at: int) -> int:
    """The start of the word that ends at ``at`` (the last word start before it)."""
    return starts[bisect_left(starts, at) - 1] if starts and starts[0] < at else 0


def longest_word(text: str) -> int:
    """The cells of the longest word of ``text`` (a run such as ``10,752.00``, or one wide character): the fewest
    cells a line of it can have without a word folded across lines."""
    return max((cell_len(match.group(0).strip()) for match in _WORD.finditer(text)), default=0)


def install(app: bool = False) -> None:
    """Wrap Rich's text, and with ``app`` Textual's too, with :func:`divide_line` (again: nothing more)."""
    rich.text.divide_line = divide_line
    if app:
        import textual.content  # imported already by the app; the printed reports do not import Textual

        textual.content.divide_line = divide_line
