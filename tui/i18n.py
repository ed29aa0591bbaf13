"""Every label of the app, from the catalogs (context ``app`` in ``engine/locale/<lang>.po``). Domain terms are in
the catalog's context ``term`` (engine.words.term)."""

from __future__ import annotations

from engine import words as i18n


def t(key: str, lang: str = "zh") -> str:
    """The label for ``key`` in ``lang``, as written in the catalog (a label with ``{v}`` is filled by the caller);
    a key the catalog lacks shows itself so that a missing label is visible (and raises under YIBAO_I18N_STRICT)."""
    lang = i18n.lang_of(lang)
    if not i18n.has("app", key, lang):
        if i18n.STRICT:
            raise i18n.MissingMessage(f"{lang}: no label {key!r}")
        return key
    return i18n.raw("app", key, lang)


def is_label(key: str) -> bool:
    return isinstance(key, str) and i18n.has("app", key, i18n.DEFAULT_LANG)
