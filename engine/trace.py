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
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterator

from .months import Month


@dataclass(frozen=True, slots=True)
class Source:
    """Where a rule comes from: a short title (law, article, seed file) and an address or file reference."""

    title: str
    ref: str | None = None

    def to_dict(self) -> dict:
        return {"title": self.title, "ref": self.ref}


class Step:
    """One node of the trace: a rule applied or rejected, a condition, or a parameter read."""

    __slots__ = ("rule", "title", "title_en", "inputs", "result", "passed", "source", "children")

    def __init__(self, rule: str, title: str, title_en: str | None = None, inputs: dict | None = None,
                 result: Any = None, passed: bool | None = None, source: Source | None = None):
        self.rule = rule
        self.title = title
        self.title_en = title_en or title
        self.inputs = inputs if inputs is not None else {}
        self.result = result
        self.passed = passed
        self.source = source
        self.children: list[Step] = []

    @property
    def is_param(self) -> bool:
        return self.rule.startswith("param:")

    @property
    def confidence(self) -> str | None:
        return self.inputs.get("confidence") if self.is_param else None

    def to_dict(self, lang: str = "zh") -> dict:
        return {
            "rule": self.rule,
            "title": self.title_en if lang == "en" else self.title,
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
    return value


def mark(passed: bool | None) -> str:
    return "✔" if passed is True else "✖" if passed is False else "·"


def short(value: Any) -> str:
    value = jsonable(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def step_line(step: Step, lang: str = "zh") -> str:
    """One readable line for a step: its mark, title, result, and for parameters where the value came from."""
    title = step.title_en if lang == "en" else step.title
    if step.is_param:
        i = step.inputs
        origin = "override" if i.get("overridden") else i.get("region")
        since = i.get("effective_from")
        since_txt = (f", from {since}" if lang == "en" else f"，自{since}") if since else ""
        return f"◆ {title} = {short(step.result)}  [{origin}{since_txt}, {i.get('confidence')}]"
    parts = [f"{mark(step.passed)} {title}"]
    if "expected" in step.inputs or "found" in step.inputs:
        exp, found = short(step.inputs.get("expected")), short(step.inputs.get("found"))
        parts.append(f"(expected {exp}, found {found})" if lang == "en" else f"（要求 {exp}，实际 {found}）")
    elif step.result is not None and not isinstance(step.result, (bool, dict)):  # a dict is said in the title
        parts.append(f"→ {short(step.result)}")
    return " ".join(parts)


def lines(steps: list[Step], lang: str = "zh", indent: int = 0, sources: bool = True) -> list[str]:
    """The indented text view of a trace."""
    out: list[str] = []
    for step in steps:
        pad = "  " * indent
        out.append(pad + step_line(step, lang))
        if sources and step.source is not None:
            ref = f" ({step.source.ref})" if step.source.ref else ""
            out.append(pad + "    " + ("source: " if lang == "en" else "来源：") + step.source.title + ref)
        out.extend(lines(step.children, lang, indent + 1, sources))
    return out


class Tracer:
    """Collects steps into a tree; ``step()`` opens a node that later records nest under."""

    __slots__ = ("root", "_stack")

    def __init__(self) -> None:
        self.root = Step("root", "root")
        self._stack = [self.root]

    @contextmanager
    def step(self, rule: str, title: str, title_en: str | None = None, source: Source | None = None,
             inputs: dict | None = None) -> Iterator[Step]:
        node = Step(rule, title, title_en, inputs, source=source)
        self._stack[-1].children.append(node)
        self._stack.append(node)
        try:
            yield node
        finally:
            self._stack.pop()

    def leaf(self, rule: str, title: str, title_en: str | None = None, inputs: dict | None = None,
             result: Any = None, passed: bool | None = None, source: Source | None = None) -> Step:
        node = Step(rule, title, title_en, inputs, result, passed, source)
        self._stack[-1].children.append(node)
        return node


def rule(rule_id: str, title: str, title_en: str, source: Source | None = None) -> Callable:
    """Decorate ``f(ctx, **inputs)``: each call opens a step with the inputs and records the result.

    A rule that returns a bool records it as ``passed`` too, so a rule considered but not applied shows
    ``passed: false`` without extra code.
    """

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(ctx, **inputs):
            with ctx.tracer.step(rule_id, title, title_en, source, dict(inputs)) as node:
                result = fn(ctx, **inputs)
                node.result = result
                if isinstance(result, bool):
                    node.passed = result
                return result

        run.rule_id = rule_id
        return run

    return wrap
