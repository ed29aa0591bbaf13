"""The trace that records itself, after OpenFisca's full tracer: its records.

Rules never build trace steps by hand: a decision runs inside :meth:`Tracer.step`, every parameter is read
through the tracing lookup of :class:`engine.rules.context.Context`, every condition goes through
:meth:`Context.check`, and functions decorated with :func:`rule` open a step with their keyword arguments as
inputs and their return value as result.

One tree, several views. The records here hold meaning only (a rule id, typed inputs, a result, a source), as
OpenFisca keeps its trace records apart from their views: a step's words come from the catalogs
(:func:`engine.data.glossary.step_text`), its JSON from :func:`engine.rules.outcome.step_dict`, its text lines and
the app's tree from :mod:`engine.words.trace`.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Iterator

from msgspec import Struct, field


class Source(Struct, frozen=True):
    """Where a rule comes from: a short title (the document: law, 文号, article, seed file), its address (the
    official one where there is one) and, where another page was actually read (a mirror, a compilation), that
    page."""

    title: str
    ref: str | None = None
    read_at: str | None = None
    title_en: str | None = None  # the document's English title, shown in English with the original after it

    def to_dict(self) -> dict:
        out = {"title": self.title, "ref": self.ref}
        if self.read_at:
            out["read_at"] = self.read_at
        return out


class Step(Struct):
    """One node of the trace: a rule applied or rejected, a condition, or a parameter read.

    A step records meaning: its rule id, typed inputs, result and outcome. Its title is the catalog's message
    (context = the rule id, id = ``key``, placeholders filled from the inputs); a parameter's title is the
    parameter's (``参数 NAME（title）``): see :func:`engine.data.glossary.step_text`. Two steps are equal when they
    record the same.
    """

    rule: str
    inputs: dict = field(default_factory=dict)
    result: Any = None
    passed: bool | None = None
    source: Source | None = None
    key: str = "title"
    children: list["Step"] = field(default_factory=list)

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

    def walk(self) -> Iterator["Step"]:
        """This step and every step under it, depth first, each before its children."""
        stack = [self]
        while stack:
            step = stack.pop()
            yield step
            if step.children:
                stack.extend(reversed(step.children))

    def __repr__(self) -> str:
        return f"Step({self.rule!r}, passed={self.passed!r}, result={self.result!r})"


def param_steps(steps: Iterable[Step]) -> Iterator[Step]:
    """Every parameter read among ``steps`` and the steps under them, in the order of the trace (as ``walk``)."""
    stack = list(steps)
    stack.reverse()
    while stack:
        step = stack.pop()
        if step.rule.startswith("param:"):
            yield step
        if step.children:
            stack.extend(reversed(step.children))


class OpenStep(Struct):
    """A step being recorded (what :meth:`Tracer.step` gives): entered, it joins the tree and the records made
    until it is left nest under it."""

    stack: list[Step]
    node: Step

    def __enter__(self) -> Step:
        self.stack[-1].children.append(self.node)
        self.stack.append(self.node)
        return self.node

    def __exit__(self, *exc: object) -> None:
        self.stack.pop()


class Tracer:
    """Collects steps into a tree; ``step()`` opens a node that later records nest under."""

    __slots__ = ("root", "open")

    def __init__(self) -> None:
        self.root = Step("root")
        #: the steps open now, the innermost last: a record made now joins the last one's children
        self.open: list[Step] = [self.root]

    def step(self, rule: str, source: Source | None = None, inputs: dict | None = None,
             key: str = "title") -> OpenStep:
        """``with tracer.step(rule) as node:`` records made inside nest under ``node``."""
        return OpenStep(self.open, Step(rule, inputs if inputs is not None else {}, source=source, key=key))

    def leaf(self, rule: str, inputs: dict | None = None, result: Any = None, passed: bool | None = None,
             source: Source | None = None, key: str = "title") -> Step:
        node = Step(rule, inputs if inputs is not None else {}, result, passed, source, key)
        self.open[-1].children.append(node)
        return node


def rule(rule_id: str, source: Source | None = None) -> Callable:
    """Decorate ``f(ctx, **inputs)``: each call opens a step with the inputs and records the result.

    A rule that returns a bool records it as ``passed`` too, so a rule considered but not applied shows
    ``passed: false`` without extra code.
    """

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(ctx, **inputs):
            with ctx.tracer.step(rule_id, source, inputs) as node:  # this call's own keyword arguments
                result = fn(ctx, **inputs)
                node.result = result
                if isinstance(result, bool):
                    node.passed = result
                return result

        run.rule_id = rule_id
        return run

    return wrap
