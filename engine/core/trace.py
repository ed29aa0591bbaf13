"""The trace that records itself (DESIGN.md, after OpenFisca's full tracer).

Rules never build trace steps by hand: a decision runs inside :meth:`Tracer.step`, every parameter is read
through the tracing lookup of :class:`engine.context.Context`, every condition goes through
:meth:`Context.check`, and functions decorated with :func:`rule` open a step with their keyword arguments as
inputs and their return value as result. One tree, several views: ``lines()`` for text, ``to_dict()`` for JSON,
and the app's tree widget walks the same ``Step`` objects.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from datetime import date
from typing import Any, Callable, Iterator

from msgspec import Struct

from ..data import i18n
from ..data.glossary import named_choice
from .months import Month


class Source(Struct, frozen=True):
    """Where a rule comes from: a short title (law, article, seed file) and an address or file reference."""

    title: str
    ref: str | None = None

    def to_dict(self) -> dict:
        return {"title": self.title, "ref": self.ref}


class Step:
    """One node of the trace: a rule applied or rejected, a condition, or a parameter read.

    A step records meaning: its rule id, typed inputs, result and outcome. Its title is written by the views from
    the catalog (context = the rule id, id = ``key``, placeholders filled from the inputs); a parameter's title is
    the parameter's (``参数 NAME（title）``, from contexts ``view`` and ``param``).
    """

    __slots__ = ("rule", "key", "inputs", "result", "passed", "source", "children")

    def __init__(self, rule: str, inputs: dict | None = None, result: Any = None, passed: bool | None = None,
                 source: Source | None = None, key: str = "title"):
        self.rule = rule
        self.key = key
        self.inputs = inputs if inputs is not None else {}
        self.result = result
        self.passed = passed
        self.source = source
        self.children: list[Step] = []

    def record(self) -> tuple:
        """What the step records, as nested tuples: equal for two traces that say the same (the app redraws an
        explanation only when its trace changed)."""
        return (self.rule, self.key, self.inputs, self.result, self.passed, self.source,
                tuple(child.record() for child in self.children))

    @property
    def is_param(self) -> bool:
        return self.rule.startswith("param:")

    @property
    def param_name(self) -> str:
        """The parameter a ``param:NAME`` step read (``medical.min_years.male``)."""
        return self.rule[len("param:"):]

    @property
    def confidence(self) -> str | None:
        return self.inputs.get("confidence") if self.is_param else None

    def text(self, lang: str = "zh") -> str:
        """The step's title in ``lang``."""
        if self.is_param:
            from ..data.params import title as param_own_title

            name = self.param_name
            own = param_own_title(name, lang)
            return i18n.text("view", "param.step" if own != name else "param.step_bare", lang, name=name, title=own)
        if self.rule.startswith("decision:"):
            return i18n.text("decision", self.rule[len("decision:"):], lang)
        return i18n.text(self.rule, self.key, lang, result=self.result, **self.inputs)

    @property
    def title(self) -> str:
        """The title in Chinese (for readers; the views call :meth:`text` with their language)."""
        return self.text("zh")

    @property
    def title_en(self) -> str:
        return self.text("en")

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "rule": self.rule,
            "title": self.text(lang),
            "inputs": {k: jsonable(v) for k, v in self.inputs.items()},
            "result": jsonable(self.result),
            "passed": self.passed,
            "source": self.source.to_dict() if self.source else None,
            "children": [c.to_dict(lang) for c in self.children],
        }

    def walk(self) -> Iterator["Step"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def __repr__(self) -> str:
        return f"Step({self.rule!r}, passed={self.passed!r}, result={self.result!r})"


_PLAIN = (str, int, float, bool, type(None))


def jsonable(value: Any) -> Any:
    """Months and dates become text, tuples become lists, everything else stays as it is."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is Month or isinstance(value, date):
        return str(value)
    if kind in (list, tuple):
        return [jsonable(v) for v in value]
    if kind is dict:
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "plain"):
        return jsonable(value.plain())
    return value


def mark(passed: bool | None) -> str:
    return "✔" if passed is True else "✖" if passed is False else "·"


#: the confidence words that ask the reader to check a figure locally (CONTRACT §6: unverified too)
VERIFY_CONFIDENCE = ("unverified", "seed", "assumed")


def short(value: Any, lang: str = "zh") -> str:
    """A value in a few words of ``lang``: typed values, months, booleans (是/否, yes/no), lists; cut at 60."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (list, tuple)):
        value = [short(v, lang) for v in value]
    text = i18n.show(value, lang)
    return text if len(text) <= 60 else text[:57] + "…"


def _view(id: str, lang: str, **args: Any) -> str:
    return i18n.text("view", id, lang, **args)


class StepView(Struct, frozen=True):
    """One step put into words of one language: what every view of a trace (text lines, Markdown, the Rich report,
    the app's tree) draws, so that "source", "verify" or a confidence word is worded once, in the catalog."""

    mark: str             # ◆ a parameter, ✔ holds, ✖ does not hold, · a note
    title: str
    result: str           # "= 3个月", "（要求 …，实际 …）", "→ …" or ""
    origin: str           # parameters: "[江苏省，自2022-01，官方]"; "" otherwise
    source: str | None    # "来源：title (ref)"
    note: str | None      # a parameter's note from the data, "说明：…"
    verify: bool          # a figure to check locally (seed, assumed, unverified, or unknown)
    user: bool            # the user's own figure ([policy_overrides])
    unknown: bool         # a parameter with no value here
    is_param: bool
    passed: bool | None
    confidence: str | None

    @property
    def line(self) -> str:
        """The one-line form: mark, title, result, and for a parameter where its value came from."""
        return " ".join(p for p in (self.mark, self.title, self.result, self.origin) if p)

    def flag(self, lang: str) -> str:
        """The word for the step's flag, or "": your value (an override) or verify locally."""
        if self.user:
            return _view("flag.user", lang)
        if self.verify:
            return _view("flag.verify", lang)
        return ""


def param_note(step: Step, lang: str = "zh") -> str | None:
    """A parameter's note from the policy data in ``lang``: the data carries a Chinese note and, where written, an
    English one (``note_en``), which every language but Chinese reads."""
    if i18n.lang_of(lang) != i18n.DEFAULT_LANG and step.inputs.get("note_en"):
        return step.inputs["note_en"]
    return step.inputs.get("note")


def param_title(step: Step, lang: str = "zh") -> str:
    """A parameter's own name, without the word "parameter" the trace puts before it."""
    title = step.text(lang)
    for word in {i18n.text("view", "param.prefix", lang), i18n.text("view", "param.prefix", i18n.DEFAULT_LANG)}:
        title = title.removeprefix(word)
    return title


def param_words(step: Step, lang: str = "zh") -> str:
    """A parameter step's title in words alone (女性延迟退休的起始出生月份), for a reader who needs no parameter
    ids (the app); its usual title, id included, where the parameter declares none."""
    from ..data.params import title

    name = step.param_name
    own = title(name, lang)
    return own if own != name else step.text(lang)


def view(step: Step, lang: str = "zh") -> StepView:
    """The neutral view of ``step`` in ``lang`` (see :class:`StepView`)."""
    lang = i18n.lang_of(lang)
    i = step.inputs
    source = None
    if step.source is not None:
        ref = _view("source.ref", lang, ref=step.source.ref) if step.source.ref else ""
        source = _view("source", lang, title=step.source.title, ref=ref)
    if step.is_param:
        conf = i.get("confidence")
        unknown = step.result is None
        user = bool(i.get("overridden")) or conf == "user"
        value = _view("unknown", lang) if unknown else (named_choice(step.result, lang) or short(step.result, lang))
        where = _view("override", lang) if i.get("overridden") else i18n.show(i18n.Region(i.get("region") or ""), lang)
        word = i18n.show(i18n.Term(conf), lang) if conf else "—"
        since = i.get("effective_from")
        origin = (_view("origin.since", lang, region=where, since=since, confidence=word) if since
                  else _view("origin", lang, region=where, confidence=word))
        raw_note = param_note(step, lang)
        return StepView("◆", step.text(lang), _view("param.value", lang, value=value), origin, source,
                        _view("note", lang, note=raw_note) if raw_note else None,
                        not user and (conf in VERIFY_CONFIDENCE or unknown), user, unknown, True, None, conf)
    result = ""
    if "expected" in i or "found" in i:
        result = _view("expected_found", lang, expected=short(i.get("expected"), lang),
                       found=short(i.get("found"), lang))
    elif step.result is not None and not isinstance(step.result, (bool, dict)):  # a dict is said in the title
        said = short(step.result, lang)
        result = _view("result", lang, result=said) if said else ""
    return StepView(mark(step.passed), step.text(lang), result, "", source, None, False, False, False, False,
                    step.passed, None)


def step_line(step: Step, lang: str = "zh") -> str:
    """One readable line for a step: its mark, title, result, and for parameters where the value came from."""
    return view(step, lang).line


def lines(steps: list[Step], lang: str = "zh", indent: int = 0, sources: bool = True) -> list[str]:
    """The indented text view of a trace."""
    out: list[str] = []
    for step in steps:
        pad = "  " * indent
        v = view(step, lang)
        out.append(pad + v.line)
        if sources and v.source is not None:
            out.append(pad + "    " + v.source)
        out.extend(lines(step.children, lang, indent + 1, sources))
    return out


class Tracer:
    """Collects steps into a tree; ``step()`` opens a node that later records nest under."""

    __slots__ = ("root", "_stack")

    def __init__(self) -> None:
        self.root = Step("root")
        self._stack = [self.root]

    @contextmanager
    def step(self, rule: str, source: Source | None = None, inputs: dict | None = None,
             key: str = "title") -> Iterator[Step]:
        node = Step(rule, inputs, source=source, key=key)
        self._stack[-1].children.append(node)
        self._stack.append(node)
        try:
            yield node
        finally:
            self._stack.pop()

    def leaf(self, rule: str, inputs: dict | None = None, result: Any = None, passed: bool | None = None,
             source: Source | None = None, key: str = "title") -> Step:
        node = Step(rule, inputs, result, passed, source, key)
        self._stack[-1].children.append(node)
        return node


def rule(rule_id: str, source: Source | None = None) -> Callable:
    """Decorate ``f(ctx, **inputs)``: each call opens a step with the inputs and records the result.

    A rule that returns a bool records it as ``passed`` too, so a rule considered but not applied shows
    ``passed: false`` without extra code.
    """

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(ctx, **inputs):
            with ctx.tracer.step(rule_id, source, dict(inputs)) as node:
                result = fn(ctx, **inputs)
                node.result = result
                if isinstance(result, bool):
                    node.passed = result
                return result

        run.rule_id = rule_id
        return run

    return wrap
