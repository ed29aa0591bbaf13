"""The names of things, from the catalogs: domain terms (context ``term``), decision titles (``decision``), the
withdrawal routes (``route``, ``route.short``) and relatives (``relative``) live in ``engine/locale/<lang>.po``;
parameter titles are in the catalog too (context ``param``), declared in engine/policy/params.toml.

Rules and views look their words up here so that the same thing is always called the same.
"""

from . import i18n


def term(key: str, lang: str = "zh") -> str:
    """A code's name (``employee_medical`` → 职工医保 / employee medical); an unknown code shows itself."""
    lang = i18n.lang_of(lang)
    return i18n.text("term", key, lang) if i18n.has("term", key, lang) else key


def named_choice(value, lang: str = "zh") -> str | None:
    """A text value that is a code the catalog names (``city`` → 本市（统筹地区）内), in words; None otherwise (the
    views then show the value itself)."""
    if isinstance(value, str) and i18n.has("term", value, i18n.lang_of(lang)):
        return i18n.text("term", value, lang)
    return None


def decision_title(key: str, lang: str = "zh") -> str:
    """A decision's title (``gaps`` → 断缴 / Lapses)."""
    return i18n.text("decision", key, lang)
