"""Line breaking for Chinese (标点禁则): a wrapped line does not begin with a closing mark.

Chinese has no spaces, so to the wrapper a sentence is one long word, folded at whatever character reaches the
edge; a line could begin with "，" or "。", which Chinese typesetting never does (GB/T 15834 and W3C's "Requirements
for Chinese Text Layout", §3.1.7: 行首禁则, marks such as ，。、；：？！ and closing brackets do not begin a line).
Where the fold would put such a mark first, the character before it goes down with it, and the rest of the
paragraph is wrapped again from there; an opening mark (（《「“) that would end a line goes down too (行尾禁则).
Nothing else changes: the words, the widths, and text with spaces.

:func:`install` gives this to the app's text (Textual's ``Content``) and to the text report's (Rich's ``Text``), which
both wrap with Rich's ``divide_line``.
"""

from __future__ import annotations

from rich._wrap import divide_line as _divide_line

#: the marks that do not begin a line: Chinese closing punctuation and brackets, and their ASCII counterparts
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}%")
#: the marks that do not end a line: opening brackets and quotes
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break ``text`` into lines of ``width`` cells (as Rich's ``divide_line``), no line beginning with
    one of :data:`NO_LINE_START` or ending with one of :data:`NO_LINE_END` where the characters around the break can
    go down together."""
    offsets = _divide_line(text, width, fold)
    i = 0
    while i < len(offsets):
        at = before = offsets[i]
        start = offsets[i - 1] if i else 0
        while at < len(text) and text[at] in NO_LINE_START and at - 1 > start and not text[at - 1].isspace():
            at -= 1
        while at - 1 > start and text[at - 1] in NO_LINE_END:
            at -= 1
        if at != before:
            offsets[i:] = [at] + [at + offset for offset in _divide_line(text[at:], width, fold)]
        i += 1
    return offsets


def install() -> None:
    """Wrap Rich's text, and Textual's when it is imported, with :func:`divide_line`."""
    import sys

    import rich.text

    rich.text.divide_line = divide_line
    if "textual" in sys.modules:
        import textual.content

        textual.content.divide_line = divide_line
