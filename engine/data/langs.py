"""The languages a reader may choose: one per message catalog (``engine/locale/<lang>.mo``), the default first,
and any added at run time with :func:`engine.data.i18n.register` (the tests' pseudo-language).

A message a catalog lacks is read in :data:`FALLBACK_LANG`. The data (names of places, the notes and summaries of
the policy files) is written in Chinese and in English: :func:`data_lang` says which of the two a reader reads.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_LANG = "zh"
#: the language whose message is read where another language's catalog lacks one
FALLBACK_LANG = "en"
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def _bundled() -> list[str]:
    """The languages of the catalogs in :data:`LOCALE_DIR`, the default first."""
    try:
        found = sorted(name[:-3] for name in os.listdir(LOCALE_DIR) if name.endswith(".mo"))
    except OSError:
        found = []
    return sorted(found, key=lambda lang: lang != DEFAULT_LANG)


#: the languages a reader may choose, the default first: one per catalog
LANGS: list[str] = _bundled()
#: catalogs added at run time: lang → path of its .mo file
_ADDED: dict[str, Path] = {}


def catalog_path(lang: str) -> Path:
    """Where the compiled catalog of ``lang`` is."""
    return _ADDED.get(lang) or LOCALE_DIR / f"{lang}.mo"


def is_added(lang: str) -> bool:
    """Whether ``lang``'s catalog was added at run time (not one of the package's)."""
    return lang in _ADDED


def add(lang: str, mo_path: str | os.PathLike) -> None:
    _ADDED[lang] = Path(mo_path)
    if lang not in LANGS:
        LANGS.append(lang)


def remove(lang: str) -> None:
    if _ADDED.pop(lang, None) is not None and lang in LANGS:
        LANGS.remove(lang)


def lang_of(lang: str | None) -> str:
    """A language code as given, or the default for anything not in :data:`LANGS`."""
    return lang if lang in LANGS else DEFAULT_LANG


def next_lang(lang: str) -> str:
    """The language after ``lang`` in :data:`LANGS` (the app's switch goes round them)."""
    lang = lang_of(lang)
    return LANGS[(LANGS.index(lang) + 1) % len(LANGS)]


def data_lang(lang: str | None) -> str:
    """Which of the data's two languages a reader of ``lang`` reads: the Chinese, or for every other language the
    English."""
    return DEFAULT_LANG if lang_of(lang) == DEFAULT_LANG else FALLBACK_LANG
