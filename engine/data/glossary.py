"""The names of things, from the catalogs: domain terms (context ``term``), decision titles (``decision``), the
withdrawal routes (``route``, ``route.short``) and relatives (``relative``) live in ``engine/locale/<lang>.po``;
parameter titles are in the catalog too (context ``param``), declared in engine/policy/params.toml.

The titles of trace steps are written here too, from the same catalog: a step records a rule id and typed
inputs (:class:`engine.core.trace.Step`), and its title is that rule's message filled from them.

Rules and views look their words up here so that the same thing is always called the same.
"""

from __future__ import annotations

from functools import lru_cache

from ..core.trace import Step
from ..core.values import jsonable
from . import i18n, params


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


def fact_text(value, lang: str = "zh") -> str:
    """A fact's value for the facts table: JSON's value, booleans and "none" in words of ``lang``."""
    value = jsonable(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return i18n.show(value, lang)
    if isinstance(value, list):
        return ", ".join(fact_text(v, lang) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}={fact_text(v, lang)}" for k, v in value.items())
    return str(value)


def decision_title(key: str, lang: str = "zh") -> str:
    """A decision's title (``gaps`` → 断缴 / Lapses)."""
    return i18n.text("decision", key, lang)


def step_text(step: Step, lang: str = "zh") -> str:
    """A trace step's title in ``lang``: the catalog's message ``step.rule``/``step.key`` filled from its inputs
    and result; a parameter's is ``参数 NAME（title）`` (context ``view``), a decision's its title."""
    rule = step.rule
    if rule.startswith("param:"):
        return param_step_text(rule[len("param:"):], lang)
    if rule.startswith("decision:"):
        return i18n.text("decision", rule[len("decision:"):], lang)
    return i18n.text(rule, step.key, lang, result=step.result, **step.inputs)


@lru_cache(maxsize=None)
def param_step_text(name: str, lang: str = "zh") -> str:
    """The title of the step that reads parameter ``name``: ``参数 NAME（title）`` (as :func:`params.title`, read
    once per parameter and language)."""
    own = params.title(name, lang)
    return i18n.text("view", "param.step" if own != name else "param.step_bare", lang, name=name, title=own)


def param_note(step: Step, lang: str = "zh") -> str | None:
    """A parameter's note from the policy data in ``lang``: the data carries a Chinese note and, where written, an
    English one (``note_en``), which every language but Chinese reads."""
    if i18n.data_lang(lang) != i18n.DEFAULT_LANG and step.inputs.get("note_en"):
        return step.inputs["note_en"]
    return step.inputs.get("note")


def param_step_title(step: Step, lang: str = "zh") -> str:
    """A parameter step's own name, without the word "parameter" the trace puts before it."""
    title = step_text(step, lang)
    for word in {i18n.text("view", "param.prefix", lang), i18n.text("view", "param.prefix", i18n.DEFAULT_LANG)}:
        title = title.removeprefix(word)
    return title
