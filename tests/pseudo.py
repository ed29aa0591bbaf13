"""A pseudo-language for the tests: the English catalog with every message wrapped in ⟦…⟧, its letters accented
and any Chinese character in it replaced by ¤ (placeholders, plural forms and line breaks kept), compiled with
Babel into a folder of the test's and registered with :func:`engine.data.i18n.register` under the code ``xx``.

Whatever such a run shows that is neither marked nor the person's own data was not read from the catalogs.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from engine.data import i18n

LOCALE = Path(__file__).resolve().parent.parent / "engine" / "locale"
PSEUDO = "xx"
#: Chinese characters and the full-width punctuation that goes with them
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçđéƒĝĥíĵķĺḿńóṕʠŕšťúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹḾŃÓṔɊŔŠŤÚṼŴẊÝŽ"
_ACCENT = str.maketrans(_LETTERS, _ACCENTED)
#: the letters of the pseudo-language (any one of them in a text says a message of it was shown)
MARKS = re.compile("[⟦⟧" + _ACCENTED + "]")


def _literal(text: str) -> str:
    text = CJK.sub("¤", text.translate(_ACCENT))
    return text.replace("{", "{{").replace("}", "}}")


def pseudo_text(template: str) -> str:
    """One message of the pseudo-language: ``"{n} years"`` → ``"⟦{n} ýéáŕš⟧"``."""
    out = []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        out.append(_literal(literal))
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "⟦" + "".join(out) + "⟧"


def build(folder: Path, leave_out: set[tuple[str, str]] = frozenset()) -> Path:
    """The pseudo-language's compiled catalog in ``folder`` (messages ``leave_out`` left out); its path."""
    with open(LOCALE / "en.po", "rb") as fh:
        source = read_po(fh, locale="en")
    cat = Catalog(locale="en", domain="messages")
    for m in source:
        if not m.id:
            continue
        mid = m.id[0] if isinstance(m.id, (tuple, list)) else m.id
        if (m.context, mid) in leave_out:
            continue
        if isinstance(m.string, (tuple, list)):
            cat.add(m.id, tuple(pseudo_text(f) for f in m.string), context=m.context)
        else:
            cat.add(m.id, pseudo_text(m.string), context=m.context)
    path = folder / f"{PSEUDO}.mo"
    with open(path, "wb") as fh:
        write_mo(fh, cat)
    return path


def register(folder: Path, leave_out: set[tuple[str, str]] = frozenset()) -> str:
    """Build the pseudo-language in ``folder`` and make it a language of this run; its code."""
    i18n.register(PSEUDO, build(folder, leave_out))
    return PSEUDO


def unregister() -> None:
    i18n.unregister(PSEUDO)
