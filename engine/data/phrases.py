"""Small helpers for putting catalog messages together, shared by the decisions.

``clauses(a, b, c)`` joins messages as one sentence of clauses (``a；b；c`` / ``a; b; c``) through the catalog's
``join``/``clauses`` message, so the separator is the reader's language's. ``in_langs(ctx, id)`` gives a message in
every bundled language, for the JSON facts that carry their words in both languages (kept as they always were);
``Named(ctx, code)`` is a code whose JSON names it so, written only when read.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from .i18n import Msg, msg, text


def _joined(id: str, kept: list) -> Any:
    """``kept`` joined by the catalog's two-part message ``join``/``id`` (``{a}；{b}``), halves first: a balanced
    tree of messages, as deep as the number of parts has binary digits (a chain as long as the list of a lifetime's
    periods would be too deep to put into words)."""
    if not kept:
        return ""
    if len(kept) == 1:
        return kept[0]
    half = len(kept) // 2
    return msg("join", id, a=_joined(id, kept[:half]), b=_joined(id, kept[half:]))


def clauses(*parts: Any) -> Any:
    """One message of clauses: empty parts dropped; ``clauses(a)`` is ``a`` itself."""
    return _joined("clauses", [p for p in parts if p not in (None, "")])


def in_langs(ctx: str, id: str = "title", **args: Any) -> dict[str, str]:
    """``{"zh": …, "en": …}``: a message in both bundled languages (for facts whose JSON carries both)."""
    return {lang: text(ctx, id, lang, **args) for lang in ("zh", "en")}


class Named(Struct, frozen=True):
    """A code with its name in each bundled language, put into words when read: in JSON ``{"code": c, "zh": …,
    "en": …}`` (the message ``ctx``/``code``), for facts whose JSON carries their words in both languages."""

    ctx: str
    code: str

    def plain(self) -> dict[str, str]:
        return {"code": self.code, **in_langs(self.ctx, self.code)}

    def __getitem__(self, key: str) -> str:
        return self.plain()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.plain().get(key, default)


def both(key: str, message: Msg) -> dict[str, str]:
    """``{key: Chinese, key + "_en": English}``: the JSON facts' old two-language pairs, from the catalog."""
    return {key: message.text("zh"), key + "_" + "en": message.text("en")}


def sentences(parts: Any, lang: str) -> str:
    """Sentences one after the other in ``lang`` (catalog ``join``/``sentences``: none between Chinese sentences,
    a space between English ones); None parts left out."""
    texts = [p.text(lang) for p in parts if p is not None]
    if not texts:
        return ""
    out = texts[-1]
    for part in reversed(texts[:-1]):
        out = text("join", "sentences", lang, a=part, b=out)
    return out


def concat(*parts: Any) -> Any:
    """Messages written one after the other (each part carries its own punctuation in each language)."""
    return _joined("concat", [p for p in parts if p not in (None, "")])


def alternatives(*parts: Any) -> Any:
    """Messages as alternatives: ``a、b、c`` / ``a or b or c``."""
    return _joined("or", [p for p in parts if p not in (None, "")])


def count_figure(facts: Any, lang: str, ctx: str) -> str:
    """A decision's key figure that counts its ``items`` (``2 次断缴`` / ``无断缴``): catalog ``ctx``, ids ``count``
    and ``none``; "" when the facts have no list of items."""
    items = facts.get("items")
    if not isinstance(items, list):
        return ""
    return text(ctx, "count", lang, n=len(items)) if items else text(ctx, "none", lang)
